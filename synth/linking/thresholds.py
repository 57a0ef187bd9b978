"""Amounts said against a hypothesis's own thresholds: the verdict a careful reader gives.

"an hour a month" against "at least 4 hours a week" contradicts; "$40 per
client", falsified by "well below $40 per client", leaves a spoken $40 to the
reaction around it. Amounts are parsed by synth.linking.quantities.

Only like with like is compared: time with time, money with money, a rate with
a rate of the same basis ("per client" only with "per client"). When either
side lacks what the comparison needs, the answer is "no verdict" rather than a
guess.
"""

from __future__ import annotations

import re
from dataclasses import replace
from enum import StrEnum

from synth.linking.numbers import _NUM, number
from synth.linking.quantities import (
    _AMOUNT,
    _PERSON,
    _RATE,
    _WHOLE,
    _WOULD,
    WEEKS_PER,
    Dim,
    Op,
    Quantity,
    _op_near,
    _tail_rate,
    months_in,
    quantities,
    weeks_in,
)


class Verdict(StrEnum):
    supports = "supports"
    contradicts = "contradicts"
    none = "none"


_OFFER = re.compile(r"\b(would|i'?d|we'?d|maybe|max|at most|tops|willing|happy to|could|at a (?:stretch|push))\b", re.I)
"""Words that make an amount an offer, not what they pay today for something else."""
_NOT_OFFERED = re.compile(r"\b(?:one[\s-]off|once|up\s*front|set[\s-]?up|lifetime|outright|lost|lose|wrote|written"
                          r"|spent|paid|owe|owed|costs?\s+(?:us|me))\b", re.I)
"""A price paid once, or money lost or spent, is not a monthly price offered."""

def _offered(text: str, q: Quantity) -> bool:
    """Is the amount put forward as a price: an offer word right next to it ("thirty quid, forty at a stretch")?"""
    at = text.find(q.text)
    return at >= 0 and bool(_OFFER.search(text[max(0, at - 25) : at + len(q.text) + 25]))


NEAR_MISS = 0.8
"""An amount within this fraction of a threshold is too close to call against it ("about 3.5 hours" vs 4)."""


def _comparable(claim: Quantity, said: Quantity) -> bool:
    if claim.dim is not said.dim:
        return False
    if claim.dim is Dim.things:
        # Team sizes: "three of us" and "five or more therapists" both count people.
        return claim.noun == said.noun or (_is_person(claim.noun) and _is_person(said.noun))
    if claim.dim is Dim.times and said.noun and claim.noun != said.noun:
        return False  # "fifty customers a week" is not "3 no-shows a week"; "one a week" answers either
    if claim.dim is Dim.times and claim.noun and not said.noun and said.value > BARE_COUNT_SPAN * claim.value:
        # "The hire software's about two hundred and forty a month" is no count of "2 scaffolds a month": a bare
        # number that far past a counted threshold is money or something else, not that count.
        return False
    if claim.dim is Dim.money:
        if claim.basis != said.basis:
            return False
        # A monthly price against a one-off sum (or the reverse) is not like with like,
        # except per client/seat where the period is usually left unsaid.
        return claim.rate == said.rate or bool(claim.basis)
    if claim.dim is Dim.duration:
        return True  # how long it takes, however said: hours, days or weeks
    return claim.rate and said.rate


BARE_COUNT_SPAN = 20.0
"""How far past a counted threshold a bare "so many a week" may be and still be read as that count."""


def _segment(claim: Quantity) -> bool:
    """A count of people given as a range ("20 to 50 people", "(2-25 people)"): who, not how much."""
    return claim.dim is Dim.things and claim.op is Op.about and bool(re.search(r"\w\s*(?:-|–|to)\s*\w", claim.text))


def _is_person(noun: str) -> bool:
    return noun in ("people", "staff") or (bool(_PERSON.search(noun)) and noun not in ("users", "customers", "clients"))


def _satisfies(claim: Quantity, value: float) -> bool | None:
    """Does `value` meet the claim? None when too close to call."""
    t = claim.value
    if claim.op is Op.at_most:
        if value <= t * 1.05:
            return True
        return False if value > t / NEAR_MISS else None
    # A bare amount ("will pay $40 per client") is read as "at least about that much".
    if value >= t * 0.95:
        return True
    return False if value < t * NEAR_MISS else None


