"""What every screen shares: header, the screen bar, a status line, the footer, and error reporting."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ParamSpec, TypeVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, Static
from textual.worker import Worker, WorkerState

from tui.widgets.nav import NavBar

if TYPE_CHECKING:
    from synth.workspace import Workspace
    from tui.app import SynthApp


P = ParamSpec("P")
T = TypeVar("T")


class SynthScreen(Screen[None]):
    KEY = ""
    BINDINGS = [Binding("escape", "leave_field", "Leave field", id="screen.leave_field", show=False)]  # noqa: RUF012
    _reload_queued = False

    def compose(self) -> ComposeResult:
        from tui.screens import SCREENS

        yield Header()
        yield NavBar(self.KEY, [(k, label) for k, label, _c in SCREENS])
        yield from self.compose_body()
        yield Static(id="status", classes="status")
        yield Footer(compact=True)

    def compose_body(self) -> ComposeResult:
        yield from ()

    @property
    def synth_app(self) -> SynthApp:
        return cast("SynthApp", self.app)

    @property
    def ws(self) -> Workspace:
        return self.synth_app.ws

    def on_screen_resume(self) -> None:
        # Textual posts ScreenResume twice on a screen's first visit (its mode is made, then switched to):
        # queue one reload for both, and none before the app's first frame is on screen.
        if not self._reload_queued:
            self._reload_queued = True
            self.call_later(self._queued_reload)

    def _queued_reload(self) -> None:
        self._reload_queued = False
        self.synth_app.after_first_frame(self.reload)

    def reload(self) -> None:
        """Re-read what the screen shows from the workspace (cheap reads only; heavy ones in workers)."""

    def status(self, text: str) -> None:
        self.query_one("#status", Static).update(Text(text))

    def guard(self, func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
        """Call a library function from the UI thread; a SynthError becomes a notification."""
        try:
            return func(*args, **kwargs)
        except Exception as exc:
            self.synth_app.report_error(exc)
            return None

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.synth_app.report_error(event.worker.error)
            self.on_job_failed(event.worker.group)

    def action_leave_field(self) -> None:
        """Escape leaves a text field, so the number keys switch screens again."""
        if isinstance(self.focused, Input):
            target = self.leave_field_target()
            if target is not None:
                target.focus()
            else:
                self.set_focus(None)

    def leave_field_target(self) -> Widget | None:
        return None

    def on_job_failed(self, group: str) -> None:
        """Hook for screens to reset progress widgets when a worker fails."""
