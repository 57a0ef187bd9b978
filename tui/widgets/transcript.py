"""The transcript viewer: one block per turn, speakers coloured, insight quotes highlighted in place.

Everything from the transcript is placed as plain text and styled by offsets,
so a speaker called `[bold]x[/]` shows exactly that. Interviewer turns are dimmed
and say "(interviewer)"; each turn starts with its number, which the speakers
dialog uses to name a range of turns.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from synth.models import Insight, Interview, Role, Turn
from tui.widgets.text import SPEAKER_STYLES

QUOTE_STYLE = "black on yellow"
FOCUS_STYLE = "black on bright_green"


class TranscriptView(VerticalScroll):
    """Shows one interview; `focus_span` marks the passage a quote or search hit points at.

    The whole transcript is one Text in one Static: a 500-turn interview is one widget
    to lay out, not 500 (opening a long transcript took seconds). The scroll target is
    found by wrapping the turns before it at the view's width.
    """

    can_focus = True

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.interview: Interview | None = None
        self.focus_span: tuple[int, int] | None = None
        self.turn_texts: list[Text] = []

    def compose(self) -> ComposeResult:
        yield Static(id="transcript-text")

    def show(self, interview: Interview, insights: list[Insight], focus_span: tuple[int, int] | None = None) -> None:
        self.interview = interview
        self.focus_span = focus_span
        spans = [(q.start, q.end) for ins in insights for q in ins.quotes if q.interview_id == interview.id]
        colours: dict[str, str] = {}
        self.turn_texts = []
        target: int | None = None
        for n, turn in enumerate(interview.turns):
            style = colours.setdefault(turn.speaker, SPEAKER_STYLES[len(colours) % len(SPEAKER_STYLES)])
            text = render_turn(turn, style, spans, focus_span)
            if turn.role is Role.interviewer:
                text.stylize("dim")
            self.turn_texts.append(text)
            if focus_span and target is None and turn.start <= focus_span[0] < max(turn.end, turn.start + 1):
                target = n
        self.query_one("#transcript-text", Static).update(Text("\n\n").join(self.turn_texts))
        if target is not None:
            self.call_after_refresh(self.scroll_to_turn, target)
        else:
            self.scroll_home(animate=False)

    def scroll_to_turn(self, index: int) -> None:
        """Scroll so turn `index` is at the top: the lines of the turns before it, wrapped as shown."""
        width = max(1, self.scrollable_content_region.width)
        y = sum(len(Content.from_rich_text(t).wrap(width)) + 1 for t in self.turn_texts[:index])
        self.scroll_to(y=y, animate=False)

    def clear(self, message: str) -> None:
        self.interview = None
        self.turn_texts = []
        self.query_one("#transcript-text", Static).update(Text(message, style="dim"))


def render_turn(
    turn: Turn, speaker_style: str, spans: list[tuple[int, int]], focus: tuple[int, int] | None
) -> Text:
    # The turn number is how a founder names a range of turns in the speakers dialog (s).
    label = Text(f"{turn.index + 1} ", style="dim")
    label.append(turn.speaker, style=speaker_style)
    if turn.role is Role.interviewer:
        label.append(" (interviewer)", style="dim italic")
    elif turn.role is Role.unknown:
        label.append(" (unlabelled)", style="yellow")
    label.append(": ", style=speaker_style)
    body = Text(turn.text)
    for start, end in spans:
        _mark(body, turn, start, end, QUOTE_STYLE)
    if focus is not None:
        _mark(body, turn, focus[0], focus[1], FOCUS_STYLE)
    return Text.assemble(label, body)


def _mark(body: Text, turn: Turn, start: int, end: int, style: str) -> None:
    lo, hi = max(start, turn.start), min(end, turn.end)
    if lo < hi:
        body.stylize(style, lo - turn.start, hi - turn.start)
