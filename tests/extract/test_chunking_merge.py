from __future__ import annotations

from synth.extract.build import interview_from_turns
from synth.extract.chunking import chunk_interview
from synth.extract.merge import carry_decisions, dedupe_insights
from synth.models import Insight, InsightKind, InsightSet, Quote, Review


def words(text: str) -> int:
    return len(text.split())


def long_interview():
    turns = []
    for i in range(30):
        turns.append(("Interviewer", f"Question number {i} about invoices?"))
        turns.append(("Pat", f"Answer {i}: " + "we copy numbers by hand every week. " * 5))
    return interview_from_turns("long", turns)


def test_chunks_cover_every_turn_within_budget_with_small_overlap():
    iv = long_interview()
    chunks = chunk_interview(iv, 200, count=words)
    assert len(chunks) > 3
    assert all(c.tokens <= 200 for c in chunks)
    seen = [t for c in chunks for t in c.turn_indices]
    assert set(seen) == {t.index for t in iv.turns}
    # Each turn is sent once, plus at most one overlapping turn per chunk boundary.
    assert len(seen) - len(set(seen)) <= len(chunks) - 1


def test_a_turn_longer_than_the_budget_is_split_at_sentences():
    iv = interview_from_turns("one", [("Pat", "This is a sentence that repeats. " * 80)])
    chunks = chunk_interview(iv, 100, count=words)
    assert len(chunks) > 1
    assert all(c.tokens <= 100 for c in chunks)
    assert chunks[1].lines[0].startswith("P1: ")  # a continued turn is labelled again in its next chunk


def _ins(kind: str, start: int, end: int, conf: float, text: str = "x") -> Insight:
    q = Quote(text=text, interview_id="iv", turn_index=1, start=start, end=end)
    return Insight(
        id=Insight.make_id("iv", kind, start, end),
        interview_id="iv",
        kind=InsightKind(kind),
        summary=f"{kind} {start}",
        quotes=[q],
        participant="Pat",
        confidence=conf,
    )


def test_dedupe_merges_overlapping_same_kind_keeps_most_confident():
    a = _ins("pain", 10, 60, 0.6)
    b = _ins("pain", 20, 70, 0.9)  # overlaps a by 40 of 50 chars: the same evidence from another chunk
    c = _ins("need", 20, 70, 0.8)  # same span, other kind: a different insight
    d = _ins("pain", 65, 120, 0.7)  # overlaps b by 5 chars only
    e = _ins("pain", 10, 60, 0.5)  # exact duplicate id of a
    out = dedupe_insights([a, b, c, d, e])
    assert {i.id for i in out} == {b.id, c.id, d.id}
    merged = next(i for i in out if i.id == b.id)
    assert [(q.start, q.end) for q in merged.quotes] == [(10, 60), (20, 70)]


def test_carry_decisions_by_id():
    old = InsightSet(interview_id="iv", engine="offline", insights=[
        _ins("pain", 10, 60, 0.6).model_copy(update={"review": Review.rejected}),
        _ins("need", 0, 5, 0.6).model_copy(update={"review": Review.accepted}),
        _ins("pain", 80, 90, 0.6).model_copy(update={"summary": "mine", "kind": InsightKind.behaviour, "edited": True}),
        _ins("need", 200, 210, 0.6),
    ])
    new = InsightSet(interview_id="iv", engine="llm", insights=[_ins("pain", 10, 60, 0.9), _ins("pain", 80, 90, 0.9)])
    out = {i.id: i for i in carry_decisions(new, old).insights}
    assert out[_ins("pain", 10, 60, 0).id].review is Review.rejected
    assert out[_ins("pain", 80, 90, 0).id].summary == "mine"
    assert out[_ins("pain", 80, 90, 0).id].kind is InsightKind.behaviour
    assert _ins("need", 0, 5, 0).id in out  # accepted: kept although not found again
    assert _ins("need", 200, 210, 0).id not in out  # untouched and gone: dropped
