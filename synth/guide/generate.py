"""Build a guide for some hypotheses, fitted to the interview's length."""

from __future__ import annotations

import re
from collections.abc import Sequence
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
"""The fewest a section gets when the interview is very short."""
FULL_SECTION = 5
"""Questions a hypothesis needs to be tested (its event, how often, what it cost, a way to be wrong…):
another hypothesis joins the guide only when each can still get this many."""
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
    sections = max(1, min(n_hypotheses, total // FULL_SECTION))
    per = max(MIN_QUESTIONS, min(MAX_QUESTIONS, total // sections))
    base, extra = divmod(body, sections)
    return Plan(opening, closing, sections, per, tuple(base + (1 if i < extra else 0) for i in range(sections)))


def open_hypotheses(ws: Workspace) -> list[Hypothesis]:
    """The hypotheses a guide covers by default: open or inconclusive ones (every one if none is)."""
    every = ws.hypotheses()
    if not every:
        raise UserError("no hypotheses yet: add one with `synth hypothesis add`", path=ws.hypotheses_path)
    live = [h for h in every if h.status in (HypothesisStatus.open, HypothesisStatus.inconclusive)]
    return live or every


def pick_hypotheses(ws: Workspace, ids: list[str] | None) -> list[Hypothesis]:
    if ids:
        return [ws.hypothesis(i) for i in ids]
    return open_hypotheses(ws)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")


def generate(
    ws: Workspace,
    hypothesis_ids: Sequence[str],
    *,
    minutes: int = 30,
    segment: str = "",
    session: Any = None,
    today: date | None = None,
) -> Guide:
    """A guide for exactly the hypotheses chosen; an empty choice is a UserError, never a silent default.

    For a UI: ask which hypotheses to cover (offer `open_hypotheses(ws)`), then call this.
    """
    if not hypothesis_ids:
        raise UserError("choose the hypotheses the guide should cover: none is selected")
    return generate_guide(ws, list(hypothesis_ids), minutes=minutes, segment=segment, session=session, today=today)


def generate_guide(
    ws: Workspace,
    hypothesis_ids: list[str] | None = None,
    *,
    minutes: int = 30,
    segment: str = "",
    llm: Any = None,
    session: Any = None,
    today: date | None = None,
    use_cache: bool = True,
) -> Guide:
    """A guide for the hypotheses (None: every open or inconclusive one that fits), linted.

    The questions come from the question bank, filled with each hypothesis's own
    words; with an LLM (`llm`, a client, or the command's `session`, else the
    active one) the model's questions come first, flagged ones are rewritten once
    and then dropped, and the bank tops each section up. Hypotheses that do not
    fit in `minutes` are left out, in order.
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
    client, engine = _client(ws, llm, session, use_cache=use_cache)
    if client is not None:
        from synth.guide.llm import llm_guide

        guide = llm_guide(client, guide, chosen, p.questions, engine=engine)
    return lint_guide(guide)


def _client(ws: Workspace, llm: Any, session: Any, *, use_cache: bool) -> tuple[Any, str]:
    """What asks the model (a client or the command's session) and its engine label, or (None, "offline")."""
    if llm is not None:
        return llm, "llm"
    if session is None:
        from synth.llm.session import Session

        session = Session.current(ws) if use_cache else Session(ws, no_cache=True)
    if not session.enabled:
        return None, "offline"
    return session, str(session.engine)
