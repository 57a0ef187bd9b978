"""The whole loop through the TUI on (part of) the demo workspace: evidence, review, search, strategy, doctor."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, OptionList
from tui_helpers import settle, static_text

from synth.models import Review
from synth.workspace import Workspace
from tui.app import make_app
from tui.screens.interviews import InterviewsScreen
from tui.widgets.transcript import TranscriptView

pytestmark = [pytest.mark.anyio, pytest.mark.slow]


async def test_demo_loop(demo_ws: Workspace) -> None:
    n_hyp = len(demo_ws.hypotheses())
    app = make_app(demo_ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        summary = static_text(app, "#summary")
        assert f"{n_hyp} hypotheses · 3 interviews" in summary
        assert app.screen.query_one("#evidence-table", DataTable).row_count == n_hyp

        await pilot.press("5")
        await settle(pilot)
        table = app.screen.query_one("#insight-table", DataTable)
        assert table.row_count > 0
        table.focus()
        chosen = app.screen.selected().id  # type: ignore[attr-defined]
        await pilot.press("a")
        await settle(pilot)
        assert demo_ws.find_insight(chosen)[1].review is Review.accepted

        await pilot.press("6")
        await settle(pilot)
        await pilot.press(*"receipts", "enter")
        await settle(pilot)
        results = app.screen.query_one("#search-results", OptionList)
        assert results.option_count > 0
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, InterviewsScreen)
        view = app.screen.query_one(TranscriptView)
        assert view.interview is not None and view.focus_span is not None

        await pilot.press("7")
        await settle(pilot)
        before = demo_ws.strategy_text()
        await pilot.press("d")
        await settle(pilot)
        sections = list(app.screen.decisions)  # type: ignore[attr-defined]
        assert sections
        hunks = app.screen.query_one("#hunks", OptionList)
        hunks.focus()
        hunks.highlighted = 0
        await pilot.press(*("a" * len(sections)), "A")
        await settle(pilot)
        assert demo_ws.strategy_text() != before
        assert "[^I" in demo_ws.strategy_text(), "claims cite insights"

        await pilot.press("8")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        doctor = static_text(app, "#doctor")
        assert "provider" in doctor and "embeddings" in doctor
        assert app.is_running
