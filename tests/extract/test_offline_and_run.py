from __future__ import annotations

from synth.extract import extract_interviews
from synth.extract.align import is_grounded
from synth.extract.review import edit_insight, list_insights, set_review
from synth.models import InsightKind, Review


def test_offline_engine_finds_grounded_insights(ws):
    report = extract_interviews(ws)
    assert [o.status for o in report.outcomes] == ["extracted", "extracted"]
    s = ws.insight_set("dana")
    iv = ws.interview("dana")
    kinds = {i.kind for i in s.insights}
    assert s.engine == "offline" and len(s.insights) >= 4
    assert InsightKind.behaviour in kinds
    for ins in s.insights:
        assert all(is_grounded(iv, q) for q in ins.quotes)
        assert ins.participant == "Dana"
        assert 0 < ins.confidence <= 1
    texts = " ".join(q.text for i in s.insights for q in i.quotes)
    # Interviewer words and backchannel are never evidence.
    assert "Would you pay" not in texts and "Thanks for joining" not in texts
    assert "Mm-hmm" not in texts and "Yeah, sure" not in texts
    # What they pay today is a behaviour, not willingness to pay (issue 13).
    money = next(i for i in s.insights if "40 dollars" in i.quotes[0].text)
    assert money.kind is InsightKind.behaviour
    assert s.hypotheses_hash  # linked against the current hypotheses


def test_rerun_resumes_and_force_keeps_decisions(ws):
    extract_interviews(ws)
    assert extract_interviews(ws).outcomes == []  # nothing pending
    again = extract_interviews(ws, all_=True)
    assert {o.status for o in again.outcomes} == {"skipped"}
    ins = ws.insight_set("dana").insights
    set_review(ws, ins[0].id, Review.rejected)
    edited = edit_insight(ws, ins[1].id, summary="Copies invoices by hand weekly", kind="behaviour")
    set_review(ws, ins[2].id, Review.accepted)
    report = extract_interviews(ws, ["dana"], force=True)
    assert report.outcomes[0].status == "extracted"
    after = {i.id: i for i in ws.insight_set("dana").insights}
    assert after[ins[0].id].review is Review.rejected
    assert after[edited.id].summary == "Copies invoices by hand weekly"
    assert after[edited.id].kind is InsightKind.behaviour and after[edited.id].edited
    assert after[ins[2].id].review is Review.accepted
    assert ins[0].id not in {i.id for i in list_insights(ws)}
    assert [i.id for i in list_insights(ws, review="rejected")] == [ins[0].id]


def test_dry_run_writes_nothing(ws):
    report = extract_interviews(ws, dry_run=True)
    assert {o.status for o in report.outcomes} == {"planned"}
    assert ws.insight_sets() == []


def test_run_on_speech_is_cut_into_clauses():
    from synth.extract.build import interview_from_turns
    from synth.extract.sentences import candidate_sentences

    words = ("so we basically copy every invoice by hand into the sheet and then my colleague checks it again, " * 6).strip()
    iv = interview_from_turns("asr", [("Interviewer", "how"), ("Pat", words)])
    sents = candidate_sentences(iv)
    assert len(sents) > 2
    for s in sents:
        assert iv.text[s.start : s.end] == s.text
        assert len(s.text.split()) <= 40
        assert not s.text.endswith(",") and not s.text.startswith(" ")


class _FlakyEngine:
    """Several interviews in flight; one fails; the others are saved and a re-run resumes."""

    name = "llm:fake"
    concurrency = 3

    def __init__(self, fail: set[str]) -> None:
        self.fail = fail
        self.seen: list[str] = []

    def extract(self, interview):
        from synth.errors import LLMError
        from synth.models import InsightSet

        self.seen.append(interview.id)
        if interview.id in self.fail:
            raise LLMError("provider returned 500 after 3 attempts")
        return InsightSet(interview_id=interview.id, engine=self.name)


def test_concurrent_run_saves_each_and_resumes_after_failure(ws):
    from synth.extract.build import interview_from_turns

    ws.save_interview(interview_from_turns("zed", [("Interviewer", "Hi?"), ("Zed", "We track churn weekly in a sheet.")]))
    report = extract_interviews(ws, engine=_FlakyEngine({"omar"}))
    assert [(o.interview_id, o.status) for o in report.outcomes] == [("dana", "extracted"), ("omar", "failed"), ("zed", "extracted")]
    assert "500" in report.outcomes[1].message
    assert {s.interview_id for s in ws.insight_sets()} == {"dana", "zed"}
    again = _FlakyEngine(set())
    extract_interviews(ws, engine=again)
    assert again.seen == ["omar"]
