"""`synth search` and `synth reindex` from the command line."""

from __future__ import annotations

import json

import pytest

from synth.cli.main import main
from synth.models import InsightSet
from synth.workspace import Workspace


def test_reindex_then_search_json(
    ws: Workspace, insight_sets: list[InsightSet], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-w", str(ws.root), "reindex"]) == 0
    out = capsys.readouterr()
    assert "Indexed 8 chunks from 2 interviews, 3 insights" in out.out
    assert "indexing interviews 1-2 of 2" in out.err  # progress on stderr

    assert main(["-w", str(ws.root), "search", "Ledgerly", "--k", "3", "--speaker", "participant", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 3
    top = hits[0]
    assert "Ledgerly" in top["text"]
    for field in ("kind", "interview_id", "speaker", "role", "date", "t_start", "start", "end", "score"):
        assert field in top
    assert {h["role"] for h in hits} == {"participant"}


def test_search_human_output_and_filters(
    ws: Workspace, insight_sets: list[InsightSet], capsys: pytest.CaptureFixture[str]
) -> None:
    main(["-w", str(ws.root), "reindex"])
    capsys.readouterr()
    assert main(["-w", str(ws.root), "search", "pricing", "--interview", "2026-04", "--kind", "chunks"]) == 0
    out = capsys.readouterr().out
    assert "2026-04-10-bob" in out and "2026-03-02-alice" not in out
    assert "the pricing was confusing" in out


def test_bad_date_is_one_line_error(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-w", str(ws.root), "search", "x", "--since", "March"]) == 2
    assert "--since expects a date" in capsys.readouterr().err
