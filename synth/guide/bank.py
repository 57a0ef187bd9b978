"""The offline guide: questions from `prompts/question_bank.yaml`, filled with the hypothesis's words."""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from synth.errors import ConfigError
from synth.guide.lint import lint_question
from synth.guide.terms import Terms, extract_terms
from synth.models import GuideQuestion, GuideSection, Hypothesis, HypothesisKind

BANK_FILE = "question_bank.yaml"


@dataclass(frozen=True)
class BankQuestion:
    alternatives: tuple[str, ...]
    probes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Bank:
    opening: tuple[str, ...]
    closing: tuple[str, ...]
    kinds: dict[str, tuple[BankQuestion, ...]]
    generic_probes: tuple[str, ...] = field(default_factory=tuple)
    counts_against: dict[str, tuple[str, ...]] = field(default_factory=dict)


def bank_path() -> Path:
    import prompts

    return Path(prompts.__file__).parent / BANK_FILE


@lru_cache(maxsize=4)
def load_bank(path: Path | None = None) -> Bank:
    path = path or bank_path()
    try:
        raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        kinds = {
            str(kind): tuple(
                BankQuestion(tuple(str(t) for t in item["text"]), tuple(str(p) for p in item.get("probes", [])))
                for item in items
            )
            for kind, items in (raw.get("kinds") or {}).items()
        }
        return Bank(
            opening=tuple(raw.get("opening") or ()),
            closing=tuple(raw.get("closing") or ()),
            kinds=kinds,
            generic_probes=tuple(raw.get("generic_probes") or ()),
            counts_against={str(k): tuple(str(t) for t in v) for k, v in (raw.get("counts_against") or {}).items()},
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"question bank unreadable: {exc}", path=path) from None


def _slots(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def fill(template: str, terms: Terms) -> str | None:
    """The template with the hypothesis's words, or None when it needs a slot they do not fill."""
    values = {"activity": terms.activity, "gerund": terms.gerund, "topic": terms.topic, "subject": terms.subject}
    needed = _slots(template)
    if any(not values.get(name) for name in needed):
        return None
    return template.format(**values)


def bank_questions(hypothesis: Hypothesis, bank: Bank | None = None) -> list[GuideQuestion]:
    """Every bank question for the hypothesis's kind, filled; any that fails the linter is dropped."""
    bank = bank or load_bank()
    terms = extract_terms(hypothesis.statement)
    items = bank.kinds.get(hypothesis.kind.value) or bank.kinds.get(HypothesisKind.problem.value, ())
    out: list[GuideQuestion] = []
    for item in items:
        text = next((t for t in (fill(alt, terms) for alt in item.alternatives) if t), None)
        if text is None or lint_question(text):
            continue
        probes = [p for p in item.probes if not lint_question(p)]
        out.append(GuideQuestion(text=_sentence_case(text), probes=probes))
    return out


def bank_section(hypothesis: Hypothesis, n_questions: int, minutes: int = 0, bank: Bank | None = None) -> GuideSection:
    questions = bank_questions(hypothesis, bank)[:n_questions]
    return GuideSection(
        hypothesis_id=hypothesis.id,
        hypothesis=hypothesis.statement,
        questions=questions,
        counts_against=counts_against(hypothesis, bank),
        minutes=minutes,
    )


def counts_against(hypothesis: Hypothesis, bank: Bank | None = None) -> str:
    """The hypothesis's own `falsified_if`, else the bank's default for its kind."""
    if hypothesis.falsified_if.strip():
        return hypothesis.falsified_if.strip()
    bank = bank or load_bank()
    terms = extract_terms(hypothesis.statement)
    for alt in bank.counts_against.get(hypothesis.kind.value, ()):
        text = fill(alt, terms)
        if text:
            return text
    return "They can't give a specific, recent example of it."


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]