_SPEND_NOW = re.compile(
    r"\b(?:we|i)(?:\s+|(?='))(?:already\s+|currently\s+|also\s+|just\s+)?(?:pay|spend|are\s+paying|'re\s+(?:already\s+)?paying|"
    r"'m\s+(?:already\s+)?paying|'ve\s+been\s+paying|have\s+been\s+paying)\b|\bcosts?\s+(?:us|me)\b",
    re.I,
)
"""What someone pays today ("we pay about sixty a month", "it costs us...")."""


def _well_under(claim: Quantity, falsified_if: str) -> Quantity:
    """"Well under £150 a month" falsifies only what is clearly under it: £130 is a near miss, not well under."""
    if claim.op is Op.at_most and claim.text and re.search(
            r"\b(?:well|far|much|way|a\s+lot)\s+(?:under|below|less\s+than|short\s+of)\s+(?:about\s+|around\s+)?"
            + re.escape(claim.text), falsified_if, re.I):
        return replace(claim, value=claim.value * NEAR_MISS)
    return claim


def _paid_now(text: str) -> str:
    """The words from "we pay" / "we're paying" to the end of its clause when no offer or condition comes
    between them and an amount ("we're paying ServiceTrack three hundred a month"); "" otherwise."""
    for m in _SPEND_NOW.finditer(text):
        clause = re.split(r"[.;!?]|,\s+(?:but|and|so)\b", text[m.end():], maxsplit=1)[0]
        head = _WOULD.split(clause, maxsplit=1)[0]
        if head.strip():
            return head
    return ""


_PAY_CLAIM = re.compile(r"\b(?:pay|paid|price[ds]?|pricing|charge[ds]?|subscri\w+)\b", re.I)


_BARE_PRICE = re.compile(_AMOUNT + _RATE + r"(?!\s*(?:hours?|minutes?|times|visits|sessions|calls))", re.I)
BARE_PRICE_MIN = 5.0
"""A bare "twenty-five a month" is read as a price only from here up ("two a month" is more likely a count)."""


_OFFERED = re.compile(
    r"\b(?:go\s+(?:up\s+)?to|pay|stretch\s+to|do\s+it\s+for)\s+(?:maybe\s+|like\s+|about\s+|around\s+)?"
    + _AMOUNT + r"\b(?!\s*(?:%|percent|hours?|minutes?|times|days?|weeks?|months?|years?|people|of\b))",
    re.I,
)
"""An amount offered with no currency and no period ("I'd go to forty, maybe forty-five for the whole business")."""
_FOR_WHOLE = re.compile(
    _AMOUNT + r"(?:,?\s+(?:maybe\s+)?(?:" + _NUM + r"))?(?:\s+at\s+a\s+push|\s+tops|\s+max)?,?\s+for\s+(?:(?:the|my|our)\s+"
    r"(?:whole\s+)?(?:" + "|".join(sorted(_WHOLE, key=len, reverse=True)) + r")\b|(?:the|all)\s+(?:\w+\s+)?of\s+us\b)",
    re.I,
)
"""An amount said as the price for the whole ("maybe eighty, a hundred at a push, for the whole agency")."""
_FLAT_FALSIFIES = re.compile(r"\bflat\b|\bfor\s+the\s+whole\b|\b(?:whole|entire)\s+(?:" + "|".join(sorted(_WHOLE))
                             + r")\b", re.I)
"""A falsifier that names a flat price for the whole ("would only pay a flat monthly fee for the whole firm")."""
_WHOLE_NOUN = (r"(?:(?:whole|entire)\s+[a-z]+|(?:" + "|".join(sorted(_WHOLE)) + r"|site|chain|fleet|yard|depot|society|club"
               r"|centre|center|venue)\b)")
_WHOLE_AFTER = re.compile(r"^[^.?!;]*?\bfor\s+(?:the|my|our|a)\s+" + _WHOLE_NOUN, re.I)
_WHOLE_BEFORE = re.compile(r"\b(?:for\s+(?:the|my|our)\s+" + _WHOLE_NOUN + r"|one\s+price|flat\s+(?:fee|price|rate))"
                           r"[^.?!;]{0,12}$", re.I)


