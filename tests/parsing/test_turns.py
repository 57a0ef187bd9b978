"""Cues to turns: merging, offsets, the interviewer, participant defaults, ids, size."""

from __future__ import annotations

import datetime as dt

from synth.models import Interview, InterviewMeta, Role
from synth.parsing import Cue, ParsedTranscript, build_interview


def _build(cues: list[Cue], fmt: str = "webvtt", **meta: object) -> Interview:
    return build_interview(ParsedTranscript(cues, fmt), InterviewMeta(source_file="call.vtt", **meta))


def test_offsets_point_at_the_turn_text_not_the_label() -> None:
    interview = _build([Cue("Ann", "Why?"), Cue("Bob", "Because it is slow."), Cue(None, "(crosstalk)")])
    assert interview.text == "Ann: Why?\n\nBob: Because it is slow.\n\nUnknown: (crosstalk)"
    for turn in interview.turns:
        assert interview.text[turn.start : turn.end] == turn.text
        assert interview.text[: turn.start].endswith(f"{turn.speaker}: ")
    assert interview.turn_at(interview.text.index("slow")).speaker == "Bob"  # type: ignore[union-attr]


def test_consecutive_cues_merge_and_keep_the_time_span() -> None:
    interview = _build([
        Cue("Ann", "Is it", 0.0, 1.0), Cue("ann", "slow?", 1.0, 2.0),
        Cue("Bob", "Yes", 2.0, 3.0), Cue("Bob", "very.", 3.0, 4.5), Cue("Bob", "Always.", 9.0, 10.0),
    ])
    assert [(t.speaker, t.t_start, t.t_end) for t in interview.turns] == [("Ann", 0.0, 2.0), ("Bob", 2.0, 10.0)]
    assert interview.turns[0].text == "Is it slow?"
    # A long pause inside one speaker's captions becomes a paragraph break, not a run-on sentence.
    assert interview.turns[1].text == "Yes very.\nAlways."


def test_overlapping_cues_keep_file_order() -> None:
    interview = _build([Cue("Ann", "One?", 0.0, 3.0), Cue("Bob", "Two", 1.0, 2.0), Cue("Ann", "Three?", 2.5, 4.0)])
    assert [t.speaker for t in interview.turns] == ["Ann", "Bob", "Ann"]


def test_interviewer_is_who_asks_most_questions() -> None:
    interview = _build([
        Cue("Mia", "Hi, thanks for joining."), Cue("Raj", "Happy to."),
        Cue("Mia", "What is hard about payroll?"), Cue("Raj", "Taxes. Do you know why?"),
        Cue("Mia", "Why is that?"), Cue("Raj", "They change every year."),
    ])
    roles = {t.speaker: t.role for t in interview.turns}
    assert roles == {"Mia": Role.interviewer, "Raj": Role.participant}
    assert interview.meta.interviewer == "Mia" and interview.meta.participant == "Raj"
    assert interview.participants() == ["Raj"]


def test_given_interviewer_wins_and_matches_by_first_name() -> None:
    cues = [Cue("Mia Lund", "Why?"), Cue("Raj Patel", "Because? Why not?"), Cue("Mia Lund", "Fine.")]
    interview = build_interview(ParsedTranscript(cues, "text"), InterviewMeta(), interviewer="raj")
    assert {t.speaker: t.role.value for t in interview.turns} == {"Mia Lund": "participant", "Raj Patel": "interviewer"}
    assert interview.meta.participant == "Mia Lund"


def test_single_speaker_has_no_interviewer_and_unknown_is_never_the_participant_name() -> None:
    interview = _build([Cue(None, "Just me talking? Yes."), Cue(None, "Still me.")])
    assert [t.role for t in interview.turns] == [Role.unknown, Role.unknown]
    assert interview.meta.participant == "" and interview.meta.interviewer == ""
    assert interview.id.startswith("undated-call-")


def test_id_is_stable_and_readable() -> None:
    cues = [Cue("Ann", "Why?"), Cue("Zoë Brontë", "Because.")]
    meta = {"date": dt.date(2025, 3, 14), "content_hash": "abcdef0123456789"}
    a = _build(cues, **meta)
    b = _build(cues, **meta)
    assert a.id == b.id == "2025-03-14-zoe-bronte-abcdef"


def test_many_cues_stay_linear_enough_to_finish() -> None:
    cues = [Cue("Ann" if i % 3 else "Bob", f"word {i}?", float(i), i + 0.5) for i in range(60_000)]
    interview = _build(cues)
    assert len(interview.turns) == 40_000
    last = interview.turns[-1]
    assert interview.text[last.start : last.end] == last.text


def test_generic_diarisation_labels_never_name_the_participant() -> None:
    interview = _build([Cue("SPEAKER_00", "Why?"), Cue("SPEAKER_01", "Because."), Cue("SPEAKER_00", "How?")])
    assert interview.meta.participant == "" and interview.meta.interviewer == "SPEAKER_00"
    assert interview.id.startswith("undated-call-")
