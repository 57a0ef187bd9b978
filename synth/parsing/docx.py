"""Word documents: each paragraph a line, a bold leading run taken as the speaker's name."""

from __future__ import annotations

import io
import zipfile

from synth.errors import ParseError
from synth.parsing.plaintext import parse_labelled
from synth.parsing.types import Cue


def is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def docx_lines(data: bytes) -> list[str]:
    import docx  # python-docx, heavy: only when a .docx arrives

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for damaged files
        raise ParseError(f"not a readable Word document ({type(exc).__name__})") from None
    lines: list[str] = []
    for para in document.paragraphs:
        text = para.text
        runs = [r for r in para.runs if r.text]
        bold = ""
        for run in runs:
            if run.bold and not bold.endswith(("\n",)):
                bold += run.text
                continue
            break
        name = bold.strip().rstrip(":").strip()
        if name and len(name) <= 60 and text.strip() != bold.strip():
            rest = text[len(bold):].lstrip().lstrip(":").strip()
            lines.append(f"**{name}:** {rest}")
        elif name and len(name) <= 60:
            lines.append(f"**{name}:**")  # a bold name alone: the turn follows in the next paragraphs
        else:
            lines.append(text)
        lines.append("")
    lines.extend(_table_lines(document))
    return lines


def _table_lines(document: object) -> list[str]:
    """Some tools export a table per transcript: speaker | [time |] text."""
    lines: list[str] = []
    for table in getattr(document, "tables", []):
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells]
            if len(cells) >= 2 and cells[0] and cells[-1] and len(cells[0]) <= 60 and "\n" not in cells[0]:
                stamp = f" ({cells[1]})" if len(cells) >= 3 and cells[1] else ""
                lines.extend([f"**{cells[0]}{stamp}:** {cells[-1]}", ""])
    return lines


def parse_docx(data: bytes) -> list[Cue]:
    cues, _ = parse_labelled("\n".join(docx_lines(data)))
    return cues
