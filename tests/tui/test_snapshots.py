"""SVG snapshots of the main screens on the deterministic workspace.

Update after an intended change: `pytest tests/tui/test_snapshots.py --snapshot-update`,
then look at the report before committing. Textual is pinned exactly because its
rendering changes between releases.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from tui_helpers import settle

from synth.workspace import Workspace
from tui.app import make_app

SIZE = (100, 32)


def go(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in keys:
            pilot.app.set_focus(None) if key.isdigit() else None
            await pilot.press(key)
            await settle(pilot)
        for inp in pilot.app.screen.query(Input):
            inp.cursor_blink = False
        await settle(pilot)

    return run_before


@pytest.mark.parametrize(
    "keys",
    [
        pytest.param((), id="overview"),
        pytest.param(("2",), id="hypotheses"),
        pytest.param(("4",), id="interviews"),
        pytest.param(("5",), id="insights"),
        pytest.param(("7",), id="strategy"),
        pytest.param(("8",), id="settings"),
    ],
)
def test_screen(snap_compare: Any, ws: Workspace, keys: tuple[str, ...]) -> None:
    assert snap_compare(make_app(ws, warm_up=False), terminal_size=SIZE, run_before=go(*keys))


def test_overview_at_80x24(snap_compare: Any, ws: Workspace) -> None:
    assert snap_compare(make_app(ws, warm_up=False), terminal_size=(80, 24), run_before=go())


def test_light_theme_interviews(snap_compare: Any, ws: Workspace) -> None:
    app = make_app(ws, warm_up=False)
    app.theme = "textual-light"
    assert snap_compare(app, terminal_size=SIZE, run_before=go("4"))


def test_search_results(snap_compare: Any, ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    import synth.index
    from synth.index import SearchHit

    iv = ws.interview("maria-2026-11-02")
    start = iv.text.index("I export everything")
    hits = [
        SearchHit(id="c1", kind="chunk", text=iv.text[start : start + 58], score=0.03, interview_id=iv.id,
                  speaker="Maria Lopez", role="participant", participant="Maria Lopez", company="Ledgerly",
                  start=start, end=start + 58),
        SearchHit(id="i1", kind="insight", text="I export everything to a spreadsheet and reconcile by hand.",
                  score=0.02, interview_id=iv.id, participant="Maria Lopez", insight_id="I1",
                  insight_kind="workaround", summary="Reconciles in a spreadsheet by hand"),
    ]
    monkeypatch.setattr(synth.index, "search", lambda _ws, _q, **_kw: hits)

    async def run_before(pilot: Pilot[None]) -> None:
        await go("6")(pilot)
        await pilot.press(*"spreadsheet", "enter")
        await settle(pilot)

    assert snap_compare(make_app(ws, warm_up=False), terminal_size=SIZE, run_before=run_before)
