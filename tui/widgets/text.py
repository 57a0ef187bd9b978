"""Rich Text builders for user data: names, quotes and statements are always literal, never markup."""

from __future__ import annotations

import re

from rich.text import Text

SPEAKER_STYLES = ("bold cyan", "bold magenta", "bold green", "bold yellow", "bold blue", "bold red")
HIGHLIGHT = "reverse"
TERM = "bold underline"


def lit(value: object, style: str = "") -> Text:
    """`value` as plain text: `[bold]` stays `[bold]`."""
    return Text(str(value), style=style)


def evidence_bar(supporting: int, contradicting: int, width: int = 16) -> Text:
    """A bar split between supporting (green) and contradicting (red) evidence."""
    total = supporting + contradicting
    if total == 0:
        return Text("·" * width, style="dim")
    green = round(width * supporting / total)
    if supporting and not green:
        green = 1
    if contradicting and green == width:
        green = width - 1
    return Text.assemble(("█" * green, "green"), ("█" * (width - green), "red"))


def highlight_terms(text: str, query: str, style: str = TERM) -> Text:
    """`text` literally, with each word of `query` (3+ letters, case-insensitive) emphasised."""
    out = Text(text)
    words = [w for w in re.findall(r"\w+", query) if len(w) >= 3]
    for w in words:
        for m in re.finditer(re.escape(w), text, flags=re.IGNORECASE):
            out.stylize(style, m.start(), m.end())
    return out


def clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


ROLE_STYLE = {"interviewer": "dim italic", "participant": "bold", "unknown": "yellow"}


def speaker_label(speaker: str, role: object) -> Text:
    """`— Name (role)`: who said a quote, so interviewer lines never pass for a customer's."""
    value = getattr(role, "value", role) or ""
    out = Text("— ", style="dim")
    out.append(speaker or "unknown speaker", style=ROLE_STYLE.get(str(value), "bold"))
    if value == "interviewer":
        out.append(" (interviewer)", style="dim italic")
    elif value == "unknown":
        out.append(" (unlabelled speaker)", style="yellow")
    elif value:
        out.append(f" ({value})", style="dim")
    return out


def _norm(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .,!?\"'“”")


def same_words(a: str, b: str) -> bool:
    """True when one text says nothing the other does not (a summary that repeats its quote)."""
    x, y = _norm(a), _norm(b)
    return x == y or x in y or y in x
