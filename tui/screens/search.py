"""Search: type to search (debounced), results with the terms highlighted, open a hit in its transcript."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Input, OptionList, Select
from textual.widgets.input import Selection
from textual.widgets.option_list import Option

from tui.messages import Loaded
from tui.screens.base import SynthScreen
from tui.widgets.text import clip, highlight_terms, same_words, speaker_label

DEBOUNCE = 0.35
SPEAKERS = ("any", "participant", "interviewer")
"""The speaker filter synth.index.search takes."""


def hit_option(hit: Any, query: str, n: int) -> Option:
    """One hit: who said it (speaker and role of the exact turn: an interviewer's line says so), where, the words."""
    role = hit.role or ("participant" if hit.kind == "insight" else "")
    who = speaker_label(hit.speaker or hit.participant, role)
    where = " · ".join(p for p in (hit.company, hit.interview_id or "", hit.insight_kind or hit.kind) if p)
    interviewer = role == "interviewer"
    words = highlight_terms(clip(hit.text, 300), query)
    if interviewer:
        words.stylize("dim")
    prompt = Text.assemble(who, Text(" · " + where, style="dim"), "\n", words)
    if hit.summary and not same_words(hit.summary, hit.text):
        prompt.append("\n")
        prompt.append(Text(clip(hit.summary, 120), style="dim"))
    prompt.append("\n")  # a blank line between hits
    return Option(prompt, id=str(n))


class SearchScreen(SynthScreen):
    KEY = "search"
    BINDINGS = [  # noqa: RUF012
        Binding("ctrl+f", "focus_query", "Query", id="search.focus"),
        Binding("escape", "leave_field", "Results", id="search.results"),
        Binding("t", "open_hit", "Open in transcript", id="search.open"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[Any] = []
        self.query_text = ""
        self._timer: Timer | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="search-bar"):
            yield Input(placeholder="Search every interview and insight…", id="search-input", select_on_focus=False)
            yield Select([(Text(f"said by: {s}"), s) for s in SPEAKERS], value="any", allow_blank=False, id="search-speaker")
        yield OptionList(id="search-results")

    @on(Select.Changed, "#search-speaker")
    def speaker_changed(self) -> None:
        self.start_search(self.query_one("#search-input", Input).value)

    def on_mount(self) -> None:
        self.query_one("#search-input").focus()

    def leave_field_target(self) -> OptionList:
        return self.query_one("#search-results", OptionList)

    def action_focus_query(self) -> None:
        # Back to the query with its text kept and the cursor at the end: typing adds to it, nothing is selected away.
        field = self.query_one("#search-input", Input)
        field.focus()
        field.selection = Selection.cursor(len(field.value))

    @on(Input.Changed, "#search-input")
    def typed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, lambda: self.start_search(event.value))

    @on(Input.Submitted, "#search-input")
    def submitted(self, event: Input.Submitted) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.start_search(event.value)
        self.query_one("#search-results").focus()

    def start_search(self, query: str) -> None:
        if not query.strip():
            self.query_one("#search-results", OptionList).clear_options()
            self.status("")
            return
        self.status(f"searching for {query!r}…")
        self.run_search(query)

    @work(thread=True, exclusive=True, exit_on_error=False, group="search")
    def run_search(self, query: str) -> None:
        from synth.index import search

        speaker = str(self.query_one("#search-speaker", Select).value)
        hits = search(self.ws, query, k=20, speaker=speaker)
        self.post_message(Loaded("search", (query, hits)))

    @on(Loaded)
    def show_hits(self, event: Loaded) -> None:
        if event.what != "search":
            return
        self.query_text, self.hits = event.data
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        results.add_options([hit_option(h, self.query_text, n) for n, h in enumerate(self.hits)])
        if self.hits:
            results.highlighted = 0
        self.status(f"{len(self.hits)} results for {self.query_text!r}" if self.hits else "no results (is the index built? synth reindex)")

    @on(OptionList.OptionSelected, "#search-results")
    async def selected(self, event: OptionList.OptionSelected) -> None:
        await self.open(int(event.option.id or 0))

    async def action_open_hit(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if results.highlighted is not None:
            await self.open(results.highlighted)

    async def open(self, n: int) -> None:
        if not 0 <= n < len(self.hits):
            return
        hit = self.hits[n]
        if hit.kind == "insight" and hit.insight_id:
            found = self.guard(self.ws.find_insight, hit.insight_id)
            if isinstance(found, tuple):
                q = found[1].quotes[0]
                await self.synth_app.open_transcript(q.interview_id, q.start, q.end)
            return
        if hit.interview_id:
            await self.synth_app.open_transcript(hit.interview_id, hit.start, hit.end)
