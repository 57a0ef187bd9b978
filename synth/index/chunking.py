"""Turn-aware chunks of an interview for the index.

A chunk is one speaker's words: consecutive turns of the same speaker are
packed together up to `max_tokens`, a turn longer than that is split at
sentence boundaries (and a sentence longer than that at word boundaries).
A chunk never spans two speakers, and `Interview.text[start:end]` is always
exactly its text, so a hit can be shown and highlighted in place.

Non-speech marks (`{vocalsound}`, `[laughter]`, `(inaudible)`) are never indexed:
a chunk's `body` (what is embedded and keyword-indexed) leaves them out
(`synth.parsing.nonspeech.speech_only`), and a turn that is nothing but marks makes no chunk.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from synth.models import Interview, Turn

# A sentence ends at . ! ? … (optionally followed by closing quotes/brackets) or a line break.
_SENTENCE_END = re.compile(r"(?:[.!?…]+[\"'”’)\]]*\s+|\n+)")
_WORD_END = re.compile(r"\s+")


@dataclass(frozen=True)
class Chunk:
    interview_id: str
    seq: int
    speaker: str
    role: str
    turn_start: int
    turn_end: int
    """Inclusive range of `Turn.index` values the chunk covers."""
    start: int
    end: int
    text: str
    t_start: float | None = None
    t_end: float | None = None
    body: str = ""
    """What is indexed: `text` without non-speech marks."""

    @property
    def id(self) -> str:
        return f"{self.interview_id}#c{self.seq:04d}"


def _pieces(text: str, base: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """Spans (absolute offsets) of `text` cut after each match of `pattern`, trailing space included."""
    spans: list[tuple[int, int]] = []
    lo = 0
    for m in pattern.finditer(text):
        if m.end() > lo:
            spans.append((base + lo, base + m.end()))
            lo = m.end()
    if lo < len(text):
        spans.append((base + lo, base + len(text)))
    return spans


def _split_turn(full: str, turn: Turn, max_tokens: int, count: Callable[[str], int]) -> list[tuple[int, int]]:
    """Split one turn's span into pieces of at most `max_tokens`, preferring sentence boundaries."""
    if count(turn.text) <= max_tokens:
        return [(turn.start, turn.end)]
    units: list[tuple[int, int, int]] = []  # (start, end, tokens)
    for s, e in _pieces(turn.text, turn.start, _SENTENCE_END):
        n = count(full[s:e])
        if n <= max_tokens:
            units.append((s, e, n))
            continue
        for ws_, we in _pieces(full[s:e], s, _WORD_END):
            units.append((ws_, we, count(full[ws_:we])))
    out: list[tuple[int, int]] = []
    cur_s, cur_e, cur_n = units[0]
    for s, e, n in units[1:]:
        if cur_n + n <= max_tokens:
            cur_e, cur_n = e, cur_n + n
        else:
            out.append((cur_s, cur_e))
            cur_s, cur_e, cur_n = s, e, n
    out.append((cur_s, cur_e))
    return [_strip(full, s, e) for s, e in out]


def _strip(full: str, s: int, e: int) -> tuple[int, int]:
    while e > s and full[e - 1].isspace():
        e -= 1
    while s < e and full[s].isspace():
        s += 1
    return s, e


def chunk_interview(
    interview: Interview, max_tokens: int = 200, count: Callable[[str], int] | None = None
) -> list[Chunk]:
    # Imported here: synth.parsing's package import costs a cold search ~0.1 s it never needs.
    from synth.parsing.nonspeech import speech_only

    if count is None:
        from synth.tokens import count_tokens

        count = count_tokens
    full = interview.text
    chunks: list[Chunk] = []

    def emit(turns: list[Turn], s: int, e: int) -> None:
        if e <= s:
            return
        body = speech_only(full[s:e])
        if not body:
            return
        chunks.append(
            Chunk(
                interview_id=interview.id,
                seq=len(chunks),
                speaker=turns[0].speaker,
                role=turns[0].role.value,
                turn_start=turns[0].index,
                turn_end=turns[-1].index,
                start=s,
                end=e,
                text=full[s:e],
                t_start=turns[0].t_start,
                t_end=turns[-1].t_end,
                body=body,
            )
        )

    # Pack whole turns of one speaker; flush at a speaker change or when full.
    group: list[Turn] = []
    group_tokens = 0
    for turn in interview.turns:
        speech = speech_only(turn.text)
        if not speech:
            continue
        n = count(speech)
        same = bool(group) and group[-1].speaker == turn.speaker and group[-1].role == turn.role
        if same and group_tokens + n <= max_tokens:
            group.append(turn)
            group_tokens += n
            continue
        if group:
            emit(group, *_strip(full, group[0].start, group[-1].end))
        if n <= max_tokens:
            group, group_tokens = [turn], n
            continue
        for s, e in _split_turn(full, turn, max_tokens, count):
            emit([turn], s, e)
        group, group_tokens = [], 0
    if group:
        emit(group, *_strip(full, group[0].start, group[-1].end))
    return chunks
