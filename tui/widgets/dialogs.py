"""Small modal dialogs: pick one of several choices, or fill in a short form."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select
from textual.widgets.option_list import Option


class ChoiceDialog(ModalScreen[str | None]):
    """Pick one value from a list; escape cancels."""

    DEFAULT_CSS = """
    ChoiceDialog { align: center middle; }
    ChoiceDialog > Vertical { width: 50; height: auto; max-height: 20; border: thick $accent; background: $surface; padding: 0 1; }
    ChoiceDialog OptionList { height: auto; max-height: 14; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]  # noqa: RUF012

    def __init__(self, title: str, choices: list[str], current: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.title_text, style="bold"))
            yield OptionList(*(Option(Text(c), id=c) for c in self.choices), id="choices")

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


class FormDialog(ModalScreen[dict[str, str] | None]):
    """A few labelled fields (text inputs, or selects when choices are given); ctrl+s saves, escape cancels."""

    DEFAULT_CSS = """
    FormDialog { align: center middle; }
    FormDialog > Vertical { width: 72; max-width: 100%; height: auto; max-height: 100%; border: thick $accent; background: $surface; padding: 0 1; }
    FormDialog Label { margin-top: 1; }
    FormDialog Horizontal { height: auto; margin-top: 1; }
    """
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True),
    ]

    def __init__(
        self,
        title: str,
        fields: list[tuple[str, str, str]],
        choices: dict[str, list[str]] | None = None,
    ) -> None:
        """`fields` holds (key, label, initial value)."""
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.choices = choices or {}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.title_text, style="bold"))
            for key, label, value in self.fields:
                yield Label(Text(label))
                if key in self.choices:
                    opts = [(Text(c), c) for c in self.choices[key]]
                    yield Select(opts, value=value if value in self.choices[key] else Select.NULL, id=f"f-{key}", allow_blank=False)
                else:
                    yield Input(value=value, id=f"f-{key}")
            with Horizontal():
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

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
        self.dismiss(self.values())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def submitted(self) -> None:
        self.action_save()
