"""Importing transcripts from the Interviews screen: a bad file leaves the rest imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input
from tui_helpers import settle, static_text

from synth.workspace import Workspace
from tui.app import make_app
from tui.widgets.path_suggester import PathSuggester

pytestmark = pytest.mark.anyio

GOOD = (
    "Interviewer: How do you close the month?\n\nAnna Berg: We reconcile in a spreadsheet, it takes days.\n\n"
    "Interviewer: What breaks?\n\nAnna Berg: The bank export never matches the invoices.\n"
)


async def test_import_good_and_bad_files(ws: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "anna.txt").write_text(GOOD, encoding="utf-8")
    (folder / "broken.vtt").write_bytes(b"\x00\x01\x02 not a transcript \xff\xfe")
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#import-path", Input).value = str(folder)
        await pilot.press("enter")
        await settle(pilot)
        assert len(ws.interview_ids()) == 3
        assert any(ws.interview(i).meta.participant == "Anna Berg" for i in ws.interview_ids())
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and errors[0].startswith(str(folder / "broken.vtt") + ": ")
        assert static_text(app, "#status") == "imported 1 file(s), 1 failed"
        assert app.screen.query_one("#interview-table").row_count == 3  # type: ignore[attr-defined]


async def test_path_suggester_completes_names(tmp_path: Path) -> None:
    (tmp_path / "interviews").mkdir()
    (tmp_path / "interviews" / "maria.vtt").write_text("WEBVTT\n", encoding="utf-8")
    suggester = PathSuggester(tmp_path)
    assert await suggester.get_suggestion("inter") == "interviews/"
    assert await suggester.get_suggestion("interviews/m") == "interviews/maria.vtt"
    assert await suggester.get_suggestion(str(tmp_path / "interviews") + "/") == str(tmp_path / "interviews" / "maria.vtt")
    assert await suggester.get_suggestion("nothing-here") is None
