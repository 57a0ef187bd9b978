"""Hypothesis-driven retrieval: a hypothesis written after extraction finds the participant speech that bears
on it when the founder relinks (synth.extract.retrieve through synth.evidence.relink_report)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from synth.cli.main import main
from synth.evidence import evidence_summary, relink, relink_report
from synth.extract.merge import overlap
from synth.extract.retrieve import ENGINE
from synth.extract.review import set_link_stance, set_review
from synth.extract.run import extract_interviews
from synth.models import Hypothesis, Insight, InsightKind, InsightSet, Interview, Quote, Review, Role, Stance
from synth.workspace import Workspace
from tests.index.conftest import make_interview

D = date(2026, 1, 1)
TARGET = "Our front desk texts every patient by hand the day before, and we still get about six no-shows a week."
ASKED = "Plenty of clinics tell me their front desk texts patients by hand and still gets no-shows every week."
HYPOTHESIS = Hypothesis(
    id="H1",
    statement="Small clinics lose appointments to no-shows because reminders to patients are sent by hand",
    falsified_if="Clinics already send reminders automatically, or no-shows are rare",
    created=D,
    updated=D,
)


def clinic() -> Interview:
    return make_interview(
        "2026-05-04-rosa",
        [
            ("Ana", "interviewer", "Thanks for making time. How is the practice doing?"),
            ("Rosa", "participant",
             "We are a small physiotherapy practice with three therapists and one receptionist. "
             "Business has been steady since we moved to the new building last spring. "
             "Parking is easier there, which our older patients like a lot."),
            ("Ana", "interviewer", ASKED),
            ("Rosa", "participant",
             "The weather was awful this winter and the heating broke twice. "
             f"{TARGET} "
             "My daughter helps with the website on weekends. "
             "We also started selling exercise bands at the counter."),
            ("Ana", "interviewer", "What takes up most of your own week?"),
            ("Rosa", "participant",
             "I spend Friday afternoons on payroll and ordering supplies for the treatment rooms. "
             "Insurance paperwork takes me about four hours every week and I hate it. "
             "We switched insurance portals last year and it was painful for a month."),
        ],
        participant="Rosa",
    )


def covering(ws: Workspace, interview: Interview, text: str) -> list[Insight]:
    at = interview.text.index(text)
    s = ws.insight_set(interview.id)
    assert s is not None
    return [i for i in s.insights if any(overlap(q.start, q.end, at, at + len(text)) for q in i.quotes)]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    """Extracted before any hypothesis was written; the target sentence is one extraction did not keep."""
    w = Workspace.create(tmp_path / "ws")
    interview = clinic()
    w.save_interview(interview)
    extract_interviews(w, [interview.id])
    s = w.insight_set(interview.id)
    assert s is not None and s.insights
    # Whatever the current selector keeps, make the target one it did not: that is the case under test.
    kept = [i for i in s.insights if i not in covering(w, interview, TARGET)]
    with w.locked():
        w.save_insight_set(s.model_copy(update={"insights": kept}))
    assert not covering(w, interview, TARGET)
    w.save_hypotheses([HYPOTHESIS])
    return w


def retrieved(ws: Workspace) -> list[Insight]:
    s = ws.insight_set("2026-05-04-rosa")
    assert s is not None
    return [i for i in s.insights if i.engine.startswith(ENGINE)]


def test_relink_finds_the_sentence_a_late_hypothesis_bears_on(ws: Workspace) -> None:
    interview = ws.interview("2026-05-04-rosa")
    [before] = evidence_summary(ws)
    # Other kept speech may bear on H1 too (whatever the selector keeps); the target sentence is not evidence yet.
    before_ids = {*before.supporting_ids, *before.contradicting_ids, *(x.insight_id for x in before.needs_review_quotes)}
    assert not retrieved(ws)  # a read never retrieves, nor writes

    report = relink_report(ws, force=True)
    assert report.relinked == 1 and report.found

    [hit] = covering(ws, interview, TARGET)
    q = hit.quotes[0]
    assert (q.text, interview.text[q.start : q.end]) == (TARGET, TARGET)  # the exact source span
    assert hit.id in report.found and hit.review is Review.new and hit.engine == f"{ENGINE}:H1"
    assert hit.id == Insight.make_id(interview.id, hit.kind.value, q.start, q.end)
    s = ws.insight_set(interview.id)
    assert s is not None
    [link] = [lk for lk in s.links if lk.insight_id == hit.id]
    assert link.hypothesis_id == "H1" and link.stance is not Stance.neutral
    [after] = evidence_summary(ws)
    assert after.suggested_status != "untested" or after.needs_review
    after_ids = {*after.supporting_ids, *after.contradicting_ids, *(x.insight_id for x in after.needs_review_quotes)}
    assert hit.id in after_ids - before_ids


def test_a_second_relink_adds_nothing(ws: Workspace) -> None:
    first = relink_report(ws, force=True)
    s1 = ws.insight_set("2026-05-04-rosa")
    second = relink_report(ws, force=True)
    s2 = ws.insight_set("2026-05-04-rosa")
    assert first.found and second.found == [] and second.relinked == 1
    assert s1 is not None and s2 is not None and [i.id for i in s1.insights] == [i.id for i in s2.insights]


def test_interviewer_speech_is_never_retrieved(ws: Workspace) -> None:
    relink(ws, force=True)
    interview = ws.interview("2026-05-04-rosa")
    roles = {t.index: t.role for t in interview.turns}
    assert retrieved(ws)
    assert all(roles[q.turn_index] is Role.participant for i in retrieved(ws) for q in i.quotes)
    assert not covering(ws, interview, ASKED)


def test_a_rejected_sentence_never_comes_back(ws: Workspace) -> None:
    relink(ws, force=True)
    interview = ws.interview("2026-05-04-rosa")
    [hit] = covering(ws, interview, TARGET)
    set_review(ws, hit.id, Review.rejected)
    assert relink_report(ws, force=True).found == []
    assert [(i.id, i.review) for i in covering(ws, interview, TARGET)] == [(hit.id, Review.rejected)]


class _Missing:
    """The offline engine, in a run that does not find the target sentence again."""

    name = "offline"

    def __init__(self, ws: Workspace) -> None:
        from synth.embed import get_embedder
        from synth.extract.offline import offline_extractor

        self.inner = offline_extractor(get_embedder(ws.config.embedding), ws.hypotheses())

    def extract(self, interview: Interview) -> InsightSet:
        out = self.inner.extract(interview)
        at = interview.text.index(TARGET)
        kept = [i for i in out.insights if not any(overlap(q.start, q.end, at, at + len(TARGET)) for q in i.quotes)]
        return out.model_copy(update={"insights": kept})


def test_a_rejected_sentence_stays_rejected_through_extract_force(ws: Workspace) -> None:
    relink(ws, force=True)
    interview = ws.interview("2026-05-04-rosa")
    [hit] = covering(ws, interview, TARGET)
    set_review(ws, hit.id, Review.rejected)
    extract_interviews(ws, [interview.id], force=True, engine=_Missing(ws))
    relink(ws, force=True)
    assert [(i.id, i.review) for i in covering(ws, interview, TARGET)] == [(hit.id, Review.rejected)]


def test_a_sentence_rejected_under_another_kind_is_not_retrieved(ws: Workspace) -> None:
    interview = ws.interview("2026-05-04-rosa")
    at = interview.text.index(TARGET)
    # A founder rejected an insight quoting part of the sentence, under some other kind.
    part = TARGET[:40]
    q = Quote(text=part, interview_id=interview.id, turn_index=3, start=at, end=at + len(part))
    rejected = Insight(id=Insight.make_id(interview.id, "objection", at, at + len(part)), interview_id=interview.id,
                       kind=InsightKind.objection, summary="x", quotes=[q], participant="Rosa", confidence=0.5,
                       review=Review.rejected)
    s = ws.insight_set(interview.id)
    assert s is not None
    with ws.locked():
        ws.save_insight_set(s.model_copy(update={"insights": [*s.insights, rejected]}))
    relink(ws, force=True)
    assert [i.id for i in covering(ws, interview, TARGET)] == [rejected.id]


def test_founder_decisions_survive_relinking(ws: Workspace) -> None:
    relink(ws, force=True)
    interview = ws.interview("2026-05-04-rosa")
    [hit] = covering(ws, interview, TARGET)
    set_review(ws, hit.id, Review.accepted)
    set_link_stance(ws, hit.id, "H1", Stance.contradicts)
    relink_report(ws, force=True)
    s = ws.insight_set(interview.id)
    assert s is not None
    [again] = [i for i in s.insights if i.id == hit.id]
    assert again.review is Review.accepted
    [link] = [lk for lk in s.links if lk.insight_id == hit.id and lk.hypothesis_id == "H1"]
    assert link.founder_stance is Stance.contradicts and link.effective_stance is Stance.contradicts


def test_retrieved_insights_are_indexed(ws: Workspace) -> None:
    from synth.index import search

    relink(ws, force=True)
    [hit] = covering(ws, ws.interview("2026-05-04-rosa"), TARGET)
    hits = search(ws, "texts every patient by hand the day before", kind="insights")
    assert hit.id in {h.insight_id for h in hits}


def test_evidence_relink_json_parses_and_says_what_it_found(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["-w", str(ws.root), "evidence", "--relink", "--json"])
    out = capsys.readouterr()
    assert code == 0
    [item] = json.loads(out.out)
    assert item["hypothesis_id"] == "H1"
    assert "relinked 1 interview(s); found" in out.err and "synth insights --review new" in out.err
    code = main(["-w", str(ws.root), "evidence", "--relink", "--json"])
    out = capsys.readouterr()
    assert code == 0 and json.loads(out.out) and "found" not in out.err  # nothing new the second time


def test_no_hypotheses_no_retrieval(tmp_path: Path) -> None:
    w = Workspace.create(tmp_path / "ws")
    interview = clinic()
    w.save_interview(interview)
    with w.locked():
        w.save_insight_set(InsightSet(interview_id=interview.id, engine="offline"))
    assert relink_report(w, force=True).found == []
