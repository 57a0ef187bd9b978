"""REFI-QDA import: round trip, foreign projects, and every malformed file refused with the workspace untouched."""

from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from synth.cli.main import main
from synth.errors import UserError
from synth.exchange import qdpx_read
from synth.exchange.qdpx_common import q
from synth.exchange.qdpx_export import build_qdpx, export_qdpx
from synth.exchange.qdpx_import import import_qdpx
from synth.exchange.qdpx_verify import verify_qdpx
from synth.models import Review, Stance
from synth.workspace import Workspace

from .conftest import tree_hash


def snapshot(ws: Workspace) -> dict[str, object]:
    """What must survive a round trip, keyed by content rather than by ids."""
    hyps = {h.id: h.statement for h in ws.hypotheses()}
    quotes, links, turns = set(), set(), {}
    for iv in ws.interviews():
        turns[iv.id] = [(t.speaker, t.start, t.end) for t in iv.turns]
    for s in ws.insight_sets():
        spans = {}
        for ins in s.insights:
            if ins.review is Review.rejected:
                continue
            key = tuple((qt.interview_id, qt.start, qt.end, qt.text) for qt in ins.quotes)
            spans[ins.id] = key
            quotes.add((key, ins.kind.value, ins.summary, ins.review.value, tuple(ins.tags), ins.participant))
        for lk in s.links:
            if lk.stance is not Stance.neutral and lk.insight_id in spans:
                links.add((spans[lk.insight_id], hyps[lk.hypothesis_id], lk.stance.value, round(lk.strength, 2)))
    return {
        "texts": {iv.id: iv.text for iv in ws.interviews()},
        "turns": turns,
        "quotes": quotes,
        "links": links,
        "hypotheses": sorted((h.id, h.statement, h.status.value, h.falsified_if) for h in ws.hypotheses()),
    }


def test_round_trip_gives_back_interviews_quotes_and_links(ws: Workspace, tmp_path: Path) -> None:
    qdpx = tmp_path / "p.qdpx"
    export_qdpx(ws, qdpx)
    fresh = Workspace.create(tmp_path / "fresh")
    summary = import_qdpx(fresh, qdpx, index=False)
    assert summary.interviews == ["ana-2026-03-02", "jose-2026-03-03"]
    assert summary.hypotheses_created == ["H1", "H2", "H3"]
    assert summary.links == 4 and summary.dropped_quotes == 0 and summary.tags == ["manual work"]
    assert summary.strategy and fresh.strategy_text() == ws.strategy_text()
    before, after = snapshot(ws), snapshot(fresh)
    for key in before:
        assert after[key] == before[key], key
    for iv in fresh.interviews():
        assert "\r" not in iv.text
        for s in [fresh.insight_set(iv.id)]:
            for ins in s.insights:
                assert all(iv.text[qt.start : qt.end] == qt.text for qt in ins.quotes)
    # and the imported workspace exports the same selections over the same texts
    data, _ = build_qdpx(fresh)
    assert verify_qdpx(data, fresh) == []


def test_importing_the_same_project_twice_adds_nothing(ws: Workspace, tmp_path: Path) -> None:
    qdpx = tmp_path / "p.qdpx"
    export_qdpx(ws, qdpx)
    before = tree_hash(ws.root)
    summary = import_qdpx(ws, qdpx, index=False)
    assert summary.interviews == [] and sorted(summary.already_present) == ["ana-2026-03-02", "jose-2026-03-03"]
    assert summary.hypotheses_created == []
    assert tree_hash(ws.root) == before


FOREIGN_TEXT = (
    "Interviewer: How do you onboard new clients?\r\n\r\n"
    "Lena Fischer: We send a PDF form \u2014 \u00e4rgerlich! \U0001f62c\r\n"
    "Then someone retypes it into the CRM.\r\n"
)


