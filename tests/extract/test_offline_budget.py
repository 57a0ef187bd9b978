"""How many insights an interview may yield grows with its length, but slower than the length."""

from __future__ import annotations

from synth.extract.offline import BUDGET_KNEE, MIN_BUDGET, budget


def test_budget_grows_monotonically_and_sublinearly() -> None:
    sizes = [1, 2, 5, 10, 25, 26, 50, 100, 400, 1600]
    values = [budget(n) for n in sizes]
    assert values == sorted(values)
    assert budget(1) == MIN_BUDGET and budget(2) == MIN_BUDGET
    assert abs(budget(BUDGET_KNEE + 1) - budget(BUDGET_KNEE)) <= 1  # no jump at the knee
    assert budget(1600) < 1600 / 20  # an hour of talk is not an hour of evidence
    assert budget(100) > budget(25)  # but a longer interview still yields more
