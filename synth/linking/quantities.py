"""Quantities in speech and in hypotheses: time spent, money, counts and how often, with their rates.

"Missing documents take me an hour a month" against "at least 4 hours a week"
is a contradiction a careful reader sees at once and an embedding never will.
This module parses amounts ("seven or eight hours a week", "$1.5k a month",
"two and a half thousand", "forty bucks per seat") into one unit per
dimension (hours per week, money per month), with the bound a hypothesis puts
on them ("more than", "at least", "under", or a bare amount it claims).
synth.linking.thresholds compares what was said with a hypothesis's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache

from synth.linking.numbers import _NUM, _UNITS, number

WEEKS_PER = {"day": 1 / 5, "week": 1.0, "fortnight": 2.0, "month": 52 / 12, "quarter": 13.0, "year": 52.0}
"""How many weeks one period is (a working week of five days)."""
MONTHS_PER = {period: weeks * 12 / 52 for period, weeks in WEEKS_PER.items()}


def weeks_in(period: str) -> float:
    """Weeks in a period as `_rate_of` names it: "month", or "2 month" for "every couple of months"."""
    n, _, unit = period.rpartition(" ")
    return (float(n) if n else 1.0) * WEEKS_PER[unit]


def months_in(period: str) -> float:
    return weeks_in(period) * 12 / 52

_NUM_SMALL = r"(?:two|three|four|five|six|eight|ten|twelve|\d{1,2})"
"""How many periods in "every two weeks", "every 6 months"."""
# "seven or eight", "5-10", "5 to 10": a range, read as its midpoint.
_AMOUNT = rf"(?<![A-Za-z])(?P<num>{_NUM}(?:\s*(?:-|–|to|or)\s*{_NUM})?)"
_PERIOD = r"(?P<period>day|week|fortnight|month|quarter|year|morning|afternoon|evening|night|shift)s?"
_EVERY = r"(?P<every>other|second|third|couple\s+of|few|" + _NUM_SMALL + r")\s+(?P<nperiod>day|week|month|year)s?\b"
_RATE = (
    # "the first forty minutes of every single day"
    r"(?:\s+(?:of\s+)?(?:a|an|per|each|every(?:\s+single)?|most|for\s+the|across\s+the|over\s+the)\s+" + _PERIOD
    # "three, four hours of the shift": the part of one shift
    + r"|\s+of\s+(?:the|my|a)\s+(?P<shift>shift)\b|\s+(?P<ly>daily|weekly|monthly|quarterly|yearly|annually)"
    r"|\s+(?:once\s+)?every\s+" + _EVERY + r")"
)
_BASIS = r"(?:\s+(?:per|a|an|each|for\s+each|for\s+every)\s+(?P<basis>[a-z]+))"


class Dim(StrEnum):
    hours = "hours"
    """Time spent, in hours per week (a rate) or hours (a total)."""
    money = "money"
    """Money, per month when a rate."""
    things = "count"
    """Countable things (people, clients, seats)."""
    times = "times"
    """How often something happens, per week ("twice a month", "three times a week")."""
    duration = "duration"
    """How long something takes or waits, in hours ("more than 2 days to approve", "back within the hour")."""


class Op(StrEnum):
    at_least = ">="
    at_most = "<="
    about = "~"


@dataclass(frozen=True)
class Quantity:
    value: float
    dim: Dim
    rate: bool = False
    """True when the amount is per period (normalised to per week for hours, per month for money)."""
    basis: str = ""
    """What money or time is counted per ("client", "seat", "user"), singular; "" for the whole."""
    noun: str = ""
    """For counts: what is counted ("people", "clients")."""
    op: Op = Op.about
    text: str = ""


_LY = {"daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter", "yearly": "year", "annually": "year"}
_HEDGE_GAP = r"(?:\s+(?:about|around|roughly|approximately))?\s*$"
"""A hedge between a bound and its amount keeps the bound: "no more than about $100"."""
_OP_BEFORE = [
    # The negated bounds come first, since "no more than" contains "more than".
    (re.compile(r"(?:no|not)\s+(?:more|higher)\s+than" + _HEDGE_GAP), Op.at_most),
    # "won't pay more than about £2 a month", "I don't think we spend over three hours": a ceiling, not a floor.
    (re.compile(r"(?:n't|\bnot|\bnever)\s+(?:[a-z']+\s+){1,3}(?:more\s+than|over|above|past|beyond)" + _HEDGE_GAP),
     Op.at_most),
    (re.compile(r"(?:n't|\bnot|\bnever)\s+(?:[a-z']+\s+){1,3}(?:less|fewer)\s+than" + _HEDGE_GAP), Op.at_least),
    (re.compile(r"(?:wouldn'?t|won'?t|would\s+not|will\s+not|not)\s+go\s+(?:past|over|above|beyond)" + _HEDGE_GAP),
     Op.at_most),
    (re.compile(r"(?:no|not)\s+(?:less|fewer|lower)\s+than" + _HEDGE_GAP), Op.at_least),
    (re.compile(r"(?:more than|over|above|at least|upwards of|in excess of|no less than|exceeds?|>=?|north of|"
                r"or more|plus)" + _HEDGE_GAP), Op.at_least),
    # "it's not three hours a week": under it (read after the negated bounds above, which it is the tail of).
    (re.compile(r"(?:\bnot|n't)(?:\s+even)?" + _HEDGE_GAP), Op.at_most),
    (re.compile(r"(?:less than|under|below|at most|fewer than|no more than|up to|<=?|only|just|barely|"
                r"hardly|maybe|tops|within)" + _HEDGE_GAP), Op.at_most),
]
_OP_AFTER = [
    (re.compile(r"^\s*(?:or more|plus|and up|or above|at least)\b"), Op.at_least),
    (re.compile(r"^\s*,?\s*(?:or less|or fewer|tops|at most|max(?:imum)?)\b"), Op.at_most),
]
_WHOLE = frozenset(
    ["firm", "company", "business", "practice", "clinic", "shop", "office", "team", "organisation", "organization", "studio", "agency", "store", "restaurant", "group", "household", "family", "salon", "lab", "garage", "gym", "school", "bakery", "hotel"]
)
"""A price 'for the clinic' or 'per firm' is for the whole: basis ''."""
_BASIS_OK = frozenset(
    # Staff a price is often put per: "a tenner an instructor", "fifteen a carer".
    ["instructor", "teacher", "tutor", "engineer", "technician", "therapist", "carer", "cleaner", "driver", "coach",
     "stylist", "mechanic", "nurse", "physio", "bookkeeper", "accountant", "worker", "volunteer", "rider", "trainer",
     "groomer", "barber", "hairdresser", "photographer", "courier", "dentist", "doctor", "vet", "pupil", "student",
     "patient", "parent",
     "client", "clients", "customer", "customers", "seat", "seats", "user", "users", "person", "head", "employee", "employees", "member", "members", "location", "locations", "store", "stores", "site", "sites", "account", "accounts", "entity", "entities", "license", "licence", "chair", "chairs", "van", "vans", "vehicle", "vehicles", "truck", "trucks", "room", "rooms", "desk", "desks", "bed", "beds", "child", "children", "kid", "kids"]
)


_TIME = re.compile(
    _AMOUNT + r"(?P<orx>\s*\+|\s+or\s+(?:more|less|fewer|so))?(?P<full>\s+(?:full|whole|entire|solid|good))?"
    r"\s*(?:of\s+)?(?:(?:staff|man|person|people|admin|team|working)[\s-])?"  # "5 staff-hours a week"
    r"(?P<unit>hours?|hrs?|minutes?|mins?|days?)\b(?P<half>\s+and\s+a\s+half)?"
    r"(?:\s+(?:of\s+)?\w+ing\b)?" + rf"(?:{_RATE})?",
    re.I,
)
_HALF_HOUR = re.compile(r"\b(?:half an hour|half-hour)" + rf"(?:{_RATE})?", re.I)
_MONEY = re.compile(
    r"(?P<cur>[$€£])\s?" + _AMOUNT + r"|" + _AMOUNT.replace("?P<num>", "?P<num2>")
    + r"(?:\s+of)?\s*(?P<word>dollars|bucks|euros|pounds|quid|usd|eur|gbp)\b|\b(?P<note>an?\s+(?:tenner|fiver))\b",
    re.I,
)
_NOTES = {"tenner": 10.0, "fiver": 5.0}
_SCALED = re.compile(_AMOUNT + r"(?:(?<=thousand)|(?<=grand)|(?<=\dk))" + rf"(?={_RATE})", re.I)
_COUNT = re.compile(_AMOUNT + r"(?P<orx>\s+or\s+(?:more|fewer|less))?\s+(?P<noun>[a-z]+)(?P<ofus>\s+of\s+us)?", re.I)
_TIMES = re.compile(r"\b(?P<cnt>once|twice|thrice|" + _AMOUNT + r"\s+times)" + _RATE, re.I)
_EVENTS = re.compile(
    r"\b" + _AMOUNT + r"(?P<orx>\s+or\s+(?:more|fewer|less))?(?:\s+(?P<noun>[a-z][a-z-]*))?"
    r"(?:(?:\s+or\s+[a-z][a-z-]*)?\s+[a-z][a-z-]*)??"
    r"(?:" + _RATE + r"|\s+(?:in|during)\s+an?\s+(?:(?:normal|typical|usual|good|bad|busy|slow|quiet|average)\s+)?"
    r"(?P<period2>day|week|month|year)\b)",
    re.I,
)
"""Events per period: "3 no-shows a week", "one a week" (the count the question asked about), "two in a bad
week"."""
_NOT_EVENTS = frozenset(
    ["day", "days", "hour", "hours", "hr", "hrs", "minute", "minutes", "min", "mins", "week", "weeks", "month",
     "months", "year", "years", "time", "times", "dollars", "bucks", "pounds", "quid", "euros", "percent", "grand", "k", "of"]
)
_EVERY_OTHER = re.compile(r"\bevery\s+(?P<every>other|second|third|couple\s+of|few)\s+(?P<nperiod>day|week|month)s?\b", re.I)
_ONCE = {"once": 1.0, "twice": 2.0, "thrice": 3.0}
_TIMES_IN = re.compile(r"\b(?:the\s+|just\s+)?(?P<cnt>once|twice|thrice|" + _AMOUNT + r"\s+times)\b(?!\s+(?:a|an|per|each|every)\s)", re.I)
_ONCE_NOT_COUNT = re.compile(r"\b(?:i|we|they|you|he|she)\s+once\b|\bonce\s+(?:i|we|they|you|he|she|it|the|that|this)\b",
                            re.I)
