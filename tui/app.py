"""The Synth TUI: eight screens over one workspace, switched with 1-8 or the command palette.

`make_app(workspace)` builds the app (the CLI and the tests share it); `run_app(workspace)`
runs it. `workspace` is a folder (what `synth` passes) or a `Workspace`.

The first screen is painted from the files alone (`synth.quickread`: no pydantic,
no models), so it costs little more than a bare Textual app; the pydantic
`Workspace` is built the first time something asks for `app.ws` (the Overview's
reading worker, right after the first frame). Heavy libraries (chromadb,
onnxruntime, the embedding model) load in a warm-up worker after that, and the
header says what is loading.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tui.errors import error_line
from tui.screens import SCREENS, screen_factory

if TYPE_CHECKING:
    from synth.quickread import QuickView
    from synth.workspace import Workspace


WARM_UP_FALLBACK = 2.0
"""Seconds after start to begin loading heavy libraries if the first screen has not asked already."""
FIRST_FRAME_FALLBACK = 1.0
"""Seconds after mount to run what waits for the first frame, should Textual's Ready event not come."""


class SynthApp(App[None]):
    CSS_PATH = "styles/app.tcss"
    # Screens get a `-narrow` class below 110 columns (80x24 terminals): side panes stack or hide.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    TITLE = "Synth"
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {key: screen_factory(t) for key, _label, t in SCREENS}
    # Start in the Overview's mode rather than switching to it from a default screen: the switch made
    # Textual re-parse every stylesheet twice from scratch (about a third of the time to the first frame).
    DEFAULT_MODE: ClassVar[str] = "overview"
    BINDINGS = [  # noqa: RUF012
        *(
            Binding(str(n), f"go('{key}')", label, id=f"go.{key}", show=False)
            for n, (key, label, _cls) in enumerate(SCREENS, start=1)
        ),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, show=False),
    ]

    def __init__(self, workspace: Workspace | Path | str, *, warm_up: bool = True) -> None:
        super().__init__()
        from synth.quickread import read_quick

        self._ws: Workspace | None = None
        if isinstance(workspace, (str, Path)):
            self.root = Path(workspace).resolve()
        else:
            self._ws, self.root = workspace, workspace.root
        self._ws_lock = threading.Lock()
        self._first_frame_shown = False
        self._after_first_frame: list[Callable[[], object]] = []
        self.quick: QuickView | None = read_quick(self.root)
        """The first screen's content, read from the files before pydantic loads; the Overview takes it once."""
        self._warm_up = warm_up
        self._warm_started = False
        self.selected_hypothesis: str | None = None
        """The hypothesis another screen asked the Hypotheses screen to show."""
        self.insight_filter: dict[str, str] = {}
        """Filters another screen asked the Insights screen to apply (e.g. review: new)."""
        # A synth.toml the quick reader is unsure of goes the normal way, which raises its usual error.
        name = self.quick.config.name if self.quick.config is not None else self.ws.config.name
        self.title = f"Synth — {name}"
        self.sub_title = ""

    @property
    def ws(self) -> Workspace:
        """The workspace, built on first use: importing it loads pydantic and the models (~150 ms)."""
        if self._ws is None:
            with self._ws_lock:  # a worker thread and the UI thread may both ask first
                if self._ws is None:
                    from synth.workspace import Workspace

                    self._ws = Workspace(self.root)
        return self._ws

    def on_mount(self) -> None:
        self.set_timer(FIRST_FRAME_FALLBACK, self.on_ready)
        if self._warm_up:
            # Start after the first screen has its data, so the imports don't compete with it for the GIL.
            self.set_timer(WARM_UP_FALLBACK, self.start_warm_up)

    def on_ready(self) -> None:
        """The first frame is on screen (Textual's Ready): start what was waiting for it."""
        self._first_frame_shown = True
        waiting, self._after_first_frame = self._after_first_frame, []
        for callback in waiting:
            callback()

    @property
    def first_frame_shown(self) -> bool:
        return self._first_frame_shown

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Run `callback` now, or once the first frame is on screen: workers started earlier
        (importing pydantic and the models) would hold the GIL while the first frame is built."""
        if self._first_frame_shown:
            callback()
        else:
            self._after_first_frame.append(callback)

    def start_warm_up(self) -> None:
        if self._warm_up and not self._warm_started:
            self._warm_started = True
            self.warm_up()

    # --- navigation ---------------------------------------------------------

    def action_go(self, mode: str) -> None:
        self.switch_mode(mode)

    async def open_transcript(self, interview_id: str, start: int | None = None, end: int | None = None) -> None:
        """Show an interview in the transcript viewer, scrolled to and marking `start:end`."""
        from tui.screens.interviews import InterviewsScreen

        await self.switch_mode("interviews")
        screen = self.screen
        if isinstance(screen, InterviewsScreen):
            screen.show_interview(interview_id, start, end)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for n, (key, label, _cls) in enumerate(SCREENS, start=1):
            yield SystemCommand(f"Go to {label}", f"Switch to the {label} screen (key {n})", self._goer(key))

    def _goer(self, mode: str) -> Callable[[], None]:
        return lambda: self.action_go(mode)

    # --- errors and status --------------------------------------------------

    def report_error(self, exc: BaseException | None) -> None:
        """The CLI's one line for the error, as a notification; the app keeps running."""
        if exc is not None:
            self.notify(error_line(exc), title="Error", severity="error", markup=False, timeout=8)

    def report_file_error(self, path: str, message: str) -> None:
        """One bad file among several: the same `file: problem` line the CLI prints."""
        self.notify(f"{path}: {message}", title="Not imported", severity="error", markup=False, timeout=8)

    def set_status(self, text: str) -> None:
        self.sub_title = text

    @work(thread=True, exclusive=True, exit_on_error=False, group="warm-up")
    def warm_up(self) -> None:
        """Load the query model and open the index now, so the first search after "ready" is quick."""
        self.call_from_thread(self.set_status, "loading embedding model…")
        from synth.embed import warm_up as warm_embedder

        warm_embedder(self.ws.config.embedding)
        self.call_from_thread(self.set_status, "loading search index…")
        from synth import index

        index.warm_up(self.ws)
        # One real query pays for the first-call costs (SQLite pages, numpy paths) nobody should wait for;
        # an empty or unbuilt index is fine here, a real search will say why.
        with contextlib.suppress(Exception):
            index.search(self.ws, "warm up", k=1)
        self.call_from_thread(self.set_status, "ready")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "warm-up" and event.state is WorkerState.ERROR:
            self.set_status("search and extraction unavailable: " + error_line(event.worker.error or Exception()))


def make_app(workspace: Workspace | Path | str, *, warm_up: bool = True) -> SynthApp:
    return SynthApp(workspace, warm_up=warm_up)


def run_app(workspace: Workspace | Path | str) -> None:
    """The `synth.ui` entry point: `synth` passes the workspace folder (checked to hold a synth.toml)."""
    make_app(workspace).run()
