"""Guides for hypotheses from domains the demo never mentions (the development set)."""

from __future__ import annotations

from datetime import date

import pytest

from synth.guide import generate_guide
from synth.guide.bank import bank_questions, bank_section
from synth.workspace import Workspace

from .domains import DEV, DEV_MORE
from .guide_checks import problems, uses_own_words


@pytest.fixture
def dev_ws(tmp_path) -> Workspace:
    w = Workspace.create(tmp_path / "dev")
    w.save_hypotheses(DEV)
    return w


@pytest.mark.parametrize("h", DEV, ids=[h.id for h in DEV])
def test_each_dev_hypothesis_gets_a_clean_specific_guide(dev_ws, h) -> None:
    g = generate_guide(dev_ws, [h.id], minutes=30, today=date(2026, 3, 9))
    [section] = g.sections
    assert problems(section, h) == []


@pytest.mark.parametrize("kind", ["customer", "growth"])
def test_customer_and_growth_guides_differ_with_what_the_hypothesis_says(kind: str) -> None:
    """No generic guide: two hypotheses of the same kind get different questions from their own words."""
    same_kind = [h for h in DEV if h.kind.value == kind]
    assert len(same_kind) >= 2
    first, second = ([q.text for q in bank_questions(h)] for h in same_kind[:2])
    assert first[:3] != second[:3]
    for h in same_kind:
        assert sum(uses_own_words(q.text, h) for q in bank_questions(h)) >= 3, h.id


def test_a_hypothesis_that_is_wrong_gets_asked_about_its_falsified_if() -> None:
    [h] = [h for h in DEV if h.id == "H3"]
    texts = [q.text for q in bank_questions(h)]
    assert "Tell me about the last time the dentist picked the software." in texts


def test_because_and_negation_are_tested_not_assumed() -> None:
    pharmacy, site = (next(h for h in DEV if h.id == i) for i in ("H1", "H5"))
    texts = [q.text for q in bank_questions(pharmacy)]
    # The reason is asked about as its own event, not pasted into another question.
    assert "Tell me about the last time wholesaler deliveries arrived late." in texts
    assert not any("because" in t or "at least" in t for t in texts)
    # "do not check X": ask when they last did, which a yes would disprove.
    assert next(q.text for q in bank_questions(site)) == "Tell me about the last time you checked the weather forecast."


@pytest.mark.parametrize("h", DEV_MORE, ids=[f"{h.id}-{h.kind.value}" for h in DEV_MORE])
def test_more_claim_shapes_get_clean_specific_questions(h) -> None:
    section = bank_section(h, 6)
    assert problems(section, h) == []
