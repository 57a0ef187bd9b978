"""Chunks: exact offsets, one speaker each, long turns split at sentence boundaries."""

from __future__ import annotations

from synth.index.chunking import chunk_interview
from synth.tokens import count_tokens

from .conftest import make_interview, sample_interviews

LONG = " ".join(
    f"Sentence number {i} is about how we reconcile invoice batch {i * 7} with the bank feed."
    for i in range(40)
)


def test_offsets_point_at_the_chunk_text() -> None:
    for interview in sample_interviews():
        chunks = chunk_interview(interview, 200)
        assert chunks
        for c in chunks:
            assert interview.text[c.start : c.end] == c.text
            assert c.text.strip() == c.text


def test_a_chunk_never_spans_two_speakers() -> None:
    interview = sample_interviews()[0]
    chunks = chunk_interview(interview, 2000)
    # Even with room for the whole interview, speaker changes cut chunks.
    assert len(chunks) == len(interview.turns)
    for c in chunks:
        turns = [t for t in interview.turns if c.turn_start <= t.index <= c.turn_end]
        assert {t.speaker for t in turns} == {c.speaker}
        assert c.t_start == turns[0].t_start


def test_long_turn_splits_at_sentence_boundaries_within_budget() -> None:
    interview = make_interview("long", [("Sam", "interviewer", "Walk me through it?"), ("Ana", "participant", LONG)])
    chunks = chunk_interview(interview, 64)
    long_chunks = [c for c in chunks if c.speaker == "Ana"]
    assert len(long_chunks) > 5
    for c in long_chunks:
        assert interview.text[c.start : c.end] == c.text
        assert count_tokens(c.text) <= 64
        assert c.text.startswith("Sentence number") and c.text.endswith("bank feed.")
        assert c.turn_start == c.turn_end == 1
    # Together the pieces cover the turn with nothing lost.
    assert " ".join(c.text for c in long_chunks) == LONG


def test_a_sentence_longer_than_the_budget_splits_at_words() -> None:
    words = " ".join(f"word{i}" for i in range(300))
    interview = make_interview("words", [("Ana", "participant", words)])
    chunks = chunk_interview(interview, 40)
    assert len(chunks) > 3
    assert " ".join(c.text for c in chunks) == words
    assert all(count_tokens(c.text) <= 40 for c in chunks)


def test_consecutive_turns_of_one_speaker_are_packed() -> None:
    interview = make_interview(
        "packed",
        [("Ana", "participant", "First thought."), ("Ana", "participant", "Second thought."), ("Sam", "interviewer", "Ok?")],
    )
    chunks = chunk_interview(interview, 200)
    assert [(c.speaker, c.turn_start, c.turn_end) for c in chunks] == [("Ana", 0, 1), ("Sam", 2, 2)]
    assert interview.text[chunks[0].start : chunks[0].end] == chunks[0].text
