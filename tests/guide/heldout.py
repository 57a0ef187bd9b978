"""Held-out hypotheses: written before tuning and never used to tune the chunker or the bank.

Five domains, five kinds, with numbers, "at least", "because" and negations.
Only tests/guide/test_heldout.py reads them.
"""

from __future__ import annotations

from .conftest import hyp

HELD_OUT = [
    hyp("H1", "Property managers with at least 50 rental units lose a week of rent on every vacancy because "
        "listings go up late.",
        falsified_if="Most vacancies are filled within a few days of the previous tenant leaving."),
    hyp("H2", "Volunteer coordinators at small nonprofits are the people who decide which scheduling tool "
        "the charity uses.", "customer"),
    hyp("H3", "Plant supervisors at mid-sized manufacturers would pay $300 a month to get machine downtime "
        "alerts on their phones.", "value",
        falsified_if="Supervisors say downtime is already reported quickly by operators on the floor."),
    hyp("H4", "Wedding planners recommend vendors to couples they trust, but never share their spreadsheets.",
        "growth"),
    hyp("H5", "Hospital staffing coordinators fill fewer than half of last-minute night shifts because "
        "agency nurses do not answer texts after 9pm.", "problem"),
    hyp("H6", "A mobile app that shows live wait times would stop urgent care patients from walking out.",
        "solution"),
]
