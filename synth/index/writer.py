"""Writing the index: every write under the workspace lock and the exclusive index lock.

SQLite and Chroma are written in one step per batch: the SQLite transaction
commits only after Chroma accepted the batch, then the write generation is
bumped so readers in other processes reopen their Chroma client.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from synth.errors import UserError
from synth.index.documents import IndexDoc, chunk_docs, hypothesis_doc, insight_doc
from synth.index.keyword import KeywordStore
from synth.index.rwlock import index_lock

if TYPE_CHECKING:
    import numpy as np

    from synth.models import Hypothesis, Insight, InsightSet, Interview
    from synth.workspace import Workspace


def keyword_store(ws: Workspace) -> KeywordStore:
    return KeywordStore(ws.derived_dir / "index.sqlite")


def model_name(ws: Workspace) -> str:
    from synth.embed import get_embedder

    return get_embedder(ws.config.embedding).name


def check_model(ws: Workspace, store: KeywordStore, conn: sqlite3.Connection) -> None:
    """Refuse to mix vectors of two models: the index records the one that built it."""
    built = store.get_meta(conn, "embedding_model")
    wanted = model_name(ws)
    if built and built != wanted and store.counts(conn):
        raise UserError(
            f"the search index was built with embedding model {built!r} but the workspace now uses "
            f"{wanted!r}; run `synth reindex` to rebuild it",
            path=ws.derived_dir,
        )


def embed(ws: Workspace, docs: list[IndexDoc]) -> np.ndarray:
    from synth.embed import get_embedder

    return get_embedder(ws.config.embedding).embed([d.body for d in docs])


def write_docs(
    ws: Workspace,
    docs: list[IndexDoc],
    vectors: np.ndarray,
    *,
    replace: tuple[str, Sequence[object]] | None = None,
    model: str | None = None,
) -> None:
    """Upsert docs (and first delete the docs matching `replace`, a SQL condition) in one batch."""
    from synth.index import chroma_store

    store = keyword_store(ws)
    with ws.locked(), index_lock(ws.derived_dir / "index.lock", exclusive=True), store.connect() as conn:
        if model is None:
            check_model(ws, store, conn)
        conn.execute("BEGIN IMMEDIATE")
        try:
            store.set_meta(conn, "embedding_model", model or model_name(ws))
            stale: list[tuple[str, str]] = []
            if replace is not None:
                stale = store.ids_where(conn, *replace)
                store.delete_where(conn, *replace)
            if docs:
                store.upsert(conn, docs, vectors)
            with chroma_store.writer(ws) as client:
                new_ids = {d.id for d in docs}
                for kind in {k for _, k in stale}:
                    gone = [i for i, k in stale if k == kind and i not in new_ids]
                    col = chroma_store.collection(client, ws, kind, create=False)
                    if col is not None and gone:
                        chroma_store.delete(col, gone)
                for kind in {d.kind for d in docs}:
                    idx = [i for i, d in enumerate(docs) if d.kind == kind]
                    col = chroma_store.collection(client, ws, kind, create=True)
                    assert col is not None
                    chroma_store.upsert(col, [docs[i] for i in idx], vectors[idx])
            store.recount(conn)
            store.bump_generation(conn)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


BATCH_CHUNKS = 1000
"""Interviews are written together up to about this many chunks: one lock and one Chroma client per batch."""


def index_interview_docs(ws: Workspace, interview: Interview) -> int:
    return index_interview_batch(ws, [interview])


def index_interview_batch(ws: Workspace, interviews: list[Interview]) -> int:
    docs = [d for i in interviews for d in chunk_docs(i, ws.config.index.chunk_tokens)]
    marks = ",".join("?" for _ in interviews)
    cond = (f"kind = 'chunk' AND interview_id IN ({marks})", [i.id for i in interviews])
    write_docs(ws, docs, embed(ws, docs), replace=cond)
    return len(docs)


def index_interviews(ws: Workspace, interviews: list[Interview], on_progress: Callable[[str], None] | None = None) -> int:
    """Index interviews in batches of about BATCH_CHUNKS chunks; returns the number of chunks."""
    total, batch, size = 0, [], 0
    for n, interview in enumerate(interviews, start=1):
        batch.append(interview)
        size += max(1, len(interview.turns))
        if size >= BATCH_CHUNKS or n == len(interviews):
            if on_progress:
                on_progress(f"indexing interviews {n - len(batch) + 1}-{n} of {len(interviews)}")
            total += index_interview_batch(ws, batch)
            batch, size = [], 0
    return total


def index_insight_set(ws: Workspace, insight_set: InsightSet) -> int:
    return index_insight_sets(ws, [insight_set])


def index_insight_sets(ws: Workspace, insight_sets: list[InsightSet]) -> int:
    """Replace these interviews' insights in the index, in batches of about BATCH_CHUNKS documents.

    One lock, one Chroma client and one upsert per batch: after `extract --all` on a large workspace,
    a write per interview cost more than the extraction itself.
    """
    total, batch, size = 0, [], 0
    for n, insight_set in enumerate(insight_sets, 1):
        batch.append(insight_set)
        size += len(insight_set.insights)
        if size >= BATCH_CHUNKS or n == len(insight_sets):
            total += _index_insight_batch(ws, batch)
            batch, size = [], 0
    return total


def _index_insight_batch(ws: Workspace, insight_sets: list[InsightSet]) -> int:
    docs: list[IndexDoc] = []
    insights: list[Insight] = []
    for insight_set in insight_sets:
        try:
            interview: Interview | None = ws.interview(insight_set.interview_id)
        except UserError:
            interview = None
        # Rejected insights stay in the index (a later accept needs no re-embedding); search drops them.
        docs += [insight_doc(i, interview) for i in insight_set.insights]
        insights += insight_set.insights
    ids = [s.interview_id for s in insight_sets]
    marks = ",".join("?" for _ in ids)
    vectors = reuse_or_embed(ws, insights, docs)
    write_docs(ws, docs, vectors, replace=(f"kind = 'insight' AND interview_id IN ({marks})", ids))
    return len(docs)


def reuse_or_embed(ws: Workspace, insights: list[Insight], docs: list[IndexDoc]) -> np.ndarray:
    """Vectors for these insight docs: the index's own where the embedded text is unchanged, new ones for the rest.

    Re-indexing an interview after an accept, a reject, a stance change or a re-extraction that
    kept most insights must not load the model and re-embed what is already there.
    """
    import numpy as np

    from synth.index import stored_insight_vectors

    stored = stored_insight_vectors(ws, insights)
    missing = [n for n, ins in enumerate(insights) if ins.id not in stored]
    if not missing:
        return np.stack([stored[i.id] for i in insights]) if insights else embed(ws, [])
    fresh = embed(ws, [docs[n] for n in missing])
    if len(missing) == len(insights):
        return fresh
    out = np.empty((len(insights), fresh.shape[1]), dtype=np.float32)
    for n, ins in enumerate(insights):
        if ins.id in stored:
            out[n] = stored[ins.id]
    out[missing] = fresh
    return out


def index_hypotheses(ws: Workspace, hypotheses: list[Hypothesis] | None = None) -> int:
    docs = [hypothesis_doc(h) for h in (ws.hypotheses() if hypotheses is None else hypotheses)]
    write_docs(ws, docs, embed(ws, docs), replace=("kind = 'hypothesis'", []))
    return len(docs)


def remove_interview(ws: Workspace, interview_id: str) -> None:
    import numpy as np

    cond = ("kind IN ('chunk', 'insight') AND interview_id = ?", [interview_id])
    write_docs(ws, [], np.zeros((0, 0), dtype=np.float32), replace=cond, model=_current_or_configured(ws))


def _current_or_configured(ws: Workspace) -> str:
    # Removing never adds vectors, so it works even when the model changed.
    store = keyword_store(ws)
    with store.connect() as conn:
        return store.get_meta(conn, "embedding_model") or model_name(ws)


def clear(ws: Workspace) -> None:
    """Empty the whole index and record the configured model as the one building it."""
    from synth.index import chroma_store

    store = keyword_store(ws)
    with ws.locked(), index_lock(ws.derived_dir / "index.lock", exclusive=True), store.connect() as conn:
        with chroma_store.writer(ws) as client:
            chroma_store.delete_collections(client, ws)
        conn.execute("BEGIN IMMEDIATE")
        store.clear(conn)
        store.set_meta(conn, "embedding_model", model_name(ws))
        store.recount(conn)
        store.bump_generation(conn)
        conn.execute("COMMIT")


def reindex(ws: Workspace, on_progress: Callable[[str], None] | None = None) -> dict[str, int]:
    say = on_progress or (lambda _msg: None)
    counts = {"interviews": 0, "chunks": 0, "insight_sets": 0, "insights": 0, "hypotheses": 0}
    # The workspace lock is held throughout (no other writer); the index lock only per batch,
    # so searches in other processes keep working (on a partial index) meanwhile.
    with ws.locked():
        clear(ws)
        interviews = ws.interviews()
        counts["chunks"] = index_interviews(ws, interviews, say)
        counts["interviews"] = len(interviews)
        sets = ws.insight_sets()
        for n, s in enumerate(sets, start=1):
            say(f"indexing insights of {s.interview_id} ({n}/{len(sets)})")
            counts["insights"] += index_insight_set(ws, s)
            counts["insight_sets"] += 1
        say("indexing hypotheses")
        counts["hypotheses"] = index_hypotheses(ws)
    return counts
