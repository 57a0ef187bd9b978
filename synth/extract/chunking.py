"""Turn-aware chunks of a transcript for LLM calls, each transcript token sent once.

A chunk starts with a one-line legend of its speakers (`Speakers: P1 = Dana
(participant); I1 = Sam (interviewer)`) and then one line per turn, `P1: words`
(no turn numbers: grounding prefers the chunk's own turns, so the model never needs
them). A turn by the same speaker as the line above is written
without a label (a new line is still a new turn: quotes never join lines), so
an ASR transcript cut into hundreds of one-speaker segments costs its words and
a newline per segment, not a name and a role each time. Labels are what made
extraction send 1.28-1.5 prompt tokens per transcript token; aliases keep the
role visible (P = participant, I = interviewer, U = unlabelled) at 2 tokens.

Chunks are as large as the budget allows (the engine derives it from the model's
context window) and never overlap; a turn longer than the budget is split at
sentence ends. The results of all chunks are merged and de-duplicated
(synth.extract.merge).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from synth.models import Interview

_SENTENCE_END = re.compile(r"(?<=[.!?\u2026])\s+")
RESERVED_TOKENS = 1200
"""Budget kept back from the context window for the instructions, the schema and the answer."""
_PREFIX = {"participant": "P", "interviewer": "I"}


@dataclass
class Chunk:
    index: int
    lines: list[str] = field(default_factory=list)
    turn_indices: list[int] = field(default_factory=list)
    tokens: int = 0
    legend: str = ""

    @property
    def text(self) -> str:
        return "\n".join([self.legend, *self.lines] if self.legend else self.lines)


def speaker_aliases(interview: Interview) -> dict[tuple[str, str], str]:
    """(speaker, role) -> a short alias (P1, P2, I1, U1) in order of first appearance."""
    aliases: dict[tuple[str, str], str] = {}
    counts: dict[str, int] = {}
    for turn in interview.turns:
        key = (turn.speaker, turn.role.value)
        if key not in aliases:
            prefix = _PREFIX.get(turn.role.value, "U")
            counts[prefix] = counts.get(prefix, 0) + 1
            aliases[key] = f"{prefix}{counts[prefix]}"
    return aliases


def legend(aliases: dict[tuple[str, str], str], used: set[str]) -> str:
    parts = [f"{alias} = {name or 'unnamed'} ({role})" for (name, role), alias in aliases.items() if alias in used]
    return "Speakers: " + "; ".join(parts)


def _pieces(text: str, budget: int, count: Callable[[str], int]) -> list[str]:
    """The turn's text whole, or cut at sentence ends into pieces within the budget."""
    if count(text) <= budget:
        return [text]
    out: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(text):
        trial = f"{current} {sentence}".strip()
        if current and count(trial) > budget:
            out.append(current)
            current = sentence
        else:
            current = trial
    if current:
        out.append(current)
    return out


def chunk_interview(
    interview: Interview,
    max_tokens: int,
    *,
    overlap_turns: int = 0,
    count: Callable[[str], int] | None = None,
) -> list[Chunk]:
    """Chunks of at most `max_tokens` (legend included). `overlap_turns` is kept for callers
    that ask for it, but by default nothing is sent twice."""
    if count is None:
        from synth.tokens import count_tokens

        count = count_tokens
    aliases = speaker_aliases(interview)
    full_legend = count(legend(aliases, set(aliases.values())))
    budget = max(64, max_tokens - full_legend - 1)
    # (turn index, alias, text of one piece, tokens of its unlabelled line)
    items: list[tuple[int, str, str, int]] = []
    for turn in interview.turns:
        if not turn.text.strip():
            continue
        alias = aliases[(turn.speaker, turn.role.value)]
        for piece in _pieces(turn.text, budget - 8, count):
            items.append((turn.index, alias, piece, count(piece) + 1))
    chunks: list[Chunk] = []
    cur: Chunk | None = None
    last_alias = ""
    used: set[str] = set()

    def close(chunk: Chunk) -> None:
        chunk.legend = legend(aliases, used)
        chunk.tokens += count(chunk.legend) + 1
        chunks.append(chunk)

    for pos, (tidx, alias, text, n) in enumerate(items):
        label = f"{alias}: "
        cost = n if (cur is not None and cur.lines and alias == last_alias) else n + count(label)
        if cur is None or (cur.lines and cur.tokens + cost > budget):
            if cur is not None:
                close(cur)
            cur, used = Chunk(len(chunks)), set()
            for back in items[max(0, pos - overlap_turns) : pos] if overlap_turns else []:
                line = f"{back[1]}: {back[2]}"
                cur.lines.append(line)
                cur.turn_indices.append(back[0])
                cur.tokens += count(line) + 1
                used.add(back[1])
            last_alias = ""
            cost = n + count(label)
        if cur.lines and alias == last_alias:
            cur.lines.append(text)
        else:
            cur.lines.append(label + text)
        used.add(alias)
        last_alias = alias
        if not cur.turn_indices or cur.turn_indices[-1] != tidx:
            cur.turn_indices.append(tidx)
        cur.tokens += cost
    if cur is not None and cur.lines:
        close(cur)
    return chunks
