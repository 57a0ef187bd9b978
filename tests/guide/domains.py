"""Hypotheses from domains unrelated to the demo, for developing the offline guide.

DEV is what the chunker and the question bank were tuned on. HELD_OUT lives in
tests/guide/heldout.py and was not looked at while tuning: it checks the same
properties on claims the rules never saw.
"""

from __future__ import annotations

from .conftest import hyp

DEV = [
    hyp("H1", "Independent pharmacies run out of at least one commonly prescribed medicine every week because "
        "wholesaler deliveries arrive late.",
        falsified_if="Pharmacists say shortages happen less than once a month or are fixed the same day."),
    hyp("H2", "Dispatchers at regional trucking firms spend more than 2 hours a day rebuilding routes when a "
        "driver calls in sick."),
    hyp("H3", "Office managers at dental practices with 3-10 chairs choose and pay for patient reminder software.",
        "customer", falsified_if="The dentist who owns the practice picks the software and the office manager "
        "only uses it."),
    hyp("H4", "Teachers would pay $10 a month for a tool that grades spelling tests automatically.", "value"),
    hyp("H5", "Site managers on small construction projects do not check the weather forecast before ordering "
        "concrete."),
    hyp("H6", "Restaurant owners find new suppliers through other chefs, not through online marketplaces.",
        "growth"),
    hyp("H7", "A shared incident inbox would cut the time security teams spend triaging false-positive alerts.",
        "solution"),
    hyp("H8", "Farmers with fewer than 200 acres are the early adopters of soil moisture sensors.", "customer"),
    hyp("H9", "Small law firms lose billable hours because lawyers record their time at the end of the week.",
        falsified_if="Lawyers at small firms log time daily and rarely miss billable work."),
    hyp("H10", "Gym owners hear about new software from equipment suppliers.", "growth"),
    hyp("H11", "Faster payouts would make travel nurses pick one staffing agency over another.", "value"),
    hyp("H12", "Indie game studios struggle to find playtesters before launch.", "problem"),
]
