"""The offline guide: questions from `prompts/question_bank.yaml`, filled with the hypothesis's own words."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from synth.errors import ConfigError
from synth.guide.grammar import broken_slot
from synth.guide.lint import lint_question
from synth.guide.slots import is_solo, is_top, slots
from synth.models import GuideQuestion, GuideSection, Hypothesis, HypothesisKind

BANK_FILE = "question_bank.yaml"


@dataclass(frozen=True)
class BankQuestion:
    alternatives: tuple[str, ...]
    probes: tuple[str, ...] = ()
    team_probes: tuple[str, ...] = ()
    """Probes about a manager, a team or colleagues: left out for people who work alone."""
    solo: tuple[str, ...] = ()
    """Alternatives used instead for people who work alone (none: the question is kept as is)."""
    team: bool = False
    """The question only makes sense where there is a team."""


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
                BankQuestion(
                    tuple(str(t) for t in item["text"]),
                    tuple(str(p) for p in item.get("probes", [])),
                    tuple(str(p) for p in item.get("team_probes", [])),
                    tuple(str(p) for p in item.get("solo", [])),
                    bool(item.get("team", False)),
                )
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


def fill(template: str, values: dict[str, str]) -> str | None:
    """The template with the hypothesis's words, or None when it needs a slot they do not fill."""
    needed = _slots(template)
    if any(not values.get(name) for name in needed):
        return None
    return template.format(**{name: values[name] for name in needed})


def hypothesis_slots(hypothesis: Hypothesis, segment: str = "") -> dict[str, str]:
    return slots(hypothesis.statement, hypothesis.kind.value, falsified_if=hypothesis.falsified_if, segment=segment)


def bank_questions(hypothesis: Hypothesis, bank: Bank | None = None, segment: str = "") -> list[GuideQuestion]:
    """The bank's questions for the hypothesis's kind, filled, in priority order.

    For each item the first alternative that fills and passes the strict linter
    (grammar, nothing pasted from the hypothesis) is used; an item with none is
    left out. Questions and probes about a team are left out for solo segments.
    """
    bank = bank or load_bank()
    values = hypothesis_slots(hypothesis, segment)
    solo = is_solo(segment, hypothesis.statement)
    top = is_top(segment, values.get("role", ""))
    source = hypothesis.statement
    items = bank.kinds.get(hypothesis.kind.value) or bank.kinds.get(HypothesisKind.problem.value, ())
    out: list[GuideQuestion] = []
    seen: set[str] = set()
    for item in items:
        if solo and item.team:
            continue
        alternatives = item.solo if solo and item.solo else item.alternatives
        text = next((t for t in (fill(alt, values) for alt in alternatives) if t and not lint_question(t, source)), None)
        if text is None or text.lower() in seen or _repeats(text, out):
            continue
        seen.add(text.lower())
        probes = [*item.probes, *(() if solo else item.team_probes)]
        if top:
            probes = [p for p in probes if "report to" not in p]
        filled = [p for p in (fill(p, values) for p in probes) if p and not lint_question(p, source)]
        out.append(GuideQuestion(text=_sentence_case(text), probes=filled))
    return out


def bank_section(
    hypothesis: Hypothesis, n_questions: int, minutes: int = 0, bank: Bank | None = None, segment: str = ""
) -> GuideSection:
    questions = bank_questions(hypothesis, bank, segment)[:n_questions]
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
    values = hypothesis_slots(hypothesis)
    for alt in bank.counts_against.get(hypothesis.kind.value, ()):
        text = fill(alt, values)
        if text and not broken_slot(text):
            return text
    return "They can't give a specific, recent example of it."


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z'-]+", text.lower()) if len(w) > 3} - _FRAME


# The question frames themselves: two questions that share only these are not repeats.
_FRAME = {"tell", "about", "last", "time", "what", "when", "many", "times", "your", "with", "that", "this", "month",
          "week", "have", "tried", "deal", "dealt"}


def _repeats(text: str, earlier: list[GuideQuestion]) -> bool:
    """A question that names nothing an earlier one did not ("… you chased clients." after "… chased clients for X.")."""
    words = _content(text)
    return bool(words) and any(words <= _content(q.text) and text.split()[:3] == q.text.split()[:3] for q in earlier)


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]
