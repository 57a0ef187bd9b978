"""Small modal dialogs that fit at 80x24: pick one choice, pick several, or fill in a short form.

Each dialog says which keys it takes, scrolls when the terminal is short, and
keeps its buttons in the first rows so they are never the part that is cut.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, SelectionList, Static
from textual.widgets.option_list import Option

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > VerticalScroll {{
    width: {width}; max-width: 100%; height: auto; max-height: 100%;
    border: thick $accent; background: $surface; padding: 0 1;
}}
{name} .hint {{ color: $text-muted; }}
"""


class ChoiceDialog(ModalScreen[str | None]):
    """Pick one value from a list; enter chooses, escape cancels."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ChoiceDialog", width=54) + """
    ChoiceDialog OptionList { height: auto; max-height: 14; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]  # noqa: RUF012
    AUTO_FOCUS = "OptionList"

    def __init__(self, title: str, choices: list[str], current: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label(Text(self.title_text, style="bold"))
            yield Static(Text("↑↓ move · enter sets it · esc cancels"), classes="hint")
            yield OptionList(*(Option(self._prompt(c), id=c) for c in self.choices), id="choices")

    def _prompt(self, choice: str) -> Text:
        return Text.assemble(choice, ("  (now)", "dim") if choice == self.current else "")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.current in self.choices:
            options.highlighted = self.choices.index(self.current)
        options.focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PickDialog(ModalScreen[list[str] | None]):
    """Pick several values (space toggles, enter or ctrl+s confirms, escape cancels)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="PickDialog", width=76) + """
    PickDialog SelectionList { height: auto; max-height: 14; }
    PickDialog Horizontal { height: auto; }
    PickDialog Button { margin-right: 1; }
    """
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel", id="pick.cancel"),
        Binding("ctrl+s", "confirm", "Confirm", id="pick.confirm", priority=True),
        Binding("enter", "confirm", "Confirm", id="pick.enter", priority=True),
    ]
    AUTO_FOCUS = "SelectionList"  # not the OK button: space must toggle, never confirm

    def __init__(self, title: str, choices: list[tuple[str, str]], hint: str = "") -> None:
        """`choices` holds (value, label)."""
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.hint = hint

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label(Text(self.title_text, style="bold"))
            yield Static(Text(self.hint or "space selects · enter confirms · esc cancels"), classes="hint")
            with Horizontal():
                yield Button("OK (enter)", variant="primary", id="ok")
                yield Button("Cancel (esc)", id="cancel")
            yield SelectionList[str](*((Text(label), value) for value, label in self.choices), id="picks")

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def picked(self) -> list[str]:
        return list(self.query_one(SelectionList).selected)

    @on(Button.Pressed, "#ok")
    def action_confirm(self) -> None:
        picked = self.picked()
        if not picked:
            self.notify("Select at least one (space), or esc to cancel.", severity="warning")
            return
        self.dismiss(picked)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


Validator = Callable[[str], str | None]
"""Returns why a value is not acceptable, or None."""


class FormDialog(ModalScreen[dict[str, str] | None]):
    """A few labelled one-line fields (inputs, or selects when choices are given); ctrl+s saves, escape cancels."""

    DEFAULT_CSS = DIALOG_CSS.format(name="FormDialog", width=76) + """
    FormDialog .row { height: auto; margin-top: 1; }
    FormDialog .row Label { width: 16; padding-top: 0; }
    FormDialog .row Input, FormDialog .row Select { width: 1fr; }
    FormDialog #buttons { height: auto; margin-top: 1; }
    FormDialog Button { margin-right: 1; }
    FormDialog #form-error { color: $error; height: auto; }
    """
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True),
    ]
    AUTO_FOCUS = "Input, Select"  # the first field, not the Save button above it

    def __init__(
        self,
        title: str,
        fields: list[tuple[str, str, str]],
        choices: dict[str, list[str]] | None = None,
        validators: dict[str, Validator] | None = None,
        placeholders: dict[str, str] | None = None,
    ) -> None:
        """`fields` holds (key, label, initial value)."""
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.choices = choices or {}
        self.validators = validators or {}
        self.placeholders = placeholders or {}

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label(Text(self.title_text, style="bold"))
            with Horizontal(id="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
            yield Static(id="form-error")
            for key, label, value in self.fields:
                with Horizontal(classes="row"):
                    yield Label(Text(label))
                    if key in self.choices:
                        opts = [(Text(c), c) for c in self.choices[key]]
                        yield Select(opts, value=value if value in self.choices[key] else Select.NULL, id=f"f-{key}",
                                     allow_blank=False, compact=True)
                    else:
                        yield Input(value=value, id=f"f-{key}", compact=True, placeholder=self.placeholders.get(key, ""))

    def on_mount(self) -> None:
        first = self.query(".row Input, .row Select").first()
        first.focus()

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, _label, _value in self.fields:
            if key in self.choices:
                out[key] = str(self.query_one(f"#f-{key}", Select).value)
            else:
                out[key] = self.query_one(f"#f-{key}", Input).value
        return out

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        values = self.values()
        for key, check in self.validators.items():
            problem = check(values.get(key, ""))
            if problem:
                self.query_one("#form-error", Static).update(Text(problem))
                self.query_one(f"#f-{key}").focus()
                return
        self.dismiss(values)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def submitted(self) -> None:
        self.action_save()
