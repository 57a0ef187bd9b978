"""WebVTT (Zoom, Teams, YouTube, Whisper): cues, voice tags, NOTE/STYLE/REGION blocks.

Strict where a cue's timing is concerned (a malformed or truncated timing line
refuses the file with its line number), lenient about cue settings, which the
spec says to ignore when unknown.
"""

from __future__ import annotations

import re

from synth.errors import ParseError
from synth.parsing.cuetext import apply_prefix_speakers, caption_cues
from synth.parsing.timestamps import vtt_seconds
from synth.parsing.types import Cue

_TIMING = re.compile(r"^\s*([\d:.]+)[ \t]*-->[ \t]*([\d:.]+)(.*)$")
_BLOCKS = ("NOTE", "STYLE", "REGION")


def has_header(text: str) -> bool:
    first = text.split("\n", 1)[0]
    return first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))


def _timing(line: str, lineno: int) -> tuple[float, float]:
    m = _TIMING.match(line)
    start = end = None
    if m:
        start, end = vtt_seconds(m.group(1)), vtt_seconds(m.group(2))
    if start is None or end is None:
        raise ParseError(f"line {lineno}: malformed cue timing {line.strip()[:60]!r}")
    return start, end


def _valid(line: str) -> bool:
    m = _TIMING.match(line)
    return m is not None and vtt_seconds(m.group(1)) is not None and vtt_seconds(m.group(2)) is not None


def _is_meta_block(line: str) -> bool:
    for word in _BLOCKS:
        if line.startswith(word) and (len(line) == len(word) or line[len(word)] in " \t"):
            return True
    return False


def parse_webvtt(text: str, *, headerless: bool = False) -> list[Cue]:
    """Cues of a WebVTT file; `headerless` reads Whisper-style timed blocks pasted into text."""
    lines = text.split("\n")
    n = len(lines)
    i = 0
    if not headerless:
        if not has_header(text):
            raise ParseError("not a WebVTT file: the first line must be WEBVTT")
        i = 1
        while i < n and lines[i].strip() and "-->" not in lines[i]:
            i += 1
    cues: list[Cue] = []
    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if "-->" not in line and _is_meta_block(line):
            while i < n and lines[i].strip():
                i += 1
            continue
        if "-->" not in line:
            if i + 1 < n and "-->" in lines[i + 1]:
                i += 1  # a cue identifier
                line = lines[i]
            elif headerless:
                i += 1
                continue
            elif cues:
                # A blank line inside a caption: browsers (vtt.js) drop what follows it, but these are
                # words someone said, so they stay with the caption they belong to.
                start = i
                while i < n and lines[i].strip() and "-->" not in lines[i]:
                    i += 1
                more = caption_cues(lines[start:i], cues[-1].t_start, cues[-1].t_end)
                if more and more[0].speaker is None:
                    cues[-1].text = f"{cues[-1].text} {more.pop(0).text}"
                cues.extend(more)
                continue
            else:
                raise ParseError(f"line {i + 1}: text without a cue timing {line.strip()[:60]!r}")
        if i + 1 < n and "-->" in lines[i + 1] and _TIMING.match(lines[i + 1]) and not _valid(line):
            i += 1  # an identifier that itself holds `-->`: invalid, but the cue after it is fine
            line = lines[i]
        t0, t1 = _timing(line, i + 1)
        i += 1
        start = i
        while i < n and lines[i].strip() and "-->" not in lines[i]:
            i += 1
        cues.extend(caption_cues(lines[start:i], t0, t1))
    apply_prefix_speakers(cues)
    return cues
