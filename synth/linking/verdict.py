"""Honest verdicts: which links count, and what the counted evidence lets Synth suggest.

A link counts when the founder reviewed it (their stance, whatever the
engine's confidence) or when the engine rates it strong; a weak machine link
is "needs review" and counts for nothing. A status is suggested only when
enough distinct participants have spoken with a clear margin; otherwise the
answer is "not enough evidence yet", with what would settle it.
"""

from __future__ import annotations

from synth.models import EvidenceLink, Insight, Review, Stance

STRONG_MIN = 0.5
"""A machine link at or above this confidence counts as evidence; below it, it waits for review."""
SUPPORTED_MIN = 3
"""Distinct participants on one side before Synth suggests `supported` or `refuted`."""


def counts(link: EvidenceLink) -> bool:
    """Does this link count as evidence (its insight aside)?"""
    if link.effective_stance is Stance.neutral:
        return False
    return link.reviewed or link.strength >= STRONG_MIN


def needs_review(link: EvidenceLink) -> bool:
    """A machine link with a direction the engine is not sure of: shown to the founder, not counted."""
    return not link.reviewed and link.stance is not Stance.neutral and link.strength < STRONG_MIN


def insight_counts(ins: Insight) -> bool:
    """Rejected insights and quotes from a speaker nobody labelled are never customer evidence; nor is a
    sentence flagged as suspicious (it reads like an instruction to a model) until the founder accepts it."""
    if ins.review is Review.rejected or ins.unattributed:
        return False
    return not ins.flagged or ins.review is Review.accepted


def suggest_status(n_for: int, n_against: int) -> tuple[str, str]:
    """Suggested status from distinct participant counts on each side, and the rule (or what would settle it)."""
    if n_for == 0 and n_against == 0:
        return "untested", "no participant's strong evidence supports or contradicts it yet"
    # A clear margin: the leading side has at least SUPPORTED_MIN people and more than twice the other side.
    if n_for >= SUPPORTED_MIN and n_for > 2 * n_against:
        return "supported", (
            f">= {SUPPORTED_MIN} distinct participants support ({n_for}), more than twice as many as contradict "
            f"({n_against})"
        )
    if n_against >= SUPPORTED_MIN and n_against > 2 * n_for:
        return "refuted", (
            f">= {SUPPORTED_MIN} distinct participants contradict ({n_against}), more than twice as many as support "
            f"({n_for})"
        )
    # Falsification is asymmetric: two people with strong evidence against and nobody for is enough to
    # suggest `refuted` (the rule Synth had before verdicts were made stricter); support needs more.
    if n_against >= 2 and n_for == 0:
        return "refuted", f"{n_against} distinct participants contradict it and none supports"
    if is_split(n_for, n_against):
        return "inconclusive", f"split: {n_for} participant(s) for, {n_against} against; find out what differs"
    return "inconclusive", f"not enough evidence yet: {n_for} for, {n_against} against: {settle(n_for, n_against)}"


def is_split(n_for: int, n_against: int) -> bool:
    """Enough people on both sides that more of the same interviews will not settle it: find what differs."""
    return n_for >= 2 and n_against >= 2


def settle(n_for: int, n_against: int) -> str:
    """What would settle it, in words: how many more participants to hear from, if they all agreed."""
    lead, other = max(n_for, n_against), min(n_for, n_against)
    more = max(SUPPORTED_MIN - lead, 2 * other + 1 - lead, 1)
    return f"talk to {more} more"
