"""Turn-aware chunks of a transcript for LLM calls.

Each chunk is whole turns rendered as `[turn N] Speaker (role): text`, within
a token budget; a turn longer than the budget is split at sentence ends.
Consecutive chunks share at most `overlap_turns` turns so an insight that
straddles a boundary is seen whole once; everything else is sent once. The
results of all chunks are merged and de-duplicated (synth.extract.merge).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from synth.models import Interview, Turn

_SENTENCE_END = re.compile(r"(?<=[.!?\u2026])\s+")
RESERVED_TOKENS = 1200
"""Budget kept back from `context_tokens` for the instructions and the answer."""


@dataclass
class Chunk:
    index: int
    lines: list[str] = field(default_factory=list)
    turn_indices: list[int] = field(default_factory=list)
    tokens: int = 0

    @property
    def text(self) -> str:
        return "\n\n".join(self.lines)


def render_turn(turn: Turn, text: str | None = None, part: int = 0) -> str:
    label = f"{turn.speaker} ({turn.role.value}{f', part {part}' if part else ''})"
    return f"[turn {turn.index}] {label}: {text if text is not None else turn.text}"


def _pieces(turn: Turn, budget: int, count: Callable[[str], int]) -> list[str]:
    """One rendered line for a turn, or several when it alone exceeds the budget."""
    line = render_turn(turn)
    if count(line) <= budget:
        return [line]
    out: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(turn.text):
        trial = f"{current} {sentence}".strip()
        if current and count(render_turn(turn, trial, len(out) + 1)) > budget:
            out.append(current)
            current = sentence
        else:
            current = trial
    if current:
        out.append(current)
    return [render_turn(turn, text, i + 1) for i, text in enumerate(out)]


def chunk_interview(
    interview: Interview,
    max_tokens: int,
    *,
    overlap_turns: int = 1,
    count: Callable[[str], int] | None = None,
) -> list[Chunk]:
    if count is None:
        from synth.tokens import count_tokens

        count = count_tokens
    budget = max(64, max_tokens)
    items: list[tuple[int, str, int]] = []
    for turn in interview.turns:
        for line in _pieces(turn, budget - 2, count):
            items.append((turn.index, line, count(line) + 2))
    chunks: list[Chunk] = [Chunk(0)]
    for pos, (tidx, line, n) in enumerate(items):
        cur = chunks[-1]
        if cur.lines and cur.tokens + n > budget:
            nxt = Chunk(len(chunks))
            # Carry the last few lines of the previous chunk, if they leave room for new text.
            for back in items[max(0, pos - overlap_turns) : pos]:
                if nxt.tokens + back[2] + n <= budget // 2 + n:
                    nxt.lines.append(back[1])
                    nxt.turn_indices.append(back[0])
                    nxt.tokens += back[2]
            chunks.append(nxt)
            cur = nxt
        cur.lines.append(line)
        if not cur.turn_indices or cur.turn_indices[-1] != tidx:
            cur.turn_indices.append(tidx)
        cur.tokens += n
    return [c for c in chunks if c.lines]
