"""SVG snapshots: every screen at 80x24 and 140x40 (dark), every dialog at 80x24, a light-theme set.

The matrix is cut to keep CI time reasonable: every screen at both sizes in the dark
theme, every dialog at 80x24 (the size where things get clipped), and a representative
light set (Overview, Insights, Interviews with its metadata dialog, Strategy, Search).
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
from tui_workspace import WHEN

from synth.workspace import Workspace
from tui.app import make_app

SMALL = (80, 24)
LARGE = (140, 40)
SCREENS = {
    "overview": (),
    "hypotheses": ("2",),
    "guide": ("3",),
    "interviews": ("4",),
    "insights": ("5",),
    "search": ("6",),
    "strategy": ("7",),
    "settings": ("8",),
}
DIALOGS = {
    "metadata": ("4", "m"),
    "speakers": ("4", "s"),
    "import": ("4", "i"),
    "hypothesis-status": ("2", "s"),
    "hypothesis-add": ("2", "a"),
    "insight-kind": ("5", "k"),
    "insight-edit": ("5", "e"),
    "guide-pick": ("3", "g"),
}


def go(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in keys:
            if key.isdigit():
                pilot.app.set_focus(None)
            await pilot.press(key)
            await settle(pilot)
        for inp in pilot.app.screen.query(Input):
            inp.cursor_blink = False
        await settle(pilot)

    return run_before


@pytest.fixture
def snap_ws(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """The deterministic workspace with a strategy draft (fixed date) and canned search hits."""
    import synth.index
    from synth.index import SearchHit
    from synth.strategy import make_draft, save_draft

    save_draft(ws, make_draft(ws, now=WHEN, themes=False))
    iv = ws.interview("maria-2026-11-02")
    start = iv.text.index("I export everything")
    asked = iv.text.index("What have you tried")
    hits = [
        SearchHit(id="c1", kind="chunk", text=iv.text[start : start + 58], score=0.03, interview_id=iv.id,
                  speaker="Maria Lopez", role="participant", participant="Maria Lopez", company="Ledgerly",
                  start=start, end=start + 58),
        SearchHit(id="c2", kind="chunk", text="What have you tried to fix it?", score=0.025, interview_id=iv.id,
                  speaker="Interviewer", role="interviewer", participant="Maria Lopez", company="Ledgerly",
                  start=asked, end=asked + 30),
        SearchHit(id="i1", kind="insight", text="I export everything to a spreadsheet and reconcile by hand.",
                  score=0.02, interview_id=iv.id, speaker="Maria Lopez", role="participant", participant="Maria Lopez",
                  insight_id="I1", insight_kind="workaround", summary="Reconciles in a spreadsheet by hand"),
    ]
    monkeypatch.setattr(synth.index, "search", lambda _ws, _q, **_kw: hits)
    return ws


def screen_keys(name: str) -> tuple[str, ...]:
    keys = SCREENS[name]
    return (*keys, *"spreadsheet", "enter") if name == "search" else keys


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "140x40"])
@pytest.mark.parametrize("name", list(SCREENS))
def test_screen(snap_compare: Any, snap_ws: Workspace, name: str, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(snap_ws, warm_up=False), terminal_size=size, run_before=go(*screen_keys(name)))


@pytest.mark.parametrize("name", list(DIALOGS))
def test_dialog_at_80x24(snap_compare: Any, snap_ws: Workspace, name: str) -> None:
    assert snap_compare(make_app(snap_ws, warm_up=False), terminal_size=SMALL, run_before=go(*DIALOGS[name]))


@pytest.mark.parametrize(
    "keys", [(), ("5",), ("4", "m"), ("7",), screen_keys("search")], ids=["overview", "insights", "metadata", "strategy", "search"]
)
def test_light_theme(snap_compare: Any, snap_ws: Workspace, keys: tuple[str, ...]) -> None:
    app = make_app(snap_ws, warm_up=False)
    app.theme = "textual-light"
    assert snap_compare(app, terminal_size=SMALL, run_before=go(*keys))
