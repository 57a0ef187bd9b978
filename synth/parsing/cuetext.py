"""Caption text: voice tags to speakers, markup stripped, entities decoded, `Name:` prefixes."""

from __future__ import annotations

import html
import re
from collections import Counter

from synth.parsing.labels import STOP_LABELS, clean_label, name_like
from synth.parsing.types import Cue

VOICE_RE = re.compile(r"<v(?:\.[^\s>]*)?(?:[ \t]+([^>\n]*))?>")
# Closed tags; only `<v>` and `<lang>` carry an annotation after a space, so in any other tag a
# space ends the tag name: `<c.first That's awesome!</c>` keeps its words.
TAG_RE = re.compile(r"<(?:[vV]|lang)(?:[.\s][^>\n]*)?>|</?[A-Za-z][\w.-]*>|<\d[\d:.]*>|<[^\s<>][^<>\n]*>")
# A tag the writer never closed: the WebVTT tokenizer would swallow the rest of the line into it (so
# a browser shows nothing), but the words after the tag name are what was said. vtt.js still reads
# such a cue; here the tag name goes and the words stay.
OPEN_TAG_RE = re.compile(r"</?(?:[A-Za-z][\w.-]*|\d[\d:.]*)(?=[ \t]|$)", re.M)
ASS_RE = re.compile(r"\{\\[^}\n]*\}")  # SRT files carry SSA overrides like {\an8}
_WS = re.compile(r"[ \t\u00a0]+")
PREFIX_RE = re.compile(r"^(?:>>\s*)?([^:\n<>]{1,48}?)\s*:\s+(\S.*)$", re.S)
BRACKET_PREFIX_RE = re.compile(r"^\[([^\]\n]{1,48})\]\s*:?\s+(\S.*)$", re.S)


def clean_text(raw: str) -> str:
    """Strip tags, decode entities, join the caption's lines with spaces."""
    text = OPEN_TAG_RE.sub("", TAG_RE.sub("", raw)) if "<" in raw else raw
    if "{\\" in text:
        text = ASS_RE.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(part for part in (_WS.sub(" ", line).strip() for line in text.split("\n")) if part)


def caption_cues(lines: list[str], t0: float | None, t1: float | None) -> list[Cue]:
    """One caption's text lines as cues: several when it holds several voice tags."""
    raw = "\n".join(lines)
    if "<v" not in raw:
        text = clean_text(raw)
        return [Cue(None, text, t0, t1)] if text else []
    parts = VOICE_RE.split(raw)
    out: list[Cue] = []
    before = clean_text(parts[0])
    if before:
        out.append(Cue(None, before, t0, t1))
    for i in range(1, len(parts), 2):
        name = clean_label(html.unescape(parts[i] or ""))
        text = clean_text(parts[i + 1])
        if text:
            out.append(Cue(name or None, text, t0, t1))
    return out


def apply_prefix_speakers(cues: list[Cue]) -> None:
    """Zoom and many SRTs write `Name: text` inside captions: make those speakers.

    A prefix counts when it looks like a name and recurs (or other prefixes already
    count), so a lone `Warning: ...` caption stays text.
    """
    found: list[tuple[int, str, str]] = []
    counts: Counter[str] = Counter()
    for i, cue in enumerate(cues):
        if cue.speaker is not None:
            continue
        m = BRACKET_PREFIX_RE.match(cue.text) or PREFIX_RE.match(cue.text)
        if not m:
            continue
        label = clean_label(m.group(1))
        if name_like(label) and label.lower() not in STOP_LABELS:
            found.append((i, label, m.group(2).strip()))
            counts[label] += 1
    if not counts or (max(counts.values()) < 2 and len(counts) < 2):
        return
    for i, label, rest in found:
        cues[i].speaker = label
        cues[i].text = rest
