"""What makes cold and busy searches fast, checked by behaviour (never by timing).

- a cold search reads vectors from SQLite and never opens Chroma on a small index;
- the CLI starts loading the query model before it imports pydantic and the workspace;
- a search completes while an indexing batch holds the indexing model;
- stored insight vectors are read back without loading any model;
- hits say who spoke, interviewer lines rank below participant speech, non-speech is not indexed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from synth import index
from synth.index.chunking import chunk_interview
from synth.index.preload import search_workspace
from synth.models import InsightSet
from synth.workspace import Workspace
from tests.index.conftest import make_interview

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def indexed(ws: Workspace, insight_sets: list[InsightSet]) -> Workspace:
    index.reindex(ws)
    return ws


def _child(code: str, *args: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, cwd=ROOT, timeout=300
    )
    loaded: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return loaded


def test_a_cold_search_on_a_small_index_never_opens_chroma(indexed: Workspace) -> None:
    code = (
        "import sys, json; from synth.workspace import Workspace; from synth import index\n"
        "hits = index.search(Workspace.open(sys.argv[1]), 'card payments')\n"
        "print(json.dumps({'hits': len(hits), 'chroma': 'chromadb' in sys.modules}))"
    )
    got = _child(code, str(indexed.root))
    assert got["chroma"] is False
    assert int(str(got["hits"])) > 0


def test_the_cli_imports_no_pydantic_before_a_search_starts_its_model_load() -> None:
    code = "import sys, json; import synth.cli.main; print(json.dumps({'pydantic': 'pydantic' in sys.modules}))"
    assert _child(code) == {"pydantic": False}


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["search", "pricing"], (True, None)),
        (["-w", "/tmp/x", "search", "pricing", "--json"], (True, Path("/tmp/x"))),
        (["--workspace=/tmp/y", "search", "q"], (True, Path("/tmp/y"))),
        (["search", "--help"], (False, None)),
        (["hypothesis", "list"], (False, None)),
        (["--help"], (False, None)),
        ([], (False, None)),
    ],
)
def test_which_runs_preload_the_query_model(argv: list[str], expected: tuple[bool, Path | None]) -> None:
    is_search, workspace = search_workspace(argv)
    assert (is_search, workspace if is_search else None) == expected


def test_a_search_completes_while_an_indexing_batch_holds_the_indexing_model(indexed: Workspace) -> None:
    from synth.embed import get_embedder

    indexer = get_embedder(indexed.config.embedding)
    events: list[str] = []
    found: list[int] = []

    def search() -> None:
        found.append(len(index.search(indexed, "card payments", kind="chunks")))
        events.append("search done")

    with indexer._lock:  # type: ignore[attr-defined]  # what an indexing batch holds while it embeds
        events.append("batch embedding")
        worker = threading.Thread(target=search, daemon=True)
        worker.start()
        worker.join(timeout=120)  # a deadlock guard, not a timing assertion
        events.append("batch done")
    worker.join(timeout=120)
    assert events == ["batch embedding", "search done", "batch done"]
    assert found and found[0] > 0


def test_stored_insight_vectors_match_the_model_and_drop_stale_ones(indexed: Workspace) -> None:
    from synth.embed import get_embedder
    from synth.index.documents import insight_body

    live = [i for s in indexed.insight_sets() for i in s.insights]
    stored = index.stored_insight_vectors(indexed, live)
    assert set(stored) == {i.id for i in live}
    fresh = get_embedder(indexed.config.embedding).embed([insight_body(i) for i in live])
    for row, ins in zip(fresh, live, strict=True):
        assert float(np.dot(row, stored[ins.id])) == pytest.approx(1.0, abs=1e-4)
    edited = live[0].model_copy(update={"summary": "something else entirely"})
    assert edited.id not in index.stored_insight_vectors(indexed, [edited])
    assert set(index.stored_insight_vectors(indexed, [live[0].id])) == {live[0].id}  # by id: no freshness check
    assert index.stored_insight_vectors(indexed, ["no-such-insight"]) == {}


def test_stored_insight_vectors_load_no_model(indexed: Workspace) -> None:
    code = (
        "import sys, json; from synth.workspace import Workspace; from synth import index\n"
        "ws = Workspace.open(sys.argv[1]); ins = [i for s in ws.insight_sets() for i in s.insights]\n"
        "v = index.stored_insight_vectors(ws, ins)\n"
        "print(json.dumps({'n': len(v), 'heavy': sorted(m for m in ('onnxruntime', 'chromadb') if m in sys.modules)}))"
    )
    assert _child(code, str(indexed.root)) == {"n": 3, "heavy": []}


def test_interviewer_lines_rank_below_participant_speech_of_the_same_relevance(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "same")
    line = "Switching tools every quarter wastes our whole team's time."
    ws.save_interview(
        make_interview(
            "2026-05-01-cara",
            [("Sam", "interviewer", line), ("Cara", "participant", line)],
            participant="Cara",
            day=date(2026, 5, 1),
        )
    )
    index.reindex(ws)
    hits = index.search(ws, "switching tools wastes time", kind="chunks")
    assert [(h.speaker, h.role) for h in hits] == [("Cara", "participant"), ("Sam", "interviewer")]
    only = index.search(ws, "switching tools wastes time", kind="chunks", speaker="participant")
    assert {h.role for h in only} == {"participant"}


def test_chunks_never_span_speakers_and_skip_non_speech(tmp_path: Path) -> None:
    iv = make_interview(
        "2026-05-02-dan",
        [
            ("Sam", "interviewer", "So what happened next? {vocalsound}"),
            ("Dan", "participant", "[laughter]"),
            ("Dan", "participant", "We moved everything {vocalsound} to a shared drive (inaudible) last spring."),
            ("Sam", "interviewer", "Why?"),
        ],
        participant="Dan",
    )
    chunks = chunk_interview(iv, 200, count=lambda s: len(s.split()))
    assert [(c.speaker, c.role) for c in chunks] == [
        ("Sam", "interviewer"),
        ("Dan", "participant"),
        ("Sam", "interviewer"),
    ]
    for c in chunks:
        assert iv.text[c.start : c.end] == c.text
        assert "{vocalsound}" not in c.body and "(inaudible)" not in c.body and "[laughter]" not in c.body
        turns = {t.speaker for t in iv.turns if t.index >= c.turn_start and t.index <= c.turn_end}
        assert turns == {c.speaker}
    ws = Workspace.create(tmp_path / "marks")
    ws.save_interview(iv)
    index.reindex(ws)
    assert all(h.keyword_rank is None for h in index.search(ws, "vocalsound laughter inaudible", kind="chunks"))


def test_warm_up_loads_the_query_model_and_leaves_chroma_alone_on_a_small_index(indexed: Workspace) -> None:
    code = (
        "import sys, json; from synth.workspace import Workspace; from synth import index; from synth import embed\n"
        "ws = Workspace.open(sys.argv[1]); index.warm_up(ws)\n"
        "q = embed.get_query_embedder(ws.config.embedding)\n"
        "print(json.dumps({'loaded': q._session is not None, 'chroma': 'chromadb' in sys.modules}))"
    )
    assert _child(code, str(indexed.root)) == {"loaded": True, "chroma": False}


def _count_embedded(monkeypatch: pytest.MonkeyPatch, ws: Workspace) -> list[str]:
    """Texts the indexing embedder is asked to embed from now on (the real model still does the work)."""
    from synth.embed import get_embedder

    real = get_embedder(ws.config.embedding)
    seen: list[str] = []

    class Counting:
        name, dim = real.name, real.dim

        def embed(self, texts: list[str]) -> np.ndarray:
            seen.extend(texts)
            return real.embed(texts)

    monkeypatch.setattr("synth.embed.get_embedder", lambda _settings=None: Counting())
    return seen


def test_accepting_or_rejecting_an_insight_reuses_its_stored_vector(
    indexed: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from synth.extract.review import edit_insight, set_review
    from synth.models import Review

    first = indexed.insight_sets()[0].insights[0]
    before = index.stored_insight_vectors(indexed, [first.id])[first.id].copy()
    seen = _count_embedded(monkeypatch, indexed)
    set_review(indexed, first.id, Review.accepted)
    set_review(indexed, first.id, Review.rejected)
    assert seen == []
    assert np.array_equal(index.stored_insight_vectors(indexed, [first.id])[first.id], before)

    # An edited summary changes the embedded text: that one insight, and only it, is embedded again.
    edit_insight(indexed, first.id, summary="Card payments fail at the till every Friday evening")
    assert len(seen) == 1 and seen[0].startswith("Card payments fail at the till")
    edited = indexed.find_insight(first.id)[1]
    assert not np.array_equal(index.stored_insight_vectors(indexed, [edited])[first.id], before)
    assert index.search(indexed, "card payments fail at the till")
