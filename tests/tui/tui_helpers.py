"""Driving the app in tests: wait on workers and the message queue, never on the clock."""

from __future__ import annotations

import contextlib

from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import OptionList, Static
from textual.worker import WorkerCancelled, WorkerFailed, WorkerState

from tui.app import SynthApp


async def settle(pilot: Pilot[None]) -> None:
    """Let every worker finish and every message they posted be handled."""
    app = pilot.app
    for _ in range(50):  # a handler may start another worker: repeat until nothing is left running
        for worker in list(app.workers):
            # A failed worker is the app's to report (a notification); tests check that, not the raise.
            with contextlib.suppress(WorkerFailed, WorkerCancelled):
                await worker.wait()
        await pilot.pause()
        if not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
            break
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    for _ in range(50):  # a content update may still owe a layout pass (it changes widget heights)
        pending = [w for w in (app.screen, *app.screen.walk_children()) if getattr(w, "_layout_required", False)]
        if not pending:
            break
        await pilot.pause()



async def show_screen(pilot: Pilot[None], key: str) -> None:
    """Settle the start, then switch to screen `key` (1-8) from the keyboard and settle it."""
    await settle(pilot)
    pilot.app.set_focus(None)  # a focused input would take the digit as text
    await pilot.press(key)
    await settle(pilot)
def static_text(app: SynthApp, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    content = widget.render()
    return content.plain if isinstance(content, Text) else str(content)


def option_texts(app: SynthApp, selector: str) -> str:
    """Every option of an OptionList as plain text, one per line."""
    options = app.screen.query_one(selector, OptionList)
    lines = []
    for n in range(options.option_count):
        prompt = options.get_option_at_index(n).prompt
        lines.append(prompt.plain if isinstance(prompt, Text) else str(prompt))
    return "\n".join(lines)


def status(app: SynthApp) -> str:
    return static_text(app, "#status")
