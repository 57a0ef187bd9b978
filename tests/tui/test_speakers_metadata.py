"""The interview screen at 80x24: metadata with a date and a visible Save, and relabelling speakers."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.app import App
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Select
from tui_helpers import settle, show_screen

from synth.models import Role
from synth.workspace import Workspace
from tui.app import make_app
from tui.widgets.dialogs import FormDialog
from tui.widgets.speakers_dialog import RANGE, SpeakersDialog, parse_turns

pytestmark = pytest.mark.anyio


def fully_visible(app: App[None], widget: Widget) -> bool:
    region = widget.region
    width, height = app.size
    return region.width > 0 and region.height > 0 and region.right <= width and region.bottom <= height


async def test_metadata_dialog_at_80x24_has_a_date_and_a_visible_save(ws: Workspace) -> None:
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_screen(pilot, "4")
        await pilot.press("m")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        save = dialog.query_one("#save", Button)
        date = dialog.query_one("#f-date", Input)
        assert fully_visible(app, save) and fully_visible(app, date)
        assert fully_visible(app, dialog.query_one("#f-interviewer", Input))

        date.value = "next tuesday"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog, "a date that is not a date keeps the dialog open and says why"
        date.value = "2026-11-02"
        dialog.query_one("#f-interviewer", Input).value = "Sam Field"
        await pilot.press("ctrl+s")
        await settle(pilot)
        meta = ws.interview("maria-2026-11-02").meta
        assert meta.date == dt.date(2026, 11, 2) and meta.interviewer == "Sam Field"


def test_turn_ranges_read_as_shown_on_screen() -> None:
    assert parse_turns("1-3", 4) == (0, 2)
    assert parse_turns("4", 4) == (3, 3)
    assert parse_turns("3-1", 4) == (0, 2)
    assert isinstance(parse_turns("2-9", 4), str)
    assert isinstance(parse_turns("two", 4), str)


async def test_relabel_a_speaker_then_a_range_of_turns(ws: Workspace) -> None:
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_screen(pilot, "4")

        await pilot.press("s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SpeakersDialog)
        assert fully_visible(app, dialog.query_one("#save", Button))
        dialog.query_one("#sp-who", Select).value = "Interviewer"
        dialog.query_one("#sp-name", Input).value = "Sam Field"
        dialog.query_one("#sp-role", Select).value = "interviewer"
        dialog.query_one("#sp-extract", Checkbox).value = False
        await pilot.press("ctrl+s")
        await settle(pilot)
        iv = ws.interview("maria-2026-11-02")
        assert [(t.speaker, t.role) for t in iv.turns[:2]] == [("Sam Field", Role.interviewer), ("Maria Lopez", Role.participant)]
        assert "2 turn(s) relabelled" in [n.message for n in app._notifications][-1]

        await pilot.press("s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, SpeakersDialog)
        dialog.query_one("#sp-who", Select).value = RANGE
        await settle(pilot)
        dialog.query_one("#sp-turns", Input).value = "4"
        dialog.query_one("#sp-name", Input).value = "Ana Ruiz"
        dialog.query_one("#sp-role", Select).value = "participant"
        dialog.query_one("#sp-extract", Checkbox).value = False
        await pilot.press("ctrl+s")
        await settle(pilot)
        iv = ws.interview("maria-2026-11-02")
        assert (iv.turns[3].speaker, iv.turns[3].role) == ("Ana Ruiz", Role.participant)
        assert iv.text[iv.turns[3].start : iv.turns[3].end] == iv.turns[3].text
