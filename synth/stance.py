"""Offline stance: does an insight support or contradict a hypothesis, without an LLM?

Similarity says an insight is *about* a hypothesis, not which way it points.
The direction comes from cues a careful reader uses:

- closeness to the hypothesis's `falsified_if` text (what we'd hear if wrong)
  rather than to its statement: the strongest contradicts signal;
- a negation within a few words of the hypothesis's key terms ("we don't
  really use spreadsheets"), flipped when the hypothesis itself is negative;
- dismissive phrases ("not really a problem", "works fine", "doesn't bother
  me"), made stronger by a contrast marker ("but", "actually", "honestly");
- the insight's kind: an objection weighs against a solution or value
  hypothesis; a refusal to pay weighs against a value hypothesis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from synth.models import Hypothesis, HypothesisKind, InsightKind, Stance


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())

LINK_MIN = 0.33
"""Below this similarity to both statement and falsified_if, an insight does not touch a hypothesis."""
SUPPORT_MIN = 0.42
CONTRA_MIN = 0.35
FALSIFIED_MIN = 0.42
NEAR = 5
"""Words either side of a negation that count as 'near'."""

_TOKEN = re.compile(r"[a-z0-9$€£]+(?:['\u2019][a-z]+)?")
NEGATIONS = _wordset(
    "not no never nobody nothing none neither nor hardly rarely barely without cannot "
    "don't doesn't didn't isn't wasn't aren't weren't won't wouldn't can't couldn't shouldn't haven't hasn't "
    "dont doesnt didnt isnt wasnt arent wont wouldnt cant couldnt"
)
_DESIRE = frozenset({"want", "like", "enjoy", "love", "wanna", "mind"})
CONTRAST = re.compile(r"\b(but|actually|though|however|honestly|to be honest|in fact|instead)\b", re.I)
DISMISSIVE = re.compile(
    r"\b(not (really |that |much of )?(a |an )?(big |real |huge )?(problem|issue|deal|pain|priority|concern)"
    r"|not really|no big deal|(works|worked|is|was|it'?s) (fine|ok|okay|good enough)"
    r"|doesn'?t (really )?(matter|bother)|never (really )?(had|been|was) (a|an|much of a) (problem|issue)"
    r"|(we|i) (don'?t|do not|never) (need|care|use|bother|worry)|wouldn'?t (pay|buy|switch|use))\b",
    re.I,
)
REFUSE_PAY = re.compile(r"\b(wouldn'?t|won'?t|not|never|no) (\w+ )?(pay|spend|budget|afford)\b|\btoo expensive\b|\bfree\b", re.I)
STOPWORDS = _wordset(
    "a an the and or but of to in on for with at by from as is are was were be been being it its this that these "
    "those they them their we our us you your i me my he she his her have has had do does did will would can "
    "could should may might must more most less very so than then there here when what which who whom how why "
    "about into over under up down out off just only also not no all any each every some many much such own "
    "same other too s t"
)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("\u2019", "'"))


def stem(word: str) -> str:
    return word[:5] if len(word) > 5 else word


def key_terms(text: str) -> set[str]:
    return {stem(t) for t in tokens(text) if t not in STOPWORDS and t not in NEGATIONS and len(t) > 2}


def negates(text: str, terms: set[str]) -> bool:
    """A negation within NEAR words of one of `terms`."""
    toks = tokens(text)
    for i, tok in enumerate(toks):
        # "I don't want to copy invoices" is pain, not a denial that they copy invoices.
        if i + 1 < len(toks) and toks[i + 1] in _DESIRE:
            continue
        if tok in NEGATIONS or tok.endswith("n't"):
            window = toks[max(0, i - 2) : i + NEAR + 1]
            if any(stem(w) in terms for w in window):
                return True
    return False


def has_negation(text: str) -> bool:
    return any(t in NEGATIONS or t.endswith("n't") for t in tokens(text))


def strength_of(sim: float) -> float:
    """Similarity 0.3..0.8 mapped onto 0..1."""
    return round(min(1.0, max(0.0, (sim - 0.3) / 0.5)), 3)


@dataclass(frozen=True)
class StanceResult:
    stance: Stance
    strength: float
    rationale: str


def offline_stance(
    text: str, kind: InsightKind, hypothesis: Hypothesis, sim_statement: float, sim_falsified: float
) -> StanceResult:
    contra = 0.0
    support = sim_statement
    why: list[str] = []
    if hypothesis.falsified_if and sim_falsified >= FALSIFIED_MIN and sim_falsified > sim_statement - 0.02:
        contra += 0.45 + max(0.0, sim_falsified - sim_statement)
        why.append(f"close to what would falsify it ({sim_falsified:.2f})")
    terms = key_terms(hypothesis.statement)
    # A negative hypothesis ("teams don't track X") agrees with a negated insight.
    if negates(text, terms) and not has_negation(hypothesis.statement):
        contra += 0.35
        why.append("negates its key terms")
    dismissive = DISMISSIVE.search(text)
    if dismissive:
        contra += 0.25
        why.append(f"dismissive ('{dismissive.group(0)}')")
        if CONTRAST.search(text):
            contra += 0.1
    if kind is InsightKind.objection and hypothesis.kind in (HypothesisKind.solution, HypothesisKind.value):
        contra += 0.2
        why.append("an objection to the proposed solution")
    if kind is InsightKind.willingness_to_pay and hypothesis.kind is HypothesisKind.value:
        if REFUSE_PAY.search(text):
            contra += 0.3
            why.append("unwilling to pay")
        else:
            support += 0.05
    if kind in (InsightKind.pain, InsightKind.workaround) and hypothesis.kind is HypothesisKind.problem:
        support += 0.04
    best = max(sim_statement, sim_falsified)
    if contra >= CONTRA_MIN and best >= LINK_MIN:
        return StanceResult(
            Stance.contradicts,
            strength_of(best + contra / 4),
            f"contradicts {hypothesis.id}: " + "; ".join(why),
        )
    if support >= SUPPORT_MIN:
        return StanceResult(
            Stance.supports, strength_of(support), f"supports {hypothesis.id}: similar to its statement ({sim_statement:.2f})"
        )
    return StanceResult(Stance.neutral, strength_of(best), f"related to {hypothesis.id} but points neither way")
