"""The LLM drafter: the model writes the dated sections' claims, each citing insight ids.

The snapshot sections (North Star, Customer and problem, Hypotheses) stay
deterministic, from the evidence counts. The model's claims go through the
same citation validation as the offline drafter's: a claim whose ids are
unknown or rejected is dropped and reported, never written.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from synth.models import Stance
from synth.strategy.check import check_claim
from synth.strategy.citations import validate_claims
from synth.strategy.facts import Facts
from synth.strategy.offline import Drafter, Entry, short

STEP = "draft"
PROMPT = "draft"
MAX_INSIGHTS = 60

Section = Literal["What we learned", "What changes", "Open questions", "Next experiments"]


class DraftClaim(BaseModel):
    section: Section
    text: str = Field(description="One sentence. For Next experiments: what we'll do and what result would change our mind.")
    insight_ids: list[str] = Field(default_factory=list, description="Ids of the insights (I...) this claim rests on.")


class DraftClaims(BaseModel):
    claims: list[DraftClaim] = Field(default_factory=list)


def llm_entries(client: Any, facts: Facts) -> tuple[dict[str, list[Entry]], list[str]]:
    drafter = Drafter(facts)
    entries: dict[str, list[Entry]] = {
        "Customer and problem": drafter.customer_and_problem(),
        "Hypotheses": drafter.hypotheses(),
    }
    variables = {
        "north_star": facts.north_star.metric,
        "inputs": list(facts.north_star.inputs),
        "since": facts.since.isoformat() if facts.since else "",
        "hypotheses": [_hypothesis(facts, h.id) for h in facts.hypotheses],
        "insights": [
            {"id": i.id, "kind": i.kind.value, "summary": short(i.summary, 160), "quote": short(i.passage, 240),
             "participant": facts.who(i)}
            for i in facts.new_insights[:MAX_INSIGHTS]
        ],
        "surprises": [short(s.summary, 160) for s in facts.surprises[:5]],
    }
    answer: DraftClaims = client.structured(STEP, PROMPT, variables, DraftClaims, max_reasks=1)
    claims, dropped = validate_claims([c.model_dump() for c in answer.claims], facts.insights)
    for c in claims:
        cites = [x.model_copy(update={"participant": facts.who(facts.insights[x.insight_id])}) for x in c.citations]
        c = c.model_copy(update={"citations": cites})
        # A model's sentence is held to the offline drafter's standard: what it counts is what it cites.
        problems = check_claim(c, facts)
        if problems:
            dropped.append(f"{c.text[:60]!r}: {problems[0]}")
            continue
        entries.setdefault(c.section, []).append(c)
    return entries, drafter.dropped + dropped


def _hypothesis(facts: Facts, hid: str) -> dict[str, Any]:
    h = next(x for x in facts.hypotheses if x.id == hid)
    e: Any = facts.evidence.get(hid)
    return {
        "id": h.id,
        "statement": h.statement,
        "status": h.status.value,
        "falsified_if": h.falsified_if,
        "supporting": e.supporting if e else 0,
        "contradicting": e.contradicting if e else 0,
        "suggested": e.suggested_status if e else "untested",
        "rule": e.rule if e else "",
        "new_for": [i.id for i, _ in facts.new.get(hid, {}).get(Stance.supports, [])],
        "new_against": [i.id for i, _ in facts.new.get(hid, {}).get(Stance.contradicts, [])],
    }
