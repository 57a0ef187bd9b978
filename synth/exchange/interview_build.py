"""Turn an imported source text into an `Interview`, and map the source's offsets onto it.

A text Synth exported is already an `Interview.text`: it is kept byte for byte
and its `Name: ...` blocks become the turns again. Another tool's text goes
through the ingest parser (`synth.parsing`) for speakers, roles and layout;
the parser may change whitespace, so each selection is mapped character by
character when only whitespace differs, else found again by its words. When
some selection cannot be placed, the text is kept as it was instead (line
endings aside: CRLF and CR become LF, and offsets move by the CRs removed).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable
from datetime import date

from synth.errors import SynthError
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


def _own_build(interview_id: str, body: str, meta: InterviewMeta) -> Interview:
    turns = _turns(body, _ASKING | ({meta.interviewer.lower()} if meta.interviewer else set()))
    if not meta.participant:
        people = [t.speaker for t in turns if t.role is Role.participant and t.speaker != UNKNOWN]
        meta = meta.model_copy(update={"participant": people[0] if people else ""})
    return Interview(id=interview_id, meta=meta, text=body, turns=turns)


def _parser_build(interview_id: str, raw: bytes, meta: InterviewMeta) -> Interview | None:
    """The ingest parser's interview (speaker names, roles, timestamps), when it can read the text."""
    try:
        from synth.parsing import build_interview, parse_bytes
    except ImportError:  # pragma: no cover - the parser ships with Synth; this keeps the module standalone
        return None
    try:
        iv = build_interview(parse_bytes(raw, meta.source_file or "source.txt"), meta, meta.interviewer or None)
    except (SynthError, ValueError):  # not a transcript the parser knows: keep the text as it is
        return None
    return iv.model_copy(update={"id": interview_id})


def _whitespace_map(old: str, new: str) -> OffsetMap | None:
    """When the texts differ only in whitespace (the usual re-layout), map character by character."""
    o = [i for i, c in enumerate(old) if not c.isspace()]
    n = [i for i, c in enumerate(new) if not c.isspace()]
    if len(o) != len(n) or any(old[a] != new[b] for a, b in zip(o, n, strict=True)):
        return None

    def to_new(start: int, end: int, _selected: str) -> tuple[int, int] | None:
        first, last = bisect_left(o, start), bisect_left(o, end) - 1
        return (n[first], n[last] + 1) if first <= last else None

    return to_new


def _search_map(old: str, new: str) -> OffsetMap:
    """Find each selected text in the re-laid-out text: exactly, else with any whitespace between words."""

    def to_new(start: int, end: int, selected: str) -> tuple[int, int] | None:
        words = selected.split()
        if not words:
            return None
        exact = [m.span() for m in re.finditer(re.escape(selected), new)]
        spans = exact or [m.span() for m in re.finditer(r"\s+".join(map(re.escape, words)), new)]
        if not spans:
            return None
        guess = start * len(new) / max(len(old), 1)
        return min(spans, key=lambda sp: abs(sp[0] - guess))

    return to_new


def source_interview(interview_id: str, name: str, raw: bytes, text: str, fields: dict[str, str],
                     spans: list[tuple[int, int]], *, keep_text: bool = False) -> tuple[Interview, OffsetMap]:
    """The interview for one imported source, and the map from the source's offsets into its text.

    A text Synth exported is already an `Interview.text` and is kept as it is (`keep_text`).
    Otherwise the ingest parser lays the turns out when every selection in `spans` can be found
    again in its text; failing that, the text is kept (line endings aside) and turns come from labels.
    """
    body, crlf_map = normalise_newlines(text)
    try:
        when = date.fromisoformat(fields["Date"]) if fields.get("Date") else None
    except ValueError:
        when = None
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-")[:60] or "source"
    meta = InterviewMeta(
        title=name, participant=fields.get("Participant", ""), company=fields.get("Company", ""),
        segment=fields.get("Segment", ""), date=when, interviewer=fields.get("Interviewer", ""),
        source_file=f"{slug}.txt",
    )
    parsed = None if keep_text else _parser_build(interview_id, raw, meta)
    if parsed is not None:
        if parsed.text == body:
            return parsed, crlf_map
        search = _whitespace_map(body, parsed.text) or _search_map(body, parsed.text)

        def via_parser(start: int, end: int, selected: str) -> tuple[int, int] | None:
            moved = crlf_map(start, end, selected)
            return search(*moved, body[moved[0] : moved[1]]) if moved else None

        if all(via_parser(s, e, text[s:e]) for s, e in spans):
            return parsed, via_parser
    return _own_build(interview_id, body, meta), crlf_map
