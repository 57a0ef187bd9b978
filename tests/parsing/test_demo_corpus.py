"""Every transcript in the packaged demo corpus ingests with at least two speakers."""

from __future__ import annotations

from pathlib import Path

import pytest

from synth.models import InterviewMeta
from synth.parsing import build_interview, parse_bytes

DEMO = Path(__file__).parents[2] / "corpus" / "demo" / "transcripts"
FILES = sorted(p for p in DEMO.rglob("*") if p.is_file() and not p.name.startswith(".")) if DEMO.is_dir() else []


@pytest.mark.parametrize("path", FILES or [None], ids=lambda p: p.name if p else "absent")
def test_demo_transcript_has_two_speakers(path: Path | None) -> None:
    if path is None:
        pytest.skip("demo corpus not present")
    interview = build_interview(parse_bytes(path.read_bytes(), path.name), InterviewMeta(source_file=path.name))
    speakers = {t.speaker for t in interview.turns}
    assert len(speakers) >= 2, speakers
    assert "Unknown" not in speakers
    assert any(t.role == "interviewer" for t in interview.turns)
