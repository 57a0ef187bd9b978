"""What every generated guide must satisfy, for any hypothesis (shared by the dev and held-out tests)."""

from __future__ import annotations

import re

from synth.guide.grammar import MAX_PASTED, broken_slot, longest_shared_run
from synth.guide.lint import lint_question
from synth.models import GuideSection, Hypothesis

STOP = set(
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "by", "and", "or", "but", "not", "no", "is", "are", "was", "were", "be", "been", "do", "does", "did", "have", "has", "had", "will", "would", "can", "could", "should", "may", "might", "must", "they", "them", "their", "we", "us", "our", "you", "your", "it", "its", "this", "that", "these", "those", "than", "more", "less", "least", "most", "at", "every", "each", "per", "because", "when", "if", "who", "which", "what", "how", "why", "about", "into", "over", "under", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "new"]
)


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z-]+", text.lower()) if w not in STOP and len(w) > 2}


def stems(words: set[str]) -> set[str]:
    return {w[:5] for w in words}


def uses_own_words(question: str, hypothesis: Hypothesis) -> bool:
    """The question names something from the hypothesis (same word or the same stem: "ran"/"run" aside)."""
    return bool(stems(content_words(question)) & stems(content_words(hypothesis.statement)))


def problems(section: GuideSection, hypothesis: Hypothesis) -> list[str]:
    """Every way the section fails the guide contract; empty when it passes."""
    out: list[str] = []
    if len(section.questions) < 5:
        out.append(f"only {len(section.questions)} questions")
    own = sum(uses_own_words(q.text, hypothesis) for q in section.questions)
    if own < 2:
        out.append(f"only {own} question(s) use the hypothesis's words")
    for q in section.questions:
        flags = lint_question(q.text, hypothesis.statement)
        if flags:
            out.append(f"{q.text!r}: {[f.rule for f in flags]}")
        if broken_slot(q.text):
            out.append(f"{q.text!r}: broken slot")
        run = longest_shared_run(q.text, hypothesis.statement)
        if len(run) > MAX_PASTED:
            out.append(f"{q.text!r}: pastes {len(run)} words")
        if "{" in q.text or "}" in q.text:
            out.append(f"{q.text!r}: unfilled slot")
        out += [f"probe {p!r}: {[f.rule for f in lint_question(p)]}" for p in q.probes if lint_question(p)]
    return out
