"""Whatever the bytes, parsing either yields a valid Interview or raises ParseError (one line)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synth.errors import ParseError
from synth.models import InterviewMeta
from synth.parsing import build_interview, parse_bytes

BLNS = Path(__file__).parents[2] / ".." / "shared" / "data" / "blns.txt"
NAMES = ["x.txt", "x.md", "x.vtt", "x.srt", "x.json", "x.docx", "x"]

# Fragments of every format, shuffled into near-miss files.
PIECES = [
    "WEBVTT\n", "\n", "\n\n", "00:00:01.000 --> 00:00:02.000\n", "00:00:01,000 --> 00:00:02,000\n", "1\n",
    "<v Ann>", "</v>", "Ann: ", "**Bob:** ", "[00:01:02] ", "Bob (00:00:03): ", "NOTE x\n", "---\n",
    "title: t\n", "{", "}", '"segments": [', '{"text": "hi", "speaker": "A"}', "]", "?", "hello there",
    "&amp;", "<", ">", "\t", "\r\n", "\ufeff", "#", "Speaker 1  0:03  \n", "-->",
]


def _check(data: bytes, name: str) -> None:
    try:
        parsed = parse_bytes(data, name)
    except ParseError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    interview = build_interview(parsed, InterviewMeta(source_file=name))
    for turn in interview.turns:
        assert interview.text[turn.start : turn.end] == turn.text and turn.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.sampled_from(NAMES))
def test_near_miss_files(pieces: list[str], name: str) -> None:
    _check("".join(pieces).encode("utf-8"), name)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(NAMES))
def test_random_bytes(data: bytes, name: str) -> None:
    _check(data, name)


def test_naughty_strings_as_speakers_and_text() -> None:
    if not BLNS.is_file():
        pytest.skip("shared blns.txt absent")
    lines = [ln for ln in BLNS.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    for i, s in enumerate(lines):
        _check(f"Ann Lee: {s}\nBo Chen: why {s}?\nAnn Lee: ok\n".encode(), "x.txt")
        _check(f"WEBVTT\n\n00:00.000 --> 00:01.000\n<v {s}>{s}\n".encode(), f"{i}.vtt")
