"""Strategy: draft an update, accept or reject it section by section, apply; a hand edit is a clear conflict."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList
from tui_helpers import settle, static_text

from synth.workspace import Workspace
from tui.app import make_app

pytestmark = pytest.mark.anyio


async def test_draft_review_and_apply(ws: Workspace) -> None:
    before = ws.strategy_text()
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("7")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        screen = app.screen
        sections = list(screen.decisions)  # type: ignore[attr-defined]
        assert len(sections) >= 2
        assert "would change" in static_text(app, "#status")
        assert any(p.suffix == ".json" for p in ws.drafts_dir.iterdir()), "the draft is kept in drafts/"
        hunks = screen.query_one("#hunks", OptionList)
        hunks.focus()
        hunks.highlighted = 0
        await pilot.press("a", "r")  # accept the first section, reject the second
        assert screen.decisions[sections[0]] is True and screen.decisions[sections[1]] is False  # type: ignore[attr-defined]
        await pilot.press("A")
        await settle(pilot)
        after = ws.strategy_text()
        assert after != before
        assert f"## {sections[0]}" in after
        assert f"## {sections[1]}" not in after
        assert static_text(app, "#status") == "applied 1 section(s) to strategy.md"
        assert screen.draft is None  # type: ignore[attr-defined]


async def test_a_hand_edit_since_the_draft_is_reported_not_overwritten(ws: Workspace) -> None:
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("7")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        screen = app.screen
        first = next(iter(screen.decisions))  # type: ignore[attr-defined]
        edited = ws.strategy_text() + f"\n## {first}\n\nWritten by hand.\n"
        ws.strategy_path.write_text(edited, encoding="utf-8")
        screen.query_one("#hunks", OptionList).highlighted = 0
        screen.query_one("#hunks", OptionList).focus()
        await pilot.press("a", "A")
        await settle(pilot)
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "edited by hand" in errors[0] and errors[0].startswith(str(ws.strategy_path))
        assert ws.strategy_text() == edited
        assert app.is_running
