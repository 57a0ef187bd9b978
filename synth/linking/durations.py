"""How long things take: a wait said against a hypothesis about one ("sat in somebody's inbox for nine days"
against "customers take more than 2 days to approve"), and time spent per period worked out from how often
something happens and how long each one takes ("fifteen a day, and each one takes a couple of minutes").

Both are read by synth.linking.quantities.quantities, with every other amount.
"""

from __future__ import annotations

import re

from synth.linking.numbers import _NUM, number
from synth.linking.quantities import _RATE, Dim, Op, Quantity, _op_near

_PER_EVENT = re.compile(
    r"\b(?:each|every)\s+(?:one\s+|time\s+|call\s+)?(?:takes|took|is|was|lasts|eats)\b"
    r"|\b(?:sort|sorts|do|does|handle|handles|deal\s+with|fix|fixes|answer|answers)\s+(?:it|that|them|one|each)\s+in\b",
    re.I,
)
"""The time one event takes: "each one takes a couple of minutes", "I can usually sort that in twenty minutes"."""


def time_per_event(text: str, said: list[Quantity]) -> list[Quantity]:
    """Time spent per period from how often something happens and how long each one takes: "fifteen a day, and
    each one takes a couple of minutes" is 2.5 hours a week."""
    rates = [q for q in said if q.dim is Dim.times and q.rate]
    marker = _PER_EVENT.search(text)
    if len(rates) != 1 or marker is None:
        return []
    each = [q for q in said if q.dim is Dim.hours and not q.rate and text.find(q.text) >= marker.start()]
    if len(each) != 1:
        return []
    hours = rates[0].value * each[0].value
    op = each[0].op if each[0].op is rates[0].op or rates[0].op is Op.about else Op.about
    return [Quantity(hours, Dim.hours, True, "", "", op, f"{rates[0].text} x {each[0].text}")]


_WAITS = re.compile(
    r"\b(?:come|comes|came|coming|get|gets|got|getting)\s+back\b|\b(?:sat|sit|sits|sitting)\s+(?:in|on|there|for)\b"
    r"|\b(?:wait|waits|waited|waiting"
    r"|took|takes|take|taking|turnaround|turn\s+around|within|later|reply|replies|replied|respond|responds|responded"
    r"|answer|answers|answered|approve|approves|approved)\b",
    re.I,
)
_SPAN = re.compile(
    r"(?<![\w-])(?P<num>" + _NUM + r"(?:\s*(?:-|–|to|or)\s*" + _NUM + r")?)\s*(?P<unit>minutes?|mins?|hours?|hrs?|days?|weeks?)\b"
    r"(?!" + _RATE + r"|\s+(?:in|during)\s+an?\s+(?:[\w-]+\s+){0,3}(?:day|week|month|year)\b)",
    re.I,
)
_SPAN_LEAD = re.compile(r"\b(?:within|in|for|after|than|over|under|about|around|nearly|almost|took|takes|take|wait|"
                        r"waited|waiting)\s+$", re.I)
"""What must come before "a day" or "an hour" for it to be a span ("within a day"), not a rate's period."""
_SAME_DAY = re.compile(r"\b(?:the\s+)?same\s+(?:morning|afternoon|day|evening)\b", re.I)
_SPAN_HOURS = {"min": 1 / 60, "hou": 1.0, "hrs": 1.0, "hr": 1.0, "day": 24.0, "wee": 168.0}


def durations(text: str) -> list[Quantity]:
    """How long something took or waited ("sat in somebody's inbox for nine days", "back the same afternoon,
    three or four hours, tops"): only in a sentence about waiting, taking or answering, never per period."""
    out: list[Quantity] = []
    for sentence in re.split(r"(?<=[.;!?])\s+", text):
        if not _WAITS.search(sentence):
            continue
        for m in _SPAN.finditer(sentence):
            num = m.group("num").lower()
            value = number(num)
            if value is None or (num in ("a", "an") and not _SPAN_LEAD.search(sentence[max(0, m.start() - 12) : m.start()])):
                continue
            if re.search(r"\s(?:a|an)$", num):
                continue  # "fifteen a day" is how often, not how long
            unit = m.group("unit").lower()
            hours = value * _SPAN_HOURS[unit[:3] if unit[:3] in _SPAN_HOURS else unit[:2]]
            out.append(Quantity(hours, Dim.duration, False, "", "", _op_near(sentence, m.start(), m.end()),
                                m.group(0)))
        for m in _SAME_DAY.finditer(sentence):
            out.append(Quantity(8.0, Dim.duration, False, "", "", Op.at_most, m.group(0)))
    return out