""""I once tried it" (formerly) and "once we ran out" (as soon as) say nothing about how often."""
_CALENDAR = re.compile(
    r"\b(?:(?:in|over|during)\s+the\s+)?(?:last|this|past|previous)\s+(?P<period>week|fortnight|month|quarter|year)\b",
    re.I,
)
"""How often, counted over one calendar period named in the same sentence: "last month we only had to borrow
something the once", "it happened twice in the past week"."""
_PERSON = re.compile(r"(ists|ians|ers|ors|ees|people|staff|persons|members|folks|hires|reps|agents|partners|us)$")
_COUNT_NOUNS = frozenset(
    ["people", "staff", "employees", "accountants", "clients", "customers", "users", "seats", "members", "engineers", "developers", "managers", "hires", "reps", "agents", "locations", "stores", "sites", "patients", "students", "teams", "tools", "vendors"]
)


def _op_near(text: str, start: int, end: int) -> Op:
    before = text[max(0, start - 40) : start].lower()
    after = text[end : end + 16].lower()
    for rx, op in _OP_BEFORE:
        if rx.search(before):
            return op
    for rx, op in _OP_AFTER:
        if rx.search(after):
            return op
    return Op.about


_DAYLIKE = {"morning": "day", "afternoon": "day", "evening": "day", "night": "day", "shift": "day"}


