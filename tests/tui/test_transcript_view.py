"""The transcript viewer styles by offsets: quotes are marked exactly where they stand."""

from __future__ import annotations

from tui_workspace import TRANSCRIPTS, build_interview, insight

from synth.models import InsightKind
from tui.widgets.transcript import FOCUS_STYLE, QUOTE_STYLE, render_turn


def styled(text, style: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [text.plain[s.start : s.end] for s in text.spans if str(s.style) == style]


def test_quotes_and_the_focused_passage_are_marked_in_place() -> None:
    who, company, turns = TRANSCRIPTS["maria-2026-11-02"]
    iv = build_interview("maria-2026-11-02", who, company, turns)
    ins = insight(iv, InsightKind.pain, "slow", "takes us five days")
    q = ins.quotes[0]
    turn = iv.turns[1]
    spans = [(q.start, q.end)]
    text = render_turn(turn, "bold cyan", spans, focus=(turn.start, turn.start + 15))
    assert text.plain == f"2 {turn.speaker}: {turn.text}"  # the turn number names it in the speakers dialog
    assert styled(text, QUOTE_STYLE) == ["takes us five days"]
    assert styled(text, FOCUS_STYLE) == ["Month-end close"]


def test_a_quote_in_another_turn_marks_nothing_here() -> None:
    who, company, turns = TRANSCRIPTS["maria-2026-11-02"]
    iv = build_interview("maria-2026-11-02", who, company, turns)
    q = insight(iv, InsightKind.pain, "slow", "takes us five days").quotes[0]
    text = render_turn(iv.turns[3], "bold cyan", [(q.start, q.end)], None)
    assert styled(text, QUOTE_STYLE) == []
