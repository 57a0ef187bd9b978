"""Every transcript in the packaged demo corpus ingests with at least two speakers."""

from __future__ import annotations

from pathlib import Path

import pytest

from synth.ingest import FOLDER_SUFFIXES, ingest_paths
from synth.models import InterviewMeta
from synth.parsing import build_interview, parse_bytes
from synth.workspace import Workspace

DEMO = Path(__file__).parents[2] / "corpus" / "demo" / "transcripts"
FILES = (
    sorted(p for p in DEMO.iterdir() if p.suffix.lower() in FOLDER_SUFFIXES and not p.name.startswith("."))
    if DEMO.is_dir()
    else []
)


@pytest.mark.parametrize("path", FILES or [None], ids=lambda p: p.name if p else "absent")
def test_demo_transcript_has_two_speakers(path: Path | None) -> None:
    if path is None:
        pytest.skip("demo corpus not present")
    interview = build_interview(parse_bytes(path.read_bytes(), path.name), InterviewMeta(source_file=path.name))
    speakers = {t.speaker for t in interview.turns}
    assert len(speakers) >= 2, speakers
    assert "Unknown" not in speakers
    assert any(t.role == "interviewer" for t in interview.turns)


def test_demo_folder_ingests_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not FILES:
        pytest.skip("demo corpus not present")
    monkeypatch.setattr("synth.index.index_interviews", lambda ws, ivs: None)
    ws = Workspace.create(tmp_path / "ws")
    results = ingest_paths(ws, [DEMO])
    assert [r.status for r in results] == ["imported"] * len(FILES), [r.message for r in results]
    assert len(ws.interview_ids()) == len(FILES)
