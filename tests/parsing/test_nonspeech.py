"""Non-speech marks: found, kept in the stored text, left out of what counts as speech."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from synth.parsing import nonspeech_spans, speech_only, speech_spans

from .conftest import interview_of

QMSUM = Path(__file__).parents[2] / ".." / "shared" / "data" / "transcripts" / "qmsum" / "ES2004a.json"

MARKS = ["{vocalsound}", "{disfmarker}", "{gap}", "[laughter]", "[Laughs]", "[crosstalk]", "(inaudible)",
         "[inaudible 00:12:03]", "(laughs softly)", "<noise>", "<unk>", "[MUSIC]", "[BLANK_AUDIO]", "♪ la la ♪"]
SPEECH = ["[Acme Corp]", "(that is, the tax office)", "[sic]", "a < b", "(2019)", "{not a mark"]


@pytest.mark.parametrize("mark", MARKS)
def test_marks_are_found_and_dropped(mark: str) -> None:
    text = f"So the {mark} remote is fine."
    [(s, e)] = nonspeech_spans(text)
    assert text[s:e] == mark
    assert speech_only(text) == "So the remote is fine."


@pytest.mark.parametrize("words", SPEECH)
def test_editorial_brackets_and_asides_stay_speech(words: str) -> None:
    text = f"We called {words} twice."
    assert nonspeech_spans(text) == [] and speech_only(text) == text


def test_speech_spans_split_around_marks_and_trim_edges() -> None:
    text = "Yeah, {vocalsound} the export [laughter] takes hours (inaudible)"
    pieces = [text[s:e] for s, e in speech_spans(text)]
    assert pieces == ["Yeah", "the export", "takes hours"]
    start = text.index("the")
    assert [text[s:e] for s, e in speech_spans(text, start, len(text))] == ["the export", "takes hours"]


@given(st.lists(st.sampled_from([*MARKS, "word", "two words,", "end.", " ", "\n"]), max_size=12))
def test_pieces_are_verbatim_and_never_hold_a_mark(parts: list[str]) -> None:
    text = " ".join(parts)
    for s, e in speech_spans(text):
        assert 0 <= s < e <= len(text)
        assert not nonspeech_spans(text[s:e])
    assert not nonspeech_spans(speech_only(text))


def test_marks_stay_in_the_stored_text_with_true_offsets() -> None:
    interview = interview_of(b"Ann: Why? {vocalsound}\n\nBob: Because [laughter] it is slow.\n", "call.txt")
    bob = interview.turns[1]
    assert bob.text == "Because [laughter] it is slow." and interview.text[bob.start : bob.end] == bob.text
    assert speech_only(bob.text) == "Because it is slow."


def test_the_qmsum_meeting_is_full_of_marks_and_speech_only_has_none() -> None:
    if not QMSUM.is_file():
        pytest.skip("shared transcripts absent")
    interview = interview_of(QMSUM.read_bytes(), QMSUM.name)
    marked = [t for t in interview.turns if nonspeech_spans(t.text)]
    assert len(marked) > 50
    assert all("{" not in speech_only(t.text) for t in interview.turns)


def test_stored_quotes_are_cut_free_of_marks_and_stay_verbatim() -> None:
    from synth.models import EvidenceLink, Insight, InsightSet, Quote
    from synth.parsing.nonspeech import without_nonspeech

    interview = interview_of(
        b"Ann: Why?\n\nBob: We lose {vocalsound} six hours every month [laughter] chasing the paperwork.\n\n"
        b"Ann: Really?\n\nBob: Yeah [laughter] so.\n", "call.txt")
    bob, short = interview.turns[1], interview.turns[3]

    def insight(turn_index: int, start: int, end: int) -> Insight:
        q = Quote(text=interview.text[start:end], interview_id=interview.id, turn_index=turn_index, start=start, end=end)
        return Insight(id=f"I{turn_index}", interview_id=interview.id, kind="pain", summary="s", quotes=[q],
                       participant="Bob", confidence=0.5)

    whole, tiny = insight(1, bob.start, bob.end), insight(3, short.start, short.end)
    links = [EvidenceLink(insight_id=i, hypothesis_id="H1", stance="supports", strength=0.5) for i in ("I1", "I3")]
    cleaned = without_nonspeech(interview, InsightSet(interview_id=interview.id, engine="offline",
                                                      insights=[whole, tiny], links=links))
    [kept] = cleaned.insights
    # Pieces too short to say anything ("We lose") go; the rest are verbatim spans of the text.
    assert [q.text for q in kept.quotes] == ["six hours every month", "chasing the paperwork."]
    for q in kept.quotes:
        assert interview.text[q.start : q.end] == q.text and not nonspeech_spans(q.text)
    assert [link.insight_id for link in cleaned.links] == ["I1"]  # the insight left with no quote goes
