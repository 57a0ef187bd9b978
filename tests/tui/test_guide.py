"""Guide: pick hypotheses, generate, see the linter's flags while editing a question, save."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, SelectionList
from tui_helpers import settle, static_text

from synth.workspace import Workspace
from tui.app import make_app

pytestmark = pytest.mark.anyio


async def test_generate_edit_with_flags_and_save(ws: Workspace) -> None:
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        picker = app.screen.query_one("#guide-hypotheses", SelectionList)
        picker.focus()
        await pilot.press("space")  # pick H1
        assert list(picker.selected) == ["H1"]
        await pilot.press("g")
        await settle(pilot)
        guide = app.screen.guide  # type: ignore[attr-defined]
        assert [s.hypothesis_id for s in guide.sections] == ["H1"]

        questions = app.screen.query_one("#guide-questions", OptionList)
        questions.focus()
        questions.highlighted = 1  # the first question under the H1 heading
        await pilot.press("enter")
        await settle(pilot)
        editor = app.screen.query_one("#question-edit", Input)
        assert editor.has_focus and editor.value == guide.sections[0].questions[0].text

        editor.value = ""
        await pilot.press(*"Would you pay for a tool that fixes your close?")
        await settle(pilot)
        flags = static_text(app, "#lint-flags")
        assert "⚑" in flags
        await pilot.press("enter")
        await settle(pilot)
        edited = app.screen.guide.sections[0].questions[0]  # type: ignore[attr-defined]
        assert edited.text == "Would you pay for a tool that fixes your close?"
        assert edited.flags

        editor.value = "Tell me about the last time you closed the month."
        await settle(pilot)
        assert static_text(app, "#lint-flags") == "✓ no flags"

        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = sorted(p.name for p in ws.guides_dir.iterdir())
        assert any(n.endswith(".md") for n in saved) and any(n.endswith(".json") for n in saved)
        md = next(p for p in ws.guides_dir.iterdir() if p.suffix == ".md").read_text(encoding="utf-8")
        # What was still in the box when ctrl+s came is saved to the selected question, not thrown away.
        assert "Tell me about the last time you closed the month." in md
        assert "Would you pay for a tool that fixes your close?" not in md


async def test_nothing_selected_asks_what_to_cover_and_typed_text_is_kept(ws: Workspace) -> None:
    from tui.widgets.dialogs import PickDialog

    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        editor = app.screen.query_one("#question-edit", Input)
        editor.focus()
        await pilot.press(*"How did you close last month?", "enter")
        await settle(pilot)
        assert editor.value == "How did you close last month?", "no guide yet: the text stays in the box"

        app.screen.query_one("#guide-hypotheses", SelectionList).focus()
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, PickDialog), "no hypothesis selected: the guide asks which to cover"
        await pilot.press("down", "space", "enter")  # H2
        await settle(pilot)
        guide = app.screen.guide  # type: ignore[attr-defined]
        assert [s.hypothesis_id for s in guide.sections] == ["H2"]

        editor.focus()
        await pilot.press("enter")  # no question selected: the typed text becomes a new question
        await settle(pilot)
        guide = app.screen.guide  # type: ignore[attr-defined]
        assert guide.sections[-1].questions[-1].text == "How did you close last month?"
