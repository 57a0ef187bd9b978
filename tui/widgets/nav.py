"""The line under the header naming the screens and their number keys."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

SHORT = {
    "overview": "Home",
    "hypotheses": "Hyp",
    "guide": "Guide",
    "interviews": "Intv",
    "insights": "Ins",
    "search": "Search",
    "strategy": "Strat",
    "settings": "Set",
}


class NavBar(Widget):
    DEFAULT_CSS = """
    NavBar { height: 1; background: $panel; color: $text-muted; }
    """

    def __init__(self, current: str, screens: list[tuple[str, str]]) -> None:
        super().__init__()
        self.current = current
        self.screens = screens

    def render(self) -> Text:
        full = sum(len(label) + 4 for _k, label in self.screens) <= self.size.width
        out = Text(no_wrap=True, overflow="ellipsis")
        for n, (key, label) in enumerate(self.screens, start=1):
            name = label if full else SHORT.get(key, label)
            style = "bold reverse" if key == self.current else ""
            out.append(f" {n}", style="bold" if key != self.current else style)
            out.append(f" {name} ", style=style)
        return out
