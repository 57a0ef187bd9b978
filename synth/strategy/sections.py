"""strategy.md as sections: parse, compare and render without losing what the founder wrote.

The document is a title, `## ` sections in any order (the seven standard ones
plus any the founder adds), and Markdown footnotes collected under a final
`## Sources` heading. Parsing then rendering an unchanged document gives the
same sections and footnotes back; sections Synth does not know are kept as
they are, where they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SECTIONS: tuple[str, ...] = (
    "North Star",
    "Customer and problem",
    "Hypotheses",
    "What we learned",
    "What changes",
    "Open questions",
    "Next experiments",
)
SOURCES = "Sources"

_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")
_FOOTNOTE = re.compile(r"^\[\^([^\]\s]+)\]:\s?(.*)$")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")


@dataclass
class Document:
    title: str = ""
    """Everything before the first `## ` heading."""
    sections: dict[str, str] = field(default_factory=dict)
    """Heading -> body, in document order (Sources excluded)."""
    footnotes: dict[str, str] = field(default_factory=dict)
    sources_note: str = ""
    """Any text the founder wrote under Sources that is not a footnote."""


def canonical(name: str) -> str:
    """The standard spelling of a section name, matched case- and space-insensitively."""
    key = " ".join(name.split()).lower()
    for s in (*SECTIONS, SOURCES):
        if s.lower() == key:
            return s
    return " ".join(name.split())


def parse(text: str) -> Document:
    doc = Document()
    current: str | None = None
    buf: list[str] = []
    title: list[str] = []
    in_fence = False

    def flush() -> None:
        body = "\n".join(buf).strip("\n")
        if current == SOURCES:
            doc.sources_note = (doc.sources_note + "\n" + body).strip("\n") if body.strip() else doc.sources_note
        elif current is not None:
            doc.sections[current] = (doc.sections.get(current, "") + "\n\n" + body).strip("\n") if current in doc.sections else body

    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        if heading:
            if current is None:
                doc.title = "\n".join(title).strip("\n")
            else:
                flush()
            current, buf = canonical(heading.group(1)), []
            continue
        note = None if in_fence else _FOOTNOTE.match(line)
        if note:
            doc.footnotes[note.group(1)] = note.group(2).strip()
            continue
        (title if current is None else buf).append(line.rstrip())
    if current is None:
        doc.title = "\n".join(title).strip("\n")
    else:
        flush()
    return doc


def render(doc: Document) -> str:
    parts: list[str] = []
    if doc.title.strip():
        parts.append(doc.title.strip("\n"))
    for name, body in doc.sections.items():
        parts.append(f"## {name}\n\n{body.strip(chr(10))}" if body.strip() else f"## {name}")
    used = referenced(doc)
    notes = {k: v for k, v in doc.footnotes.items() if k in used}
    if notes or doc.sources_note.strip():
        lines = [f"[^{k}]: {v}" for k, v in notes.items()]
        body = "\n".join(x for x in (doc.sources_note.strip("\n"), "\n".join(lines)) if x)
        parts.append(f"## {SOURCES}\n\n{body}")
    return "\n\n".join(parts).rstrip("\n") + "\n"


def referenced(doc: Document) -> set[str]:
    return {m.group(1) for body in (doc.title, *doc.sections.values()) for m in _FOOTNOTE_REF.finditer(body)}


def normalise(body: str) -> str:
    """What counts as an edit: whitespace at line ends and blank-line runs do not."""
    lines = [ln.rstrip() for ln in body.strip().splitlines()]
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip()


def ordered(sections: dict[str, str]) -> dict[str, str]:
    """Standard sections in their standard order, then the founder's own in theirs."""
    std = {s: sections[s] for s in SECTIONS if s in sections}
    return std | {k: v for k, v in sections.items() if k not in std}
