"""Evidence links judged by the LLM: candidates by embedding similarity, stance by the model.

The offline linker proposes the candidate (insight, hypothesis) pairs and a
default stance for each; one call per interview asks the model to judge every
pair. Pairs the model skips, or answers about unknown ids, keep the offline
judgement, so a weak model can only add information, not lose links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from synth.models import EvidenceLink, Hypothesis, InsightSet, Stance
from synth.workspace import Workspace

if TYPE_CHECKING:
    from synth.llm import Session

PROMPT = "link"
STEP = "link"


class Judgement(BaseModel):
    pair: Annotated[int, Field(description="The number of the pair being judged.")]
    stance: Stance
    strength: Annotated[float, Field(ge=0.0, le=1.0)] = 0.5
    rationale: Annotated[str, Field(description="One line: why.")] = ""


class Judgements(BaseModel):
    judgements: list[Judgement] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known_pairs_only(self, info: ValidationInfo) -> Judgements:
        n = (info.context or {}).get("pairs")
        if isinstance(n, int):
            self.judgements = [j for j in self.judgements if 0 <= j.pair < n]
        return self


def llm_links(
    ws: Workspace, insight_set: InsightSet, hypotheses: list[Hypothesis], llm: Session | None = None
) -> list[EvidenceLink]:
    """Offline candidates judged by the command's LLM session (`llm`, else the active one)."""
    from synth.embed import get_embedder
    from synth.evidence import offline_links
    from synth.llm import DryRunStop, Session

    candidates = offline_links(insight_set.insights, hypotheses, get_embedder(ws.config.embedding))
    if not candidates:
        return []
    session = llm or Session.current(ws)
    if not session.enabled:
        return candidates
    by_id = {i.id: i for i in insight_set.insights}
    hyps = {h.id: h for h in hypotheses}
    pairs = [
        {
            "pair": n,
            "hypothesis_id": lk.hypothesis_id,
            "hypothesis": hyps[lk.hypothesis_id].statement,
            "falsified_if": hyps[lk.hypothesis_id].falsified_if,
            "insight": by_id[lk.insight_id].summary,
            "quote": by_id[lk.insight_id].passage,  # what the offline engine read, and the founder sees
        }
        for n, lk in enumerate(candidates)
    ]
    try:
        answer = session.structured(
            STEP, PROMPT, {"pairs": pairs}, Judgements, context={"pairs": len(pairs)}, max_reasks=ws.config.llm.max_reasks
        )
    except DryRunStop:
        return candidates  # a dry run records the request; nothing is saved from it
    out = list(candidates)
    for j in answer.judgements:
        base = candidates[j.pair]
        out[j.pair] = base.model_copy(
            update={"stance": j.stance, "strength": j.strength, "rationale": j.rationale.strip()[:300], "engine": "llm"}
        )
    return out
