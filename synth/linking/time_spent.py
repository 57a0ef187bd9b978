"""Time spent said in pieces: as a span of the day ("on my phone from eight till half nine most nights" is an hour
and a half a night, "Sunday night from seven till gone ten" three hours a week), or added up ("forty minutes with
the calendar, and then another couple of hours on the messages").

Read by synth.linking.quantities.quantities, with every other amount; the period comes from the words around the
amount, as for any other amount of time.
"""

from __future__ import annotations

import re
from dataclasses import replace

from synth.linking.numbers import _TAILWORD, number
from synth.linking.quantities import (
    _TIME,
    Dim,
    Op,
    Quantity,
    _sentence_around,
    _time,
)

_CLOCK = (r"(?:(?P<{0}h>half|quarter)\s+(?P<{0}r>past\s+|to\s+)?)?(?P<{0}>\d{{1,2}}(?:[:.][0-5]\d)?|" + _TAILWORD
          + r")(?:\s*(?:am|pm|a\.m\.|p\.m\.|o'?clock))?")
_CLOCK_RANGE = re.compile(
    r"\bfrom\s+(?:about\s+|around\s+)?" + _CLOCK.format("a") + r"\s+(?:till|until|to|'?til|through\s+to)\s+"
    r"(?:gone\s+|about\s+|around\s+|nearly\s+|after\s+|past\s+)?" + _CLOCK.format("b")
    + r"\b(?!\s*(?:hours?|minutes?|mins?|hrs?|days?|weeks?|months?|years?|times|people|per|%|percent|\w+s\b))",
    re.I,
)
_CLOCK_TILL = re.compile(
    # "every morning, nine till twelve": without "from", only "till" or "until" makes two numbers a span of the day.
    r"(?<![\w-])" + _CLOCK.format("a") + r"\s+(?:till|until|'?til)\s+"
    r"(?:gone\s+|about\s+|around\s+|nearly\s+|after\s+|past\s+)?" + _CLOCK.format("b")
    + r"\b(?!\s*(?:hours?|minutes?|mins?|hrs?|days?|weeks?|months?|years?|times|people|per|%|percent|\w+s\b))",
    re.I,
)
_CLOCK_CONTEXT = re.compile(r"\b(?:am|pm|o'?clock|gone|half|quarter|nights?|mornings?|evenings?|afternoons?|lunch|tea"
                            r"|breakfast|dinner|bed|shift)\b|\d[:.][0-5]\d", re.I)
"""A range is a time of day only with a word that says so: "from seven till gone ten", not "from one to ten"."""


def _clock(m: re.Match[str], side: str) -> float | None:
    raw = m.group(side).lower()
    hm = re.fullmatch(r"(\d{1,2})(?:[:.]([0-5]\d))?", raw)
    hour = (float(hm.group(1)) + (float(hm.group(2)) / 60 if hm.group(2) else 0.0)) if hm else number(raw)
    if hour is None or not 0 < hour <= 24:
        return None
    part, rel = (m.group(side + "h") or "").lower(), (m.group(side + "r") or "").strip().lower()
    frac = 0.5 if part == "half" else 0.25 if part == "quarter" else 0.0
    # "half nine" is half past nine (British); "quarter to ten" is 9:45.
    return hour - frac if rel == "to" else hour + frac


def clock_ranges(text: str, taken: list[tuple[int, int]]) -> list[Quantity]:
    """Time spent said as a span of the day: "on my phone from eight till half nine most nights" is 1.5 hours a
    night; "Sunday night from seven till gone ten" three hours a week."""
    out: list[Quantity] = []
    for m in sorted([*_CLOCK_RANGE.finditer(text), *_CLOCK_TILL.finditer(text)], key=lambda m: m.start()):
        if any(not (m.end() <= a or m.start() >= b) for a, b in taken):
            continue
        if not _CLOCK_CONTEXT.search(_sentence_around(text, m.start(), m.end())):
            continue
        a, b = _clock(m, "a"), _clock(m, "b")
        if a is None or b is None:
            continue
        span = (b - a) % 12
        if not 0 < span <= 10:
            continue
        q = _time(span, "", text, m.start(), m.end())
        out.append(replace(q, op=Op.at_least if re.search(r"\b(?:gone|after|past)\s+\S+$", m.group(0), re.I)
                           and not m.group("bh") else q.op))
        taken.append((m.start(), m.end()))
    return out


_ANOTHER_HOUR = re.compile(r"\b(?:another|an\s+extra|a\s+further)\s+(?:half\s+(?:an\s+)?hour|half-hour|hour)\b", re.I)
_ANOTHER = re.compile(r"\b(?:another|plus|on\s+top(?:\s+of\s+that)?)\s*$", re.I)


def added_time(text: str, said: list[Quantity]) -> list[Quantity]:
    """Two amounts of time where the second is "another" are one total: "forty minutes with the calendar, and then
    the messages are another couple of hours across the week" is nearly three hours a week, not forty minutes."""
    hours = [q for q in said if q.dim is Dim.hours]
    if len(hours) == 1:
        # "about two hours for the postcards, and then maybe another hour ringing round": "another hour" has no number.
        at = text.find(hours[0].text)
        more = _ANOTHER_HOUR.search(text, at + len(hours[0].text)) if at >= 0 else None
        if more:
            extra = 0.5 if "half" in more.group(0).lower() else 1.0
            q = hours[0]
            # "Another hour" is in the same period as the amount it adds to: scale it as that amount was scaled.
            raw = _TIME.match(q.text)
            said_hours = 0.0
            if raw:
                said_hours = (number(raw.group("num")) or 0.0) / (60.0 if raw.group("unit").lower().startswith("min") else 1.0)
            extra_weekly = extra * q.value / said_hours if q.rate and said_hours else extra
            total = replace(q, value=q.value + extra_weekly, op=Op.about, text=f"{q.text} + {more.group(0).strip()}")
            return [x for x in said if x is not q] + [total]
    if len(hours) != 2:
        return said
    first, second = sorted(hours, key=lambda q: text.find(q.text))
    at = text.find(second.text)
    if at < 0 or not _ANOTHER.search(text[max(0, at - 20) : at]):
        return said
    total = Quantity(first.value + second.value, Dim.hours, first.rate or second.rate, first.basis or second.basis,
                     "", Op.about, f"{first.text} + {second.text}")
    return [q for q in said if q is not first and q is not second] + [total]
