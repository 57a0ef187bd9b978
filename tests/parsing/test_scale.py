"""Large files stay linear: a quadratic step at 5·10^4 lines would take hours and hit the timeout.

Measured by hand (see the report for figures): 10^6 cues parse and build in tens of seconds.
"""

from __future__ import annotations

import pytest

from synth.models import InterviewMeta
from synth.parsing import build_interview, parse_bytes

N = 50_000


def _clock(s: int) -> str:
    return f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"


@pytest.mark.timeout(240)
def test_fifty_thousand_vtt_cues() -> None:
    parts = ["WEBVTT\n"]
    for i in range(N):
        who = "Ann" if (i // 3) % 2 else "Bob"
        parts.append(f"\n{_clock(i)}.000 --> {_clock(i)}.900\n<v {who}>cue {i} text?\n")
    parsed = parse_bytes("".join(parts).encode(), "big.vtt")
    assert len(parsed.cues) == N
    interview = build_interview(parsed, InterviewMeta(source_file="big.vtt"))
    assert len(interview.turns) == -(-N // 3)
    assert interview.turns[-1].text.endswith(f"cue {N - 1} text?")


@pytest.mark.timeout(240)
def test_fifty_thousand_labelled_lines() -> None:
    data = "".join(f"{'Ann Lee' if i % 2 else 'Bo Chen'}: line {i} here.\n" for i in range(N)).encode()
    interview = build_interview(parse_bytes(data, "big.txt"), InterviewMeta(source_file="big.txt"))
    assert len(interview.turns) == N
    last = interview.turns[-1]
    assert interview.text[last.start : last.end] == f"line {N - 1} here."
