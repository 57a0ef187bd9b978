"""A workspace with dated interviews, insights and evidence links, saved as real files."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from synth.config import NorthStar, WorkspaceConfig
from synth.evidence import hypotheses_hash
from synth.extract.build import interview_from_turns
from synth.models import (
    EvidenceLink,
    Hypothesis,
    HypothesisKind,
    HypothesisStatus,
    Insight,
    InsightKind,
    InsightSet,
    Quote,
    Stance,
)
from synth.workspace import Workspace

D = date(2026, 2, 2)
NOW = datetime(2026, 3, 6, 12, 0, tzinfo=UTC)


def hyp(hid: str, statement: str, kind: str = "problem", falsified_if: str = "", status: str = "open") -> Hypothesis:
    return Hypothesis(id=hid, statement=statement, kind=HypothesisKind(kind), falsified_if=falsified_if,
                      status=HypothesisStatus(status), created=D, updated=D)


HYPS = [
    hyp("H1", "Small finance teams copy invoice data from PDFs into spreadsheets by hand",
        falsified_if="They say an accountant or a tool already handles invoices"),
    hyp("H2", "Agencies pay for tools that save month-end time", "value", status="supported"),
    hyp("H3", "Accountants recommend tools to their clients", "growth"),
]

# (interview id, participant, date, [(sentence, kind, {hypothesis: stance})])
INTERVIEWS: list[tuple[str, str, date, list[tuple[str, str, dict[str, Stance]]]]] = [
    ("dana", "Dana", date(2026, 2, 24), [
        ("Every Friday I copy numbers from PDFs into our spreadsheet.", "pain", {"H1": Stance.supports}),
        ("We pay 40 dollars a month for Xero.", "willingness_to_pay", {"H2": Stance.supports}),
    ]),
    ("omar", "Omar", date(2026, 3, 3), [
        ("I copy invoice numbers by hand every week.", "behaviour", {"H1": Stance.supports}),
        ("We would never pay for another tool, the budget is gone.", "objection", {"H2": Stance.contradicts}),
    ]),
    ("lena", "Lena", date(2026, 3, 4), [
        ("Our accountant handles all the invoices, it works fine.", "behaviour", {"H1": Stance.contradicts}),
        ("Honestly I type the totals into a sheet on Mondays.", "behaviour", {"H1": Stance.supports}),
    ]),
]


def make_insight(iv: Any, text: str, kind: str) -> Insight:
    start = iv.text.index(text)
    turn = iv.turn_at(start)
    q = Quote(text=text, interview_id=iv.id, turn_index=turn.index, start=start, end=start + len(text))
    return Insight(id=Insight.make_id(iv.id, kind, q.start, q.end), interview_id=iv.id, kind=InsightKind(kind),
                   summary=text, quotes=[q], participant=turn.speaker, confidence=0.8)


def add_interview(ws: Workspace, iid: str, who: str, day: date, items: list[tuple[str, str, dict[str, Stance]]]) -> list[Insight]:
    iv = interview_from_turns(iid, [("Interviewer", "Tell me about the last time?"), (who, " ".join(s for s, _, _ in items))],
                              participant=who)
    imported = datetime(day.year, day.month, day.day, 18, 0, tzinfo=UTC)
    iv = iv.model_copy(update={"meta": iv.meta.model_copy(update={"date": day, "imported_at": imported})})
    ws.save_interview(iv)
    insights = [make_insight(iv, s, k) for s, k, _ in items]
    links = [EvidenceLink(insight_id=i.id, hypothesis_id=h, stance=st, strength=0.7)
             for i, (_, _, stances) in zip(insights, items, strict=True) for h, st in stances.items()]
    ws.save_insight_set(InsightSet(interview_id=iid, engine="offline", insights=insights, links=links,
                                   hypotheses_hash=hypotheses_hash(ws.hypotheses())))
    return insights


@pytest.fixture
def ws(tmp_path: Any) -> Workspace:
    cfg = WorkspaceConfig(name="Ledgerly", north_star=NorthStar(metric="weekly reconciled invoices",
                                                                inputs=["teams onboarded", "invoices imported"]))
    w = Workspace.create(tmp_path / "ws", cfg)
    w.save_hypotheses(HYPS)
    for iid, who, day, items in INTERVIEWS:
        add_interview(w, iid, who, day, items)
    return w


class FakeLLM:
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
