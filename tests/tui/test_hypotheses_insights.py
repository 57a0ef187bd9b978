"""Hypotheses (add, edit, status, evidence, jump to the quote) and insight review on screen."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, OptionList
from tui_helpers import settle, static_text

from synth.evidence import evidence_summary
from synth.models import HypothesisStatus, Review
from synth.workspace import Workspace
from tui.app import make_app
from tui.screens.interviews import InterviewsScreen
from tui.widgets.transcript import TranscriptView

pytestmark = pytest.mark.anyio


async def test_add_edit_and_set_status_of_a_hypothesis(ws: Workspace) -> None:
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("a")
        await pilot.press(*"Controllers want an audit trail")
        await pilot.press("ctrl+s")
        await settle(pilot)
        added = ws.hypotheses()[-1]
        assert (added.id, added.statement) == ("H4", "Controllers want an audit trail")
        table = app.screen.query_one("#hyp-table", DataTable)
        assert table.row_count == 4

        table.move_cursor(row=3)
        await pilot.press("e")
        await pilot.press("end", *" for every change", "ctrl+s")
        await settle(pilot)
        assert ws.hypothesis("H4").statement == "Controllers want an audit trail for every change"

        await pilot.press("s")
        await pilot.press("down", "enter")  # open -> supported
        await settle(pilot)
        assert ws.hypothesis("H4").status is HypothesisStatus.supported


async def test_evidence_both_sides_and_jump_to_the_quote(ws: Workspace) -> None:
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        supports = app.screen.query_one("#supports", OptionList)
        contradicts = app.screen.query_one("#contradicts", OptionList)
        assert supports.option_count == 1 and contradicts.option_count == 1
        assert "Month-end close takes us five days." in str(supports.get_option_at_index(0).prompt)
        assert "it took an afternoon" in str(contradicts.get_option_at_index(0).prompt)

        contradicts.focus()
        contradicts.highlighted = 0
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, InterviewsScreen)
        view = app.screen.query_one(TranscriptView)
        assert view.interview is not None and view.interview.id == "tom-2026-11-03"
        assert view.focus_span is not None
        start, end = view.focus_span
        assert view.interview.text[start:end] == "it took an afternoon"


async def test_accept_and_reject_an_insight(ws: Workspace) -> None:
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        table = app.screen.query_one("#insight-table", DataTable)
        assert table.row_count == 5
        table.focus()
        await pilot.press("a")
        await settle(pilot)
        first = ws.insights()[0]
        assert first.review is Review.accepted

        table.move_cursor(row=3)  # Tom: "it took an afternoon", the evidence against H1
        tom_id = app.screen.selected().id  # type: ignore[attr-defined]
        await pilot.press("r")
        await settle(pilot)
        _s, tom = ws.find_insight(tom_id)
        assert tom.review is Review.rejected
        assert table.row_count == 5, "a rejected row stays (dimmed) until the filters are applied again"
        h1 = next(e for e in evidence_summary(ws) if e.hypothesis_id == "H1")
        assert h1.contradicting == 0, "a rejected insight is no evidence"
        assert "5 insights, 3 undecided" in static_text(app, "#status")
        app.screen.query_one("#filter-review").value = "new"  # type: ignore[attr-defined]
        await settle(pilot)
        assert table.row_count == 3


async def test_insight_filters(ws: Workspace) -> None:
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#filter-participant").value = "Tom Reed"  # type: ignore[attr-defined]
        await settle(pilot)
        assert {i.participant for i in screen.rows} == {"Tom Reed"}  # type: ignore[attr-defined]
        screen.query_one("#filter-participant").value = "any"  # type: ignore[attr-defined]
        screen.query_one("#filter-hypothesis").value = "H2"  # type: ignore[attr-defined]
        await settle(pilot)
        assert [i.summary for i in screen.rows] == ["Would not pay for a faster close"]  # type: ignore[attr-defined]


async def test_edit_an_insight(ws: Workspace) -> None:
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        app.screen.query_one("#insight-table", DataTable).focus()
        target = app.screen.selected().id  # type: ignore[attr-defined]
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-summary", Input).value = "Close takes a full working week"
        await pilot.press("ctrl+s")
        await settle(pilot)
        _s, ins = ws.find_insight(target)
        assert ins.summary == "Close takes a full working week" and ins.edited


async def test_an_empty_statement_is_a_clear_error_not_a_crash(ws: Workspace) -> None:
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("a", "ctrl+s")
        await settle(pilot)
        assert "a hypothesis needs a statement" in [n.message for n in app._notifications]
        assert len(ws.hypotheses()) == 3


async def test_clearing_a_statement_in_edit_is_a_one_line_error(ws: Workspace) -> None:
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-statement", Input).value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert errors == ["invalid statement for H1: String should have at least 1 character"]
        assert ws.hypothesis("H1").statement.startswith("Month-end close")


async def test_weak_links_are_said_to_need_review(ws: Workspace) -> None:
    """A weak link is in neither column (it does not count), so the detail says it is waiting for a decision."""
    weak = 0
    for s in ws.insight_sets():
        links = [lk.model_copy(update={"strength": 0.3}) if lk.hypothesis_id == "H1" and lk.stance.value != "neutral"
                 else lk for lk in s.links]
        weak += sum(1 for a, b in zip(s.links, links, strict=True) if a is not b)
        ws.save_insight_set(s.model_copy(update={"links": links}))
    [e] = [e for e in evidence_summary(ws) if e.hypothesis_id == "H1"]
    assert weak and e.needs_review == weak
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        assert f"{weak} weak link(s) need your review, not counted" in static_text(app, "#hyp-detail")


async def test_related_speech_without_a_direction_is_counted_as_the_founders_call(ws: Workspace) -> None:
    unread = 0
    for s in ws.insight_sets():
        links = [lk.model_copy(update={"stance": lk.stance.neutral, "strength": 0.0})
                 if lk.hypothesis_id == "H1" and lk.stance.value != "neutral" else lk for lk in s.links]
        unread += sum(1 for a, b in zip(s.links, links, strict=True) if a is not b)
        ws.save_insight_set(s.model_copy(update={"links": links}))
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        assert unread and f"{unread} related without a direction, your call" in static_text(app, "#hyp-detail")
