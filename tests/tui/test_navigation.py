"""Every screen opens with its number key and from the command palette; errors never end the app."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable
from tui_helpers import option_texts, settle, static_text

from synth.errors import UserError
from synth.workspace import Workspace
from tui.app import make_app
from tui.screens import SCREENS, screen_class

pytestmark = pytest.mark.anyio


async def test_number_keys_switch_every_screen(ws: Workspace) -> None:
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        for n, (key, _label, target) in enumerate(SCREENS, start=1):
            app.set_focus(None)
            await pilot.press(str(n))
            await settle(pilot)
            assert isinstance(app.screen, screen_class(target)), key
            assert app.current_mode == key


async def test_command_palette_goes_to_a_screen(ws: Workspace) -> None:
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"go to strategy")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "strategy"


async def test_bindings_have_ids_and_descriptions() -> None:
    for _key, _label, target in SCREENS:
        cls = screen_class(target)
        for binding in cls.BINDINGS:
            assert binding.id, (cls.__name__, binding.key)  # type: ignore[union-attr]
            assert binding.description, (cls.__name__, binding.key)  # type: ignore[union-attr]


async def test_overview_shows_counts_evidence_and_attention(ws: Workspace) -> None:
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        summary = static_text(app, "#summary")
        assert "Acme Close" in summary
        assert "weekly reconciled invoices" in summary
        assert "3 hypotheses · 2 interviews · 5 insights" in summary
        table = app.screen.query_one("#evidence-table", DataTable)
        assert table.row_count == 3
        attention = option_texts(app, "#attention")
        assert "No evidence yet" not in attention
        assert "5 insights to review, from 2 interview(s)" in attention


async def test_overview_lists_unextracted_interviews(bare_ws: Workspace) -> None:
    app = make_app(bare_ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        attention = option_texts(app, "#attention")
        assert "2 interview(s) not extracted: maria-2026-11-02, tom-2026-11-03" in attention
        assert "No evidence yet for H1, H2, H3" in attention


async def test_a_failing_worker_notifies_and_the_app_keeps_running(ws: Workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import synth.evidence

    def broken(_ws: Workspace) -> list[object]:
        raise UserError("insights file is damaged", path="insights/x.json")

    monkeypatch.setattr(synth.evidence, "evidence_summary", broken)
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert "insights/x.json: insights file is damaged" in messages
        await pilot.press("2")
        await settle(pilot)
        assert app.is_running and app.current_mode == "hypotheses"


async def test_enter_on_an_overview_row_opens_that_hypothesis(ws: Workspace) -> None:
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#evidence-table", DataTable)
        table.focus()
        table.move_cursor(row=2)
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "hypotheses"
        assert app.screen.selected_id() == "H3"  # type: ignore[attr-defined]
        assert static_text(app, "#hyp-detail").startswith("H3 Teams already use automation tools")


async def test_every_screen_at_80x24(ws: Workspace) -> None:
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for n in range(1, len(SCREENS) + 1):
            app.set_focus(None)
            await pilot.press(str(n))
            await settle(pilot)
            assert app.screen.query_one("#status").region.bottom <= 23, "the status line stays on screen"
        assert app.is_running


def test_synth_with_no_command_opens_the_tui(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.app
    from synth.cli.main import main

    opened: list[object] = []
    monkeypatch.setattr(tui.app, "run_app", opened.append)
    assert main(["--workspace", str(ws.root)]) == 0
    assert opened == [ws.root], "the UI gets the workspace folder and builds the Workspace itself"
