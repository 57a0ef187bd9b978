"""The held-out check: hypotheses the rules were never tuned on (tests/guide/heldout.py) meet the same contract."""

from __future__ import annotations

from datetime import date

import pytest

from synth.guide import generate_guide
from synth.workspace import Workspace

from .guide_checks import problems
from .heldout import HELD_OUT
from .heldout2 import HELD_OUT_2
from .heldout3 import HELD_OUT_3


@pytest.fixture
def held_ws(tmp_path) -> Workspace:
    w = Workspace.create(tmp_path / "held")
    w.save_hypotheses(HELD_OUT)
    return w


@pytest.mark.parametrize("h", HELD_OUT, ids=[h.id for h in HELD_OUT])
def test_held_out_hypothesis_gets_a_clean_specific_guide(held_ws, h) -> None:
    g = generate_guide(held_ws, [h.id], minutes=30, today=date(2026, 3, 9))
    [section] = g.sections
    assert problems(section, h) == []


@pytest.mark.parametrize("h", HELD_OUT_2, ids=[h.id for h in HELD_OUT_2])
def test_second_held_out_set_gets_clean_specific_guides(tmp_path, h) -> None:
    ws = Workspace.create(tmp_path / "held2")
    ws.save_hypotheses(HELD_OUT_2)
    [section] = generate_guide(ws, [h.id], minutes=30, today=date(2026, 3, 9)).sections
    assert problems(section, h) == []


@pytest.mark.parametrize("h", HELD_OUT_3, ids=[h.id for h in HELD_OUT_3])
def test_third_held_out_set_gets_clean_specific_guides(tmp_path, h) -> None:
    ws = Workspace.create(tmp_path / "held3")
    ws.save_hypotheses(HELD_OUT_3)
    [section] = generate_guide(ws, [h.id], minutes=30, today=date(2026, 3, 9)).sections
    assert problems(section, h) == []