def foreign_project(text: str = FOREIGN_TEXT, start: int | None = None, end: int | None = None,
                    path_ref: str = "internal://{A1B2C3D4-0000-4000-8000-000000000001}.txt",
                    qde_extra: str = "", doctype: str = "") -> bytes:
    """A project as another tool might write it: braced upper-case GUIDs, CRLF text, its own code names."""
    sel = "Then someone retypes it into the CRM."
    s = text.index(sel) if start is None else start
    e = s + len(sel) if end is None else end
    qde = f"""<?xml version="1.0" encoding="utf-8"?>{doctype}
<Project xmlns="urn:QDA-XML:project:1.0" name="Onboarding study" origin="SomeQDA 3.1">
  <Users><User guid="{{00000000-0000-4000-8000-0000000000AA}}" name="Researcher"/></Users>
  <CodeBook><Codes>
    <Code guid="{{00000000-0000-4000-8000-000000000C01}}" name="Pain" isCodable="true"/>
    <Code guid="{{00000000-0000-4000-8000-000000000C02}}" name="Onboarding" isCodable="true"/>
    <Code guid="{{00000000-0000-4000-8000-000000000C03}}" name="H1" isCodable="true"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="{{A1B2C3D4-0000-4000-8000-000000000001}}" name="Lena F." plainTextPath="{path_ref}">
      <PlainTextSelection guid="{{00000000-0000-4000-8000-0000000005E1}}" name="retyping" startPosition="{s}" endPosition="{e}">
        <Coding guid="{{00000000-0000-4000-8000-00000000C0D1}}" creatingUser="{{00000000-0000-4000-8000-0000000000AA}}">
          <CodeRef targetGUID="{{00000000-0000-4000-8000-000000000C01}}"/></Coding>
        <Coding guid="{{00000000-0000-4000-8000-00000000C0D2}}"><CodeRef targetGUID="{{00000000-0000-4000-8000-000000000C02}}"/></Coding>
        <Coding guid="{{00000000-0000-4000-8000-00000000C0D3}}"><CodeRef targetGUID="{{00000000-0000-4000-8000-000000000C03}}"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>{qde_extra}
</Project>"""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", qde)
        zf.writestr("sources/{A1B2C3D4-0000-4000-8000-000000000001}.txt", text.encode("utf-8"))
    return buf.getvalue()


