"""`synth ingest` and `synth interviews`: output, --json, exit codes, one line per bad file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from synth.cli.main import main

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    monkeypatch.setattr("synth.index.index_interviews", lambda ws, ivs: None)
    root = tmp_path / "ws"
    assert main(["init", str(root)]) == 0
    capsys.readouterr()
    return root


def run(ws: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["-w", str(ws), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_json_then_duplicate(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(ws, ["ingest", str(FIXTURES / "teams.vtt"), "--company", "Haddad Ltd",
                              "--segment", "ops leads", "--date", "2025-02-01", "--json"], capsys)
    assert code == 0, err
    [row] = json.loads(out)
    assert row["status"] == "imported" and row["interview_id"].startswith("2025-02-01-noor-haddad-")
    assert "1 imported" in err
    code, out, err = run(ws, ["ingest", str(FIXTURES / "teams.vtt")], capsys)
    assert code == 0 and out.startswith("duplicate") and row["interview_id"] in out


def test_bad_files_one_line_each_and_exit_2(ws: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "missing.vtt"
    code, out, err = run(ws, ["ingest", str(FIXTURES / "bad" / "truncated.vtt"), str(missing),
                              str(FIXTURES / "meet.txt"), "--json"], capsys)
    assert code == 2
    rows = json.loads(out)
    assert [r["status"] for r in rows] == ["error", "error", "imported"]
    lines = err.strip().splitlines()
    assert f"synth: {FIXTURES / 'bad' / 'truncated.vtt'}: line 6: malformed cue timing '00:00:03.000 --> 00:0'" in lines
    assert f"synth: {missing}: no such file or folder" in lines
    assert lines[-1] == "synth: 2 of 3 file(s) could not be imported"
    # the good file of the same run was stored
    code, out, _ = run(ws, ["interviews", "--json"], capsys)
    assert code == 0 and [r["participant"] for r in json.loads(out)] == ["Chris Evans"]


def test_bad_date_is_a_usage_error(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(ws, ["ingest", str(FIXTURES / "meet.txt"), "--date", "14/03/2025"], capsys)
    assert code == 2 and "14/03/2025" in err


def test_empty_folder_is_an_error(ws: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = run(ws, ["ingest", str(tmp_path / "empty")], capsys)
    assert code == 2 and "no transcript files found" in err


def test_interviews_lists_counts_and_insight_flag(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(ws, ["interviews"], capsys)
    assert code == 0 and "No interviews yet" in out
    run(ws, ["ingest", str(FIXTURES / "frontmatter.md"), str(FIXTURES / "otter.txt")], capsys)
    code, out, _ = run(ws, ["interviews", "--json"], capsys)
    rows = {r["participant"]: r for r in json.loads(out)}
    md = rows["Maria Lopez"]
    assert (md["date"], md["company"], md["segment"], md["turns"], md["insights"]) == (
        "2025-03-14", "Lopez Design Studio", "agency owners", 4, False)
    assert md["words"] > 30
    (ws / "insights" / f"{md['id']}.json").write_text("{}")
    code, out, _ = run(ws, ["interviews"], capsys)
    line = next(ln for ln in out.splitlines() if ln.startswith(md["id"]))
    assert "2025-03-14" in line and "insights" in line and "Lopez Design Studio" in line
    assert md["unlabelled_turns"] == 0 and "unlabelled" not in line
    run(ws, ["ingest", str(FIXTURES / "whisper_timed.md")], capsys)
    code, out, _ = run(ws, ["interviews"], capsys)
    assert "speakers unlabelled" in next(ln for ln in out.splitlines() if "whisper" in ln)


def test_pseudonymise_flag_says_so(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(ws, ["ingest", str(FIXTURES / "paren_ts.txt"), "--pseudonymise"], capsys)
    assert code == 0 and "pseudonymised" in out and "Priya" not in out
