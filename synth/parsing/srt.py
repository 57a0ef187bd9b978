"""SubRip (.srt): numbered blocks, `00:00:01,000 --> 00:00:02,000`, then text."""

from __future__ import annotations

import re

from synth.errors import ParseError
from synth.parsing.cuetext import apply_prefix_speakers, caption_cues
from synth.parsing.timestamps import srt_seconds
from synth.parsing.types import Cue

_TIMING = re.compile(r"^\s*([\d:,.]+)[ \t]*-->[ \t]*([\d:,.]+)(?:[ \t].*)?$")


def looks_like_srt(text: str) -> bool:
    head = [line for line in text[:2000].split("\n") if line.strip()][:2]
    return len(head) == 2 and head[0].strip().isdigit() and bool(_TIMING.match(head[1]))


def _timing(line: str, lineno: int) -> tuple[float, float]:
    m = _TIMING.match(line)
    start = end = None
    if m:
        start, end = srt_seconds(m.group(1)), srt_seconds(m.group(2))
    if start is None or end is None:
        raise ParseError(f"line {lineno}: malformed subtitle timing {line.strip()[:60]!r}")
    return start, end


def parse_srt(text: str) -> list[Cue]:
    lines = text.split("\n")
    n = len(lines)
    i = 0
    cues: list[Cue] = []
    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if "-->" not in line:
            if line.strip().isdigit() and i + 1 < n and "-->" in lines[i + 1]:
                i += 1
                line = lines[i]
            else:
                raise ParseError(f"line {i + 1}: text without a subtitle timing {line.strip()[:60]!r}")
        t0, t1 = _timing(line, i + 1)
        i += 1
        start = i
        while i < n and lines[i].strip() and "-->" not in lines[i]:
            i += 1
        cues.extend(caption_cues(lines[start:i], t0, t1))
    apply_prefix_speakers(cues)
    return cues
