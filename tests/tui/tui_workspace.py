"""A small deterministic workspace for TUI tests: fixed dates, fixed insights, no extraction needed."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from synth.config import NorthStar, WorkspaceConfig
from synth.evidence import hypotheses_hash
from synth.models import (
    EvidenceLink,
    Hypothesis,
    HypothesisKind,
    Insight,
    InsightKind,
    InsightSet,
    Interview,
    InterviewMeta,
    Quote,
    Role,
    Stance,
    Turn,
)
from synth.workspace import Workspace

DAY = date(2026, 11, 2)
WHEN = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)

TRANSCRIPTS: dict[str, tuple[str, str, list[tuple[str, Role, str]]]] = {
    "maria-2026-11-02": (
        "Maria Lopez",
        "Ledgerly",
        [
            ("Interviewer", Role.interviewer, "How does month-end close go for you today?"),
            ("Maria Lopez", Role.participant, "Month-end close takes us five days. I export everything to a spreadsheet and reconcile by hand."),
            ("Interviewer", Role.interviewer, "What have you tried to fix it?"),
            ("Maria Lopez", Role.participant, "We tried an automation tool last year but nobody trusted the numbers, so we went back to the spreadsheet."),
        ],
    ),
    "tom-2026-11-03": (
        "Tom Reed",
        "Brightbooks",
        [
            ("Interviewer", Role.interviewer, "Tell me about the last time you closed the books."),
            ("Tom Reed", Role.participant, "Honestly it was fine, it took an afternoon. Our accountant handles most of it."),
            ("Interviewer", Role.interviewer, "Would you pay for something faster?"),
            ("Tom Reed", Role.participant, "I would not pay for it, the close is not a problem for us."),
        ],
    ),
}


def build_interview(interview_id: str, participant: str, company: str, turns: list[tuple[str, Role, str]]) -> Interview:
    text, built = "", []
    for n, (speaker, role, said) in enumerate(turns):
        if text:
            text += "\n\n"
        text += f"{speaker}: "
        start = len(text)
        text += said
        built.append(Turn(index=n, speaker=speaker, role=role, text=said, start=start, end=len(text)))
    meta = InterviewMeta(title=f"Call with {participant}", participant=participant, company=company, imported_at=WHEN)
    return Interview(id=interview_id, meta=meta, text=text, turns=built)


def quote_of(iv: Interview, words: str) -> Quote:
    start = iv.text.index(words)
    turn = iv.turn_at(start)
    assert turn is not None
    return Quote(text=words, interview_id=iv.id, turn_index=turn.index, start=start, end=start + len(words))


def insight(iv: Interview, kind: InsightKind, summary: str, words: str) -> Insight:
    q = quote_of(iv, words)
    return Insight(
        id=Insight.make_id(iv.id, kind.value, q.start, q.end),
        interview_id=iv.id,
        kind=kind,
        summary=summary,
        quotes=[q],
        participant=iv.meta.participant,
        confidence=0.8,
    )


def hypotheses() -> list[Hypothesis]:
    return [
        Hypothesis(id="H1", statement="Month-end close is a painful, manual job for small finance teams",
                   kind=HypothesisKind.problem, falsified_if="They say the close is quick or not a problem",
                   created=DAY, updated=DAY),
        Hypothesis(id="H2", statement="Finance leads will pay for a faster close", kind=HypothesisKind.value,
                   created=DAY, updated=DAY),
        Hypothesis(id="H3", statement="Teams already use automation tools they trust", kind=HypothesisKind.solution,
                   created=DAY, updated=DAY),
    ]


def make_workspace(root: Path, *, with_insights: bool = True) -> Workspace:
    config = WorkspaceConfig(name="Acme Close", north_star=NorthStar(metric="weekly reconciled invoices"))
    ws = Workspace.create(root, config)
    hyps = hypotheses()
    ws.save_hypotheses(hyps)
    ws.strategy_path.write_text(
        "# Strategy\n\n## Customer\n\nSmall finance teams.\n\n## Problem\n\nMonth-end close is slow.\n", encoding="utf-8"
    )
    for iid, (who, company, turns) in TRANSCRIPTS.items():
        iv = build_interview(iid, who, company, turns)
        ws.save_interview(iv)
        if with_insights:
            ws.save_insight_set(insight_set(iv, hyps))
    return ws


def insight_set(iv: Interview, hyps: list[Hypothesis]) -> InsightSet:
    if iv.id.startswith("maria"):
        items = [
            insight(iv, InsightKind.pain, "Close takes five days", "Month-end close takes us five days."),
            insight(iv, InsightKind.workaround, "Reconciles in a spreadsheet by hand",
                    "I export everything to a spreadsheet and reconcile by hand."),
            insight(iv, InsightKind.objection, "Did not trust an automation tool",
                    "We tried an automation tool last year but nobody trusted the numbers"),
        ]
        links = [
            EvidenceLink(insight_id=items[0].id, hypothesis_id="H1", stance=Stance.supports, strength=0.9),
            EvidenceLink(insight_id=items[1].id, hypothesis_id="H1", stance=Stance.supports, strength=0.7),
            EvidenceLink(insight_id=items[2].id, hypothesis_id="H3", stance=Stance.contradicts, strength=0.8),
        ]
    else:
        items = [
            insight(iv, InsightKind.behaviour, "Close takes an afternoon", "it took an afternoon"),
            insight(iv, InsightKind.willingness_to_pay, "Would not pay for a faster close", "I would not pay for it"),
        ]
        links = [
            EvidenceLink(insight_id=items[0].id, hypothesis_id="H1", stance=Stance.contradicts, strength=0.8),
            EvidenceLink(insight_id=items[1].id, hypothesis_id="H2", stance=Stance.contradicts, strength=0.9),
        ]
    return InsightSet(interview_id=iv.id, engine="offline", extracted_at=WHEN, insights=items, links=links,
                      hypotheses_hash=hypotheses_hash(hyps))
