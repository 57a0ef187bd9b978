"""Strategy: strategy.md rendered, a drafted update reviewed section by section, then applied."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Markdown, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui.messages import JobDone, Loaded
from tui.screens.base import SynthScreen

MARKS = {None: ("?", "yellow"), True: ("✓", "green"), False: ("✗", "red")}


def diff_text(diff: str) -> Text:
    """A unified diff, literally, with added and removed lines coloured."""
    out = Text()
    for line in diff.splitlines():
        if line.startswith(("---", "+++")):
            continue
        style = "green" if line.startswith("+") else "red" if line.startswith("-") else "cyan" if line.startswith("@@") else ""
        out.append(line + "\n", style=style)
    return out or Text("(no change)", style="dim")


class StrategyScreen(SynthScreen):
    KEY = "strategy"
    BINDINGS = [  # noqa: RUF012
        Binding("d", "draft", "Draft update", id="strategy.draft"),
        Binding("a", "decide(True)", "Accept section", id="strategy.accept"),
        Binding("r", "decide(False)", "Reject section", id="strategy.reject"),
        Binding("A", "apply", "Apply accepted", id="strategy.apply"),
        Binding("c", "cancel", "Cancel", id="strategy.cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.draft: Any = None
        self.hunks: dict[str, str] = {}
        self.decisions: dict[str, bool | None] = {}

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="strategy-body"):
            with VerticalScroll(id="strategy-doc"):
                yield Markdown(id="strategy-md")
            with VerticalScroll(id="strategy-review"):
                yield OptionList(id="hunks")
                yield Static(id="hunk-diff")

    def reload(self) -> None:
        text = self.guard(self.ws.strategy_text)
        md = text if isinstance(text, str) and text.strip() else "*No strategy.md yet.* Press **d** to draft one from the evidence."
        self.query_one("#strategy-md", Markdown).update(md)
        self.show_hunks()

    def action_draft(self) -> None:
        self.status("drafting an update from the evidence… (c cancels)")
        self.make_draft()

    @work(thread=True, exclusive=True, exit_on_error=False, group="draft")
    def make_draft(self) -> None:
        from synth.strategy import draft_diff, make_draft, save_draft

        draft = make_draft(self.ws)
        if get_current_worker().is_cancelled:
            return
        save_draft(self.ws, draft)
        hunks = {name: draft_diff(self.ws, draft, {name}) for name in draft.sections}
        self.post_message(Loaded("draft", (draft, hunks)))

    def action_cancel(self) -> None:
        for w in self.workers:
            if w.group == "draft" and w.is_running:
                w.cancel()
                self.status("draft cancelled")

    @on(Loaded)
    def draft_ready(self, event: Loaded) -> None:
        if event.what != "draft":
            return
        self.draft, self.hunks = event.data
        self.decisions = dict.fromkeys(self.draft.sections)
        self.show_hunks()
        n = len(self.decisions)
        self.status(f"{n} section(s) would change: a accepts, r rejects, A applies the accepted ones" if n else "nothing to update")

    def show_hunks(self) -> None:
        hunks = self.query_one("#hunks", OptionList)
        keep = hunks.highlighted
        hunks.clear_options()
        hunks.display = self.draft is not None
        if self.draft is None:
            self.query_one("#hunk-diff", Static).update(Text("No draft. Press d to draft an update.", style="dim"))
            return
        for name, decision in self.decisions.items():
            mark, style = MARKS[decision]
            hunks.add_option(Option(Text.assemble((mark + " ", style), Text(name)), id=name))
        if self.decisions:
            hunks.highlighted = min(keep or 0, len(self.decisions) - 1)
        self.show_diff()

    @on(OptionList.OptionHighlighted, "#hunks")
    def show_diff(self) -> None:
        name = self.current_section()
        diff = self.query_one("#hunk-diff", Static)
        if name is None or self.draft is None:
            diff.update(Text(""))
            return
        diff.update(diff_text(self.hunks.get(name, "")))

    def current_section(self) -> str | None:
        hunks = self.query_one("#hunks", OptionList)
        if hunks.highlighted is None or not hunks.option_count:
            return None
        return hunks.get_option_at_index(hunks.highlighted).id

    def action_decide(self, accept: bool) -> None:
        name = self.current_section()
        if name is not None:
            self.decisions[name] = accept
            hunks = self.query_one("#hunks", OptionList)
            here = hunks.highlighted or 0
            self.show_hunks()
            hunks.highlighted = min(here + 1, len(self.decisions) - 1)

    def action_apply(self) -> None:
        if self.draft is None:
            self.notify("No draft to apply: press d first.", severity="warning")
            return
        accepted = [name for name, ok in self.decisions.items() if ok]
        if not accepted:
            self.notify("Accept at least one section (a) before applying.", severity="warning")
            return
        self.status(f"applying {len(accepted)} section(s)…")
        self.apply_sections(self.draft, accepted)

    @work(thread=True, exclusive=True, exit_on_error=False, group="draft")
    def apply_sections(self, draft: Any, sections: list[str]) -> None:
        from synth.strategy import apply_draft

        apply_draft(self.ws, draft, sections=sections)
        self.post_message(JobDone("apply", f"applied {len(sections)} section(s) to strategy.md"))

    @on(JobDone)
    def applied(self, event: JobDone) -> None:
        self.draft = None
        self.hunks = {}
        self.decisions = {}
        self.notify(event.summary, markup=False)
        self.status(event.summary)
        self.reload()
