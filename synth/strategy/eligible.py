"""What may stand as customer evidence in generated text: drafts, themes, readouts.

An insight is shown as evidence only when a participant said it about their
own life. Never: the interviewer's words, a speaker nobody labelled
(`Role.unknown`, `Insight.unattributed`), a sentence flagged as suspicious, a
rejected insight, a compliment ("sounds like a great idea": politeness, not
data), or a hypothetical ("if you built it I'd use it": a guess about the
future). Hypotheticals are found by the question linter's own rule
(synth.guide.lint), so the two never disagree about what a hypothetical is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from synth.models import Insight, Interview, Review, Role

# Praise for an idea, product or conversation, said to be polite. Domain-general on purpose.
_PRAISE = r"(?:great|good|cool|nice|neat|amazing|awesome|interesting|brilliant|fantastic|excellent|smart|clever|useful|helpful|wonderful|fun)"
_COMPLIMENT = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"\b(?:sounds|seems|looks|that's|that is|it's|it is|what a)\s+(?:like\s+)?(?:a|an|such a)?\s*(?:really|very|so|pretty|super|truly)?\s*{_PRAISE}\b\s*(?:idea|concept|tool|product|app|plan|thing|solution|approach|question)?",
        r"\b(?:love|like|dig)\s+(?:the|this|that|your)\s+(?:idea|concept|product|tool|app|pitch|approach)\b",
        r"\b(?:i|we)(?:'d|\u2019d| would) (?:definitely |totally |absolutely |probably |really |100% )?(?:use|love|want|try|buy) (?:that|this|it|one)\b",
        r"\bsign me up\b",
        r"\b(?:keep me posted|let me know when it'?s (?:out|ready|live))\b",
        r"\bgreat question\b",
    )
)
_MIN_CONTENT_WORDS = 4
"""A compliment needs only a few words; a longer sentence that also praises is judged by its other words."""


def is_compliment(text: str) -> bool:
    """Politeness about an idea rather than a fact about the speaker's life."""
    t = " ".join(text.split())
    if not any(p.search(t) for p in _COMPLIMENT):
        return False
    # "Sounds like a great idea, we lost three clients over this last year" still reports a fact:
    # what is left once the praise is cut out must say little for it to be only a compliment.
    rest = t
    for p in _COMPLIMENT:
        rest = p.sub(" ", rest)
    words = [w for w in re.findall(r"[A-Za-z']+", rest) if len(w) > 3]
    return len(words) < _MIN_CONTENT_WORDS or bool(re.search(r"\b(?:if|when) (?:you|it|this|that)\b", rest, re.I))


@lru_cache(maxsize=1)
def _hypothetical_patterns() -> tuple[re.Pattern[str], ...]:
    from synth.guide.lint import RULES

    return next(r.patterns for r in RULES if r.name == "hypothetical")


def is_hypothetical(text: str) -> bool:
    """A guess about the future or a what-if, by the guide linter's own hypothetical rule."""
    t = " ".join(text.replace("\u2019", "'").split())
    return any(p.search(t) for p in _hypothetical_patterns())


def speaker_roles(interview: Interview | None) -> dict[int, Role]:
    """Turn index -> role (empty without the interview: nothing known, nothing excluded for it)."""
    return {t.index: t.role for t in interview.turns} if interview is not None else {}


def not_evidence(ins: Insight, roles: dict[int, Role]) -> str:
    """Why this insight cannot be shown as customer evidence, or "" when it can."""
    if ins.review is Review.rejected:
        return "rejected"
    if ins.unattributed:
        return "unattributed speaker"
    if ins.flagged:
        return "flagged"
    for q in ins.quotes:
        role = roles.get(q.turn_index, Role.participant)
        if role is Role.interviewer:
            return "interviewer speech"
        if role is Role.unknown:
            return "unknown speaker"
    text = " ".join(q.text for q in ins.quotes)
    if is_compliment(text):
        return "compliment"
    if is_hypothetical(text):
        return "hypothetical"
    return ""


def evidence_only(insights: Iterable[Insight], roles: dict[str, dict[int, Role]]) -> list[Insight]:
    """The insights that may be shown as evidence; `roles` maps interview id -> speaker roles."""
    return [i for i in insights if not not_evidence(i, roles.get(i.interview_id, {}))]
