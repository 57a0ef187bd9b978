"""synth.toml as Synth (tomli_w) writes it, read without importing tomllib.

The TUI's first frame needs the workspace's name and north star; tomllib's import
costs more than reading them. `load` reads the subset Synth writes (comment
lines, `[section]` headers, `key = value` with simple strings, integers, floats,
booleans and arrays of simple strings) and answers None for anything else (an
escape, an inline table, a dotted key, a trailing comment, a duplicate key...),
and the caller then asks tomllib. So it either agrees with `tomllib.loads` or declines.
"""

from __future__ import annotations

import re

SECTION = re.compile(r"\[([A-Za-z0-9_-]+)\]")
KEY_VALUE = re.compile(r"([A-Za-z0-9_-]+) = (.+)")
STRING = re.compile(r'"([^"\\\x00-\x1f\x7f]*)"|\'([^\'\x00-\x08\x0a-\x1f\x7f]*)\'')
INTEGER = re.compile(r"[+-]?(?:0|[1-9][0-9]*)")
FLOAT = re.compile(r"[+-]?(?:0|[1-9][0-9]*)\.[0-9]+")


def _string(text: str) -> str | None:
    m = STRING.fullmatch(text)
    if m is None:
        return None
    return m.group(1) if m.group(1) is not None else m.group(2)


def _value(text: str) -> object:
    """A scalar or a one-line array of strings; None when it is not that simple."""
    if text in ("true", "false"):
        return text == "true"
    if INTEGER.fullmatch(text):
        return int(text)
    if FLOAT.fullmatch(text):
        return float(text)
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1].strip().rstrip(",").strip()
        if not inner:
            return []
        items = [_string(part.strip()) for part in inner.split(",")]
        return None if any(item is None for item in items) else items
    return _string(text)


def load(text: str) -> dict[str, object] | None:
    """What `tomllib.loads(text)` returns, or None when `text` is outside the subset."""
    data: dict[str, object] = {}
    table = data
    lines = iter(text.split("\n"))
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        header = SECTION.fullmatch(line)
        if header is not None:
            if header.group(1) in data:
                return None
            table = {}
            data[header.group(1)] = table
            continue
        pair = KEY_VALUE.fullmatch(line)
        if pair is None or pair.group(1) in table:
            return None
        key, value_text = pair.group(1), pair.group(2).strip()
        if value_text == "[":  # a multi-line array of strings, one per line, as tomli_w writes it
            items: list[object] = []
            for item_line in lines:
                item = item_line.strip()
                if item == "]":
                    break
                string = _string(item[:-1]) if item.endswith(",") else None
                if string is None:
                    return None
                items.append(string)
            else:
                return None  # never closed
            table[key] = items
            continue
        value = _value(value_text)
        if value is None:
            return None
        table[key] = value
    return data
