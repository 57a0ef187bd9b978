"""Search latency on synthetic 10k / 100k-chunk indexes, against Chroma's own filtered query.

    python -m bench.bench_search [--sizes 10000,100000] [--queries 60] [--dir /tmp/synth-bench]

For each filter (none, speaker, interview, segment, date) it times, in the
same process and run:
- Synth hybrid search (keyword + semantic + fusion + row fetch), k=10;
- its semantic part alone (filters resolved in SQLite, then numpy over the
  candidates' stored vectors or Chroma unfiltered with a larger k and a post-filter);
- its keyword part alone (FTS5 bm25 joined with the metadata filter);
- the baseline: Chroma `collection.query(where=...)`, k=10, on the same collection;
and recall@10 of both semantic routes against exact brute force over the
filtered vectors. "Cold" is the first query of a fresh process (client open,
index load), measured inside that process after its imports.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from bench.synthetic import Synthetic, build
from synth.index import chroma_store, hybrid
from synth.index.keyword import Filters
from synth.index.writer import keyword_store
from synth.workspace import Workspace

K = 10


def _filters(spec: dict[str, Any]) -> Filters:
    kw = dict(spec)
    if "since" in kw:
        kw["since"] = date.fromisoformat(kw["since"])
    return Filters(kinds=("chunk",), **kw)


def _pct(times: list[float]) -> dict[str, float]:
    ms = np.array(times) * 1000
    return {"p50": round(float(np.percentile(ms, 50)), 2), "p95": round(float(np.percentile(ms, 95)), 2)}


def _timed(fn: Any, args: list[Any], warmup: int = 3) -> tuple[dict[str, float], list[Any]]:
    for a in args[:warmup]:
        fn(a)
    times, outs = [], []
    for a in args:
        t = time.perf_counter()
        outs.append(fn(a))
        times.append(time.perf_counter() - t)
    return _pct(times), outs


def _collection(ws: Workspace) -> Any:
    store = keyword_store(ws)
    with store.connect() as conn:
        gen = store.generation(conn)
    return chroma_store.collection(chroma_store.reader(ws, gen), ws, "chunk", create=False)


def _recall(found: list[list[str]], exact: list[list[str]]) -> float:
    hits = sum(len(set(f[:K]) & set(e[:K])) for f, e in zip(found, exact, strict=True))
    total = sum(min(K, len(e)) for e in exact)
    return round(hits / total, 3) if total else 1.0


def measure(ws: Workspace, syn: Synthetic, n_queries: int, root: Path, cold_reps: int) -> list[dict[str, Any]]:
    texts, vecs = syn.queries(n_queries)
    col = _collection(ws)
    store = keyword_store(ws)
    rows = []
    for name, spec in syn.filters().items():
        f = _filters(spec["ours"])
        with store.connect() as conn:
            candidates = store.count(conn, f, "chunk")
            rids, mat = store.vectors(conn, f, "chunk")
            exact = [store.ids_of(conn, [rids[i] for i in np.argsort(-(mat @ v))[:K]]) for v in vecs]
        del mat
        idx = list(range(n_queries))
        hybrid_t, _ = _timed(lambda i, f=f: hybrid.search_docs(ws, texts[i], vecs[i], f, K), idx)
        # Recall is of the nearest neighbours themselves: the role weighting that ranks interviewer
        # lines below participant speech (hybrid.ROLE_WEIGHT) is off for this pass.
        weights, hybrid.ROLE_WEIGHT = hybrid.ROLE_WEIGHT, {}
        try:
            sem_t, sem = _timed(lambda i, f=f: [h.id for h in hybrid.search_docs(ws, "", vecs[i], f, K)], idx)
        finally:
            hybrid.ROLE_WEIGHT = weights
        kw_t, _ = _timed(lambda i, f=f: hybrid.search_docs(ws, texts[i], None, f, K), idx)
        where = spec["where"]
        base_t, base = _timed(
            lambda i, w=where: col.query(query_embeddings=[vecs[i]], n_results=K, where=w, include=[])["ids"][0], idx
        )
        if candidates == syn.n:
            route = "chroma"
        elif candidates <= hybrid.NUMPY_MAX:
            route = "numpy"
        else:
            route = "chroma+postfilter"
        rows.append(
            {
                "n": syn.n, "filter": name, "candidates": candidates, "route": route,
                "hybrid": hybrid_t, "semantic": sem_t, "keyword": kw_t, "chroma_filtered": base_t,
                "speedup_p50": round(base_t["p50"] / sem_t["p50"], 1),
                "recall_ours": _recall(sem, exact), "recall_chroma": _recall(base, exact),
                "cold_ours": _cold(root, syn.n, name, "ours", cold_reps),
                "cold_chroma": _cold(root, syn.n, name, "chroma", cold_reps),
            }
        )  # fmt: skip
        print(f"  {syn.n:,} {name}: {rows[-1]}", file=sys.stderr)
    return rows


def _cold(root: Path, n: int, filter_name: str, system: str, reps: int) -> float:
    times = []
    for rep in range(reps):
        cmd = [sys.executable, "-m", "bench.bench_search", "--probe", system, "--dir", str(root.parent),
               "--sizes", str(n), "--filter", filter_name, "--rep", str(rep)]  # fmt: skip
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=Path(__file__).parents[1])
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return round(float(np.median(times)) * 1000, 1)


def probe(root: Path, n: int, filter_name: str, system: str, rep: int) -> float:
    """One cold query in this fresh process; imports are done before the clock starts."""
    import chromadb
    from chromadb.config import Settings

    ws = Workspace.open(root / "ws")
    _ = ws.config
    syn = Synthetic(n)
    texts, vecs = syn.queries(rep + 1, seed=2000)
    spec = syn.filters()[filter_name]
    t = time.perf_counter()
    if system == "ours":
        hybrid.search_docs(ws, texts[rep], vecs[rep], _filters(spec["ours"]), K)
    else:
        client = chromadb.PersistentClient(path=str(ws.derived_dir / "chroma"), settings=Settings(anonymized_telemetry=False))
        client.get_collection("synth_chunks").query(query_embeddings=[vecs[rep]], n_results=K, where=spec["where"])
    return time.perf_counter() - t


def probe_route(root: Path, n: int, route: str, rep: int) -> float:
    """One cold unfiltered semantic query in a fresh process, through one route, chromadb NOT
    imported beforehand (as in a CLI search): what `hybrid.COLD_NUMPY_MAX` trades off."""
    ws = Workspace.open(root / "ws")
    _ = ws.config
    syn = Synthetic(n)
    texts, vecs = syn.queries(rep + 1, seed=3000)
    hybrid.COLD_NUMPY_MAX = 10**9 if route == "numpy" else 0
    hybrid.NUMPY_MAX = 0 if route == "chroma" else hybrid.NUMPY_MAX
    t = time.perf_counter()
    hybrid.search_docs(ws, texts[rep], vecs[rep], Filters(kinds=("chunk",)), K)
    return time.perf_counter() - t


def crossover(sizes: list[int], base: Path, reps: int) -> list[dict[str, Any]]:
    rows = []
    for n in sizes:
        build(base / f"n{n}", n)
        got: dict[str, Any] = {"chunks": n}
        for route in ("numpy", "chroma"):
            times = []
            for rep in range(reps):
                cmd = [sys.executable, "-m", "bench.bench_search", "--route", route, "--dir", str(base),
                       "--sizes", str(n), "--rep", str(rep)]  # fmt: skip
                out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=Path(__file__).parents[1])
                times.append(float(out.stdout.strip().splitlines()[-1]))
            got[route] = round(float(np.median(times)) * 1000, 1)
        rows.append(got)
        print(f"cold unfiltered query at {n:,} chunks: numpy over SQLite vectors {got['numpy']} ms, "
              f"Chroma (import + open + HNSW load + query) {got['chroma']} ms", flush=True)
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    head = (
        "| chunks | filter | candidates | route | Synth hybrid p50 / p95 | Synth semantic p50 / p95 | keyword p50 / p95 "
        "| Chroma filtered p50 / p95 | speed-up (p50) | recall@10 Synth / Chroma | cold Synth / Chroma |\n"
        "|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    lines = []
    for r in rows:
        def pp(key: str, r: dict[str, Any] = r) -> str:
            return f"{r[key]['p50']} / {r[key]['p95']}"

        lines.append(
            f"| {r['n']:,} | {r['filter']} | {r['candidates']:,} | {r['route']} | {pp('hybrid')} | {pp('semantic')} "
            f"| {pp('keyword')} | {pp('chroma_filtered')} | {r['speedup_p50']}x | {r['recall_ours']} / {r['recall_chroma']} "
            f"| {r['cold_ours']} / {r['cold_chroma']} |"
        )
    return head + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_search", description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--queries", type=int, default=60)
    ap.add_argument("--cold-reps", type=int, default=3)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/synth-bench-search"))
    ap.add_argument("--probe", choices=["ours", "chroma"], help=argparse.SUPPRESS)
    ap.add_argument("--filter", help=argparse.SUPPRESS)
    ap.add_argument("--rep", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--route", choices=["numpy", "chroma"], help=argparse.SUPPRESS)
    ap.add_argument("--crossover", action="store_true",
                    help="cold unfiltered query, numpy route against Chroma route, per size (sets COLD_NUMPY_MAX)")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.route:
        print(probe_route(args.dir / f"n{sizes[0]}", sizes[0], args.route, args.rep))
        return 0
    if args.crossover:
        print(json.dumps(crossover(sizes, args.dir, args.cold_reps)))
        return 0
    if args.probe:
        print(probe(args.dir / f"n{sizes[0]}", sizes[0], args.filter, args.probe, args.rep))
        return 0
    rows: list[dict[str, Any]] = []
    for n in sizes:
        root = args.dir / f"n{n}"
        t = time.perf_counter()
        ws = build(root, n)
        print(f"index of {n:,} chunks ready in {time.perf_counter() - t:.0f} s", file=sys.stderr)
        rows.extend(measure(ws, Synthetic(n), args.queries, root, args.cold_reps))
    print(table(rows))
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
