"""Build a guide for some hypotheses, fitted to the interview's length."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from synth.errors import UserError
from synth.guide.bank import bank_section, load_bank
from synth.guide.lint import lint_guide
from synth.models import Guide, Hypothesis, HypothesisStatus
from synth.workspace import Workspace

MINUTES_PER_QUESTION = 3
"""A question with its probes and the answer's follow-ups, in an unhurried interview."""
MIN_QUESTIONS = 3
MAX_QUESTIONS = 6


@dataclass(frozen=True)
class Plan:
    opening: int
    closing: int
    sections: int
    questions: int
    """Questions per section."""
    section_minutes: tuple[int, ...]


def plan(minutes: int, n_hypotheses: int) -> Plan:
    """How many hypotheses fit, how many questions each, and the minutes per part."""
    if minutes < 5:
        raise UserError("an interview guide needs at least 5 minutes")
    opening = max(2, round(minutes * 0.1))
    closing = max(2, round(minutes * 0.08))
    body = max(MIN_QUESTIONS, minutes - opening - closing)
    total = max(MIN_QUESTIONS, body // MINUTES_PER_QUESTION)
    sections = max(1, min(n_hypotheses, total // MIN_QUESTIONS))
    per = max(MIN_QUESTIONS, min(MAX_QUESTIONS, total // sections))
    base, extra = divmod(body, sections)
    return Plan(opening, closing, sections, per, tuple(base + (1 if i < extra else 0) for i in range(sections)))


def pick_hypotheses(ws: Workspace, ids: list[str] | None) -> list[Hypothesis]:
    if ids:
        return [ws.hypothesis(i) for i in ids]
    every = ws.hypotheses()
    if not every:
        raise UserError("no hypotheses yet: add one with `synth hypothesis add`", path=ws.hypotheses_path)
    live = [h for h in every if h.status in (HypothesisStatus.open, HypothesisStatus.inconclusive)]
    return live or every


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")


def generate_guide(
    ws: Workspace,
    hypothesis_ids: list[str] | None = None,
    *,
    minutes: int = 30,
    segment: str = "",
    llm: Any = None,
    today: date | None = None,
    use_cache: bool = True,
) -> Guide:
    """A guide for the hypotheses (default: every open or inconclusive one), linted.

    With an LLM client (given, or from the workspace's provider) the questions come
    from the model and flagged ones are regenerated once, then dropped; offline
    they come from the question bank. Hypotheses that do not fit in `minutes`
    are left out, in order.
    """
    hyps = pick_hypotheses(ws, hypothesis_ids)
    p = plan(minutes, len(hyps))
    chosen = hyps[: p.sections]
    today = today or date.today()
    slug = slugify(" ".join([segment, *(h.id for h in chosen)]))
    bank = load_bank()
    guide = Guide(
        id=f"{today.isoformat()}-{slug}",
        title=f"{segment + ': ' if segment else ''}{', '.join(h.id for h in chosen)}",
        created=today,
        minutes=minutes,
        segment=segment,
        opening=list(bank.opening),
        closing=list(bank.closing),
        sections=[bank_section(h, p.questions, m, bank, segment) for h, m in zip(chosen, p.section_minutes, strict=True)],
    )
    client = llm if llm is not None else _workspace_client(ws, use_cache=use_cache)
    if client is not None:
        from synth.guide.llm import llm_guide

        guide = llm_guide(client, guide, chosen, p.questions, engine=_engine_name(ws, llm))
    return lint_guide(guide)


def _engine_name(ws: Workspace, given: Any) -> str:
    return "llm" if given is not None else f"llm:{ws.config.llm.provider}"


def _workspace_client(ws: Workspace, *, use_cache: bool = True) -> Any:
    if ws.config.llm.provider.strip().lower() in ("", "none"):
        return None
    try:
        from synth.llm import get_client  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    return get_client(ws, use_cache=use_cache)
