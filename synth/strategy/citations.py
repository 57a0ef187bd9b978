"""Citations: every claim in a draft names the insights it rests on, checked against the workspace.

A claim is validated with the workspace's live insights as pydantic context:
an unknown id, or an insight the founder rejected, is not a citation. A claim
left with no valid citation is not written.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from synth.models import Citation, Claim, Insight, Review
from synth.workspace import Workspace


def live_insights(ws: Workspace) -> dict[str, Insight]:
    """Every insight a claim may cite: known and not rejected."""
    return {i.id: i for i in ws.insights(include_rejected=False)}


def _known(info: ValidationInfo) -> dict[str, Insight] | None:
    ctx = info.context or {}
    known = ctx.get("insights")
    return known if isinstance(known, dict) else None


class CitedClaim(BaseModel):
    """A claim as a drafter proposes it: text plus the ids of the insights behind it."""

    section: str
    text: str = Field(min_length=1)
    insight_ids: list[str] = Field(min_length=1, description="Ids of the insights this claim rests on.")

    @field_validator("insight_ids")
    @classmethod
    def _every_id_is_a_live_insight(cls, ids: list[str], info: ValidationInfo) -> list[str]:
        known = _known(info)
        if known is None:
            return ids
        bad = [i for i in ids if i not in known or known[i].review is Review.rejected]
        if bad:
            raise ValueError(f"unknown or rejected insight id(s): {', '.join(bad)}")
        return list(dict.fromkeys(ids))


def validate_claims(raw: list[dict[str, Any]], insights: dict[str, Insight]) -> tuple[list[Claim], list[str]]:
    """The claims whose citations all hold, as `models.Claim`; and why each other one was dropped.

    A claim citing some valid and some invalid ids keeps only the valid ones: the
    invalid ids are the model's mistake, the rest of the evidence still stands.
    """
    from pydantic import ValidationError

    kept: list[Claim] = []
    problems: list[str] = []
    for item in raw:
        ids = [str(i) for i in item.get("insight_ids") or []]
        valid_ids = [i for i in ids if i in insights and insights[i].review is not Review.rejected]
        data = {**item, "insight_ids": valid_ids}
        try:
            claim = CitedClaim.model_validate(data, context={"insights": insights})
        except ValidationError as exc:
            problems.append(f"{str(item.get('text', ''))[:60]!r}: {exc.errors()[0]['msg']} (cited {ids or 'nothing'})")
            continue
        kept.append(to_claim(claim, insights))
    return kept, problems


def to_claim(claim: CitedClaim, insights: dict[str, Insight]) -> Claim:
    return Claim(section=claim.section, text=claim.text.strip(), citations=[citation(insights[i]) for i in claim.insight_ids])


def citation(ins: Insight, participant: str = "") -> Citation:
    return Citation(
        insight_id=ins.id,
        quote=ins.passage,
        participant=participant or ins.participant or "participant",
        interview_id=ins.interview_id,
    )


def footnote(c: Citation) -> str:
    return f"\u201c{c.quote}\u201d \u2014 {c.participant}, interview {c.interview_id}"


def claim_markdown(claim: Claim) -> str:
    """The claim's text with one footnote reference per cited insight."""
    refs = "".join(f"[^{c.insight_id}]" for c in claim.citations)
    text = claim.text.rstrip()
    m = re.search(r"[.!?:]$", text)
    return f"{text[:-1]}{refs}{text[-1]}" if m else f"{text}{refs}"


def check_draft_citations(claims: list[Claim], insights: dict[str, Insight]) -> list[str]:
    """Claims whose citations no longer hold (an insight rejected or removed since the draft)."""
    return [
        f"{c.section}: {c.text[:60]!r} cites {', '.join(x.insight_id for x in c.citations if x.insight_id not in insights)}"
        for c in claims
        if any(x.insight_id not in insights for x in c.citations)
    ]
