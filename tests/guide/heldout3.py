"""A third held-out set, written last and measured once, with no change to the rules after it was read.

Only tests/guide/test_heldout.py reads them.
"""

from __future__ import annotations

from .conftest import hyp

HELD_OUT_3 = [
    hyp("H1", "Small vineyards sell fewer than 30% of their bottles directly to visitors because their tasting "
        "rooms close at 5pm.", falsified_if="Vineyards say most visitors buy bottles before they leave."),
    hyp("H2", "Procurement managers at hospitals with over 300 beds sign every medical device contract.",
        "customer"),
    hyp("H3", "Locksmiths would pay $25 a month to stop missing emergency calls at night.", "value"),
    hyp("H4", "Podcast hosts find guests through other podcasters, not through booking agencies.", "growth"),
    hyp("H5", "A photo-based inventory count would cut the time bike shops spend on stocktakes.", "solution"),
    hyp("H6", "Court reporters do not get paid for at least 10% of the pages they transcribe because law firms "
        "dispute invoices.", "problem"),
]
