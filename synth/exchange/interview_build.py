"""Turn an imported source text into an `Interview`, and map the source's offsets onto it.

When the text is laid out as `Name: what they said` blocks (Synth's own
layout, and most pasted transcripts), each block becomes a turn; text before
the first label, or with no labels at all, is spoken by "Unknown". The text
is kept as it is apart from line endings (CRLF and CR become LF), so a
selection's offsets move only by the carriage returns removed before them.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable
from datetime import date

from synth.models import Interview, InterviewMeta, Role, Turn

OffsetMap = Callable[[int, int, str], "tuple[int, int] | None"]
"""(source start, source end, selected source text) -> (start, end) in Interview.text, or None."""

UNKNOWN = "Unknown"
_BLOCK = re.compile(r"(?:[^\n]|\n(?!\n))+")
_LABEL = re.compile(r"([^\W\d][^\n:]{0,59}?): ")
_ASKING = {"interviewer", "int", "q", "question", "moderator", "host"}


def normalise_newlines(text: str) -> tuple[str, OffsetMap]:
    removed = [m.start() for m in re.finditer("\r\n", text)]
    out = text.replace("\r\n", "\n").replace("\r", "\n")

    def to_new(start: int, end: int, _selected: str) -> tuple[int, int] | None:
        s, e = start - bisect_left(removed, start), end - bisect_left(removed, end)
        return (s, e) if 0 <= s < e <= len(out) else None

    return out, to_new


def _turns(text: str, interviewers: set[str]) -> list[Turn]:
    spans: list[list[object]] = []  # [speaker, start, end]
    for block in _BLOCK.finditer(text):
        start = block.start()
        while start < block.end() and text[start] == "\n":
            start += 1
        m = _LABEL.match(text, start, block.end())
        if m and len(m.group(1).split()) <= 6:
            spans.append([m.group(1).strip(), m.end(), block.end()])
        elif spans:
            spans[-1][2] = block.end()
        elif text[start : block.end()].strip():
            spans.append([UNKNOWN, start, block.end()])
    turns = []
    for i, (speaker, s, e) in enumerate(spans):
        assert isinstance(speaker, str) and isinstance(s, int) and isinstance(e, int)
        role = Role.interviewer if speaker.lower() in interviewers else Role.participant
        turns.append(Turn(index=i, speaker=speaker, role=role, text=text[s:e], start=s, end=e))
    return turns


def source_interview(interview_id: str, name: str, text: str, fields: dict[str, str]) -> tuple[Interview, OffsetMap]:
    """The interview for one imported source and the map from the source's offsets into its text."""
    body, to_new = normalise_newlines(text)
    interviewer = fields.get("Interviewer", "")
    turns = _turns(body, _ASKING | ({interviewer.lower()} if interviewer else set()))
    participants = [t.speaker for t in turns if t.role is Role.participant and t.speaker != UNKNOWN]
    try:
        when = date.fromisoformat(fields["Date"]) if fields.get("Date") else None
    except ValueError:
        when = None
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-")[:60] or "source"
    meta = InterviewMeta(
        title=name, participant=fields.get("Participant") or (participants[0] if participants else ""),
        company=fields.get("Company", ""), segment=fields.get("Segment", ""), date=when, interviewer=interviewer,
        source_file=f"{slug}.txt",
    )
    return Interview(id=interview_id, meta=meta, text=body, turns=turns), to_new
