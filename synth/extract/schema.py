"""What the LLM answers, and the validator that grounds every quote in the transcript.

The validator reads instructor's validation context, `context={"interview":
..., "grounding": GroundingState(...)}`. A quote that cannot be aligned to a
participant's words raises a validation error while re-asks remain, so the
model is told exactly which quotes were not verbatim; on the last attempt the
ungrounded quotes are dropped and counted instead, and insights left with no
quote are dropped with them. Nothing ungrounded is ever stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from pydantic import BaseModel, Field, PrivateAttr, ValidationInfo, model_validator

from synth.extract.align import align_quote
from synth.injection import looks_like_injection
from synth.models import InsightKind, Interview, Quote


@dataclass
class GroundingState:
    reasks_left: int
    dropped: int = 0
    attempts: int = 0
    methods: dict[str, int] = field(default_factory=dict)


class ExtractedInsight(BaseModel):
    kind: InsightKind
    summary: Annotated[str, Field(description="One sentence in your own words: what we learned.")]
    quotes: Annotated[
        list[str],
        Field(min_length=1, description="Exact words copied from the participant's turns, never the interviewer's."),
    ]
    confidence: Annotated[float, Field(ge=0.0, le=1.0)] = 0.7
    turn: int | None = Field(default=None, description="The [turn N] number the first quote comes from.")

    _grounded: list[Quote] = PrivateAttr(default_factory=list)

    @property
    def grounded(self) -> list[Quote]:
        return self._grounded


class Extraction(BaseModel):
    insights: list[ExtractedInsight]

    @model_validator(mode="after")
    def _ground_quotes(self, info: ValidationInfo) -> Extraction:
        ctx = info.context or {}
        interview: Interview | None = ctx.get("interview")
        state: GroundingState | None = ctx.get("grounding")
        prefer: list[int] | None = ctx.get("turns")
        if interview is None:
            return self
        if state is None:
            state = GroundingState(reasks_left=0)
        state.attempts += 1
        problems: list[str] = []
        failed: list[tuple[int, str]] = []
        for n, ins in enumerate(self.insights):
            ins._grounded = []
            if looks_like_injection(ins.summary):
                # Text addressed to a model never becomes evidence, whatever the model made of it.
                state.dropped += len(ins.quotes)
                continue
            for q in ins.quotes:
                hit = align_quote(interview, q, prefer=prefer)
                if hit is not None and looks_like_injection(hit.quote.text):
                    state.dropped += 1
                    continue
                if hit is not None:
                    if not any(g.start == hit.quote.start and g.end == hit.quote.end for g in ins._grounded):
                        ins._grounded.append(hit.quote)
                    state.methods[hit.method] = state.methods.get(hit.method, 0) + 1
                    continue
                failed.append((n, q))
                if align_quote(interview, q, include_interviewer=True) is not None:
                    problems.append(f"{q!r} is the interviewer's words; quote the participant instead")
                else:
                    problems.append(f"{q!r} is not in the transcript; copy the participant's exact words")
        if failed and state.reasks_left > 0:
            state.reasks_left -= 1
            raise ValueError("Some quotes are not verbatim participant text:\n- " + "\n- ".join(problems[:20]))
        state.dropped += len(failed)
        self.insights = [i for i in self.insights if i._grounded]
        return self
