"""The search index: Chroma (vectors) + SQLite FTS5 (keywords), derived from workspace files.

Everything lives in `.synth/` (or, with `[index] url`, the vectors on a Chroma
server) and `reindex` rebuilds it from the workspace, so deleting `.synth/`
loses nothing. Importing this package is cheap: chromadb, numpy, tiktoken and
the embedding model load on first use.

    index_interviews(ws, interviews)      chunks of these interviews (replacing earlier ones)
    index_insights(ws, insight_sets)      their insights (rejected ones are kept, never returned)
    index_hypotheses(ws)                  the hypotheses
    remove_interview(ws, interview_id)    drop an interview's chunks and insights
    unindexed_interviews(ws)              interviews on disk whose chunks are not in the index
    reindex(ws, on_progress)              rebuild everything from the workspace files
    search(ws, query, ...)                hybrid semantic + keyword search -> list[SearchHit]
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from synth.errors import UserError

if TYPE_CHECKING:
    import sqlite3

    import numpy as np

    from synth.index.hits import SearchHit
    from synth.index.keyword import KeywordStore
    from synth.models import Hypothesis, Insight, InsightSet, Interview
    from synth.workspace import Workspace

__all__ = [
    "SearchHit",
    "index_hypotheses",
    "index_insights",
    "index_interviews",
    "reindex",
    "remove_interview",
    "search",
    "stored_insight_vectors",
    "unindexed_interviews",
    "warm_up",
]

def __getattr__(name: str) -> object:
    # SearchHit is a pydantic model: importing it here would cost every `synth` start
    # (synth.cli.main imports synth.index.preload) the pydantic import.
    if name == "SearchHit":
        from synth.index.hits import SearchHit

        return SearchHit
    raise AttributeError(f"module 'synth.index' has no attribute {name!r}")


SPEAKERS = ("any", "participant", "interviewer")
SEARCH_KINDS = {"chunks": ("chunk",), "insights": ("insight",), "hypotheses": ("hypothesis",), "all": ("chunk", "insight")}


def index_interviews(ws: Workspace, interviews: list[Interview]) -> None:
    """Add (or replace) the chunks of these interviews in the index."""
    from synth.index import writer

    writer.index_interviews(ws, list(interviews))


def index_insights(ws: Workspace, insight_sets: list[InsightSet]) -> None:
    """Add (or replace) these interviews' insights in the index."""
    from synth.index import writer

    writer.index_insight_sets(ws, list(insight_sets))


def index_hypotheses(ws: Workspace, hypotheses: list[Hypothesis] | None = None) -> None:
    """Replace the indexed hypotheses (default: the workspace's current ones)."""
    from synth.index import writer

    writer.index_hypotheses(ws, hypotheses)


def remove_interview(ws: Workspace, interview_id: str) -> None:
    """Drop an interview's chunks and insights from the index."""
    from synth.index import writer

    writer.remove_interview(ws, interview_id)


def unindexed_interviews(ws: Workspace) -> list[str]:
    """Ids of saved interviews with no chunks in the index (e.g. an ingest killed before indexing).

    Cheap (one SQLite query): callers such as `ingest` use it to heal the index
    with `index_interviews` instead of a full `reindex`.
    """
    from synth.index import writer

    store = writer.keyword_store(ws)
    ids = ws.interview_ids()
    if not store.path.exists():
        return ids
    with store.connect() as conn:
        done = {r[0] for r in conn.execute("SELECT DISTINCT interview_id FROM docs WHERE kind = 'chunk'")}
    return [i for i in ids if i not in done]


def stale_insight_sets(ws: Workspace) -> list[str]:
    """Interview ids whose saved insights differ from the indexed ones (e.g. an extract killed before indexing)."""
    from synth.index import writer

    store = writer.keyword_store(ws)
    sets = ws.insight_sets()
    if not store.path.exists():
        return [s.interview_id for s in sets]
    with store.connect() as conn:
        indexed: dict[str, set[str]] = {}
        for iid, doc_id in conn.execute("SELECT interview_id, id FROM docs WHERE kind = 'insight'"):
            indexed.setdefault(iid, set()).add(doc_id)
    return [
        s.interview_id
        for s in sets
        if {f"{s.interview_id}#{i.id}" for i in s.insights} != indexed.get(s.interview_id, set())
    ]


def heal(ws: Workspace) -> int:
    """Index what the workspace files hold but the index lacks; returns how many interviews were healed."""
    missing = unindexed_interviews(ws)
    if missing:
        index_interviews(ws, [ws.interview(i) for i in missing])
    stale = stale_insight_sets(ws)
    if stale:
        sets = [s for s in (ws.insight_set(i) for i in stale) if s is not None]
        index_insights(ws, sets)
    return len(set(missing) | set(stale))


