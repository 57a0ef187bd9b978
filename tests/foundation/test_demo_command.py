"""`synth demo`, the README's first command: the whole loop offline, on one LLM session, every quote verbatim."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import synth.extract
import synth.strategy
from synth.cli.main import main
from synth.extract.align import is_grounded
from synth.llm.session import Session
from synth.workspace import Workspace


def test_synth_demo_runs_the_loop_offline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions: list[Session] = []
    for module, name in ((synth.extract, "extract_interviews"), (synth.strategy, "make_draft")):
        real = getattr(module, name)

        def spy(ws: Workspace, *a: Any, _real: Any = real, **kw: Any) -> Any:
            sessions.append(Session.current(ws))
            return _real(ws, *a, **kw)

        monkeypatch.setattr(module, name, spy)
    target = tmp_path / "demo"
    assert main(["demo", str(target), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)

    ws = Workspace.open(target)
    assert summary["interviews"] == len(ws.interview_ids()) == 10
    assert summary["insights"] == len(ws.insights()) > 0
    assert len(summary["hypotheses"]) == len(ws.hypotheses())
    assert all(s["hits"] for s in summary["searches"])
    assert Path(summary["draft_path"]).is_file()
    # Each top quote says which side of its hypothesis it stands on, as the evidence does.
    from synth.evidence import evidence_summary

    sides = {(ev.hypothesis_id, q.insight_id): side for ev in evidence_summary(ws)
             for side, quotes in (("for", ev.top_supporting), ("against", ev.top_contradicting)) for q in quotes}
    assert summary["top_insights"]
    assert all(sides[(t["hypothesis"], t["id"])] == t["side"] for t in summary["top_insights"])
    for s in ws.insight_sets():
        interview = ws.interview(s.interview_id)
        assert all(is_grounded(interview, q) for i in s.insights for q in i.quotes)
    # Extraction and the draft ran on the command's one session, and it was the offline one.
    assert len(sessions) == 2 and sessions[0] is sessions[1] and not sessions[0].enabled
