"""An independent reader: qualitative-coding 1.7.8 (`qc`) imports our .qdpx.

qc pins rich<14 and Textual needs rich>=14.2, so it lives in its own venv
(`make install-test` builds `.venv-peer`; SYNTH_PEER_QC points elsewhere).
Its reader validates project.qde against the schema with xmlschema (a second,
independent validator), copies each source to `corpus/<name>.txt`, writes the
code tree to `codebook.yaml` and the codings to SQLite. It keeps lines, not
offsets, so offsets are checked by `verify_qdpx` instead.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree

from synth.exchange.qdpx_common import q
from synth.exchange.qdpx_export import export_qdpx
from synth.workspace import Workspace

REPO = Path(__file__).parents[2]
QC = Path(os.environ.get("SYNTH_PEER_QC") or REPO / ".venv-peer" / "bin" / "qc")

pytestmark = pytest.mark.skipif(not QC.is_file(), reason=f"qualitative-coding not installed at {QC} (make install-test)")


def _flatten(tree: object) -> set[str]:
    out: set[str] = set()
    if isinstance(tree, list):
        for item in tree:
            out |= _flatten(item)
    elif isinstance(tree, dict):
        for key, value in tree.items():
            out.add(str(key))
            out |= _flatten(value)
    elif tree is not None:
        out.add(str(tree))
    return out


def test_qc_imports_the_same_codes_texts_and_codings(ws: Workspace, tmp_path: Path) -> None:
    config = ws.config  # the coder comes from the workspace's settings
    ws.save_config(config.model_copy(update={"project": config.project.model_copy(update={"coder": "Sam Founder"})}))
    ws = Workspace(ws.root)
    qdpx = tmp_path / "project.qdpx"
    export_qdpx(ws, qdpx)
    with zipfile.ZipFile(qdpx) as zf:
        root = etree.fromstring(zf.read("project.qde"))
        texts = {
            src.get("name"): zf.read("sources/" + src.get("plainTextPath").removeprefix("internal://"))
            for src in root.iter(q("TextSource"))
        }
    code_names = {c.get("guid"): c.get("name") for c in root.iter(q("Code"))}
    expected_pairs = {
        (f"{src.get('name')}.txt", code_names[ref.get("targetGUID")])
        for src in root.iter(q("TextSource")) for ref in src.iter(q("CodeRef"))
    }

    project = tmp_path / "qc"
    project.mkdir()
    env = {**os.environ, "PYTHONBREAKPOINT": "0"}  # qc 1.7.8 ships a stray breakpoint() in its reader
    run = subprocess.run([str(QC), "init", "--import", str(qdpx)], cwd=project, env=env, capture_output=True,
                         text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "did not validate" not in run.stdout + run.stderr

    assert _flatten(yaml.safe_load((project / "codebook.yaml").read_text(encoding="utf-8"))) == set(code_names.values())
    corpus = {p.name: p.read_bytes() for p in (project / "corpus").iterdir()}
    assert corpus == {f"{name}.txt": body for name, body in texts.items()}
    assert {body.decode("utf-8") for body in corpus.values()} == {iv.text for iv in ws.interviews()}

    with sqlite3.connect(project / "qualitative_coding.sqlite3") as db:
        pairs = set(db.execute(
            "SELECT di.document_id, cl.code_id FROM coded_line cl "
            "JOIN coded_line_location_association a ON a.coded_line_id = cl.id "
            "JOIN location l ON l.id = a.location_id JOIN document_index di ON di.id = l.document_index_id"
        ))
        coders = {row[0] for row in db.execute("SELECT DISTINCT coder_id FROM coded_line")}
    assert pairs == expected_pairs
    assert len(expected_pairs) >= 6
    assert coders == {"Sam Founder"}


def _qc_package_file(name: str) -> Path:
    found = sorted(QC.resolve().parent.parent.glob(f"lib/python3*/site-packages/qualitative_coding/{name}"))
    if not found:
        pytest.skip(f"{name} not found in the qualitative-coding install")
    return found[0]


def test_synth_imports_projects_other_tools_wrote(tmp_path: Path) -> None:
    """qc's own demo project (written by qc 1.3.2: bare source paths, one selection per coded line) and
    an NVivo for Mac 15 project (sources as .docx with a one-character text twin)."""
    from synth.exchange.qdpx_import import import_qdpx
    from synth.exchange.qdpx_read import read_qdpx

    demo = _qc_package_file("demo.qdpx")
    project = read_qdpx(demo)
    ws = Workspace.create(tmp_path / "ws")
    summary = import_qdpx(ws, demo, index=False)
    assert len(summary.interviews) == 2 and summary.dropped_quotes == 0
    spans = {(s.name, sel.start, sel.end) for s in project.sources for sel in s.selections}
    assert summary.insights == len(spans) > 100
    used = {project.codes[g].name for s in project.sources for sel in s.selections for g in sel.code_guids}
    assert set(summary.tags) == used
    by_title = {iv.meta.title: iv for iv in ws.interviews()}
    for src in project.sources:
        # the ingest parser re-lays the text out (spaces, joined lines): quotes keep their words
        iv = by_title[src.name]
        selected = {" ".join(src.text[sel.start : sel.end].split()) for sel in src.selections}
        found = ws.insight_set(iv.id)
        assert (found is None) == (not src.selections)
        for ins in found.insights if found else []:
            (quote,) = ins.quotes
            assert iv.text[quote.start : quote.end] == quote.text
            assert " ".join(quote.text.split()) in selected

    nvivo = _qc_package_file("refi_qda/nvivo_project.qdpx")
    ws2 = Workspace.create(tmp_path / "ws2")
    summary = import_qdpx(ws2, nvivo, index=False)
    assert summary.interviews == [] and any("no text" in n for n in summary.notes)
