"""Say who spoke in one interview: name and role a speaker or a range of turns, or merge two speakers.

The dialog only collects the founder's answer; the Interviews screen runs it
through `synth.speakers` in a worker and, when asked, re-extracts the interview.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from tui.widgets.dialogs import DIALOG_CSS

RANGE = "__turns__"
NO_MERGE = "__none__"
ROLES = ("participant", "interviewer", "unknown")


@dataclass(frozen=True)
class SpeakerEdit:
    """What to change: `speaker`'s turns (or turns `first`..`last`, 0-based) get `name` and `role`,
    or, with `merge_into`, `speaker` becomes that other speaker."""

    speaker: str
    name: str
    role: str
    first: int | None = None
    last: int | None = None
    merge_into: str | None = None
    extract: bool = True


def parse_turns(value: str, n_turns: int) -> tuple[int, int] | str:
    """"3-7" or "5" (as numbered on screen, from 1) -> 0-based (first, last), or why it is not a range."""
    parts = value.replace(" ", "").split("-")
    try:
        nums = [int(p) for p in parts if p]
    except ValueError:
        return f"turns: {value!r} is not a range like 3-7"
    if len(nums) not in (1, 2) or len(parts) > 2:
        return f"turns: {value!r} is not a range like 3-7"
    first, last = nums[0], nums[-1]
    if first > last:
        first, last = last, first
    if first < 1 or last > n_turns:
        return f"turns: this interview has turns 1-{n_turns}"
    return first - 1, last - 1


def speakers_table(speakers: list[Any]) -> Table:
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold", expand=True)
    for name in ("Speaker", "Role", "Turns", "Words", "Asks", "Sure"):
        table.add_column(name, overflow="fold", no_wrap=name != "Speaker")
    for s in speakers:
        sure = "—" if s.confidence is None else f"{s.confidence:.0%}"
        style = "yellow" if s.role.value == "unknown" else ""
        table.add_row(Text(s.name), Text(s.role.value, style=style), str(s.turns), str(s.words), str(s.questions), sure)
    return table


class SpeakersDialog(ModalScreen[SpeakerEdit | None]):
    DEFAULT_CSS = DIALOG_CSS.format(name="SpeakersDialog", width=80) + """
    SpeakersDialog .row { height: auto; margin-top: 1; }
    SpeakersDialog .row Label { width: 14; }
    SpeakersDialog .row Input, SpeakersDialog .row Select { width: 1fr; }
    SpeakersDialog #buttons { height: auto; margin-top: 1; }
    SpeakersDialog Button { margin-right: 1; }
    SpeakersDialog #speakers-error { color: $error; height: auto; }
    """
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel", id="speakers.cancel"),
        Binding("ctrl+s", "save", "Apply", id="speakers.save", priority=True),
    ]
    AUTO_FOCUS = "#sp-name"
    # (on_mount moves focus to the turns field when the dialog opens on a range)

    def __init__(self, interview_id: str, speakers: list[Any], n_turns: int) -> None:
        super().__init__()
        self.interview_id = interview_id
        self.speakers = speakers
        self.n_turns = n_turns

    def compose(self) -> ComposeResult:
        names = [s.name for s in self.speakers]
        first = next((s for s in self.speakers if s.role.value == "unknown"), self.speakers[0] if self.speakers else None)
        with VerticalScroll():
            yield Label(Text(f"Speakers of {self.interview_id}", style="bold"))
            yield Static(Text("Name a speaker or a range of turns (numbers as shown in the transcript), "
                              "or merge one speaker into another. ctrl+s applies, esc cancels."), classes="hint")
            with Horizontal(id="buttons"):
                yield Button("Apply (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
            yield Static(id="speakers-error")
            yield Static(speakers_table(self.speakers), id="speakers-table")
            with Horizontal(classes="row"):
                yield Label("Change")
                opts = [(Text(f"all turns of {n}"), n) for n in names] + [(Text("a range of turns…"), RANGE)]
                # One unlabelled voice for everything: naming it would make everyone one person; start with a range.
                only_unknown = len(self.speakers) == 1 and first is not None and first.role.value == "unknown"
                start = RANGE if only_unknown or first is None else first.name
                yield Select(opts, value=start, allow_blank=False, id="sp-who", compact=True)
            with Horizontal(classes="row", id="turns-row"):
                yield Label("Turns")
                yield Input(placeholder=f"e.g. 1-4 (of {self.n_turns})", id="sp-turns", compact=True)
            with Horizontal(classes="row"):
                yield Label("Name")
                yield Input(value=first.name if first and first.role.value != "unknown" else "", id="sp-name",
                            placeholder="who spoke", compact=True)
            with Horizontal(classes="row"):
                yield Label("Role")
                role = "participant" if not first or first.role.value == "unknown" else first.role.value
                yield Select([(Text(r), r) for r in ROLES], value=role, allow_blank=False, id="sp-role", compact=True)
            with Horizontal(classes="row"):
                yield Label("Or merge into")
                merge = [(Text("(no merge)"), NO_MERGE)] + [(Text(n), n) for n in names]
                yield Select(merge, value=NO_MERGE, allow_blank=False, id="sp-merge", compact=True)
            yield Checkbox("Re-extract this interview afterwards (insights follow the new roles)", value=True, id="sp-extract")

    def on_mount(self) -> None:
        self.who_changed()
        if self.query_one("#sp-who", Select).value == RANGE:
            self.query_one("#sp-turns", Input).focus()

    @on(Select.Changed, "#sp-who")
    def who_changed(self) -> None:
        who = self.query_one("#sp-who", Select).value
        self.query_one("#turns-row").display = who == RANGE

    def edit(self) -> SpeakerEdit | str:
        who = str(self.query_one("#sp-who", Select).value)
        name = " ".join(self.query_one("#sp-name", Input).value.split())
        role = str(self.query_one("#sp-role", Select).value)
        merge = str(self.query_one("#sp-merge", Select).value)
        extract = self.query_one("#sp-extract", Checkbox).value
        if merge != NO_MERGE:
            if who == RANGE:
                return "merge takes a whole speaker: choose one under Change"
            if merge == who:
                return "a speaker cannot be merged into itself"
            return SpeakerEdit(who, merge, role, merge_into=merge, extract=extract)
        if not name:
            return "name: say who spoke (e.g. Jane Doe)"
        if who == RANGE:
            span = parse_turns(self.query_one("#sp-turns", Input).value, self.n_turns)
            if isinstance(span, str):
                return span
            return SpeakerEdit("", name, role, first=span[0], last=span[1], extract=extract)
        return SpeakerEdit(who, name, role, extract=extract)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        result = self.edit()
        if isinstance(result, str):
            self.query_one("#speakers-error", Static).update(Text(result))
            return
        self.dismiss(result)

    @on(Input.Submitted)
    def submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