def _for_whole(text: str, q: Quantity) -> bool:
    """The amount is said as the price for the whole: "... a month for the firm", "a hundred and fifty a year for the
    whole site", "For the whole thing, like, eighty bucks a month", "One price for the practice, twenty-five quid"."""
    at = text.find(q.text)
    return at >= 0 and bool(_WHOLE_AFTER.search(text[at : at + len(q.text) + 24])
                            or _WHOLE_BEFORE.search(text[max(0, at - 60) : at]))


_DOUBTED = re.compile(r"\b(?:not|never|no|don'?t|doesn'?t|wouldn'?t|won'?t|can'?t|couldn'?t|doubt)\b[^.,;!?]{0,30}$", re.I)


def _bare_amount(text: str) -> float:
    """The number a bare "a hundred a month" says (0 for "twice a month", "two in a bad week", "every other day")."""
    m = re.match(_AMOUNT + _RATE + r"$", text, re.I)
    return (number(m.group("num")) or 0.0) if m else 0.0


def _falsifies(claim: Quantity, said: Quantity) -> bool:
    """Does `said` meet a bound the falsifier sets ("under 2 hours a week")? A bare amount there sets none."""
    if {claim.op, said.op} == {Op.at_least, Op.at_most}:
        return False  # "at least two hours" is not "under three hours", nor "under five" "over three"
    return _comparable(claim, said) and claim.op is not Op.about and _satisfies(claim, said.value) is True


def _bare_prices(text: str, period: str = "") -> list[Quantity]:
    """Amounts with a rate but no currency ("twenty, twenty-five a month"), read as money: only called
    for speech about paying against a hypothesis with a price. With `period` (the one the hypothesis prices
    in), an amount offered with no period at all is read in it: the answer to a monthly price is monthly."""
    out: list[Quantity] = []
    for m in _BARE_PRICE.finditer(text):
        value = number(m.group("num"))
        if value is None or value < BARE_PRICE_MIN:
            continue
        period_said, basis, end = _tail_rate(text, m.end("num"))
        if not period_said:
            continue
        out.append(Quantity(value / months_in(period_said), Dim.money, True, basis, "",
                            _op_near(text, m.start(), m.end()), text[m.start() : end]))
    if period and not out:
        read: set[int] = set()  # an amount both patterns find ("go to forty ... for the whole business") once
        for m in [*_OFFERED.finditer(text), *_FOR_WHOLE.finditer(text)]:
            if m.start("num") in read:
                continue
            read.add(m.start("num"))
            value = number(m.group("num"))
            if value is None or value < BARE_PRICE_MIN or _DOUBTED.search(text[: m.start()]):
                continue  # "I don't know that we'd pay sixty": a price doubted is not one offered
            period_said, basis, end = _tail_rate(text, m.end("num"))
            out.append(Quantity(value / months_in(period_said or period), Dim.money, True, basis, "",
                                _op_near(text, m.start("num"), m.end("num")), text[m.start("num") : end]))
    return out


_PARTIAL = re.compile(
    r"\b(?:that'?s|that\s+is|and)\s+(?:just|only)\s+(?:me|mine|my\s+(?:bit|part|share|side|end)|for\s+me|one\s+of\s+us)\b"
    r"|\bnot\s+(?:counting|including)\s+(?:the\s+others|everyone\s+else|the\s+rest(?:\s+of\s+(?:us|them))?)\b",
    re.I,
)
"""One person's part of a total: "and that's just me", "not counting the others"."""
_COLLECTIVE = re.compile(r"\b(?:volunteers|staff|team|office|everyone|in\s+total|across|altogether|between\s+them|combined"
                         r"|staff-hours|person-hours)\b", re.I)
"""A hypothesis about a total over several people ("takes the volunteers at least 20 hours a month")."""
_ONE_PERSON = re.compile(r"^\s*(?:(?:[A-Z][a-z]+)(?:'s)?\s+(?:done|does|did|do|has|spends|spent|takes|took|runs|ran)\b"
                         r"|(?:[Hh]e|[Ss]he)(?:'s)?\s+(?:done|does|did|spends|spent|takes|took|runs|ran|has)\b)")
