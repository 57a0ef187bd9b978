"""Golden files: the demo's offline guides, word for word, so any change to what Synth writes is reviewed.

Re-write them after an intended change with `SYNTH_UPDATE_GOLDEN=1 pytest tests/guide/test_golden.py`
and read the diff before committing it.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
import yaml

from synth.guide import generate_guide, render_markdown
from synth.models import Hypothesis
from synth.workspace import Workspace

ROOT = Path(__file__).parents[2]
DEMO = ROOT / "corpus" / "demo" / "hypotheses.yaml"
GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("SYNTH_UPDATE_GOLDEN") == "1"


def demo_hypotheses() -> list[Hypothesis]:
    raw = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    items = raw.get("hypotheses", []) if isinstance(raw, dict) else raw
    return [Hypothesis.model_validate(i) for i in items]


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    ws = Workspace.create(tmp_path_factory.mktemp("golden") / "ws")
    ws.save_hypotheses(demo_hypotheses())
    return ws


CASES = [(f"demo-{h.id.lower()}", [h.id], 30, "") for h in demo_hypotheses()] + [
    ("demo-all-60min", None, 60, ""),
    ("demo-h1-solo", ["H1"], 20, "solo founders"),
]


@pytest.mark.parametrize(("name", "ids", "minutes", "segment"), CASES, ids=[c[0] for c in CASES])
def test_demo_guide_matches_its_golden_file(demo_ws, name, ids, minutes, segment) -> None:
    g = generate_guide(demo_ws, ids, minutes=minutes, segment=segment, today=date(2026, 9, 14))
    assert g.engine == "offline"
    text = render_markdown(g)
    path = GOLDEN / f"{name}.md"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"no golden file {path.name}: run with SYNTH_UPDATE_GOLDEN=1 and review it"
    assert text == path.read_text(encoding="utf-8"), f"{path.name} changed: review, then SYNTH_UPDATE_GOLDEN=1"
