from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from synth.models import Hypothesis, HypothesisKind, HypothesisStatus
from synth.workspace import Workspace

D = date(2026, 3, 2)


def hyp(hid: str, statement: str, kind: str = "problem", falsified_if: str = "", status: str = "open") -> Hypothesis:
    return Hypothesis(id=hid, statement=statement, kind=HypothesisKind(kind), falsified_if=falsified_if,
                      status=HypothesisStatus(status), created=D, updated=D)


HYPOTHESES = [
    hyp("H1", "Small finance teams copy invoice data from PDFs into spreadsheets by hand",
        falsified_if="They say an accountant or a tool already handles invoices"),
    hyp("H2", "Small finance teams (2-10 people) at agencies are the early adopters", "customer"),
    hyp("H3", "Teams would pay $50/month to skip manual reconciliation", "value"),
    hyp("H4", "Automatic PDF invoice reading would save them hours each week", "solution"),
    hyp("H5", "Accountants recommend tools to their clients", "growth", status="supported"),
]


@pytest.fixture
def ws(tmp_path: Any) -> Workspace:
    w = Workspace.create(tmp_path / "ws")
    w.save_hypotheses(HYPOTHESES)
    return w


class FakeLLM:
    """The LLM client seam: answers from a queue, validated by the real response model."""

    def __init__(self, answers: list[dict[str, Any]]) -> None:
        self.answers = list(answers)
        self.calls: list[tuple[str, str, dict[str, Any]]] = []

    def structured(self, step, prompt_name, variables, response_model, *, context=None, max_reasks=None, **kw):
        self.calls.append((step, prompt_name, variables))
        return response_model.model_validate(self.answers.pop(0), context=context)


@pytest.fixture(scope="module")
def vcr_config(vcr_config: dict[str, Any], request: pytest.FixtureRequest) -> dict[str, Any]:
    """The shared cassette settings, except that `pytest --record-mode=once` (re-recording) wins."""
    mode = request.config.getoption("--record-mode", default="none")
    return vcr_config if mode in (None, "none") else {k: v for k, v in vcr_config.items() if k != "record_mode"}
