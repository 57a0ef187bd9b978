"""Ask for the files to import: a path Input that completes folders and file names."""

from __future__ import annotations

import shlex
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tui.widgets.path_suggester import PathSuggester


class ImportDialog(ModalScreen[list[str] | None]):
    DEFAULT_CSS = """
    ImportDialog { align: center middle; }
    ImportDialog > Vertical { width: 80; max-width: 100%; height: auto; border: thick $accent; background: $surface; padding: 0 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="import.cancel")]  # noqa: RUF012

    def __init__(self, base: Path) -> None:
        super().__init__()
        self.base = base

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Import transcripts", style="bold"))
            yield Label(Text("Files or folders (space-separated; → accepts a completion, enter imports):", style="dim"))
            yield Input(placeholder="~/interviews/", suggester=PathSuggester(self.base), id="import-path")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        try:
            parts = shlex.split(event.value)
        except ValueError:
            parts = event.value.split()
        self.dismiss(parts or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
