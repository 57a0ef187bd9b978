"""A workspace of N generated interviews: ingest peak memory, open, search and draft times.

`python -m bench scale` (= `python -m bench.bench_scale --interviews 1000`). Peak memory is
the ingest process's max RSS; the baseline is the same process's RSS after importing Synth and
loading the embedding model, measured in the same run, so the ratio is what Synth's own work adds.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAINS = [
    "chasing clients for bank statements takes {h} hours every month",
    "we track missing receipts in a spreadsheet with {n} tabs",
    "the close slips to day {d} whenever one client goes quiet",
    "we pay {p} dollars a month for an app nobody opens",
    "clients answer a text message faster than any portal",
    "the partners sign the invoice but the bookkeepers choose the tools",
]


def generate(folder: Path, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        name = f"Person{i}"
        lines = []
        for _ in range(3):
            pain = rng.choice(PAINS).format(h=rng.randint(2, 9), n=rng.randint(3, 40), d=rng.randint(6, 15), p=rng.randint(20, 90))
            lines.append("Founder: Tell me about the last time that happened?")
            lines.append(f"{name}: Honestly, {pain}. Last month it was {rng.randint(2, 12)} clients.")
        (folder / f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}-{name.lower()}.txt").write_text("\n".join(lines) + "\n")


def ingest_child(ws_dir: str, folder: str) -> None:
    """Runs in its own process so ru_maxrss is ingest's own peak."""
    from synth.embed import get_embedder
    from synth.ingest import ingest_paths
    from synth.workspace import Workspace

    ws = Workspace.open(ws_dir)
    get_embedder(ws.config.embedding).embed(["warm up"])
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    results = ingest_paths(ws, [Path(folder)])
    secs = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    ok = sum(r.status == "imported" for r in results)
    print(json.dumps({"imported": ok, "seconds": secs, "baseline_mb": base / 1024, "peak_mb": peak / 1024}))


def run(n: int, root: Path) -> dict[str, float]:
    from synth.demo import run_loop  # noqa: F401  (same code path as the demo)
    from synth.extract import extract_interviews
    from synth.index import search
    from synth.strategy import make_draft, save_draft
    from synth.workspace import Workspace

    folder = root / "transcripts"
    generate(folder, n)
    Workspace.create(root / "ws")
    proc = subprocess.run(
        [sys.executable, "-m", "bench.bench_scale", "--child", str(root / "ws"), str(folder)],
        capture_output=True, text=True, check=True,
    )
    out: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    t = time.perf_counter()
    ws = Workspace.open(root / "ws")
    out["open_s"] = time.perf_counter() - t
    t = time.perf_counter()
    out["loaded_interviews"] = len(ws.interviews())
    out["load_all_s"] = time.perf_counter() - t
    t = time.perf_counter()
    extract_interviews(ws, all_=True)
    out["extract_s"] = time.perf_counter() - t
    out["insights"] = len(ws.insights())
    times = []
    for q in ("bank statements", "spreadsheet tabs", "nobody opens the app", "day twelve"):
        t = time.perf_counter()
        hits = search(ws, q, k=10, speaker="participant")
        times.append(time.perf_counter() - t)
        assert hits, q
    out["search_median_s"] = sorted(times)[len(times) // 2]
    t = time.perf_counter()
    draft = make_draft(ws)
    save_draft(ws, draft)
    out["draft_s"] = time.perf_counter() - t
    out["draft_claims"] = len(draft.claims)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--interviews", type=int, default=1000)
    ap.add_argument("--child", nargs=2)
    args = ap.parse_args()
    if args.child:
        ingest_child(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = run(args.interviews, Path(tmp))
    out["peak_over_baseline"] = out["peak_mb"] / out["baseline_mb"]
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in out.items()}, indent=2))


if __name__ == "__main__":
    main()
