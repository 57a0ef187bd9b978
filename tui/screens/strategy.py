"""Strategy: strategy.md rendered, the latest unapplied draft reviewed section by section, then applied.

A draft made from the CLI (`synth draft`) shows here too: the screen opens the
newest unapplied draft in drafts/. While a draft is under review the diff takes
the width (v shows the document instead); the diff goes side by side when wide.
"""

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
from tui.widgets.diff import render_diff

MARKS = {None: ("?", "yellow"), True: ("✓", "green"), False: ("✗", "red")}


class StrategyScreen(SynthScreen):
    KEY = "strategy"
    BINDINGS = [  # noqa: RUF012
        Binding("d", "draft", "Draft", id="strategy.draft"),
        Binding("a", "decide(True)", "Accept", id="strategy.accept"),
        Binding("r", "decide(False)", "Reject", id="strategy.reject"),
        Binding("A", "apply", "Apply", id="strategy.apply"),
        Binding("v", "toggle_doc", "Doc/diff", id="strategy.toggle"),
        Binding("c", "cancel", "Cancel", id="strategy.cancel", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.draft: Any = None
        self.hunks: dict[str, str] = {}
        self.decisions: dict[str, bool | None] = {}
        self.show_doc = False

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="strategy-body"):
            with VerticalScroll(id="strategy-doc"):
                yield Markdown(id="strategy-md")
            with VerticalScroll(id="strategy-review"):
                yield Static(id="draft-title")
                yield OptionList(id="hunks")
                yield Static(id="hunk-diff")

    def reload(self) -> None:
        text = self.guard(self.ws.strategy_text)
        md = text if isinstance(text, str) and text.strip() else "*No strategy.md yet.* Press **d** to draft one from the evidence."
        self.query_one("#strategy-md", Markdown).update(md)
        self.show_hunks()
        self.find_draft()

    @work(thread=True, exclusive=True, exit_on_error=False, group="find-draft")
    def find_draft(self) -> None:
        """The newest draft not applied yet (made here or from the CLI), with its diff per section."""
        from synth.strategy import draft_diff, list_drafts

        drafts = [d for d in list_drafts(self.ws) if not d.applied]
        if not drafts:
            self.post_message(Loaded("no-draft", None))
            return
        draft = drafts[-1]
        hunks = {name: draft_diff(self.ws, draft, {name}) for name in draft.sections}
        self.post_message(Loaded("draft", (draft, hunks)))

    def action_draft(self) -> None:
        self.status("drafting an update from the evidence… (c cancels)")
        self.query_one("#hunk-diff", Static).update(Text("drafting…", style="dim"))
        self.make_draft()

    @work(thread=True, exclusive=True, exit_on_error=False, group="draft")
    def make_draft(self) -> None:
        from synth.strategy import draft_diff, make_draft, save_draft
        from tui.llm import action_session

        with action_session(self.ws) as session:
            draft = make_draft(self.ws)
        if get_current_worker().is_cancelled:
            return
        save_draft(self.ws, draft)
        if spent := session.spend_line():
            self.app.call_from_thread(self.synth_app.notify, spent, markup=False)
        hunks = {name: draft_diff(self.ws, draft, {name}) for name in draft.sections}
        self.post_message(Loaded("draft", (draft, hunks)))

    def action_cancel(self) -> None:
        for w in self.workers:
            if w.group == "draft" and w.is_running:
                w.cancel()
                self.status("draft cancelled")

    @on(Loaded)
    def draft_ready(self, event: Loaded) -> None:
        if event.what == "no-draft":
            if self.draft is not None:
                self.draft, self.hunks, self.decisions = None, {}, {}
                self.show_hunks()
            return
        if event.what != "draft":
            return
        draft, hunks = event.data
        if self.draft is not None and self.draft.id == draft.id:
            return  # the same draft: keep the decisions made so far
        self.draft, self.hunks = draft, hunks
        self.decisions = dict.fromkeys(self.draft.sections)
        self.show_doc = False
        self.show_hunks()
        n = len(self.decisions)
        self.status(f"{n} section(s) would change: a accepts, r rejects, A applies" if n else "nothing to update")

    def layout_panes(self) -> None:
        has_draft = self.draft is not None
        self.query_one("#strategy-doc").display = self.show_doc or not has_draft
        self.query_one("#strategy-review").display = has_draft and not self.show_doc

    def action_toggle_doc(self) -> None:
        if self.draft is None:
            self.notify("No draft: press d to draft an update.")
            return
        self.show_doc = not self.show_doc
        self.layout_panes()

    def show_hunks(self) -> None:
        self.layout_panes()
        hunks = self.query_one("#hunks", OptionList)
        keep = hunks.highlighted
        hunks.clear_options()
        title = self.query_one("#draft-title", Static)
        if self.draft is None:
            title.update("")
            self.query_one("#hunk-diff", Static).update(Text("No draft. Press d to draft an update.", style="dim"))
            return
        title.update(Text.assemble(("Draft ", "bold"), (self.draft.id, "bold"), (f" · {self.draft.engine} · v shows strategy.md", "dim")))
        for name, decision in self.decisions.items():
            mark, style = MARKS[decision]
            hunks.add_option(Option(Text.assemble((mark + " ", style), Text(name)), id=name))
        if self.decisions:
            hunks.highlighted = min(keep or 0, len(self.decisions) - 1)
            hunks.focus()
        self.show_diff()

    @on(OptionList.OptionHighlighted, "#hunks")
    def show_diff(self) -> None:
        name = self.current_section()
        diff = self.query_one("#hunk-diff", Static)
        if name is None or self.draft is None:
            diff.update(Text(""))
            return
        width = self.query_one("#strategy-review").size.width or self.app.size.width
        diff.update(render_diff(self.hunks.get(name, ""), width))

    def on_resize(self) -> None:
        self.show_diff()

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
