"""What the linking tests share: a hypothesis built in one line."""

from __future__ import annotations

from datetime import date

from synth.models import Hypothesis, HypothesisKind

D = date(2026, 1, 1)


def hyp(hid: str, statement: str, falsified_if: str = "", kind: HypothesisKind = HypothesisKind.problem) -> Hypothesis:
    return Hypothesis(id=hid, statement=statement, falsified_if=falsified_if, kind=kind, created=D, updated=D)
