"""A sentence that dismisses one of a hypothesis's terms bears on it, even when its meaning alone is not close enough."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

import synth.linking.relevance as relevance
from synth.linking.relevance import Relevance
from synth.models import Hypothesis
from synth.stance import DISMISSIVE, RHETORICAL

D = date(2026, 1, 1)
H1 = Hypothesis(id="H1", statement="Small print shops reprint at least one order a month because their order tickets "
                "are not shared.", falsified_if="Shops rarely reprint, or keep tickets in sync by hand without trouble.",
                created=D, updated=D)
H2 = Hypothesis(id="H2", statement="Small print shops would pay $30 a month for shared order tickets.",
                falsified_if="Shops will not pay a monthly fee to avoid the occasional reprint.", created=D, updated=D)


class Flat:
    """Every hypothesis text on one axis, all speech at similarity 0.45 to it: meaning alone cannot pick."""

    def __init__(self, hypotheses: list[Hypothesis]) -> None:
        self.known = {t for h in hypotheses for t in (h.statement, h.falsified_if)}

    def embed(self, texts: list[str]) -> np.ndarray:
        on, off = np.array([1.0, 0.0]), np.array([0.45, (1 - 0.45**2) ** 0.5])
        return np.array([on if any(t in k for k in self.known) else off for t in texts])


def test_dismissing_a_key_term_links(monkeypatch: pytest.MonkeyPatch) -> None:
    rel = Relevance([H1, H2], Flat([H1, H2]))  # type: ignore[arg-type]
    text = "Tickets are not really a problem for me, the van is."
    assert {rel.hypotheses[s.hypothesis].id for s in rel.score([text])[0]} >= {"H1"}
    assert rel.score(["Tickets are a big part of my week, the van is too."]) == [[]]
    monkeypatch.setattr(relevance, "_dismisses", lambda _t: False)
    assert rel.score([text]) == [[]]


@pytest.mark.parametrize(("text", "dismisses"), [
    ("It was thirty dollars a month, and I thought, for what?", True),
    ("Why would I pay for that?", True),
    ("I asked what for and he explained.", False),
])
def test_a_rhetorical_question_dismisses(text: str, dismisses: bool) -> None:
    assert bool(RHETORICAL.search(text) or DISMISSIVE.search(text)) is dismisses


def test_a_bare_amount_answering_a_price_question_bears_on_the_price() -> None:
    rel = Relevance([H1, H2], Flat([H1, H2]))  # type: ignore[arg-type]
    answer = "Twenty, maybe? If it did the tickets properly."
    assert rel.score([answer]) == [[]]  # alone, nothing says what twenty is
    (picks,) = rel.score([answer], ["Is there a number that would feel okay?"])
    assert [rel.hypotheses[s.hypothesis].id for s in picks] == ["H2"] and picks[0].amount
    # The same answer to a question about something else is no price.
    assert rel.score([answer], ["How many orders do you reprint?"]) == [[]]