_EVERY_N = {"other": 2, "second": 2, "third": 3, "couple of": 2, "few": 3}


def _rate_of(m: re.Match[str]) -> str:
    every = (m.groupdict().get("every") or "").lower()
    if every:
        # "once every couple of months": one period of two months.
        n = _EVERY_N.get(re.sub(r"\s+", " ", every)) or number(every) or 1
        return f"{n:g} {m.group('nperiod').lower()}"
    period = (m.groupdict().get("period") or m.groupdict().get("shift") or "").lower()
    ly = m.groupdict().get("ly") or ""
    period = period or _LY.get(ly.lower(), "")
    return _DAYLIKE.get(period, period)


def _tail_rate(text: str, end: int) -> tuple[str, str, int]:
    """(period, basis, end) read after an amount: 'per client per month', 'a month', 'each week'."""
    period, basis = "", ""
    pos = end
    for _ in range(3):
        rest = text[pos:]
        m = re.match(_RATE, rest, re.I)
        if m and not period:
            period = _rate_of(m)
            pos += m.end()
            continue
        b = re.match(_BASIS, rest, re.I) or re.match(r"\s+for\s+(?:the|my|our|a|the\s+whole)\s+(?P<basis>[a-z]+)", rest, re.I)
        if b and not basis and b.group("basis").lower() in _WHOLE:
            pos += b.end()
            continue
        per_word = bool(b) and re.match(r"\s+(?:per|for\s+each|for\s+every)\s", rest, re.I) is not None
        if b and not basis and (b.group("basis").lower() in _BASIS_OK or per_word
                                or _PERSON.search(b.group("basis").lower())):
            basis = b.group("basis").lower().rstrip("s") or b.group("basis").lower()
            pos += b.end()
            continue
        m2 = re.match(r"\s+(?:a|per)\s+(?:\w+\s+)?(?P<period>day|week|month|year)\b", rest, re.I)
        if m2 and not period:  # "an hour a working day", "per calendar month"
            period = m2.group("period").lower()
            pos += m2.end()
            continue
        break
    return period, basis, pos


