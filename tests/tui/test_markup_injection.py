"""Names, statements and transcript text that look like markup show literally and crash nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import DataTable
from tui_helpers import settle
from tui_workspace import build_interview

from synth.config import WorkspaceConfig
from synth.models import Role
from synth.workspace import Workspace
from tui.app import make_app
from tui.widgets.transcript import TranscriptView

pytestmark = pytest.mark.anyio

NASTY_SPEAKER = "[bold]x[/]"
NASTY_STATEMENT = "Founders [link=x]click[/link] [bold]love[/] [red] audits [/]"
NASTY_TEXT = "I said [i]nothing[/i] and [link=https://e.x]this[/link]; also [/] and [@click=app.quit]q[/]."


@pytest.fixture
def nasty_ws(tmp_path: Path) -> Workspace:
    ws = Workspace.create(tmp_path / "nasty", WorkspaceConfig(name="[b]Nasty[/b] Inc"))
    ws.add_hypothesis(NASTY_STATEMENT)
    iv = build_interview("nasty-1", NASTY_SPEAKER, "[u]Co[/u]", [
        ("Interviewer", Role.interviewer, "Tell me [bold]more[/]?"),
        (NASTY_SPEAKER, Role.participant, NASTY_TEXT),
    ])
    ws.save_interview(iv)
    return ws


def plain(value: object) -> str:
    return value.plain if isinstance(value, Text) else str(value)


async def test_markup_shows_literally_everywhere(nasty_ws: Workspace) -> None:
    app = make_app(nasty_ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#evidence-table", DataTable)
        assert plain(table.get_row_at(0)[4]).startswith("Founders [link=x]click[/link]")

        await pilot.press("2")
        await settle(pilot)
        hyp_row = app.screen.query_one("#hyp-table", DataTable).get_row_at(0)
        assert plain(hyp_row[3]) == NASTY_STATEMENT

        await pilot.press("4")
        await settle(pilot)
        rendered = [t.plain for t in app.screen.query_one(TranscriptView).turn_texts]
        assert rendered[1] == f"2 {NASTY_SPEAKER}: {NASTY_TEXT}"
        assert rendered[0] == "1 Interviewer (interviewer): Tell me [bold]more[/]?"
        row = app.screen.query_one("#interview-table", DataTable).get_row_at(0)
        assert plain(row[0]).splitlines()[0] == NASTY_SPEAKER

        for key in "35678":
            app.set_focus(None)
            await pilot.press(key)
            await settle(pilot)
        assert app.is_running
        assert app.title == "Synth — [b]Nasty[/b] Inc"
