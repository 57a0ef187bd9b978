"""One CSV row per (insight, quote), for spreadsheets.

RFC 4180: the csv module, minimal quoting, CRLF between records (line breaks
inside a quoted cell stay LF). UTF-8 *with* a byte-order mark: Excel reads a
BOM-less CSV as the local ANSI code page and mangles every accent and emoji;
LibreOffice, Google Sheets, pandas (`encoding="utf-8-sig"`) and Python's csv
all handle the BOM. Text cells that a spreadsheet would run as a formula
(starting with =, +, -, @, tab or CR) get a leading apostrophe (OWASP's
advice against CSV injection); numbers are written as numbers.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from synth import atomic
from synth.errors import UserError
from synth.grounded import check_grounded
from synth.models import Review, Stance
from synth.themes import interview_participant
from synth.workspace import Workspace

COLUMNS = [
    "insight_id", "kind", "summary", "quote", "interview_id", "interview_title", "participant", "speaker",
    "turn", "start", "end", "hypotheses", "review", "confidence",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class CsvSummary:
    path: str
    format: str
    rows: int
    bytes: int
    encoding: str = "utf-8-sig"


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will show as text, never evaluate."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def csv_rows(ws: Workspace, *, include_rejected: bool = False) -> list[list[str | int | float]]:
    rows: list[list[str | int | float]] = []
    for s in ws.insight_sets():
        iv = ws.interview(s.interview_id)
        check_grounded(s, iv, ws.insights_dir / f"{s.interview_id}.json")
        links: dict[str, list[str]] = {}
        for lk in s.links:
            if lk.effective_stance is not Stance.neutral:
                who = " (founder)" if lk.reviewed else ""
                links.setdefault(lk.insight_id, []).append(f"{lk.hypothesis_id} {lk.effective_stance.value}{who}")
        for ins in s.insights:
            if ins.review is Review.rejected and not include_rejected:
                continue
            for quote in ins.quotes:
                turn = iv.turns[quote.turn_index] if 0 <= quote.turn_index < len(iv.turns) else iv.turn_at(quote.start)
                rows.append([
                    ins.id, ins.kind.value, ins.summary, quote.text, iv.id, iv.meta.title,
                    interview_participant(iv) or ins.participant, turn.speaker if turn else "", quote.turn_index,
                    quote.start, quote.end, "; ".join(links.get(ins.id, [])), ins.review.value,
                    round(ins.confidence, 3),
                ])
    rows.sort(key=lambda r: (str(r[4]), int(r[9]), str(r[0])))
    return rows


def render_csv(rows: list[list[str | int | float]]) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([neutralise(c) if isinstance(c, str) else c for c in row])
    return buf.getvalue()


def export_csv(ws: Workspace, out: Path, *, include_rejected: bool = False) -> CsvSummary:
    if out.is_dir():
        raise UserError("is a folder; give a file name ending in .csv", path=out)
    rows = csv_rows(ws, include_rejected=include_rejected)
    data = render_csv(rows).encode("utf-8-sig")
    atomic.write_bytes(out, data)
    return CsvSummary(path=str(out), format="csv", rows=len(rows), bytes=len(data))
