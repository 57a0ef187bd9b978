"""A unified diff drawn for the width it has: side by side when wide, one column and wrapped when narrow.

Both layouts are rich Tables, so a long line wraps inside its own column with
the +/- gutter kept beside it (no "-- H1:" from a removed list item running
into its marker, no wrapped text under the gutter).
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

SIDE_BY_SIDE_MIN = 100
"""Columns the diff pane needs before the two versions go side by side."""


def parse(diff: str) -> list[tuple[str, str]]:
    """(mark, line) for each line of a unified diff: mark is ' ', '-', '+' or '@'; file headers dropped."""
    out: list[tuple[str, str]] = []
    for line in diff.splitlines():
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            out.append(("@", line))
        elif line[:1] in ("-", "+", " "):
            out.append((line[0], line[1:]))
        elif line == "":
            out.append((" ", ""))
    return out


STYLE = {"-": "red", "+": "green", " ": "", "@": "cyan"}
GUTTER = {"-": "−", "+": "+", " ": " ", "@": "…"}


def unified(diff: str) -> RenderableType:
    lines = parse(diff)
    if not lines:
        return Text("(no change)", style="dim")
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(width=1, no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    for mark, line in lines:
        if mark == "@":
            table.add_row(Text("…", style="cyan"), Text("", style="cyan"))
            continue
        table.add_row(Text(GUTTER[mark], style=STYLE[mark]), Text(line, style=STYLE[mark]))
    return table


def side_by_side(diff: str) -> RenderableType:
    """Now on the left, proposed on the right; removed and added lines paired up in order."""
    lines = parse(diff)
    if not lines:
        return Text("(no change)", style="dim")
    table = Table(expand=True, show_edge=False, box=None, padding=(0, 1), show_header=True, header_style="bold")
    table.add_column("Now", ratio=1, overflow="fold")
    table.add_column("Proposed", ratio=1, overflow="fold")
    removed: list[str] = []
    added: list[str] = []

    def flush() -> None:
        for n in range(max(len(removed), len(added))):
            left = Text(removed[n], style="red") if n < len(removed) else Text("")
            right = Text(added[n], style="green") if n < len(added) else Text("")
            table.add_row(left, right)
        removed.clear()
        added.clear()

    for mark, line in lines:
        if mark == "-":
            removed.append(line)
        elif mark == "+":
            added.append(line)
        else:
            flush()
            if mark == "@":
                table.add_row(Text("…", style="cyan"), Text("…", style="cyan"))
            else:
                table.add_row(Text(line, style="dim"), Text(line, style="dim"))
    flush()
    return table


def render_diff(diff: str, width: int) -> RenderableType:
    return side_by_side(diff) if width >= SIDE_BY_SIDE_MIN else unified(diff)
