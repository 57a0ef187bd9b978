"""Money someone spends today, or spent, against a price a hypothesis names.

What a tool costs today is context for a price, not a price someone would pay; an amount put forward with the
speaker's own hedge is an offer; money paid to someone to do the very job is what paying for it looks like.
synth.stance weighs these; this module only reads them.
"""

from __future__ import annotations

import re

from synth.linking.quantities import Dim, quantities
from synth.linking.thresholds import _SPEND_NOW, _bare_prices

GRUMBLE = re.compile(r"\b(?:grumbl\w*|moan\w*|begrudg\w*|resent\w*|hate\s+paying|complain\w*\s+about|"
                     r"sticks\s+in\s+my\s+throat|kills\s+me)\b", re.I)
"""Resenting what something costs ("I grumble about that every single month")."""
PAID_TO_DO = re.compile(
    r"\b(?:paid|pay|pays|paying)\b[^.?!;]{0,120}?\bto\s+(?!(?:the|a|an|my|our|your|their|his|her|him|them|me|us|it)\b)"
    r"[a-z]+", re.I)
"""Money paid to someone to do something ("paid a lady fifty pounds a month to do the invoices"): spent on a job,
not on a tool that happens to cost as much."""
PAID_THEN = re.compile(r"\b(?:i|we|they|she|he)\s+(?:paid|spent|were\s+paying|was\s+paying|used\s+to\s+pay)\b", re.I)
"""What was paid in the past."""
PAID_MONTHS = 6
"""A one-off sum paid for the job counts as paying for it from this many months of the price."""

_COSTS_BEFORE = re.compile(r"(?:\w's|\bis|\bare|\bcosts?|\bthat's|\bit's)\s+(?:about\s+|around\s+|like\s+|roughly\s+"
                           r"|only\s+|just\s+)?$", re.I)
_OWN_HEDGE = re.compile(r"\b(?:maybe|max|at\s+most|tops|at\s+a\s+(?:stretch|push)|i'?d|we'?d|happy\s+to|willing)\b",
                        re.I)
"""The speaker's own hedge on an amount ("fifteen pounds a month, maybe"); not anyone's "would" ("Sue would know")."""


def costs_now(text: str) -> bool:
    """What a tool costs today said without a currency: "the website's forty-two a month", "my CAT tool is like
    forty-something a month". Not an offer ("Twenty, twenty-five a month, I could hide it in the craft money"),
    nor what was paid in the past."""
    if PAID_THEN.search(text):
        return False
    for q in _bare_prices(text):
        at = text.find(q.text)
        if at >= 0 and _COSTS_BEFORE.search(text[max(0, at - 30) : at]):
            return True
    return False


def offered_only(text: str) -> bool:
    """An amount put forward, with nothing said about paying it today: "Honestly, twelve, fifteen pounds a month,
    maybe, and only in term time." """
    return bool(_OWN_HEDGE.search(text)) and not (_SPEND_NOW.search(text) or PAID_THEN.search(text)
                                                  or costs_now(text))


def paid_for_the_job(text: str, statement: str) -> str:
    """The one-off sum paid someone to do the job ("paid a web fella eleven hundred pounds to put that booking page
    on") when it is at least PAID_MONTHS of the statement's monthly price; "" otherwise. Money spent once on the
    job, as much as months of the subscription, is what paying for it looks like."""
    if not re.search(r"\bpaid\b", text, re.I) or not PAID_TO_DO.search(text):
        return ""
    monthly = [q.value for q in quantities(statement) if q.dim is Dim.money and q.rate and not q.basis]
    if not monthly:
        return ""
    price = max(monthly)  # "$100 per vet a month ($300 a month)": the whole practice's price
    sums = [q for q in quantities(text) if q.dim is Dim.money and not q.rate and not q.basis]
    return next((q.text for q in sums if q.value >= PAID_MONTHS * price), "")
