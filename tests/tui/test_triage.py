"""The daily flow from the keyboard: Needs attention, the Insights review queue, the files it leaves behind."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from textual.widgets import DataTable, OptionList
from tui_helpers import option_texts, settle, show_screen, static_text

from synth.models import Review, Stance
from synth.workspace import Workspace
from tui.app import make_app
from tui.screens.insights import InsightsScreen
from tui.screens.strategy import StrategyScreen

pytestmark = pytest.mark.anyio


def on_disk(ws: Workspace, interview_id: str) -> dict[str, Review]:
    s = ws.insight_set(interview_id)
    assert s is not None
    return {i.id: i.review for i in s.insights}


async def test_keyboard_review_of_one_demo_interview(demo_ws: Workspace) -> None:
    """Accept 4, reject 3, undo 1, flip one stance: every key shows at once, the files follow."""
    first_iv = demo_ws.interview_ids()[0]
    app = make_app(demo_ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await show_screen(pilot, "5")
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        table = screen.query_one("#insight-table", DataTable)
        assert table.has_focus
        ids = [r.id for r in screen.rows if r.interview_id == first_iv]
        assert len(ids) >= 8 and [r.id for r in screen.rows][: len(ids)] == ids

        await pilot.press(*"aaaa")
        await pilot.press(*"rrr")
        # Each key changed its row on screen before any write was waited for.
        shown = [str(table.get_cell(i, "review")) for i in ids[:7]]
        assert shown == ["accepted"] * 4 + ["rejected"] * 3
        assert table.cursor_row == 7, "the cursor moves to the next row after each decision"
        await pilot.press("u")
        assert str(table.get_cell(ids[6], "review")) == "new"
        assert table.cursor_row == 6, "undo returns to the row it changed"
        assert table.has_focus, "focus stays on the list"

        # The next insight of this interview with a link to a hypothesis: flip its stance.
        linked = next(n for n, i in enumerate(ids) if screen.data.links.get(i))
        await pilot.press(*(["up"] * (6 - linked) if linked < 6 else ["down"] * (linked - 6)))
        target = screen.selected()
        assert target is not None and target.id == ids[linked]
        link = screen.data.links[target.id][0]
        await pilot.press("f")
        await settle(pilot)

        reviews = on_disk(demo_ws, first_iv)
        assert [reviews[i] for i in ids[:7]] == [Review.accepted] * 4 + [Review.rejected] * 2 + [Review.new]
        s = demo_ws.insight_set(first_iv)
        assert s is not None
        saved = next(lk for lk in s.links if lk.insight_id == target.id and lk.hypothesis_id == link.hypothesis_id)
        expected = Stance.contradicts if link.effective_stance is Stance.supports else Stance.supports
        assert saved.founder_stance is expected and saved.effective_stance is expected
        assert "undecided" in static_text(app, "#status") and "saving" not in static_text(app, "#status")


async def test_rejected_rows_stay_dimmed_until_the_filter_hides_them(ws: Workspace) -> None:
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await show_screen(pilot, "5")
        table = app.screen.query_one("#insight-table", DataTable)
        first = app.screen.selected()  # type: ignore[attr-defined]
        await pilot.press("r")
        await settle(pilot)
        assert table.row_count == 5
        assert "strike" in str(table.get_cell(first.id, "summary").style)
        await pilot.press("up", "u")
        await settle(pilot)
        assert ws.find_insight(first.id)[1].review is Review.new, "undo writes the old value back"


async def test_a_failed_write_rolls_the_row_back_and_says_why(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from synth.errors import UserError
    from tui import triage

    release = threading.Event()

    def refuse(_ws: Workspace, _change: triage.Change) -> None:
        release.wait(30)  # held until the test has seen the row change
        raise UserError("workspace is read-only")

    monkeypatch.setattr(triage, "write", refuse)
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await show_screen(pilot, "5")
        table = app.screen.query_one("#insight-table", DataTable)
        first = app.screen.selected()  # type: ignore[attr-defined]
        await pilot.press("a")
        assert str(table.get_cell(first.id, "review")) == "accepted", "the row changes before the write ends"
        assert "saving 1" in static_text(app, "#status")
        release.set()
        await settle(pilot)
        assert str(table.get_cell(first.id, "review")) == "new"
        assert "workspace is read-only" in [n.message for n in app._notifications]


async def test_accept_a_whole_interview_change_kind_and_confirm_a_link(ws: Workspace) -> None:
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await show_screen(pilot, "5")
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        await pilot.press("A")  # Maria's three insights
        await settle(pilot)
        maria = on_disk(ws, "maria-2026-11-02")
        assert set(maria.values()) == {Review.accepted}
        assert set(on_disk(ws, "tom-2026-11-03").values()) == {Review.new}

        target = screen.selected()
        assert target is not None
        await pilot.press("k")
        await settle(pilot)
        choices = app.screen.query_one("#choices", OptionList)
        choices.highlighted = [c.id for c in choices._options].index("need")
        await pilot.press("enter")
        await pilot.press("y")  # the engine said supports H1: the founder confirms it
        await settle(pilot)
        s, ins = ws.find_insight(target.id)
        assert ins.kind.value == "need" and ins.edited
        link = next(lk for lk in s.links if lk.insight_id == target.id)
        assert link.founder_stance is link.stance is Stance.supports

        await pilot.press("u", "u")  # the confirmation, then the kind
        await settle(pilot)
        s, ins = ws.find_insight(target.id)
        assert ins.kind.value == "pain"
        assert next(lk for lk in s.links if lk.insight_id == target.id).founder_stance is None


async def test_needs_attention_names_the_insights_and_a_cli_draft_and_jumps_there(demo_ws: Workspace) -> None:
    from synth.cli.main import cli

    result = CliRunner().invoke(cli, ["-w", str(demo_ws.root), "draft"])
    assert result.exit_code == 0, result.output
    app = make_app(demo_ws, warm_up=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        attention = option_texts(app, "#attention")
        undecided = sum(1 for i in demo_ws.insights() if i.review is Review.new)
        assert f"{undecided} insights to review" in attention
        assert "strategy draft not applied" in attention
        options = app.screen.query_one("#attention", OptionList)
        assert options.has_focus
        await pilot.press("enter")  # the first item: the insights to review
        await settle(pilot)
        assert isinstance(app.screen, InsightsScreen)
        assert all(r.review is Review.new for r in app.screen.rows)
        assert str(app.screen.query_one("#filter-review").value) == "new"  # type: ignore[attr-defined]

        app.set_focus(None)
        await pilot.press("1")
        await settle(pilot)
        options = app.screen.query_one("#attention", OptionList)
        options.focus()
        await pilot.press("down", "enter")  # the draft
        await settle(pilot)
        assert isinstance(app.screen, StrategyScreen)
        assert app.screen.draft is not None
        assert option_texts(app, "#hunks")
        assert app.screen.draft.id in static_text(app, "#draft-title")


@pytest.mark.parametrize("size", [(80, 24), (140, 40)], ids=["80x24", "140x40"])
async def test_overview_statements_wrap_to_fit_and_every_row_is_reachable(ws: Workspace, size: tuple[int, int]) -> None:
    from textual.widgets.data_table import ColumnKey

    long = "Small finance teams " + "spend many hours every month reconciling bank feeds by hand " * 3
    ws.update_hypothesis("H1", statement=long.strip())
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#evidence-table", DataTable)
        width = table.columns[ColumnKey("statement")].width
        cell = str(table.get_cell("H1", "statement"))
        assert " ".join(cell.split()) == " ".join(long.split()), "the whole statement is there, wrapped"
        assert all(len(line) <= width for line in cell.splitlines())
        assert table.region.right <= size[0]
        table.focus()
        await pilot.press("down", "down")
        await settle(pilot)
        assert table.cursor_row == table.row_count - 1 == 2


async def test_next_and_previous_undecided_skip_decided_rows(ws: Workspace) -> None:
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_screen(pilot, "5")
        table = app.screen.query_one("#insight-table", DataTable)
        await pilot.press("a", "r")  # rows 0 and 1 decided, the cursor on row 2
        assert table.cursor_row == 2
        await pilot.press("p")
        assert table.cursor_row == 4, "backwards past the decided rows, round to the last"
        await pilot.press("n")
        assert table.cursor_row == 2
        await settle(pilot)


async def test_related_speech_with_no_direction_can_be_given_one(ws: Workspace) -> None:
    """The engine linked it without a direction: the queue says 'which way?', and f gives it one."""
    s = next(s for s in ws.insight_sets() if any(lk.stance is not Stance.neutral for lk in s.links))
    target = next(lk for lk in s.links if lk.stance is not Stance.neutral)
    links = [lk.model_copy(update={"stance": Stance.neutral, "strength": 0.0}) if lk is target else lk for lk in s.links]
    ws.save_insight_set(s.model_copy(update={"links": links}))
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await show_screen(pilot, "5")
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        row = [r.id for r in screen.rows].index(target.insight_id)
        await pilot.press(*(["down"] * row))
        await settle(pilot)
        assert f"which way? {target.hypothesis_id}" in static_text(app, "#insight-detail")
        await pilot.press("f")
        await settle(pilot)
    saved = next(lk for lk in ws.insight_set(s.interview_id).links
                 if lk.insight_id == target.insight_id and lk.hypothesis_id == target.hypothesis_id)
    assert saved.stance is Stance.neutral and saved.founder_stance is Stance.supports
