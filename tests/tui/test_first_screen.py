"""The first screen comes from the files alone: name, counts and hypotheses before pydantic and the evidence load."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable
from tui_helpers import settle, static_text

from synth.errors import UserError
from synth.quickread import read_hypotheses, read_quick
from synth.workspace import Workspace
from tui.app import make_app

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("pydantic", "chromadb", "numpy", "onnxruntime", "synth.workspace", "synth.models", "click", "yaml", "tomllib")


def table_rows(app: Any) -> list[list[str]]:
    table = app.screen.query_one("#evidence-table", DataTable)
    return [[str(getattr(cell, "plain", cell)) for cell in table.get_row_at(n)] for n in range(table.row_count)]


@pytest.mark.anyio
async def test_first_frame_has_name_counts_and_hypotheses_before_the_evidence(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    import synth.evidence

    release = threading.Event()
    real = synth.evidence.evidence_summary

    def held_back(*args: Any, **kwargs: Any) -> Any:
        release.wait(timeout=60)
        return real(*args, **kwargs)

    monkeypatch.setattr(synth.evidence, "evidence_summary", held_back)
    hypotheses = ws.hypotheses()
    app = make_app(ws.root, warm_up=False)  # a folder, as `synth` passes it
    async with app.run_test(size=(120, 32)) as pilot:
        while not app.first_frame_shown:
            await pilot.pause()
        summary = static_text(app, "#summary")
        assert summary.startswith(ws.config.name)
        assert f"{len(hypotheses)} hypotheses · {len(ws.interview_ids())} interviews · 5 insights" in summary
        rows = table_rows(app)
        assert [(r[0], r[3], " ".join(r[4].split())) for r in rows] == [
            (h.id, h.status.value, " ".join(h.statement.split())) for h in hypotheses
        ]
        assert all(r[1] == "…" for r in rows), "for:against waits for the evidence"
        assert not app.screen.evidence_shown  # type: ignore[attr-defined]
        release.set()
        await settle(pilot)
        assert app.screen.evidence_shown  # type: ignore[attr-defined]
        assert table_rows(app)[0][1].endswith("2:1")
        assert app.ws.root == ws.root


def test_the_first_frame_loads_no_pydantic_click_yaml_toml_or_heavy_library(ws: Workspace) -> None:
    """Launched as `synth -w DIR` does; what is imported when the first frame is on screen."""
    code = f"""
import json, sys
import tui.app
seen = {{}}

def run_app(folder):
    app = tui.app.make_app(folder, warm_up=False)

    def first_frame():
        table = app.screen.query_one("#evidence-table")
        seen["modules"] = sorted(m for m in {HEAVY!r} if m in sys.modules)
        seen["rows"] = table.row_count
        app.exit()

    app.after_first_frame(first_frame)
    app.run(headless=True, size=(100, 32))

tui.app.run_app = run_app
from synth.cli.main import main
assert main(["--workspace", sys.argv[1]]) == 0
print(json.dumps(seen))
"""
    out = subprocess.run([sys.executable, "-c", code, str(ws.root)], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen == {"modules": [], "rows": len(ws.hypotheses())}


def test_quick_read_agrees_with_the_workspace(ws: Workspace) -> None:
    quick = read_quick(ws.root)
    assert quick.config is not None
    assert (quick.config.name, quick.config.north_star) == (ws.config.name, ws.config.north_star.metric)
    assert quick.interviews == len(ws.interview_ids())
    assert quick.insights == sum(1 for s in ws.insight_sets() for i in s.insights if i.review.value != "rejected")
    assert [(h.id, h.statement, h.status) for h in quick.hypotheses or []] == [
        (h.id, h.statement, h.status.value) for h in ws.hypotheses()
    ]


def test_quick_read_agrees_on_the_demo_hypotheses(tmp_path: Path) -> None:
    demo = REPO / "corpus" / "demo"
    if not (demo / "hypotheses.yaml").is_file():
        pytest.skip("no demo corpus")
    for name in ("synth.toml", "hypotheses.yaml"):
        shutil.copy(demo / name, tmp_path / name)
    ws = Workspace(tmp_path)
    quick = read_quick(tmp_path)
    assert quick.config is not None and quick.config.name == ws.config.name
    assert [(h.id, h.statement, h.status) for h in quick.hypotheses or []] == [
        (h.id, h.statement, h.status.value) for h in ws.hypotheses()
    ]


HAND_EDITED = """\
# edited by hand
hypotheses:
  - id: H1
    statement: "Teams lose a day a month to it"   # double quotes and a comment: PyYAML reads these
    kind: problem
    status: supported
    created: 2026-11-02
    updated: 2026-11-02