def test_foreign_project_crlf_offsets_kinds_tags_and_hypotheses(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "foreign.qdpx"
    path.write_bytes(foreign_project())
    summary = import_qdpx(ws, path, index=False)
    assert len(summary.interviews) == 1 and summary.hypotheses_created == []
    iv = ws.interview(summary.interviews[0])
    assert "\r" not in iv.text and "We send a PDF form \u2014 \u00e4rgerlich! \U0001f62c" in iv.text
    assert [t.speaker for t in iv.turns] == ["Interviewer", "Lena Fischer"]
    assert iv.meta.participant == "Lena Fischer" and iv.meta.title == "Lena F."
    (ins,) = ws.insight_set(iv.id).insights
    assert ins.quotes[0].text == "Then someone retypes it into the CRM."
    assert iv.text[ins.quotes[0].start : ins.quotes[0].end] == ins.quotes[0].text
    assert ins.quotes[0].turn_index == 1 and ins.participant == "Lena Fischer"
    assert ins.kind.value == "pain" and ins.tags == ["Onboarding"]
    (link,) = ws.insight_set(iv.id).links
    assert link.hypothesis_id == "H1" and link.stance is Stance.neutral  # coded, but no stance recorded
    before = tree_hash(ws.root)
    again = import_qdpx(ws, path, index=False)
    assert again.interviews == [] and again.already_present == [iv.id]
    assert tree_hash(ws.root) == before


# --- malformed files: one clear line, workspace untouched ------------------------


def zip_of(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, body in entries.items():
            zf.writestr(name, body)
    return buf.getvalue()


def _edit_qde(data: bytes, old: str, new: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        entries = {n: zf.read(n) for n in zf.namelist()}
    entries["project.qde"] = entries["project.qde"].decode().replace(old, new, 1).encode()
    return zip_of(entries)


def _lying_size(data: bytes) -> bytes:
    """The same archive with the central directory declaring project.qde 10 bytes shorter than it is."""
    buf = bytearray(data)
    at = buf.find(b"PK\x01\x02")
    (size,) = struct.unpack_from("<I", buf, at + 24)
    struct.pack_into("<I", buf, at + 24, size - 10)
    return bytes(buf)


def _latin1_source() -> bytes:
    data = foreign_project()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        entries = {n: zf.read(n) for n in zf.namelist()}
    name = next(n for n in entries if n.startswith("sources/"))
    entries[name] = "Lena: \u00e4rgerlich, Then someone retypes it into the CRM. and more".encode("latin-1")
    return zip_of(entries)


BILLION_LAUGHS = """<!DOCTYPE Project [
 <!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>"""
XXE = '<!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>'

MALFORMED = {
    "not a zip": (lambda: b"Interviewer: hello\n", "not a REFI-QDA project"),
    "empty file": (lambda: b"", "not a REFI-QDA project"),
    "no project.qde": (lambda: zip_of({"sources/a.txt": b"hi"}), "no project.qde"),
    "not well-formed": (lambda: zip_of({"project.qde": b"<Project"}), "not well-formed"),
    "fails the schema": (lambda: _edit_qde(foreign_project(), 'name="Pain" isCodable="true"', 'name="Pain"'),
                         "REFI-QDA schema"),
    "unknown element": (lambda: foreign_project(qde_extra="<Extra/>"), "REFI-QDA schema"),
    "selection past the end": (lambda: foreign_project(start=10, end=len(FOREIGN_TEXT) + 1), "outside its source"),
    "empty selection": (lambda: foreign_project(start=10, end=10), "outside its source"),
    "entry climbs out": (lambda: zip_of({"project.qde": b"<x/>", "../evil.txt": b"x"}), "outside the project"),
    "absolute entry": (lambda: zip_of({"project.qde": b"<x/>", "/etc/evil": b"x"}), "outside the project"),
    "source path climbs out": (lambda: foreign_project(path_ref="internal://../../etc/passwd"), "outside the project"),
    "absolute source path": (lambda: foreign_project(path_ref="absolute:///etc/passwd"), "outside the project"),
    "missing source file": (lambda: foreign_project(path_ref="internal://nothere.txt"), "missing from the archive"),
    "zip bomb": (lambda: zip_of({"project.qde": b"<x/>", "sources/bomb.txt": b"\0" * (20 * 1024 * 1024)}), "zip bomb"),
    "lying size header": (lambda: _lying_size(zip_of({"project.qde": b"<x>" + b"y" * 50 + b"</x>"}, zipfile.ZIP_STORED)), "damaged"),
    "entity expansion": (lambda: foreign_project(doctype=BILLION_LAUGHS), "DTD"),
    "external entity": (lambda: foreign_project(doctype=XXE), "DTD"),
    "not UTF-8": (_latin1_source, "not UTF-8"),
    "unusable hypothesis": (lambda: _edit_qde(foreign_project(), 'name="H1" isCodable="true"/>',
                                              'name="" isCodable="true"><Description>Synth hypothesis: H9</Description></Code>'),
                            "cannot import"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_file_is_refused_and_workspace_unchanged(ws: Workspace, tmp_path: Path, case: str,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    make, expected = MALFORMED[case]
    path = tmp_path / "bad.qdpx"
    path.write_bytes(make())
    before = tree_hash(ws.root)
    with pytest.raises(UserError) as err:
        import_qdpx(ws, path, index=False)
    assert err.value.path == str(path)
    assert expected in str(err.value)
    assert "\n" not in err.value.line()
    # the CLI says the same in one line and exits 2
    capsys.readouterr()
    assert main(["-w", str(ws.root), "import", "qdpx", str(path)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"synth: {path}: ")
    assert tree_hash(ws.root) == before


def test_declared_size_limit(ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.qdpx"
    path.write_bytes(foreign_project())
    monkeypatch.setattr(qdpx_read, "MAX_ENTRY_BYTES", 100)
    with pytest.raises(UserError, match="would unpack to"):
        import_qdpx(ws, path, index=False)


def test_an_error_in_a_later_source_writes_nothing(ws: Workspace, tmp_path: Path) -> None:
    data, _ = build_qdpx(ws)
    fresh = Workspace.create(tmp_path / "fresh")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        entries = {n: zf.read(n) for n in zf.namelist()}
    root = etree.fromstring(entries["project.qde"])
    last = root.findall(f".//{q('PlainTextSelection')}")[-1]
    last.set("endPosition", "999999")
    entries["project.qde"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    path = tmp_path / "half.qdpx"
    path.write_bytes(zip_of(entries))
    before = tree_hash(fresh.root)
    with pytest.raises(UserError, match="outside its source"):
        import_qdpx(fresh, path, index=False)
    assert tree_hash(fresh.root) == before
    assert fresh.interview_ids() == [] and fresh.hypotheses() == []


def test_cli_import_indexes_the_new_interviews(ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "foreign.qdpx"
    path.write_bytes(foreign_project())
    assert main(["-w", str(ws.root), "import", "qdpx", str(path), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["indexed"] is True and summary["insights"] == 1 and summary["tags"] == ["Onboarding"]
    from synth.index import search

    hits = search(ws, "retypes it into the CRM")
    assert any(h.interview_id == summary["interviews"][0] and "CRM" in h.text for h in hits)


def test_inline_text_sources_are_read_and_rich_text_only_sources_skipped(ws: Workspace, tmp_path: Path) -> None:
    qde = """<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="mixed">
  <CodeBook><Codes><Code guid="00000000-0000-4000-8000-000000000c01" name="need" isCodable="true"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="00000000-0000-4000-8000-000000000001" name="memo">
      <PlainTextContent>Kim: I need an export button.</PlainTextContent>
      <PlainTextSelection guid="00000000-0000-4000-8000-000000000002" startPosition="5" endPosition="29">
        <Coding guid="00000000-0000-4000-8000-000000000003"><CodeRef targetGUID="00000000-0000-4000-8000-000000000c01"/></Coding>
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="00000000-0000-4000-8000-000000000004" name="word file" richTextPath="internal://x.docx"/>
  </Sources>
</Project>"""
    path = tmp_path / "mixed.qdpx"
    path.write_bytes(zip_of({"project.qde": qde.encode()}))
    summary = import_qdpx(ws, path, index=False)
    assert len(summary.interviews) == 1 and any("word file" in n for n in summary.notes)
    (ins,) = ws.insight_set(summary.interviews[0]).insights
    assert ins.kind.value == "need" and ins.quotes[0].text == "I need an export button."
    assert ins.participant == "Kim" and ins.review is Review.accepted


def test_qde_times_with_and_without_a_zone_compare() -> None:
    from synth.exchange.qdpx_import import _when

    times = [_when("2024-09-15T15:36:45"), _when("2024-09-15T16:00:00Z"), _when("2024-09-15T18:00:00+02:00"), _when("")]
    assert all(t.tzinfo is not None for t in times)
    assert max(times[:3]) == times[1]


def test_a_founders_stance_is_exported_as_theirs_and_comes_back(ws: Workspace, tmp_path: Path) -> None:
    """The founder flipped a link: every export shows their stance, and a round trip keeps it as theirs."""
    from synth.exchange.report_csv import csv_rows
    from synth.extract.review import set_link_stance

    s = ws.insight_set("jose-2026-03-03")
    assert s is not None
    tool = s.insights[0].id
    set_link_stance(ws, tool, "H2", Stance.contradicts)  # the engine said supports
    rows = csv_rows(ws)
    assert any("H2 contradicts (founder)" in str(cell) for row in rows for cell in row)
    qdpx = tmp_path / "p.qdpx"
    export_qdpx(ws, qdpx)
    fresh = Workspace.create(tmp_path / "fresh")
    import_qdpx(fresh, qdpx, index=False)
    back = [lk for st in fresh.insight_sets() for lk in st.links if lk.hypothesis_id == "H2" and lk.founder_stance]
    assert len(back) == 1 and back[0].effective_stance is Stance.contradicts
