"""Workspaces with a few interviews built through the domain model."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from synth.models import Insight, InsightKind, InsightSet, Interview, InterviewMeta, Quote, Review, Role, Turn
from synth.workspace import Workspace


def make_interview(
    interview_id: str,
    turns: list[tuple[str, str, str]],
    *,
    participant: str = "",
    company: str = "",
    segment: str = "",
    day: date | None = None,
) -> Interview:
    """`turns` are (speaker, role, text); the text is laid out as `Speaker: text` blocks."""
    parts: list[str] = []
    built: list[Turn] = []
    pos = 0
    for i, (speaker, role, text) in enumerate(turns):
        if parts:
            parts.append("\n\n")
            pos += 2
        label = f"{speaker}: "
        parts.append(label + text)
        start = pos + len(label)
        built.append(
            Turn(index=i, speaker=speaker, role=Role(role), text=text, start=start, end=start + len(text),
                 t_start=float(i * 30), t_end=float(i * 30 + 25))
        )
        pos = start + len(text)
    meta = InterviewMeta(participant=participant, company=company, segment=segment, date=day)
    return Interview(id=interview_id, meta=meta, text="".join(parts), turns=built)


def insight_for(interview: Interview, turn_index: int, phrase: str, summary: str,
                kind: InsightKind = InsightKind.pain, review: Review = Review.new) -> Insight:
    turn = interview.turns[turn_index]
    start = interview.text.index(phrase, turn.start)
    end = start + len(phrase)
    q = Quote(text=phrase, interview_id=interview.id, turn_index=turn_index, start=start, end=end)
    return Insight(
        id=Insight.make_id(interview.id, kind.value, start, end), interview_id=interview.id, kind=kind,
        summary=summary, quotes=[q], participant=interview.meta.participant, confidence=0.8, review=review,
    )


def sample_interviews() -> list[Interview]:
    a = make_interview(
        "2026-03-02-alice",
        [
            ("Sam", "interviewer", "How do you handle invoices at the end of the month today?"),
            ("Alice", "participant",
             "Honestly it is a nightmare. I spend two full days every month chasing receipts from the team. "
             "We tried Ledgerly last year but it could not read our supplier PDFs."),
            ("Sam", "interviewer", "What would you pay to make that go away?"),
            ("Alice", "participant", "Probably 49 euros a month per seat, maybe more if it synced with our bank."),
        ],
        participant="Alice", company="Bakery Co", segment="smb", day=date(2026, 3, 2),
    )
    b = make_interview(
        "2026-04-10-bob",
        [
            ("Sam", "interviewer", "Tell me about the last time you closed the books."),
            ("Bob", "participant",
             "Our accountant does it. I just forward emails. The worst part is matching card payments to "
             "the right project, it takes ages and I always lose some."),
            ("Sam", "interviewer", "Which tools did you try?"),
            ("Bob", "participant", "Spreadsheets mostly. We looked at a couple of apps but the pricing was confusing."),
        ],
        participant="Bob", company="Studio B", segment="agency", day=date(2026, 4, 10),
    )
    return [a, b]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    w = Workspace.create(tmp_path / "ws")
    for interview in sample_interviews():
        w.save_interview(interview)
    return w


@pytest.fixture
def insight_sets(ws: Workspace) -> list[InsightSet]:
    a, b = ws.interviews()
    sets = [
        InsightSet(interview_id=a.id, engine="offline", insights=[
            insight_for(a, 1, "I spend two full days every month chasing receipts", "Month-end receipt chasing eats two days"),
            insight_for(a, 3, "Probably 49 euros a month per seat", "Would pay 49 EUR per seat monthly",
                        kind=InsightKind.willingness_to_pay),
        ]),
        InsightSet(interview_id=b.id, engine="offline", insights=[
            insight_for(b, 3, "the pricing was confusing", "Confusing pricing put them off apps",
                        kind=InsightKind.objection, review=Review.rejected),
        ]),
    ]
    for s in sets:
        ws.save_insight_set(s)
    return sets
