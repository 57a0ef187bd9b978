"""Hybrid search: semantic (Chroma, or numpy over a small candidate set) + keyword (FTS5), fused by RRF.

Filters never reach Chroma: a metadata-filtered Chroma query costs 35x an
unfiltered one at 100k vectors. The filters resolve in SQLite to a candidate
count first; then
- few candidates (or, in a process whose Chroma client is not open yet, up to
  COLD_NUMPY_MAX): their stored vectors are scored directly with numpy;
- many: Chroma is queried unfiltered with a larger k and the hits post-filtered.

Interviewer lines rank below participant speech of the same relevance (their
fused score is scaled by ROLE_WEIGHT): the interviewer's words are not evidence.
"""

from __future__ import annotations

import logging
import math
import sqlite3
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from synth.index.fusion import rrf
from synth.index.hits import SearchHit
from synth.index.keyword import Filters, KeywordStore
from synth.index.rwlock import index_lock

if TYPE_CHECKING:
    import numpy as np

    from synth.workspace import Workspace

log = logging.getLogger(__name__)

NUMPY_MAX = 3_000
"""Up to this many candidates, score stored vectors with numpy instead of asking Chroma."""
COLD_NUMPY_MAX = 10_000
"""Up to this many candidates, score stored vectors with numpy when this process has no Chroma
client open yet (every CLI search). Measured with `python -m bench.bench_search --crossover`
(cold unfiltered query in a fresh process, chromadb not yet imported; RESULTS.md), load ~17 on
2 vCPUs, median of 3: 5,000 chunks numpy 94 ms vs Chroma 591 ms; 20,000: 1.90 s vs 1.83 s;
50,000: 2.00 s vs 3.03 s. Chroma's cost is mostly fixed (import, client, HNSW load) and numpy's
grows with the vectors read from SQLite; on that noisy machine they tie near 20k, so 10k keeps
numpy clearly on the winning side (a warm process with Chroma open uses it above NUMPY_MAX)."""
ROLE_WEIGHT = {"interviewer": 0.8, "unknown": 0.9}
"""Fused-score factor by role: an interviewer line needs clearly better ranks to beat a participant's."""
MAX_OVERFETCH = 2_000
"""First Chroma k for a post-filtered query; grows if too few neighbours pass the filter."""


def depth(k: int) -> int:
    """How deep each ranked list goes before fusion."""
    return max(3 * k, 30)


def semantic_ranked(
    ws: Workspace,
    store: KeywordStore,
    conn: sqlite3.Connection,
    vector: np.ndarray,
    filters: Filters,
    kind: str,
    total: int,
    candidates: int,
    n: int,
    generation: str,
) -> list[str]:
    """Ids nearest to `vector` among the `candidates` docs of `kind` that pass the filters, best first."""
    if candidates == 0:
        return []
    if candidates <= NUMPY_MAX or (candidates <= COLD_NUMPY_MAX and not _chroma_warm(ws, generation)):
        return _numpy_ranked(store, conn, vector, filters, kind, n)
    fetch = n if candidates == total else min(MAX_OVERFETCH, math.ceil(n * total / candidates * 2))
    while True:
        try:
            hits = _chroma_ranked(ws, vector, kind, min(fetch, total), generation)
        except Exception as exc:
            # A damaged or half-written vector store must not break search: SQLite has every vector.
            from synth.index import chroma_store

            log.warning("vector store query failed (%s); scoring stored vectors instead", exc)
            chroma_store.drop_reader(ws)
            return _numpy_ranked(store, conn, vector, filters, kind, n)
        if candidates == total:
            return hits[:n]
        keep = store.keep(conn, hits, filters, kind)
        kept = [h for h in hits if h in keep]
        if len(kept) >= min(n, candidates) or fetch >= total:
            return kept[:n]
        fetch *= 4  # the filter is rarer among these neighbours than overall: look further


def _chroma_warm(ws: Workspace, generation: str) -> bool:
    """True when this process already has a Chroma read client for the current index."""
    import sys

    module = sys.modules.get("synth.index.chroma_store")  # never imported: certainly cold
    return bool(module is not None and module.is_warm(ws, generation))


def _chroma_ranked(ws: Workspace, vector: np.ndarray, kind: str, n: int, generation: str) -> list[str]:
    from synth.index import chroma_store

    col = chroma_store.reader_collection(ws, kind, generation)
    if col is None:
        raise LookupError(f"no {kind} collection")
    return [doc_id for doc_id, _ in chroma_store.query(col, vector, n)]


def _numpy_ranked(
    store: KeywordStore, conn: sqlite3.Connection, vector: np.ndarray, filters: Filters, kind: str, n: int
) -> list[str]:
    import numpy as np

    rids, mat = store.vectors(conn, filters, kind)
    if not rids:
        return []
    # einsum, not `@`: BLAS wakes its thread pool for this and that costs milliseconds on a busy machine.
    sims = np.einsum("ij,j->i", mat, vector.astype(np.float32))
    top = np.argsort(-sims, kind="stable")[:n]
    return store.ids_of(conn, [rids[i] for i in top])


def search_docs(
    ws: Workspace,
    query: str,
    vector: np.ndarray | Callable[[], np.ndarray] | None,
    filters: Filters,
    k: int = 10,
) -> list[SearchHit]:
    """The search itself, given the query's vector (None: keyword only).

    `vector` may be a function returning it (e.g. a future's `result`): it is called only
    after the keyword side is done, so embedding the query overlaps the SQLite work.
    """
    from synth.index.writer import keyword_store

    store = keyword_store(ws)
    n = depth(k)
    with index_lock(ws.derived_dir / "index.lock", exclusive=False), store.connect() as conn:
        counts = store.counts(conn)
        generation = store.generation(conn)
        ranked: dict[str, list[str]] = {}
        sizes: dict[str, tuple[int, int]] = {}
        for kind in filters.kinds:
            total = counts.get(kind, 0)
            if not total:
                continue
            candidates = store.count(conn, filters, kind) if (filters.narrows() or kind == "insight") else total
            sizes[kind] = (total, candidates)
            ranked[f"keyword:{kind}"] = store.keyword(conn, query, filters, kind, n, candidates)
        if vector is not None and sizes:
            vec = vector() if callable(vector) else vector
            for kind, (total, candidates) in sizes.items():
                ranked[f"semantic:{kind}"] = semantic_ranked(
                    ws, store, conn, vec, filters, kind, total, candidates, n, generation
                )
        roles = store.roles(conn, list({d for ids in ranked.values() for d in ids}))
        weights = {d: ROLE_WEIGHT[r] for d, r in roles.items() if r in ROLE_WEIGHT}
        fused = rrf(ranked, weights=weights)[:k]
        rows = store.rows(conn, [doc_id for doc_id, _, _ in fused])
    hits = []
    for doc_id, score, ranks in fused:
        row = rows.get(doc_id)
        if row is None:
            continue
        hits.append(_hit(row, score, ranks))
    return hits


def _hit(row: dict[str, Any], score: float, ranks: dict[str, int]) -> SearchHit:
    sem = next((r for name, r in ranks.items() if name.startswith("semantic:")), None)
    kw = next((r for name, r in ranks.items() if name.startswith("keyword:")), None)
    data = {k: v for k, v in row.items() if k != "body"}
    data["date"] = date.fromisoformat(row["date"]) if row["date"] else None
    data["interview_id"] = row["interview_id"] or None
    for key in ("insight_id", "insight_kind", "review"):
        data[key] = row[key] or None
    return SearchHit(score=score, semantic_rank=sem, keyword_rank=kw, **data)
