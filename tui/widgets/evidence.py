"""Two lists side by side: the quotes that support a hypothesis and those that contradict it."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.widgets.text import same_words, speaker_label


def quote_option(q: Any, speakers: dict[str, tuple[str, str]] | None = None) -> Option:
    """One evidence quote (synth.evidence.EvidenceQuote): the words, who said them (speaker and role of the
    exact turn when known), and the insight summary only when it says something the quote does not."""
    prompt = Text.assemble(("“", "dim"), Text(q.quote), ("” ", "dim"))
    speaker, role = (speakers or {}).get(q.insight_id, (q.participant or "?", ""))
    prompt.append_text(speaker_label(speaker, role))
    if q.summary and not same_words(q.summary, q.quote):
        prompt.append("\n  ")
        prompt.append(Text(q.summary, style="dim"))
    return Option(prompt, id=q.insight_id)


class EvidenceColumns(Horizontal):
    DEFAULT_CSS = """
    EvidenceColumns { height: 1fr; }
    EvidenceColumns > Vertical { width: 1fr; }
    EvidenceColumns OptionList { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Supports", style="bold green"), id="supports-label")
            yield OptionList(id="supports")
        with Vertical():
            yield Label(Text("Contradicts", style="bold red"), id="contradicts-label")
            yield OptionList(id="contradicts")

    def show(self, ev: Any | None, speakers: dict[str, tuple[str, str]] | None = None) -> None:
        for side in ("supports", "contradicts"):
            options = self.query_one(f"#{side}", OptionList)
            options.clear_options()
            if ev is None:
                continue
            quotes = ev.top_supporting if side == "supports" else ev.top_contradicting
            count = ev.supporting if side == "supports" else ev.contradicting
            people = ev.supporting_participants if side == "supports" else ev.contradicting_participants
            title = "Supports" if side == "supports" else "Contradicts"
            self.query_one(f"#{side}-label", Label).update(
                Text(f"{title}: {count} insights, {people} people", style="bold " + ("green" if side == "supports" else "red"))
            )
            if quotes:
                options.add_options([quote_option(q, speakers) for q in quotes])
            else:
                options.add_option(Option(Text("no evidence yet", style="dim"), disabled=True))
