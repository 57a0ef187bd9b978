"""Speaker-labelled text: `Name: text`, `[00:01:02] Name: text`, `Name (00:01:02):`, `**Name:**`,
Zoom's tab-separated lines, and the name-on-its-own-line layout of Otter, Google Meet,
Trint and Tactiq exports.

Two linear passes: classify every line and count labels, then keep the labels
that behave like speakers (they recur, or carry a timestamp or bold) and group
lines into cues. Anything else before the first speaker is preamble.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

from synth.errors import ParseError
from synth.parsing.labels import clean_label, name_like
from synth.parsing.timestamps import CLOCK, clock_seconds
from synth.parsing.types import Cue

_TS = rf"[\[(]?(?P<ts>{CLOCK})[\])]?"
_BULLET = re.compile(r"^\s*(?:[-*+>]\s+)+")
_BOLD = re.compile(
    rf"^(?:{_TS}\s*(?:[-–|]\s*)?)?\*\*(?P<name>[^*\n]{{1,60}}?)\s*(?:[\[(](?P<ts2>{CLOCK})[\])])?\s*"
    rf"(?::\s*\*\*|\*\*\s*:)(?P<rest>.*)$"
)
_INLINE = re.compile(
    rf"^(?:{_TS}\s*(?:[-–|]\s*)?)?(?P<name>[^:\n\[\]()*\t]{{1,60}}?)\s*(?:[\[(](?P<ts2>{CLOCK})[\])])?\s*:"
    rf"(?:\s+(?P<rest>.*))?$"
)
_TAB = re.compile(rf"^(?P<ts>{CLOCK})\t+(?P<name>[^\t]{{1,60}}?):?\t+(?P<rest>.*)$")
_TAB_NAME_FIRST = re.compile(rf"^(?P<name>[^\t]{{1,60}}?)\t+(?P<ts>{CLOCK})\t+(?P<rest>.*)$")
_STANDALONE = re.compile(
    rf"^(?:{_TS}\s+)?(?:\*\*)?(?P<name>\[?[^:\n\[\]*\t]{{1,60}}?\]?)(?:\*\*)?"
    rf"(?:\s*[-–|,]?\s*[\[(]?(?P<ts2>{CLOCK})[\])]?)?\s*$"
)
# A time, or a time range (`00:01 - 00:05`), alone on its line.
_TS_ONLY = re.compile(rf"^\s*[\[(]?({CLOCK})[\])]?(?:\s*(?:[-–]|to)\s*[\[(]?{CLOCK}[\])]?)?\s*$")
_HEADING = re.compile(r"^#{1,6}(?:\s|$)")
_INLINE_TS = re.compile(rf"\[({CLOCK})\]\s*")
TIMING_LINE = re.compile(r"^\s*[\d:.]+\s*-->\s*[\d:.]+")

ROLE_LABELS = frozenset({"interviewer", "interviewee", "participant", "moderator", "host", "guest", "customer",
                         "founder", "q", "a", "me", "them", "user", "respondent", "researcher"})
BLANK, TEXT, INLINE, STANDALONE, TSONLY, HEADING = range(6)


@dataclass(slots=True)
class _Line:
    kind: int
    text: str
    label: str = ""
    ts: float | None = None
    strong: bool = False
    """Bold or timestamped: a speaker even if the label appears once."""


def _ts(m: re.Match[str]) -> float | None:
    groups = m.groupdict()
    raw = groups.get("ts") or groups.get("ts2")
    return clock_seconds(raw) if raw else None


def _classify(line: str, prev_blank: bool) -> _Line:
    stripped = line.strip()
    if not stripped:
        return _Line(BLANK, "")
    if stripped.startswith("#") and _HEADING.match(stripped):
        return _Line(HEADING, stripped.lstrip("#").strip())
    m_ts = _TS_ONLY.match(stripped)
    if m_ts:
        return _Line(TSONLY, "", ts=clock_seconds(m_ts.group(1)))
    body = _BULLET.sub("", stripped) if stripped[0] in "-*+>" and not stripped.startswith("**") else stripped
    for rx, strong in ((_TAB, True), (_TAB_NAME_FIRST, True)):
        if "\t" in line:
            m = rx.match(line.strip(" "))
            if m and name_like(clean_label(m.group("name"))):
                return _Line(INLINE, m.group("rest").strip(), clean_label(m.group("name")), _ts(m), strong)
    m = _BOLD.match(body) if "**" in body else None
    if m and name_like(label := clean_label(m.group("name"))):
        return _Line(INLINE, (m.group("rest") or "").strip(), label, _ts(m), True)
    m = _INLINE.match(body) if ":" in body else None
    if m and name_like(label := clean_label(m.group("name"))):
        ts = _ts(m)
        return _Line(INLINE, (m.group("rest") or "").strip(), label, ts, ts is not None)
    if prev_blank:
        m = _STANDALONE.match(stripped)
        if m:
            label = clean_label(m.group("name"))
            if name_like(label):
                ts = _ts(m)
                return _Line(STANDALONE, stripped, label, ts, ts is not None or line.endswith("  "))
    return _Line(TEXT, stripped)


def _accepted(lines: list[_Line]) -> set[str]:
    inline: Counter[str] = Counter()
    standalone: Counter[str] = Counter()
    strong: set[str] = set()
    for i, ln in enumerate(lines):
        if ln.kind == INLINE:
            inline[ln.label] += 1
            if ln.strong:
                strong.add(ln.label)
        elif ln.kind == STANDALONE:
            # A name line must be followed by what the name said.
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if nxt is None or nxt.kind in (BLANK, HEADING):
                ln.kind = TEXT
                continue
            standalone[ln.label] += 1
            if ln.strong or nxt.kind == TSONLY:  # a name, then its time on the next line
                strong.add(ln.label)
    accepted = {lab for lab, c in standalone.items() if c >= 2 or lab in strong}
    accepted |= {lab for lab, c in inline.items() if c >= 2 or lab in strong}
    texts = sum(1 for ln in lines if ln.kind == TEXT)
    if not accepted and len(inline) >= 2 and inline.total() >= texts:
        # A short exchange where everyone speaks once: the labelled lines dominate the file.
        accepted = set(inline)
    if accepted:
        # Once the file is known to be speaker-labelled, a participant who spoke once still counts,
        # if the label reads as a full name or a role (`Also: ...` stays text).
        accepted |= {lab for lab in inline if " " in lab or lab.lower() in ROLE_LABELS}
    return accepted


def parse_labelled(text: str, *, unescape: bool = True) -> tuple[list[Cue], list[str]]:
    """Cues of a speaker-labelled text and its preamble lines (headings and text before the first turn)."""
    if unescape and "&" in text:
        text = html.unescape(text)
    raw_lines = text.split("\n")
    lines: list[_Line] = []
    prev_blank = True
    for raw in raw_lines:
        ln = _classify(raw, prev_blank)
        lines.append(ln)
        prev_blank = ln.kind in (BLANK, HEADING)
    accepted = _accepted(lines)
    if not accepted:
        if sum(1 for raw in raw_lines[:400] if TIMING_LINE.match(raw)) >= 2:
            from synth.parsing.webvtt import parse_webvtt

            return parse_webvtt(text, headerless=True), []
        unlabelled = _paragraphs(lines)
        if unlabelled is not None:
            return unlabelled
        raise ParseError("no speaker turns found (expected lines like `Name: text` or a name line before each turn)")
    return _group(lines, accepted)


MIN_UNLABELLED_WORDS = 150
MIN_UNLABELLED_UNITS = 5
"""Below this much text without any speaker label, a file is more likely a note than a transcript."""


def _paragraphs(lines: list[_Line]) -> tuple[list[Cue], list[str]] | None:
    """A transcript with no speaker labels at all (Whisper's .txt, a pasted recording transcript): its
    paragraphs, or its lines when it has no blank lines, as unlabelled cues; headings are preamble."""
    preamble = [f"# {ln.text}" for ln in lines if ln.kind == HEADING]
    body = [ln for ln in lines if ln.kind != HEADING]
    while body and body[-1].kind == BLANK:
        body.pop()
    while body and body[0].kind == BLANK:
        body.pop(0)
    blocks: list[list[str]] = [[]]
    has_blank = any(ln.kind == BLANK for ln in body)
    for ln in body:
        if ln.kind == BLANK or ln.kind == TSONLY:
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(_as_text(ln).strip())
        if not has_blank:
            blocks.append([])
    units = [" ".join(b) for b in blocks if b]
    if len(units) < MIN_UNLABELLED_UNITS or sum(len(u.split()) for u in units) < MIN_UNLABELLED_WORDS:
        return None
    return [Cue(None, u) for u in units], preamble


def _group(lines: list[_Line], accepted: set[str]) -> tuple[list[Cue], list[str]]:
    cues: list[Cue] = []
    preamble: list[str] = []
    paragraphs: list[list[str]] = []
    current: Cue | None = None

    def flush() -> None:
        if current is not None:
            current.text = "\n".join(" ".join(p) for p in paragraphs if p)
            cues.append(current)

    for ln in lines:
        if ln.kind in (INLINE, STANDALONE) and ln.label in accepted:
            flush()
            current = Cue(ln.label, "", ln.ts)
            paragraphs = [[]]
            if ln.kind == INLINE and ln.text:
                _add(ln.text, current, paragraphs)
            continue
        if current is None:
            if ln.kind in (TEXT, INLINE, STANDALONE):
                preamble.append(_as_text(ln))
            elif ln.kind == HEADING:
                preamble.append(f"# {ln.text}")
            continue
        if ln.kind == BLANK:
            if paragraphs[-1]:
                paragraphs.append([])
        elif ln.kind == TSONLY:
            if current.t_start is None and not any(paragraphs):
                current.t_start = ln.ts
        elif ln.kind == HEADING:
            continue
        else:
            _add(_as_text(ln), current, paragraphs)
    flush()
    return [c for c in cues if c.text], preamble


def _as_text(ln: _Line) -> str:
    """A line read as plain words: a label that did not turn out to be a speaker stays in the text."""
    return f"{ln.label}: {ln.text}" if ln.kind == INLINE else ln.text


_SPACES = re.compile(r"[ \t\u00a0]{2,}")


def _add(text: str, cue: Cue, paragraphs: list[list[str]]) -> None:
    if "  " in text or "\t" in text:
        text = _SPACES.sub(" ", text)
    if "[" in text:
        m = _INLINE_TS.match(text)
        if m and cue.t_start is None and not any(paragraphs):
            cue.t_start = clock_seconds(m.group(1))
        text = _INLINE_TS.sub("", text).strip()
    if text:
        paragraphs[-1].append(text)
