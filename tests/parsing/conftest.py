from __future__ import annotations

from pathlib import Path

import pytest

from synth.models import Interview, InterviewMeta
from synth.parsing import build_interview, parse_bytes

FIXTURES = Path(__file__).parents[1] / "fixtures" / "transcripts"


def interview_of(data: bytes, name: str, **meta: str) -> Interview:
    return build_interview(parse_bytes(data, name), InterviewMeta(source_file=name, **meta))


@pytest.fixture
def fixture_bytes() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in FIXTURES.glob("*.*")}
