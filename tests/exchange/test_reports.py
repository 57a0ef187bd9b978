"""Markdown and CSV reports: contents, attribution of every quote, RFC 4180, spreadsheet formula injection."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from synth.cli.main import main
from synth.exchange.report_csv import COLUMNS, export_csv, neutralise
from synth.exchange.report_md import export_md, inline, render_md
from synth.themes import Theme
from synth.workspace import Workspace

PAIN_QUOTE = "I spend two days copying numbers by hand.\nThen I paste them into Excel"


def read_csv(path: Path) -> tuple[bytes, list[list[str]]]:
    raw = path.read_bytes()
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_rows_columns_encoding_and_line_endings(ws: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    summary = export_csv(ws, out)
    raw, rows = read_csv(out)
    assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheet-friendly: Excel needs the BOM to read UTF-8
    assert rows[0] == COLUMNS and summary.rows == len(rows) - 1 == 4
    # every record ends in CRLF; the line break inside a quoted cell stays as it was
    assert raw.count(b"\r\n") == len(rows)
    assert b'"I spend two days copying numbers by hand.\nThen I paste them into Excel"' in raw
    by_quote = {r[3]: dict(zip(COLUMNS, r, strict=True)) for r in rows[1:]}
    pain = by_quote[PAIN_QUOTE]
    assert pain["kind"] == "pain" and pain["participant"] == "Zo\u00eb M\u00fcller" and pain["turn"] == "1"
    assert pain["hypotheses"] == "H1 supports; H2 contradicts" and pain["review"] == "new"
    iv = ws.interview(pain["interview_id"])
    assert iv.text[int(pain["start"]) : int(pain["end"])] == PAIN_QUOTE
    assert "\u201cJust worked\u201d is key" in by_quote  # the second quote of one insight is its own row
    assert not any(r[2] == "Prays" for r in rows)  # rejected left out
    export_csv(ws, out, include_rejected=True)
    assert any(r[2] == "Prays" for r in read_csv(out)[1])


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"])
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["plain", "1 - 2", "I said =", "\u201c=quoted\u201d", ""])
def test_ordinary_cells_are_left_alone(cell: str) -> None:
    assert neutralise(cell) == cell


def test_csv_export_neutralises_a_real_summary(ws: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    export_csv(ws, out)
    _, rows = read_csv(out)
    summaries = [r[2] for r in rows[1:]]
    assert "'=An accountant handles invoices" in summaries
    assert not any(s.startswith(("=", "+", "-", "@")) for r in rows[1:] for s in r)


def test_markdown_report_has_hypotheses_evidence_both_sides_and_attributed_quotes(ws: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    summary = export_md(ws, out)
    md = out.read_text(encoding="utf-8")
    for h in ws.hypotheses():
        assert f"### {h.id}: " in md
    h2 = md[md.index("### H2: "): md.index("### H3: ")]
    supporting, contradicting = h2.split("#### Contradicting")
    assert "accountant handles the invoices" in supporting and "Jos\u00e9 Garc\u00eda, interview `jose-2026-03-03`" in supporting
    assert "copying numbers by hand" in contradicting and "Zo\u00eb M\u00fcller, interview `ana-2026-03-02`" in contradicting
    # the quote that crosses a line break keeps both lines inside one blockquote
    assert "> \u201cI spend two days copying numbers by hand.\n  > Then I paste them into Excel\u201d" in md
    assert "## Themes" in md and "## Surprises" in md
    assert "contradicts H2, which is marked supported" in md
    assert "Prays" not in md
    assert "| `jose-2026-03-03` | Jos\u00e9 / call 1.2 | Jos\u00e9 Garc\u00eda |" in md
    assert summary.hypotheses == 3 and summary.surprises >= 1 and summary.quotes >= 6


def test_markdown_report_lists_themes_with_their_quotes(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = [i.id for i in ws.insights()]
    fake = [Theme(id="T1", label="Manual invoice work", insight_ids=ids[:2], participants=2, interviews=2,
                  kinds={"pain": 1, "behaviour": 1})]
    monkeypatch.setattr("synth.themes.themes", lambda ws: fake)
    md, summary = render_md(ws)
    section = md[md.index("## Themes"): md.index("## Surprises")]
    assert "### T1: Manual invoice work" in section and "2 insights from 2 participant(s)" in section
    assert section.count("\u2014 ") == sum(len(i.quotes) for i in ws.insights() if i.id in ids[:2])
    assert summary.themes == 1


def test_inline_text_cannot_inject_markup() -> None:
    assert inline("<script>alert(1)</script> *bold* [x](http://e) &amp;") == (
        "&lt;script>alert(1)&lt;/script> \\*bold\\* \\[x\\](http://e) &amp;amp;")


def test_cli_md_and_csv_json(ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-w", str(ws.root), "export", "md", str(tmp_path / "a.md"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["hypotheses"] == 3
    assert main(["-w", str(ws.root), "export", "csv", str(tmp_path / "a.csv"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rows"] == 4 and data["encoding"] == "utf-8-sig"
