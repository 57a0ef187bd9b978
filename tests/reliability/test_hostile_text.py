"""Naughty strings and fuzzed text survive every workspace file unchanged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synth.config import WorkspaceConfig, load_config, save_config
from synth.models import Hypothesis, HypothesisKind, InterviewMeta
from synth.workspace import Workspace

BLNS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "blns.txt"


def naughty_strings() -> list[str]:
    if not BLNS.is_file():
        return []
    lines = BLNS.read_text(encoding="utf-8", errors="surrogateescape").splitlines()
    return [ln for ln in lines if ln.strip() and not ln.startswith("#")]


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return Workspace.create(tmp_path_factory.mktemp("hostile") / "ws")


def test_blns_hypotheses_round_trip(ws: Workspace) -> None:
    strings = naughty_strings()
    if not strings:
        pytest.skip("../shared/data/blns.txt is not here")
    today = date(2026, 1, 1)
    saved = [
        Hypothesis(id=f"H{i}", statement=s, falsified_if=s, created=today, updated=today)
        for i, s in enumerate(strings, 1)
    ]
    ws.save_hypotheses(saved)
    assert Workspace.open(ws.root).hypotheses() == saved
    # The path a user takes (strips surrounding blanks, assigns the next id) too.
    added = ws.add_hypothesis(strings[-1], HypothesisKind.problem, falsified_if=strings[0])
    assert Workspace.open(ws.root).hypotheses()[-1] == added


def test_blns_config_and_metadata_round_trip(tmp_path: Path) -> None:
    strings = naughty_strings()
    if not strings:
        pytest.skip("../shared/data/blns.txt is not here")
    path = tmp_path / "synth.toml"
    for s in strings:
        cfg = WorkspaceConfig(name=s)
        cfg.north_star.metric = s
        cfg.privacy.names = [s]
        save_config(path, cfg)
        assert load_config(path, env={}) == cfg
        meta = InterviewMeta(participant=s, company=s, extra={s: s})
        assert InterviewMeta.model_validate_json(meta.model_dump_json()) == meta


# Any text a user can type, including control characters and astral planes;
# surrogates can't be encoded as UTF-8 and never reach us from a file or a terminal.
texts = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=200).filter(lambda s: s.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(statement=texts, falsified=st.text(st.characters(exclude_categories=("Cs",)), max_size=80))
def test_fuzzed_hypotheses_round_trip(ws: Workspace, statement: str, falsified: str) -> None:
    ws.save_hypotheses([])
    h = ws.add_hypothesis(statement, falsified_if=falsified)
    (loaded,) = Workspace.open(ws.root).hypotheses()
    assert loaded == h
