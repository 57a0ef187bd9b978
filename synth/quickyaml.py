"""hypotheses.yaml as `yaml.safe_dump` writes it, read without importing PyYAML.

Importing PyYAML costs the TUI's first screen more than reading every file it
shows. What Synth writes is a small subset of YAML: a `hypotheses:` key over a
block sequence of flat mappings whose values are plain or single-quoted
scalars, some folded over several lines. `load` reads exactly that and answers
None for anything else (comments, double quotes, block scalars, flow
collections, anchors, tags, blank lines inside a value, a plain value the YAML
1.1 resolver could turn into a number, boolean, null or timestamp), and the
caller then asks PyYAML. So it either agrees with `yaml.safe_load` or declines.
"""

from __future__ import annotations

import re
from datetime import date

KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: +(.*))?")
ITEM_LINE = re.compile(r"- +\S.*")
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
INDICATORS = frozenset("-?:,[]{}#&*!|>\"%@`'")
"""A plain scalar may not start with these; a single quote starts a quoted one, handled separately."""
RESOLVED_WORDS = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n"})
RESOLVED_FIRST = frozenset("0123456789+-.~<=")
"""First characters of the YAML 1.1 int, float, null, timestamp, merge and value resolvers."""


def _plain(text: str) -> str | date | None:
    if not text or text[0] in INDICATORS or ": " in text or " #" in text or text.endswith(":"):
        return None
    if text.lower() in RESOLVED_WORDS:
        return None
    if text[0] in RESOLVED_FIRST:
        if ISO_DAY.fullmatch(text):  # the one resolved form Synth writes unquoted: a day
            try:
                return date.fromisoformat(text)
            except ValueError:
                return None
        return None
    return text


def _single_quoted(text: str) -> str | None:
    out: list[str] = []
    i = 1
    while i < len(text):
        ch = text[i]
        if ch == "'":
            if text[i + 1 : i + 2] == "'":
                out.append("'")
                i += 2
                continue
            return "".join(out) if i == len(text) - 1 else None
        out.append(ch)
        i += 1
    return None  # never closed


def _scalar(lines: list[str]) -> str | date | None:
    """One value from its first line's text and its continuation lines, folded with single spaces."""
    if any(not line.strip() for line in lines[1:]):
        return None  # a blank line inside a value folds to a newline: leave it to PyYAML
    text = " ".join(line.strip() for line in lines)
    if text.startswith("'"):
        return _single_quoted(text)
    return _plain(text)


def _mapping(block: list[tuple[int, str]], indent: int) -> dict[str, object] | None:
    """A flat mapping whose keys sit at `indent`: each key's lines are its own and the deeper ones after it."""
    out: dict[str, object] = {}
    key, lines = "", list[str]()
    for col, line in [*block, (indent, "")]:
        if col == indent:
            if key:
                value = _scalar(lines)
                if value is None or key in out:
                    return None
                out[key] = value
            if not line:
                break
            m = KEY_LINE.fullmatch(line)
            if m is None or not m.group(2):
                return None  # an empty value is null, a nested block is not ours
            key, lines = m.group(1), [m.group(2)]
        elif col > indent and key:
            lines.append(line)
        else:
            return None
    return out


def load(text: str) -> list[object] | None:
    """The hypotheses list `yaml.safe_load` would find (under `hypotheses:` or top level), or None."""
    if "\t" in text or "\r" in text or text.startswith("\ufeff"):
        return None
    lines = [(len(raw) - len(raw.lstrip(" ")), raw.strip()) for raw in text.split("\n")]
    rows = [row for row in lines if row[1]]
    if any(line.startswith("#") for _col, line in rows):
        return None
    if not rows:
        return []
    first_col, first = rows[0]
    body = rows
    if first_col == 0 and first in ("hypotheses:", "hypotheses: []"):
        body = rows[1:]
        if first.endswith("[]"):
            return [] if not body else None
    if not body:
        return []
    seq_col = body[0][0]
    if not _blank_lines_between_entries(lines, seq_col + 2):
        return None
    items: list[object] = []
    current: list[tuple[int, str]] | None = None
    for col, line in [*body, (seq_col, "- end")]:
        if col == seq_col and ITEM_LINE.fullmatch(line):
            if current is not None:
                item = _mapping(current, seq_col + 2)
                if item is None:
                    return None
                items.append(item)
            if line[2:3] == " ":
                return None  # keys further in than `- key`: fine YAML, not what Synth writes
            current = [(seq_col + 2, line[2:])]
        elif current is not None and col > seq_col:
            current.append((col, line))
        else:
            return None
    return items


def _blank_lines_between_entries(lines: list[tuple[int, str]], key_col: int) -> bool:
    """A blank line may come before an item or a key, never before a value's continuation (it would fold to a newline)."""
    for i, (_col, line) in enumerate(lines):
        if line:
            continue
        following = next((col for col, nxt in lines[i + 1 :] if nxt), None)
        if following is not None and following > key_col:
            return False
    return True