_BETWEEN = re.compile(r"\bbetween(\s+" + _NUM + r"\s+)and(\s+" + _NUM + r")\b", re.I)


def _between(m: re.Match[str]) -> str:
    # The same length, so every position still points into the speech: "between two and three" -> "two to three".
    return " " * len("between") + m.group(1) + "to " + m.group(2)[1:] + " "


def quantities(text: str) -> list[Quantity]:
    """Every amount of time, money or countable things in `text`, normalised."""
    return list(_quantities(text))


@lru_cache(maxsize=8192)
def _quantities(text: str) -> tuple[Quantity, ...]:
    # Linking reads each hypothesis's statement and falsified_if once per piece of speech: parse each text once.
    return tuple(_parse(text))


def _parse(text: str) -> list[Quantity]:
    text = _BETWEEN.sub(_between, text)
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _MONEY.finditer(text):
        note = m.group("note")
        value = _NOTES[note.split()[-1].lower()] if note else number(m.group("num") or m.group("num2") or "")
        if value is None:
            continue
        period, basis, end = _tail_rate(text, m.end())
        value = value / months_in(period) if period else value
        out.append(Quantity(value, Dim.money, bool(period), basis, "", _op_near(text, m.start(), m.end()),
                            text[m.start() : end]))
        taken.append((m.start(), end))
    for m in _SCALED.finditer(text):
        # "two and a half thousand a month": thousands per period are money in an interview.
        value = number(m.group("num"))
        if value is None or not free(m.start(), m.end()):
            continue
        period, basis, end = _tail_rate(text, m.end())
        out.append(Quantity(value / months_in(period), Dim.money, True, basis, "",
                            _op_near(text, m.start(), m.end()), text[m.start() : end]))
        taken.append((m.start(), end))
    for m in _HALF_HOUR.finditer(text):
        if not free(m.start(), m.end()):
            continue
        period = _rate_of(m)
        out.append(_time(0.5, period, text, m.start(), m.end()))
        taken.append((m.start(), m.end()))
    for m in _TIME.finditer(text):
        if not free(m.start(), m.end()):
            continue
        value = number(m.group("num"))
        if value is None:
            continue
        unit = m.group("unit").lower()
        if m.group("half"):
            value += 0.5
        period = _rate_of(m)
        if unit.startswith("day"):
            # "twelve days to close" is the calendar, "on the desk three days a week" is a rota: only
            # "two full days a month" is time spent.
            # "I lose a day a week to it" is time spent too: the day is lost to, or spent on, something.
            spent = re.search(r"\b(?:lose|loses|lost|losing|spend|spends|spent|spending|waste|wastes|wasted)\s+(?:\w+\s+)?$",
                              text[max(0, m.start() - 25) : m.start()], re.I)
            if not period or not (m.group("full") or spent or re.search(r"\bworking[\s-]+days?\b", m.group(0), re.I)):
                continue
            value *= 8.0
        elif unit.startswith("min"):
            value /= 60.0
        q = _time(value, period, text, m.start(), m.end())
        orx = (m.group("orx") or "").strip().lower()
        if orx in ("+", "or more"):
            q = replace(q, op=Op.at_least)
        elif orx in ("or less", "or fewer"):
            q = replace(q, op=Op.at_most)
        out.append(q)
        taken.append((m.start(), m.end()))
    from synth.linking.time_spent import clock_ranges

    out += clock_ranges(text, taken)
    for m in _EVERY_OTHER.finditer(text):
        # "every other day something goes in the bin": once a period, with no count said.
        if free(m.start(), m.end()) and not re.search(r"\b(?:once|twice|thrice|times|\d)\s*$", text[: m.start()]):
            out.append(Quantity(1 / weeks_in(_rate_of(m)), Dim.times, True, "", "", _op_near(text, m.start(), m.end()),
                                m.group(0)))
            taken.append((m.start(), m.end()))
    for m in _TIMES.finditer(text):
        if not free(m.start(), m.end()):
            continue
        cnt = m.group("cnt").lower()
        value = _ONCE.get(cnt) or number(m.group("num") or "")
        period = _rate_of(m)
        if value is None or not period:
            continue
        out.append(Quantity(value / weeks_in(period), Dim.times, True, "", "", _op_near(text, m.start(), m.end()),
                            m.group(0)))
        taken.append((m.start(), m.end()))
    for m in _TIMES_IN.finditer(text):
        if not free(m.start(), m.end()):
            continue
        cnt = m.group("cnt").lower()
        value = _ONCE.get(cnt) or number(m.group("num") or "")
        sentence = _sentence_around(text, m.start(), m.end())
        cal = _CALENDAR.search(sentence)
        if value is None or cal is None or (cnt == "once" and _ONCE_NOT_COUNT.search(text, 0, m.end() + 8)):
            continue
        period = cal.group("period").lower()
        out.append(Quantity(value / weeks_in(period), Dim.times, True, "", "", _op_near(text, m.start(), m.end()),
                            m.group(0)))
        taken.append((m.start(), m.end()))
    conditional = bool(_PUT_FORWARD.search(text))
    for m in _EVENTS.finditer(text):
        noun = (m.group("noun") or "").lower()
        if noun in _NOT_EVENTS or noun in _UNITS or not free(m.start(), m.end()):
            continue
        paying = bool(_PAYING.search(text))
        if not noun and (paying or (conditional and (number(m.group("num")) or 0) >= 5)):
            # "if it was more like twenty-five a month" is a price put forward, "I was paying a lad two hundred a
            # month" one paid: neither is how often something happens. "I'd say one a fortnight, if that" is.
            continue
        value = number(m.group("num"))
        period = _rate_of(m) or (m.group("period2") or "").lower()
        if value is None or not period or (m.group("num").lower() in ("a", "an")):
            continue
        orx = (m.group("orx") or "").strip().lower()
        op = Op.at_least if orx == "or more" else Op.at_most if orx else _op_near(text, m.start(), m.end())
        out.append(Quantity(value / weeks_in(period), Dim.times, True, "", _singular(noun), op, m.group(0)))
        taken.append((m.start(), m.end()))
    for m in _COUNT.finditer(text):
        noun = m.group("noun").lower()
        if m.group("ofus") or (noun == "of" and text[m.end("noun") : m.end("noun") + 3].lower() == " us"):
            noun = "people"  # "three of us"
        if not (noun in _COUNT_NOUNS or _PERSON.search(noun)) or not free(m.start(), m.end()):
            continue
        value = number(m.group("num"))
        if value is None or (m.group("num").lower() in ("a", "an")):
            continue
        orx = (m.group("orx") or "").strip().lower()
        op = Op.at_least if orx == "or more" else Op.at_most if orx else _op_near(text, m.start(), m.end())
        out.append(Quantity(value, Dim.things, False, "", noun, op, m.group(0)))
    from synth.linking.durations import durations, time_per_event

    out += durations(text)
    out += time_per_event(text, out)
    from synth.linking.time_spent import added_time

    return added_time(text, out)


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end] (up to the nearest ., ; ! or ? either side)."""
    left = max(text.rfind(c, 0, start) for c in ".;!?") + 1
    rights = [i for i in (text.find(c, end) for c in ".;!?") if i >= 0]
    return text[left : min(rights) if rights else len(text)]


_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)"
_IMPLIED = re.compile(
    r"^[^.;!?,]{0,40}?\b(?:(?P<month>(?:every|each|of\s+the|of\s+every|of\s+each)\s+month\b)"
    r"|(?P<week>(?:every|each)\s+" + _WEEKDAY + r"\b|on\s+" + _WEEKDAY + r"s\b|on\s+an?\s+(?:\w+\s+)?" + _WEEKDAY
    + r"\b))",
    re.I,
)
"""A period said later in the clause: "a couple of hours on the last Sunday of the month", "three hours every
Sunday", "six hours in the first week of the month" (a week)."""
_TYPICAL = re.compile(
    r"\b(?:on|in|over)\s+an?\s+(?:normal|typical|usual|average|ordinary|good|bad|busy|quiet|slow)\s+"
    r"(?:(?P<day>day|morning|afternoon|evening|shift)|(?P<week>week|" + _WEEKDAY + r")|(?P<month>month))\b",
    re.I,
)
"""A typical period said before the amount: "on a normal morning it's twenty minutes, maybe half an hour"."""
_IN_A = re.compile(
    r"\s+(?:in|during|over)\s+an?\s+(?:[\w-]+\s+){0,3}?(?:(?P<day>day)|(?P<week>week)|(?P<month>month))\b", re.I)
