"""A small real workspace, written through the domain model, that exercises what exports get wrong.

- non-ASCII (emoji outside the BMP, curly quotes, accented names) before the quotes,
  so byte or UTF-16 offsets would be off;
- an interview whose original file had CRLF line endings (its normalised text is LF);
- a quote that crosses a line break inside one turn;
- an insight linked to two hypotheses (one supports, one contradicts), a neutral link,
  a rejected insight, a tag, an insight with two quotes.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

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
    Interview,
    Quote,
    Review,
    Stance,
)
from synth.workspace import Workspace

D = date(2026, 3, 2)

ANA_TURNS = [
    ("Interviewer", "Tell me about invoices \U0001f600 \u2014 how do they \u201carrive\u201d?"),
    ("Zo\u00eb M\u00fcller", "\u00c7a d\u00e9pend \U0001f643. Every month I spend two days copying numbers by hand.\n"
     "Then I paste them into Excel and pray."),
    ("Interviewer", "Would you pay for something that did it?"),
    ("Zo\u00eb M\u00fcller", "Honestly, I would pay 50 euros a month if it just worked. \u201cJust worked\u201d is key."),
]

CRLF_SOURCE = (
    "Interviewer: What do you use today?\r\n\r\n"
    "Jos\u00e9 Garc\u00eda: Our accountant handles the invoices, so I never touch them.\r\n"
    "It is not a problem for us.\r\n"
).encode()


def hyp(hid: str, statement: str, status: HypothesisStatus = HypothesisStatus.open) -> Hypothesis:
    return Hypothesis(id=hid, statement=statement, kind=HypothesisKind.problem, status=status, created=D, updated=D,
                      falsified_if="They say a tool already does it")


def interview_from_crlf(interview_id: str, data: bytes) -> Interview:
    """The normalised layout Synth stores (LF, `Speaker: text` turns, blank line between)."""
    text = data.decode("utf-8").replace("\r\n", "\n").strip("\n")
    turns = []
    for block in text.split("\n\n"):
        speaker, _, said = block.partition(": ")
        turns.append((speaker, said))
    iv = interview_from_turns(interview_id, turns, participant="Jos\u00e9 Garc\u00eda")
    meta = iv.meta.model_copy(update={"source_file": "jose.txt", "source_format": "text", "title": "Jos\u00e9 / call 1.2",
                                      "imported_at": datetime(2026, 3, 3, 9, 30, tzinfo=UTC),
                                      "content_hash": hashlib.sha256(data).hexdigest()})
    return iv.model_copy(update={"meta": meta})


def quote(iv: Interview, text: str) -> Quote:
    start = iv.text.index(text)
    turn = iv.turn_at(start)
    assert turn is not None
    return Quote(text=text, interview_id=iv.id, turn_index=turn.index, start=start, end=start + len(text))


def insight(iv: Interview, kind: InsightKind, summary: str, *texts: str, **kw: object) -> Insight:
    qs = [quote(iv, t) for t in texts]
    return Insight(id=Insight.make_id(iv.id, kind.value, qs[0].start, qs[0].end), interview_id=iv.id, kind=kind,
                   summary=summary, quotes=qs, participant=iv.turn_at(qs[0].start).speaker,  # type: ignore[union-attr]
                   confidence=0.8, **kw)


def build_workspace(root: Path) -> Workspace:
    ws = Workspace.create(root)
    hyps = [
        hyp("H1", "Small finance teams copy invoice data by hand"),
        hyp("H2", "Finance leads already have a tool that handles invoices", HypothesisStatus.supported),
        hyp("H3", "Founders will pay for \u201cset and forget\u201d reconciliation"),
    ]
    ws.save_hypotheses(hyps)
    hh = hypotheses_hash(hyps)

    ana = interview_from_turns("ana-2026-03-02", ANA_TURNS, participant="Zo\u00eb M\u00fcller")
    ana = ana.model_copy(update={"meta": ana.meta.model_copy(update={
        "title": "Zo\u00eb M\u00fcller (Acme GmbH)", "company": "Acme GmbH", "interviewer": "Sam Founder",
        "imported_at": datetime(2026, 3, 2, 14, 0, tzinfo=UTC), "date": D})})
    ws.save_interview(ana)
    pain = insight(ana, InsightKind.pain, "Copies invoice numbers by hand for two days a month",
                   "I spend two days copying numbers by hand.\nThen I paste them into Excel", tags=["manual work"])
    wtp = insight(ana, InsightKind.willingness_to_pay, "Would pay 50 euros a month",
                  "I would pay 50 euros a month if it just worked", "\u201cJust worked\u201d is key",
                  review=Review.accepted)
    rejected = insight(ana, InsightKind.quote_worthy, "Prays", "pray", review=Review.rejected)
    ws.save_insight_set(InsightSet(
        interview_id=ana.id, engine="offline", hypotheses_hash=hh,
        extracted_at=datetime(2026, 3, 2, 15, 0, tzinfo=UTC),
        insights=[pain, wtp, rejected],
        links=[
            EvidenceLink(insight_id=pain.id, hypothesis_id="H1", stance=Stance.supports, strength=0.9,
                         rationale="copies by hand"),
            EvidenceLink(insight_id=pain.id, hypothesis_id="H2", stance=Stance.contradicts, strength=0.7,
                         rationale="no tool"),
            EvidenceLink(insight_id=pain.id, hypothesis_id="H3", stance=Stance.neutral, strength=0.2),
            EvidenceLink(insight_id=wtp.id, hypothesis_id="H3", stance=Stance.supports, strength=0.8),
        ],
    ))

    jose = interview_from_crlf("jose-2026-03-03", CRLF_SOURCE)
    ws.save_interview(jose, original=CRLF_SOURCE)
    tool = insight(jose, InsightKind.behaviour, "=An accountant handles invoices",
                   "Our accountant handles the invoices, so I never touch them.\nIt is not a problem")
    ws.save_insight_set(InsightSet(
        interview_id=jose.id, engine="offline", hypotheses_hash=hh,
        extracted_at=datetime(2026, 3, 3, 10, 0, tzinfo=UTC), insights=[tool],
        links=[EvidenceLink(insight_id=tool.id, hypothesis_id="H2", stance=Stance.supports, strength=0.6)],
    ))
    ws.strategy_path.write_text("# Strategy\n\n## Customer\n\nFinance leads at 10\u201350 person firms \u2014 Zo\u00eb.\n",
                                encoding="utf-8")
    return ws


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return build_workspace(tmp_path / "ws")


def tree_hash(root: Path) -> dict[str, str]:
    """Every file under a workspace (but the lock file) with its sha256, to prove nothing changed."""
    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.name != "write.lock":
            out[str(p.relative_to(root))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out
