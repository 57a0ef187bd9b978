"""A transcript without speaker labels (every cue `Unknown`, as Whisper and many VTT exports give it): the
founder's own pitch is not a customer's evidence, and an answer is read with the question just before it."""

from __future__ import annotations

from synth.evidence import questions_before
from synth.extract.selector import _asked
from synth.extract.sentences import candidate_sentences, pitching_turns
from synth.models import Interview, InterviewMeta, Quote, Role
from synth.parsing import build_interview, parse_bytes

VTT = """WEBVTT

00:00:01.000 --> 00:00:05.000
So, just so you know where I'm coming from, I spent a few years at a ticketing company.

00:00:05.500 --> 00:00:09.000
What I'm building takes the ticketing export and fills in each distributor's portal for you,

00:00:09.500 --> 00:00:13.000
with a check screen first so you can see every figure. I'm thinking thirty-five pounds a month.

00:00:13.500 --> 00:00:17.000
Right. The check screen's the bit that would make me even consider it, we've been burnt before.

00:00:17.500 --> 00:00:20.000
That makes sense. How often does a distributor query a return?

00:00:20.500 --> 00:00:23.000
Every couple of months. If that.

00:00:23.500 --> 00:00:27.000
We're building a new screen upstairs next year, so the returns will double, mind.

00:00:27.500 --> 00:00:30.000
And is that done by hand?

00:00:30.500 --> 00:00:34.000
Do you mean the returns? Yes, all of them, every Monday morning, by hand.
"""


def _interview() -> Interview:
    iv = build_interview(parse_bytes(VTT.encode(), "cinema.vtt"), InterviewMeta(source_file="cinema.vtt"), None)
    assert {t.role for t in iv.turns} == {Role.unknown}  # the premise: nobody is labelled
    return iv


def test_the_founders_pitch_is_not_a_candidate_nor_the_cue_that_carries_its_sentence_on() -> None:
    iv = _interview()
    assert pitching_turns(iv) == {0, 1}  # the cue cut mid-sentence ("...for you," / "with a check screen") is joined
    texts = [s.text for s in candidate_sentences(iv)]
    assert not any("thirty-five pounds" in t or "What I'm building" in t or "ticketing company" in t for t in texts)
    # The customer's own words stay, even one about building (a new screen, not a product).
    assert any("burnt before" in t for t in texts)
    assert any(t.startswith("We're building a new screen") for t in texts)


def test_an_unlabelled_answer_is_read_with_the_question_just_before_it() -> None:
    iv = _interview()
    answer = iv.turns[4]
    quote = Quote(text=answer.text, interview_id=iv.id, turn_index=4, start=answer.start, end=answer.end)
    assert questions_before(iv, [quote]) == ["How often does a distributor query a return?"]
    # A cue after one that asks nothing is no answer to anything.
    turn = iv.turns[5]
    after_answer = Quote(text=turn.text, interview_id=iv.id, turn_index=5, start=turn.start, end=turn.end)
    assert questions_before(iv, [after_answer]) == [""]
    # Nor is a cue that opens with a question of its own ("Do you mean the returns?"): it may be either speaker.
    last = iv.turns[7]
    asked_back = Quote(text=last.text, interview_id=iv.id, turn_index=7, start=last.start, end=last.end)
    assert questions_before(iv, [asked_back]) == [""]


def test_the_selector_sees_unlabelled_answers_as_answers() -> None:
    iv = _interview()
    assert _asked(iv) == {4}
