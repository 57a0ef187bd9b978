"""The offline engine on a real, messy Otter transcript someone else wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from synth.extract import extract_interviews
from synth.extract.align import is_grounded
from synth.models import Role
from synth.workspace import Workspace

DATA = Path(__file__).parents[2] / ".." / "shared" / "data" / "transcripts"
OTTER = DATA / "hitsave" / "q-cubed-carolyn-lu.md"


@pytest.mark.slow
@pytest.mark.skipif(not OTTER.is_file(), reason="shared data not present")
def test_offline_extraction_on_a_real_transcript_is_grounded_and_skips_the_interviewer(tmp_path):
    from synth.ingest import IngestOptions, ingest_paths

    ws = Workspace.create(tmp_path / "ws")
    [res] = ingest_paths(ws, [OTTER], IngestOptions(interviewer="Jonas Rosland"))
    assert res.status == "imported"
    report = extract_interviews(ws)
    assert report.outcomes[0].status == "extracted"
    iv = ws.interview(res.interview_id)
    s = ws.insight_set(iv.id)
    assert 3 <= len(s.insights) <= 80
    interviewer_turns = {t.index for t in iv.turns if t.role is Role.interviewer}
    assert interviewer_turns
    for ins in s.insights:
        for q in ins.quotes:
            assert is_grounded(iv, q)
            assert q.turn_index not in interviewer_turns
        assert ins.participant != "Jonas Rosland"
    assert len({i.id for i in s.insights}) == len(s.insights)