"""...and speech about what one named person does ("Gerry's done the laser induction every Saturday")."""
_GAIN = re.compile(
    r"\bif\s+(?:it|this|that|something|you|(?:the|a|an|your)\s+(?:tool|app|product|software|system|service))\s+"
    r"(?:\w+\s+){0,2}?(?:saved?|saves|gave|give[sn]?|freed|frees|free\s+up|cut|cuts)\b[^.?!;]*",
    re.IGNORECASE,
)
"""A conditional saving: the amounts in it are what a tool might give back, not what it costs today."""


def _read(text: str, statement: str, falsified_if: str, spend_now: bool = False,
          price_talk: bool = False) -> tuple[list[Quantity], list[Quantity], list[Quantity]]:
    """(amounts said, as the hypothesis would read them; its statement's claims; its falsifier's claims)."""
    said = quantities(text)
    if not said and not _WOULD.search(text) and not _PAY_CLAIM.search(text):
        return [], [], []  # the common case, before the hypothesis is parsed
    # "Architects at practices of 20 to 50 people": a range of people says who the hypothesis is about, not what it
    # claims of them; someone outside it is another segment, not evidence against.
    s_claims = [c for c in quantities(statement) if not _segment(c)]
    f_claims = [c for c in quantities(falsified_if) if not _segment(c)]
    # "One no-show a month" answers "lose 3 appointments a week to no-shows": the hypothesis names what is counted.
    claimed_nouns = {c.noun for c in s_claims + f_claims}
    said = [replace(q, noun="") if q.dim is Dim.times and q.noun and q.noun not in claimed_nouns
            and re.search(rf"\b{re.escape(q.noun)}", f"{statement} {falsified_if}", re.I) else q for q in said]
    if price_talk and not _PAY_CLAIM.search(statement):
        # "Twenty-five bucks a month I wouldn't have to think about, but sixty, no" is a price, not what reprints
        # cost: against "reprints cost at least $500 a month" its money says nothing.
        said = [q for q in said if q.dim is not Dim.money]
    elif _PAY_CLAIM.search(statement) and (spend_now or _SPEND_NOW.search(text)) and not _WOULD.search(text):
        # Current spend is a behaviour, not a price they would pay: against "will pay $40 a month", "we pay
        # about sixty a month for the rota software" is neither for nor against. Only the sentences that say so:
        # "I already pay the GPS people per van. For the whole thing, like, eighty bucks a month." offers a price.
        spent = " ".join(p for p in re.split(r"(?<=[.?!])\s+", text) if spend_now or _SPEND_NOW.search(p))
        said = [q for q in said if q.dim is not Dim.money or q.text not in spent]
    elif _PAY_CLAIM.search(statement) and (paying := _paid_now(text)):
        # "...why we're paying ServiceTrack three hundred a month if it can't do this": the amount right after
        # "we're paying" is what they pay today, whatever condition comes later in the sentence.
        said = [q for q in said if q.dim is not Dim.money or q.text not in paying]
    elif not any(q.dim is Dim.money and not q.basis for q in said) and (_WOULD.search(text) or _PAY_CLAIM.search(text)) and any(
            c.dim is Dim.money for c in s_claims + f_claims):
        priced = [c for c in s_claims + f_claims if c.dim is Dim.money and c.rate]
        said += _bare_prices(text, "month" if priced else "")
    if any(c.rate and c.dim in (Dim.money, Dim.hours) for c in s_claims + f_claims):
        pay_claim = bool(_PAY_CLAIM.search(statement))
        said = _per_event(text, said, pay_claim=pay_claim)
        # "On the last Friday of the month, it's maybe two hours"; "last year was maybe six hundred quid": the
        # sentence names the period its amount covers, just not right after it. Not against a price (money said
        # then is mostly what other tools cost), nor "each one takes ten minutes" (per item, not per period).
        period = _one_period(text)
        if period:
            per_item = bool(_PER_ITEM.search(text))
            said = [_per_period(q, period, said) if not (q.dim is Dim.money and pay_claim)
                    and not (q.dim is Dim.hours and per_item) else q for q in said]
    if (any(c.dim is Dim.money and c.rate for c in s_claims + f_claims)
            and not any(c.dim is Dim.times for c in s_claims + f_claims)):
        # Against a monthly price, and with nothing counted per period in the hypothesis, "a hundred a month" is a
        # price, not a hundred events.
        said = [Quantity(q.value * WEEKS_PER["month"], Dim.money, True, "", "", q.op, q.text)
                if q.dim is Dim.times and not q.noun and _bare_amount(q.text) >= BARE_PRICE_MIN else q for q in said]
    if any(c.dim is Dim.money and c.rate for c in s_claims + f_claims) and not _NOT_OFFERED.search(text):
        # "Thirty quid, forty at a stretch" put to a monthly price is a monthly price.
        said = [replace(q, rate=True) if q.dim is Dim.money and not q.rate and not q.basis and _offered(text, q) else q
                for q in said]
    if _PARTIAL.search(text) or (_COLLECTIVE.search(statement) and _ONE_PERSON.search(text)):
        # "I lose the first forty minutes of every day to it, and that's just me": one person's part of a total,
        # so the total is at least that much.
        said = [replace(q, op=Op.at_least) if q.dim is Dim.hours else q for q in said]
    gain = _GAIN.search(text)
    if gain:
        # "If it gave each bookkeeper back four hours a month, that's forty hours across the team": time a tool
        # might save, not time spent today.
        said = [q for q in said if not (q.dim is Dim.hours and q.text and q.text in gain.group(0))]
    return said, s_claims, f_claims


