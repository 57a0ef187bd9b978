"""Guide questions from the LLM: one call for the guide, one more to rewrite what the linter flags.

The offline guide is the starting point: its sections carry the plan (minutes,
how many questions) and its questions are the top-up when the model gives too
few clean ones, so a weak model can only improve the guide, never empty it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from synth.guide.lint import lint_question
from synth.models import Guide, GuideQuestion, GuideSection, Hypothesis

STEP = "guide"
PROMPT = "guide"
FIX_PROMPT = "guide_fix"


class DraftQuestion(BaseModel):
    text: str = Field(description="One open question about a specific past event or behaviour.")
    probes: list[str] = Field(default_factory=list, description="Short follow-up probes.")


class DraftSection(BaseModel):
    hypothesis_id: str
    questions: list[DraftQuestion] = Field(default_factory=list)


class DraftGuide(BaseModel):
    sections: list[DraftSection] = Field(default_factory=list)


class Rewrite(BaseModel):
    n: int = Field(description="The number of the question being rewritten.")
    text: str


class Rewrites(BaseModel):
    rewrites: list[Rewrite] = Field(default_factory=list)


def llm_guide(client: Any, guide: Guide, hypotheses: list[Hypothesis], per_section: int, *, engine: str) -> Guide:
    variables = {
        "hypotheses": [
            {"id": h.id, "statement": h.statement, "kind": h.kind.value, "falsified_if": h.falsified_if}
            for h in hypotheses
        ],
        "questions_per_hypothesis": per_section,
        "minutes": guide.minutes,
        "segment": guide.segment,
    }
    answer: DraftGuide = client.structured(STEP, PROMPT, variables, DraftGuide, max_reasks=1)
    drafted = {s.hypothesis_id.strip().upper(): s.questions for s in answer.sections}
    candidates: list[tuple[int, DraftQuestion]] = []
    for si, section in enumerate(guide.sections):
        candidates.extend((si, q) for q in drafted.get(section.hypothesis_id.upper(), []) if q.text.strip())
    source = {si: section.hypothesis for si, section in enumerate(guide.sections)}
    flagged = [(n, si, q) for n, (si, q) in enumerate(candidates) if lint_question(q.text, source[si])]
    fixed = _rewrite(client, flagged, source) if flagged else {}
    kept: dict[int, list[GuideQuestion]] = {}
    for n, (si, q) in enumerate(candidates):
        text = fixed.get(n, q.text).strip()
        if lint_question(text, source[si]):
            continue
        probes = [p.strip() for p in q.probes if p.strip() and not lint_question(p, source[si])]
        kept.setdefault(si, []).append(GuideQuestion(text=text, probes=probes[:3]))
    sections = [_merge(section, kept.get(si, []), per_section) for si, section in enumerate(guide.sections)]
    return guide.model_copy(update={"sections": sections, "engine": engine_label(engine, kept, sections)})


def engine_label(engine: str, kept: dict[int, list[GuideQuestion]], sections: list[GuideSection]) -> str:
    """Say where the questions came from: a guide the model added nothing to is an offline guide."""
    total = sum(len(s.questions) for s in sections)
    from_model = sum(min(len(qs), len(sections[si].questions)) for si, qs in kept.items())
    if from_model == 0:
        return f"offline ({engine} answered nothing usable)"
    if from_model < total:
        return f"{engine} ({from_model} of {total} questions; the rest from the offline bank)"
    return engine


def _rewrite(client: Any, flagged: list[tuple[int, int, DraftQuestion]], source: dict[int, str]) -> dict[int, str]:
    items = [
        {"n": n, "text": q.text,
         "flags": [f"{f.rule}: {f.why} Try: {f.suggestion}" for f in lint_question(q.text, source[si])]}
        for n, si, q in flagged
    ]
    answer: Rewrites = client.structured(STEP, FIX_PROMPT, {"questions": items}, Rewrites, max_reasks=0)
    wanted = {n for n, _, _ in flagged}
    return {r.n: r.text for r in answer.rewrites if r.n in wanted and r.text.strip()}


def _merge(section: GuideSection, from_model: list[GuideQuestion], per_section: int) -> GuideSection:
    """The model's clean questions first, topped up from the bank, no duplicates."""
    out = list(from_model[:per_section])
    seen = {q.text.lower() for q in out}
    for q in section.questions:
        if len(out) >= per_section:
            break
        if q.text.lower() not in seen:
            out.append(q)
            seen.add(q.text.lower())
    return section.model_copy(update={"questions": out})
