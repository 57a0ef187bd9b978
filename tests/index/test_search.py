"""Hybrid search through the facade: exact terms, paraphrases, filters, insights, model changes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date

import pytest

from synth import index
from synth.config import WorkspaceConfig
from synth.errors import UserError
from synth.models import InsightSet
from synth.workspace import Workspace


@pytest.fixture
def indexed(ws: Workspace, insight_sets: list[InsightSet]) -> Workspace:
    index.reindex(ws)
    return ws


def test_exact_product_name_and_number_are_found_by_keyword(indexed: Workspace) -> None:
    top = index.search(indexed, "Ledgerly", kind="chunks")[0]
    assert "Ledgerly" in top.text
    assert top.keyword_rank == 1
    top = index.search(indexed, "49", kind="chunks")[0]
    assert "49 euros" in top.text
    assert top.keyword_rank == 1


def test_paraphrase_is_found_by_meaning_alone(indexed: Workspace) -> None:
    top = index.search(indexed, "what software have you used", kind="chunks", speaker="interviewer")[0]
    assert top.text == "Which tools did you try?"
    assert (top.speaker, top.role) == ("Sam", "interviewer")
    assert top.keyword_rank is None  # no shared word: the semantic side found it
    assert top.semantic_rank == 1


def test_hit_carries_verbatim_text_and_its_place(indexed: Workspace) -> None:
    hit = index.search(indexed, "Ledgerly", kind="chunks")[0]
    interview = indexed.interview(hit.interview_id or "")
    assert hit.start is not None and hit.end is not None
    assert interview.text[hit.start : hit.end] == hit.text
    assert (hit.speaker, hit.role, hit.date) == ("Alice", "participant", date(2026, 3, 2))
    assert hit.t_start == 30.0
    assert hit.kind == "chunk" and hit.score > 0


def test_speaker_filter(indexed: Workspace) -> None:
    for speaker in ("participant", "interviewer"):
        hits = index.search(indexed, "month invoices pricing tools", speaker=speaker, kind="chunks", k=20)
        assert hits and {h.role for h in hits} == {speaker}


def test_interview_segment_and_date_filters(indexed: Workspace) -> None:
    hits = index.search(indexed, "pricing", interview="2026-03-02-alice", k=20)
    assert hits and {h.interview_id for h in hits} == {"2026-03-02-alice"}
    hits = index.search(indexed, "pricing", segment="agency", k=20)
    assert hits and {h.segment for h in hits} == {"agency"}
    hits = index.search(indexed, "pricing", since=date(2026, 4, 1), k=20)
    assert hits and {h.interview_id for h in hits} == {"2026-04-10-bob"}
    assert index.search(indexed, "pricing", since=date(2027, 1, 1)) == []


def test_filtered_search_is_the_same_through_chroma_and_numpy(
    indexed: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from synth.index import hybrid

    query = dict(speaker="participant", kind="chunks", k=5)
    via_numpy = [h.id for h in index.search(indexed, "card payments", **query)]  # type: ignore[arg-type]
    monkeypatch.setattr(hybrid, "NUMPY_MAX", 0)  # force Chroma unfiltered + post-filter
    monkeypatch.setattr(hybrid, "COLD_NUMPY_MAX", 0)
    via_chroma = [h.id for h in index.search(indexed, "card payments", **query)]  # type: ignore[arg-type]
    assert via_numpy == via_chroma


def test_insights_are_searchable_and_rejected_ones_never_returned(indexed: Workspace) -> None:
    hits = index.search(indexed, "pays per seat monthly", kind="insights")
    assert hits[0].kind == "insight"
    assert hits[0].insight_kind == "willingness_to_pay"
    assert hits[0].summary == "Would pay 49 EUR per seat monthly"
    assert hits[0].text == "Probably 49 euros a month per seat"
    interview = indexed.interview("2026-03-02-alice")
    assert interview.text[hits[0].start : hits[0].end] == hits[0].text  # type: ignore[index]
    everything = index.search(indexed, "the pricing was confusing", kind="insights", k=50)
    assert all(h.review != "rejected" for h in everything)
    assert "Confusing pricing put them off apps" not in {h.summary for h in everything}


def test_remove_interview(indexed: Workspace) -> None:
    index.remove_interview(indexed, "2026-03-02-alice")
    hits = index.search(indexed, "Ledgerly receipts 49 euros", k=50)
    assert hits and all(h.interview_id != "2026-03-02-alice" for h in hits)


def test_reindexing_an_interview_replaces_its_chunks(indexed: Workspace) -> None:
    before = len(index.search(indexed, "month", interview="2026-03-02-alice", kind="chunks", k=50))
    index.index_interviews(indexed, [indexed.interview("2026-03-02-alice")])
    after = len(index.search(indexed, "month", interview="2026-03-02-alice", kind="chunks", k=50))
    assert before == after


def test_changed_embedding_model_asks_for_reindex(indexed: Workspace) -> None:
    cfg = indexed.config.model_copy(deep=True)
    cfg.embedding.model = "openai:text-embedding-3-small"
    indexed.save_config(cfg)
    with pytest.raises(UserError, match="synth reindex"):
        index.search(Workspace.open(indexed.root), "Ledgerly")


def test_same_results_after_deleting_derived_folder_and_reindexing(indexed: Workspace) -> None:
    queries = ["Ledgerly", "what software have you used", "pricing", "49"]
    before = [[(h.id, h.score) for h in index.search(indexed, q, k=6)] for q in queries]
    shutil.rmtree(indexed.derived_dir)
    counts = index.reindex(indexed)
    assert counts["interviews"] == 2 and counts["insights"] == 3
    after = [[(h.id, h.score) for h in index.search(indexed, q, k=6)] for q in queries]
    assert after == before


def test_search_on_a_never_indexed_workspace_is_empty(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ws = Workspace.create(tmp_path / "empty", WorkspaceConfig())
    assert index.search(ws, "anything") == []


def test_bad_arguments_are_user_errors(indexed: Workspace) -> None:
    with pytest.raises(UserError):
        index.search(indexed, "x", speaker="someone")
    with pytest.raises(UserError):
        index.search(indexed, "   ")


def test_importing_the_index_is_light() -> None:
    code = "import sys, synth.index; print(','.join(m for m in ('chromadb', 'numpy', 'tiktoken', 'onnxruntime') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_keyword_scoring_per_doc_and_per_match_agree(indexed: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from synth.index import keyword

    def run() -> list[list[str]]:
        return [
            [h.id for h in index.search(indexed, q, k=5, **kw)]  # type: ignore[arg-type]
            for q in ("Ledgerly", "pricing confusing apps", "month")
            for kw in ({}, {"interview": "2026-04-10-bob"}, {"speaker": "participant"})
        ]

    per_doc = run()
    monkeypatch.setattr(keyword, "FEW_CANDIDATES", 0)
    assert run() == per_doc


def test_very_common_words_are_pruned_but_one_word_always_stays(indexed: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from synth.index import keyword
    from synth.index.writer import keyword_store

    store = keyword_store(indexed)
    monkeypatch.setattr(keyword, "COMMON_DOCS", 1)
    with store.connect() as conn:
        assert store.prune(conn, ["month", "ledgerly"]) == ["ledgerly"]  # "month" is in 4 docs
        assert store.prune(conn, ["month"]) == ["month"]


def test_search_survives_a_failing_vector_store(indexed: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from synth.index import chroma_store

    expected = [h.id for h in index.search(indexed, "what software have you used", kind="chunks", k=3)]

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("Error getting embedding")

    monkeypatch.setattr(chroma_store, "query", broken)
    # SQLite holds every vector too, so the semantic side falls back to exact scoring.
    assert [h.id for h in index.search(indexed, "what software have you used", kind="chunks", k=3)] == expected


def test_hypotheses_are_indexed_and_searchable_on_request(ws: Workspace) -> None:
    ws.add_hypothesis("Bakeries lose two days a month to receipt chasing", falsified_if="they say month-end is easy")
    index.reindex(ws)
    hits = index.search(ws, "receipt chasing", kind="hypotheses")
    assert [h.kind for h in hits] == ["hypothesis"]
    assert hits[0].text == "Bakeries lose two days a month to receipt chasing"
    assert all(h.kind != "hypothesis" for h in index.search(ws, "receipt chasing", k=50))


def test_unindexed_interviews_lists_what_an_interrupted_ingest_left_out(ws: Workspace) -> None:
    assert index.unindexed_interviews(ws) == ["2026-03-02-alice", "2026-04-10-bob"]
    index.index_interviews(ws, [ws.interview("2026-04-10-bob")])
    assert index.unindexed_interviews(ws) == ["2026-03-02-alice"]
    index.index_interviews(ws, [ws.interview(i) for i in index.unindexed_interviews(ws)])
    assert index.unindexed_interviews(ws) == []