_PERIOD_SAID = re.compile(
    r"\b(?:last|this|a|per|every|each|over\s+the|in\s+a|the\s+whole|of\s+the|for\s+the(?:\s+one)?|in\s+one)\s+"
    r"(?P<p>week|month|year)\b"
    r"|\b(?P<ly>week|month|year)ly\b|\bannually\b|\bat\s+the\s+(?P<end>year|month)(?:'s)?[\s-]end\b",
    re.IGNORECASE,
)


_PER_ITEM = re.compile(r"\beach\b(?!\s+(?:week|month|year|day)\b)|\bper\s+(?!week|month|year|day)\w+|\ba\s+(?:go|time|piece)\b",
                       re.IGNORECASE)


_LOSS = re.compile(r"\b(?:refund\w*|money\s+back|give\s+(?:them|it)\b[^.?!;]{0,30}\bback|lose|lost|losing|write\s+off|"
                   r"written\s+off|cost\w*|pay(?:ing)?\s+out)\b", re.IGNORECASE)


def _per_event(text: str, said: list[Quantity], *, pay_claim: bool) -> list[Quantity]:
    """"Five nights a week ... two hours easily" is ten hours a week; "every other day ... I'd give them the
    twelve quid back" is a loss per day: an amount per event times how often.

    Only for one how-often and one amount in the sentence; money only when it is a loss or a refund (what a job
    earns is no cost), and never against a price."""
    times = [q for q in said if q.dim is Dim.times and q.rate]
    if len(times) != 1:
        return said
    out = []
    for q in said:
        one = not q.rate and not q.basis and sum(o.dim is q.dim and not o.rate for o in said) == 1
        if one and q.dim is Dim.hours:
            out.append(replace(q, value=q.value * times[0].value, rate=True))
        elif one and q.dim is Dim.money and not pay_claim and _LOSS.search(text):
            out.append(replace(q, value=q.value * times[0].value * WEEKS_PER["month"], rate=True))
        else:
            out.append(q)
    return out


def _one_period(text: str) -> str:
    """The one period a sentence names ("month" for "on the last Friday of the month"), or "" for none or several."""
    found = {(m.group("p") or m.group("ly") or m.group("end") or "year").lower() for m in _PERIOD_SAID.finditer(text)}
    return found.pop() if len(found) == 1 else ""


def _per_period(q: Quantity, period: str, said: list[Quantity]) -> Quantity:
    """An amount of hours or money with no rate of its own, read per the sentence's period; others unchanged.

    Only when nothing else in the sentence already has that dimension's rate ("two hours a week, and it took
    three hours once" keeps its one-off), and never for a sum per client or seat."""
    if q.rate or q.basis or q.dim not in (Dim.hours, Dim.money):
        return q
    if any(o.rate and o.dim is q.dim for o in said):
        return q
    if q.dim is Dim.money:
        return replace(q, value=q.value / months_in(period), rate=True)
    return replace(q, value=q.value / weeks_in(period), rate=True)


