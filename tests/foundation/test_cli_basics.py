"""Exit codes, --json and one-line errors for the workspace commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from synth.cli.main import COMMANDS, main


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_init_and_hypotheses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = tmp_path / "ws"
    assert run(["init", str(ws), "--json"], capsys)[0] == 0
    code, out, _ = run(["-w", str(ws), "hypothesis", "add", "Owners buy, bookkeepers use", "--kind", "customer",
                        "--falsified-if", "bookkeepers pay themselves", "--json"], capsys)
    assert code == 0 and json.loads(out)["id"] == "H1"
    code, out, _ = run(["-w", str(ws), "hypothesis", "list", "--json"], capsys)
    assert [h["kind"] for h in json.loads(out)] == ["customer"]
    code, out, _ = run(["-w", str(ws), "hypothesis", "set-status", "H1", "refuted"], capsys)
    assert code == 0 and "refuted" in out


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["hypothesis", "set-status", "H7", "supported"], 2, "no hypothesis 'H7'"),
        (["hypothesis", "set-status", "H1", "maybe"], 2, "maybe"),
        (["hypothesis", "add", "   "], 2, "needs a statement"),
        (["nonsense"], 2, "No such command"),
    ],
)
def test_user_mistakes_are_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], code: int, needle: str
) -> None:
    ws = tmp_path / "ws"
    run(["init", str(ws)], capsys)
    run(["-w", str(ws), "hypothesis", "add", "x"], capsys)
    got, _out, err = run(["-w", str(ws), *args], capsys)
    assert got == code
    assert needle in err
    assert "Traceback" not in err


def test_not_a_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["-w", str(tmp_path), "hypothesis", "list"], capsys)
    assert code == 2
    assert err.strip() == f"synth: {tmp_path}: not a Synth workspace (no synth.toml); run `synth init` here first"


def test_every_command_has_help() -> None:
    from click.testing import CliRunner

    from synth.cli.main import cli

    runner = CliRunner()
    for name in COMMANDS:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert len(result.output.splitlines()) > 2, name


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "synth", "-w", str(tmp_path), "interviews"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_emptying_a_statement_is_a_user_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = tmp_path / "ws"
    run(["init", str(ws)], capsys)
    run(["-w", str(ws), "hypothesis", "add", "x"], capsys)
    code, _, err = run(["-w", str(ws), "hypothesis", "edit", "H1", "--statement", "  "], capsys)
    assert code == 2
    assert err.startswith("synth: invalid statement for H1") and err.count("\n") == 1