"""...or right after it: "under an hour in a normal term-time week"."""
_EVERY_DAY = re.compile(r"\b(?:every|each|most)\s+(?:single\s+)?(?:day|morning|afternoon|evening|night|weekday)\b"
                        r"(?!\s+(?:of|in|for|this|last|next)\b)", re.I)
"""A daily habit said before the amount: "the whole morning, every morning, nine till twelve"."""
_HABIT_DAY = re.compile(
    r"\b(?:every|each)\s+" + _WEEKDAY + r"\b|\bon\s+(?:an?\s+)?" + _WEEKDAY + r"s?\b(?!\s+(?:the\s+)?\d)|\b"
    + _WEEKDAY + r"s\b|(?<!last )(?<!this )(?<!next )\b" + _WEEKDAY + r"\s+(?:night|morning|afternoon|evening)s?\b",
    re.I,
)
"""A day of the week said before the amount, as a habit: "Dani sends the texts on Sunday night, and that's forty
minutes", "apart from Fridays, which are four or five hours", "on a Friday afternoon ... it takes ten minutes"."""


def _time(hours: float, period: str, text: str, start: int, end: int) -> Quantity:
    if not period:
        period, basis, end2 = _tail_rate(text, end)
        implied = _IMPLIED.match(text[end2:]) if not period else None
        if implied:
            # "six hours in the first week of the month" is a week's time; "on the last Sunday of the month" a month's.
            in_week = re.search(r"\bweeks?\b", implied.group(0), re.I)
            period = "month" if implied.group("month") and not in_week else "week"
        elif not period:
            before = re.split(r"[.;!?]", text[:start])[-1]
            typical = _TYPICAL.search(before) or _IN_A.match(text[end2:])
            if typical:
                period = "day" if typical.group("day") else "week" if typical.group("week") else "month"
            elif _HABIT_DAY.search(before):
                period = "week"
            elif _EVERY_DAY.search(before):
                period = "day"
    else:
        basis, end2 = "", end
    weekly = hours / weeks_in(period) if period else hours
    return Quantity(weekly, Dim.hours, bool(period), basis, "", _op_near(text, start, end), text[start:end2])


_PAYING = re.compile(r"\b(?:pay|pays|paying|paid|cost|costs|costing|spend|spends|spending|spent|charge[sd]?|charging"
                     r"|price[sd]?|budget|fee|fees|subscription)\b", re.I)
_PUT_FORWARD = re.compile(r"\bif\b|\b(?:would|i'?d|we'?d)\s+(?:\w+\s+)?(?:pay|go|do|say|put|spend|budget)\b", re.I)
"""A price put forward ("if it was more like twenty-five a month", "I'd go to twenty"), not "more than I'd like"."""
_WOULD = re.compile(r"\b(?:would|i'?d|we'?d|willing|happy\s+to|could|if)\b(?!\s+(?:guess|say|think|imagine|reckon))", re.I)
"""An offer or a condition: what they would pay, not what they pay ("I'd guess" is neither)."""


def _singular(noun: str) -> str:
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") and len(noun) > 3 else noun