def names_an_amount(text: str, statement: str, falsified_if: str = "") -> bool:
    """Does the speech state an amount the hypothesis has a threshold for, even one right on it ("twenty a month
    isn't much" against £20 a month)? That makes it relevant, whichever way the reaction goes."""
    said, s_claims, f_claims = _read(text, statement, falsified_if)
    return any(_comparable(c, q) for c in s_claims + f_claims for q in said)


def compare(text: str, statement: str, falsified_if: str = "", *, spend_now: bool = False,
            price_talk: bool = False) -> tuple[Verdict, str]:
    """Whether the amounts in `text` meet the hypothesis's thresholds, and a reason in words.

    `spend_now`: the speech is already known to tell what someone pays today (an insight of kind behaviour);
    `price_talk`: it is a price someone would pay or refuses, so its money is no cost or loss.
    """
    said, s_claims, f_claims = _read(text, statement, falsified_if, spend_now, price_talk)
    if not said:
        return Verdict.none, ""
    # An amount on the line both name ("forty a client" against "$40 per client", falsified by "well below $40
    # per client") says nothing by itself: it is the price being put to them, and the reaction to it ("I'd pay
    # it without thinking", "I'd say no") decides, through the stance cues.
    said = [q for q in said
            if not (any(_comparable(c, q) and _satisfies(c, q.value) is True for c in s_claims)
                    and any(_falsifies(c, q) for c in f_claims))]
    for claim in f_claims:
        for q in said:
            if _falsifies(_well_under(claim, falsified_if), q):
                return Verdict.contradicts, f"'{q.text.strip()}' is what would falsify it ('{claim.text.strip()}')"
    votes: list[tuple[Verdict, str]] = []
    offering = bool(_OFFER.search(text))
    if (offering or price_talk) and _FLAT_FALSIFIES.search(falsified_if) and not any(
            c.dim is Dim.money and not c.basis for c in f_claims):
        # "A hundred, hundred and fifty a month for the firm" against "$40 per client", falsified if "they would only
        # pay a flat monthly fee for the whole firm": the hypothesis names that very answer as against it, and
        # gives no whole-firm figure to hold the amount to.
        whole = [q for q in said if q.dim is Dim.money and not q.basis and _for_whole(text, q)]
        for claim in s_claims if whole else []:
            if claim.dim is Dim.money and claim.basis and claim.op is not Op.at_most:
                return Verdict.contradicts, (f"'{whole[0].text.strip()}' is a flat price for the whole, what would "
                                             f"falsify it against '{claim.text.strip()}'")
    for claim in s_claims:
        for q in said:
            if (offering and claim.dim is Dim.money and claim.basis and not q.basis and q.dim is Dim.money
                    and claim.op is not Op.at_most and q.value < claim.value * NEAR_MISS):
                # "Maybe twenty a month for the clinic" against "50 per therapist": the whole for less than one.
                votes.append((Verdict.contradicts, f"'{q.text.strip()}' for the whole is below '{claim.text.strip()}'"))
                continue
            if not _comparable(claim, q):
                continue
            ok = _satisfies(claim, q.value)
            if ok is True and not (q.op is Op.at_most and claim.op is not Op.at_most and q.value < claim.value):
                votes.append((Verdict.supports, f"'{q.text.strip()}' meets '{claim.text.strip()}'"))
            elif ok is None and claim.dim is Dim.money and q.op is Op.at_most and claim.op is not Op.at_most \
                    and q.value < claim.value * 0.95:
                # "Thirty, maybe thirty-five a month" against £39: a ceiling under the price, however close.
                votes.append((Verdict.contradicts, f"'{q.text.strip()}' at most, under '{claim.text.strip()}'"))
            elif ok is False and q.op is Op.at_least and claim.op is not Op.at_most:
                # "Forty minutes of every day, and that's just me" against "at least 5 staff-hours a week": a floor
                # under the threshold says nothing about where the total is.
                continue
            elif ok is False:
                votes.append((Verdict.contradicts, f"'{q.text.strip()}' falls short of '{claim.text.strip()}'"
                              if claim.op is not Op.at_most else
                              f"'{q.text.strip()}' exceeds '{claim.text.strip()}'"))
    if not votes:
        return Verdict.none, ""
    kinds = {v for v, _ in votes}
    if len(kinds) > 1:
        return Verdict.none, "amounts on both sides of its threshold"
    return votes[0]