"""


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (HAND_EDITED, None),
        ("hypotheses:\n- id: H1\n  statement: [unclosed\n", "not valid YAML"),
        ("hypotheses:\n- id: X1\n  statement: s\n  created: '2026-11-02'\n  updated: '2026-11-02'\n", "invalid hypothesis"),
        ("hypotheses:\n- id: H1\n  statement: s\n  status: done\n  created: '2026-11-02'\n  updated: '2026-11-02'\n",
         "invalid hypothesis"),
        ("hypotheses:\n- id: H1\n  statement: s\n  owner: me\n  created: '2026-11-02'\n  updated: '2026-11-02'\n",
         "invalid hypothesis"),
        ("just a sentence\n", "expected a list"),
        ("hypotheses:\n- id: H1\n  statement: s\n  created: '2026-11-02'\n  updated: '2026-11-02'\n"
         "- id: H1\n  statement: t\n  created: '2026-11-02'\n  updated: '2026-11-02'\n", "two hypotheses have the id H1"),
    ],
    ids=["hand-edited", "bad-yaml", "bad-id", "bad-status", "unknown-key", "not-a-list", "repeated-id"],
)
def test_quick_read_of_a_hand_edited_file_agrees_or_steps_aside(ws: Workspace, text: str, error: str | None) -> None:
    ws.hypotheses_path.write_text(text, encoding="utf-8")
    quick = read_hypotheses(ws.root)
    if error is None:
        assert [(h.id, h.statement, h.status) for h in quick or []] == [
            (h.id, h.statement, h.status.value) for h in ws.hypotheses()
        ]
    else:
        assert quick is None  # the quick reader declines; the real load says what is wrong
        with pytest.raises(UserError, match=error):
            ws.hypotheses()


@pytest.mark.anyio
async def test_a_malformed_hypotheses_file_shows_the_usual_error_and_no_rows(ws: Workspace) -> None:
    ws.hypotheses_path.write_text("hypotheses:\n- id: H1\n  statement: [unclosed\n", encoding="utf-8")
    app = make_app(ws.root, warm_up=False)
    async with app.run_test(size=(120, 32)) as pilot:
        await settle(pilot)
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert any(m.startswith(f"{ws.hypotheses_path}: not valid YAML") for m in errors), errors
        assert table_rows(app) == []
        assert "… hypotheses · 2 interviews" in static_text(app, "#summary")
        assert app.is_running


def test_a_bad_synth_toml_still_stops_the_launch_with_its_one_line_error(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    from synth.cli.main import main

    ws.config_path.write_text("name = [unclosed\n", encoding="utf-8")
    assert main(["--workspace", str(ws.root)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"synth: {ws.config_path}: not valid TOML")


@pytest.mark.anyio
async def test_a_quote_edited_by_hand_shows_the_usual_error_not_the_words(ws: Workspace) -> None:
    s = next(s for s in ws.insight_sets() if s.insights)
    path = ws.insights_dir / f"{s.interview_id}.json"
    quote = s.insights[0].quotes[0].text
    path.write_text(path.read_text(encoding="utf-8").replace(json.dumps(quote)[1:-1], "Words nobody said."),
                    encoding="utf-8")
    app = make_app(ws.root, warm_up=False)
    async with app.run_test(size=(120, 32)) as pilot:
        await settle(pilot)
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert any(m.startswith(f"{path}: insight ") and "edited by hand" in m for m in errors), errors
        assert app.is_running
