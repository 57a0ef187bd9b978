"""Timestamps as transcripts write them: `01:02:03.456`, `1:02`, `00:00:01,500`, `[00:01:02]`."""

from __future__ import annotations

import re

# A loose clock: [h:]mm:ss[.,fff]; used to spot timestamps in free text.
CLOCK = r"(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
CLOCK_RE = re.compile(rf"^{CLOCK}$")


def clock_seconds(value: str) -> float | None:
    """Seconds for a loose clock string, or None when it is not one."""
    value = value.strip().strip("[]()")
    if not CLOCK_RE.match(value):
        return None
    main, _, frac = value.replace(",", ".").partition(".")
    parts = [int(p) for p in main.split(":")]
    if any(p >= 60 for p in parts[1:]):
        return None
    seconds = 0
    for p in parts:
        seconds = seconds * 60 + p
    return seconds + (float("0." + frac) if frac else 0.0)


# WebVTT: hours optional (any number of digits), minutes and seconds exactly two, exactly three fraction digits.
_VTT_TS = re.compile(r"^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$")
# Teams writes `0:0:0.570`: one-digit fields, still unambiguous.
_TEAMS_TS = re.compile(r"^(\d+):(\d{1,2}):(\d{1,2})\.(\d{1,3})$")
# Some tools write SRT with WebVTT's `.` before the milliseconds: unambiguous, so accepted.
_SRT_TS = re.compile(r"^(\d{1,3}):([0-5]?\d):([0-5]?\d)[,.](\d{1,3})$")


def vtt_seconds(value: str) -> float | None:
    m = _VTT_TS.match(value) or _TEAMS_TS.match(value)
    if not m:
        return None
    h, mnt, s, frac = m.groups()
    if int(mnt) > 59 or int(s) > 59:
        return None
    return int(h or 0) * 3600 + int(mnt) * 60 + int(s) + float("0." + frac)


def srt_seconds(value: str) -> float | None:
    m = _SRT_TS.match(value)
    if not m:
        return None
    h, mnt, s, frac = m.groups()
    return int(h) * 3600 + int(mnt) * 60 + int(s) + float("0." + frac.ljust(3, "0"))
