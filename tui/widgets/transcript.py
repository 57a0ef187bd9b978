"""The transcript viewer: one block per turn, speakers coloured, insight quotes highlighted in place.

Everything from the transcript is placed as plain text and styled by offsets,
so a speaker called `[bold]x[/]` shows exactly that.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from synth.models import Insight, Interview, Role, Turn
from tui.widgets.text import SPEAKER_STYLES

QUOTE_STYLE = "black on yellow"
FOCUS_STYLE = "black on bright_green"


class TurnBlock(Static):
    def __init__(self, turn: Turn) -> None:
        super().__init__(classes="turn")
        self.turn = turn


class TranscriptView(VerticalScroll):
    """Shows one interview; `focus_span` marks the passage a quote or search hit points at."""

    can_focus = True

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.interview: Interview | None = None
        self.focus_span: tuple[int, int] | None = None

    def show(self, interview: Interview, insights: list[Insight], focus_span: tuple[int, int] | None = None) -> None:
        self.interview = interview
        self.focus_span = focus_span
        self.remove_children()
        spans = [(q.start, q.end) for ins in insights for q in ins.quotes if q.interview_id == interview.id]
        colours: dict[str, str] = {}
        blocks = []
        target: TurnBlock | None = None
        for turn in interview.turns:
            style = colours.setdefault(turn.speaker, SPEAKER_STYLES[len(colours) % len(SPEAKER_STYLES)])
            block = TurnBlock(turn)
            block.update(render_turn(turn, style, spans, focus_span))
            if turn.role is Role.interviewer:
                block.add_class("interviewer")
            blocks.append(block)
            if focus_span and target is None and turn.start <= focus_span[0] < max(turn.end, turn.start + 1):
                target = block
        self.mount_all(blocks)
        if target is not None:
            self.call_after_refresh(self.scroll_to_widget, target, animate=False, top=True)

    def clear(self, message: str) -> None:
        self.interview = None
        self.remove_children()
        self.mount(Static(Text(message, style="dim")))


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
