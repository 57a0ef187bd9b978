"""The pieces of the lean launch: the PyYAML-free hypotheses reader and `synth` with no command."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml

from synth import quicktoml, quickyaml
from synth.cli.launch import scan_entry_points, ui_workspace
from synth.cli.main import main

ODD = [*"abc XYZ 09 .,;:!?'\"#-_/()[]{}&*%@$<>=|~`\\é€—…", ": ", " #", "\n", "  ", "\t", "- "]
WORDS = ["yes", "No", "null", "12", "1.5", "2026-09-01", "~", "-x", "'q'", '"d"', "a: b", "on", "x:", "", " lead"]


def odd_text(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return rng.choice(WORDS)
    return "".join(rng.choice(ODD) for _ in range(rng.randint(0, 120)))


def expected(text: str) -> object:
    raw = yaml.safe_load(text)
    return (raw.get("hypotheses") or []) if isinstance(raw, dict) else raw


def test_quickyaml_reads_what_synth_writes_exactly_as_pyyaml_does() -> None:
    rng = random.Random(7)
    read = 0
    for _ in range(600):
        hyps = [
            {"id": f"H{n + 1}", "statement": odd_text(rng), "kind": "problem", "falsified_if": odd_text(rng),
             "status": "open", "created": rng.choice([date(2026, 9, 1), "2026-09-01", odd_text(rng)]),
             "updated": "2026-09-01"}
            for n in range(rng.randint(0, 4))
        ]
        data: object = {"hypotheses": hyps} if rng.random() < 0.9 else hyps
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=rng.choice([20, 40, 88]))
        got = quickyaml.load(text)
        if got is not None:
            read += 1
            assert got == expected(text), text
    assert read > 100, "plain sentences must not fall back to PyYAML"


def agrees_or_declines(source: str, edits: list[str], seed: int, quick: Callable[[str], object],
                       reference: Callable[[str], object], refused: type[Exception]) -> None:
    """Hand edits of `source` (1-3 random insertions, each cutting 0-3 characters): the quick reader returns
    what the reference loader does, or None; and None whenever the reference refuses the text."""
    assert quick(source) == reference(source)
    rng = random.Random(seed)
    for _ in range(1500):
        text = source
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(edits) + text[at + rng.randint(0, 3) :]
        got = quick(text)
        try:
            want = reference(text)
        except refused:
            assert got is None, text
            continue
        assert got is None or got == want, text


def test_quickyaml_on_hand_edits_agrees_or_declines() -> None:
    demo = Path(__file__).resolve().parents[2] / "corpus" / "demo" / "hypotheses.yaml"
    if not demo.is_file():
        pytest.skip("no demo corpus")
    edits = [" ", "\n", ":", "'", "#", "-", '"', "[", "|", "  ", "- ", ": ", "\n\n", "''"]
    agrees_or_declines(demo.read_text(encoding="utf-8"), edits, 3, quickyaml.load, expected, yaml.YAMLError)


def test_quicktoml_reads_what_synth_writes_exactly_as_tomllib_does() -> None:
    import tomllib

    import tomli_w

    from synth.config import NorthStar, WorkspaceConfig

    rng = random.Random(11)
    plain = [*"abcdefgh XYZ 0123 .,:;!?()-_/&%$@é€—…'"]
    read = 0
    for _ in range(300):
        def text() -> str:
            return "".join(rng.choice(plain if rng.random() < 0.8 else ODD) for _ in range(rng.randint(0, 60)))

        config = WorkspaceConfig(name=text(), north_star=NorthStar(metric=text(), inputs=[text() for _ in range(rng.randint(0, 3))]))
        written = tomli_w.dumps(config.model_dump(exclude_none=True))
        got = quicktoml.load(written)
        if got is not None:
            read += 1
            assert got == tomllib.loads(written), written
    assert read > 50, "plain names must not fall back to tomllib"


def test_quicktoml_on_hand_edits_agrees_or_declines() -> None:
    import tomllib

    demo = Path(__file__).resolve().parents[2] / "corpus" / "demo" / "synth.toml"
    if not demo.is_file():
        pytest.skip("no demo corpus")
    edits = [*" \n=\"'#[],.", "\n[llm]\n", " = ", "x = 1\n", "[north_star]", '"""']
    agrees_or_declines(demo.read_text(encoding="utf-8"), edits, 5, quicktoml.load, tomllib.loads, tomllib.TOMLDecodeError)


@pytest.mark.parametrize(
    ("args", "opens", "workspace"),
    [
        ([], True, None),
        (["-w", "ws"], True, Path("ws")),
        (["--workspace", "ws"], True, Path("ws")),
        (["--workspace=ws"], True, Path("ws")),
        (["-wws"], True, Path("ws")),
        (["-w"], False, None),
        (["--help"], False, None),
        (["--version"], False, None),
        (["tui"], False, None),
        (["-w", "ws", "hypothesis", "list"], False, None),
    ],
)
def test_only_a_bare_synth_takes_the_lean_path(args: list[str], opens: bool, workspace: Path | None) -> None:
    assert ui_workspace(args) == (opens, workspace)


def test_the_ui_entry_point_is_found_without_importlib_metadata() -> None:
    from importlib.metadata import entry_points

    assert scan_entry_points()[:1] == [ep.value for ep in entry_points(group="synth.ui")][:1]


def test_synth_outside_a_workspace_says_so_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-w", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"synth: {tmp_path}: not a Synth workspace (no synth.toml); run `synth init` here first"