def reindex(ws: Workspace, on_progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Rebuild the whole index from the workspace files; returns counts of what was indexed."""
    from synth.index import writer

    return writer.reindex(ws, on_progress)


def search(
    ws: Workspace,
    query: str,
    *,
    k: int = 10,
    speaker: str = "any",
    interview: str | None = None,
    segment: str | None = None,
    since: datetime.date | None = None,
    kind: str = "all",
) -> list[SearchHit]:
    """Hybrid search over transcript chunks and insights, best first (rejected insights never)."""
    from synth.index import writer
    from synth.index.hybrid import search_docs
    from synth.index.keyword import Filters

    if speaker not in SPEAKERS:
        raise UserError(f"--speaker must be one of {', '.join(SPEAKERS)}, not {speaker!r}")
    if kind not in SEARCH_KINDS:
        raise UserError(f"--kind must be one of {', '.join(SEARCH_KINDS)}, not {kind!r}")
    if k < 1:
        raise UserError("k must be at least 1")
    query = query.strip()
    if not query:
        raise UserError("an empty query finds nothing; say what you are looking for")
    filters = Filters(
        kinds=SEARCH_KINDS[kind],
        role=None if speaker == "any" else speaker,
        interview=interview,
        segment=segment,
        since=since,
    )
    store = writer.keyword_store(ws)
    if not store.path.exists():
        return []
    with store.connect() as conn:
        writer.check_model(ws, store, conn)
    # Embed the query (loading the model, in a cold process) while SQLite does the keyword side.
    return search_docs(ws, query, _embed_soon(ws, query), filters, k)


def _embed_soon(ws: Workspace, query: str) -> Callable[[], np.ndarray]:
    """Start embedding `query` in a thread; the returned function waits for the vector.

    The query embedder has its own model session, so a search never queues behind an
    indexing batch embedding in another thread of this process.
    """
    import threading

    from synth.embed import get_query_embedder

    embedder = get_query_embedder(ws.config.embedding)
    result: list[np.ndarray] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.append(embedder.embed([query])[0])
        except BaseException as exc:  # handed to the caller's thread
            failure.append(exc)

    thread = threading.Thread(target=run, name="synth-query-embed", daemon=True)
    thread.start()

    def wait() -> np.ndarray:
        thread.join()
        if failure:
            raise failure[0]
        return result[0]

    return wait


def warm_up(ws: Workspace, *, vectors: bool = True) -> None:
    """Load what a search needs now (the query model; with `vectors`, Chroma when the index is
    big enough that a warm process would use it), so the first search of a long-lived process
    (the TUI) is quick."""
    from synth.embed import warm_up as warm_embedder
    from synth.index import writer
    from synth.index.hybrid import NUMPY_MAX

    warm_embedder(ws.config.embedding)
    store = writer.keyword_store(ws)
    if not vectors or not store.path.exists():
        return
    with store.connect() as conn:
        counts = store.counts(conn)
        generation = store.generation(conn)
    if max(counts.values(), default=0) > NUMPY_MAX:  # below it, search never asks Chroma once warm
        from synth.index import chroma_store

        chroma_store.warm_up(ws, generation)


def stored_insight_vectors(ws: Workspace, insights: Iterable[str | Insight]) -> dict[str, np.ndarray]:
    """The index's stored vectors of these insights, by insight id: no model load, one SQLite read.

    Pass ids, or `Insight` objects to get only vectors that are still current (the
    indexed text is the insight's summary and quotes; an edited summary makes its
    vector stale, and a stale or missing insight is simply absent). Embed the absent
    ones yourself (`synth.embed.get_embedder(ws.config.embedding).embed([...])`).
    The vectors are of `insight_body(insight)` (summary, a newline, the quotes), L2-normalised.
    """
    import numpy as np

    from synth.index import writer
    from synth.index.documents import insight_body

    wanted: dict[str, str | None] = {}
    for item in insights:
        if isinstance(item, str):
            wanted[item] = None
        else:
            wanted[item.id] = insight_body(item)
    store = writer.keyword_store(ws)
    if not wanted or not store.path.exists():
        return {}
    out: dict[str, np.ndarray] = {}
    ids = list(wanted)
    with store.connect() as conn:
        if not _model_matches(ws, store, conn):
            return {}
        for lo in range(0, len(ids), 500):
            part = ids[lo : lo + 500]
            marks = ",".join("?" for _ in part)
            rows = conn.execute(
                f"SELECT d.insight_id, d.body, v.vec FROM docs d JOIN vecs v ON v.rid = d.rid "
                f"WHERE d.kind = 'insight' AND d.insight_id IN ({marks})",
                part,
            )
            for iid, body, vec in rows:
                if wanted[iid] is None or wanted[iid] == body:
                    out[iid] = np.frombuffer(vec, dtype=np.float32)
    return out


def _model_matches(ws: Workspace, store: KeywordStore, conn: sqlite3.Connection) -> bool:
    """True when the index's vectors come from the configured model (naming it loads nothing)."""
    from synth.index import writer

    built = store.get_meta(conn, "embedding_model")
    return built is None or built == writer.model_name(ws)
