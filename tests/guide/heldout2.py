"""A second held-out set, written after the first one had been looked at, and never used for tuning.

Six more domains, all five kinds. Only tests/guide/test_heldout.py reads them.
"""

from __future__ import annotations

from .conftest import hyp

HELD_OUT_2 = [
    hyp("H1", "Beekeepers with more than 20 hives lose at least a quarter of their colonies every winter because "
        "they check for mites too late.", falsified_if="Most beekeepers lose fewer than one colony in ten."),
    hyp("H2", "Music teachers who run their own studio choose the booking tool themselves.", "customer"),
    hyp("H3", "Airport ground crews would pay for a tablet checklist that replaces paper sign-off sheets.",
        "value"),
    hyp("H4", "Tattoo artists get most new clients from photos their customers post online, not from ads.",
        "growth"),
    hyp("H5", "Claims adjusters at regional insurers do not visit flood-damaged homes within a week of the claim.",
        "problem"),
    hyp("H6", "A shared calendar for parents would stop youth football coaches from rescheduling games by phone.",
        "solution"),
]
