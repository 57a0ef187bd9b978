"""Short answers read with the question they answer.

"Closer to the first, honestly." says nothing alone; after "would you be thinking more like twenty pounds a month,
or could you see it being worth forty-five?" it is twenty pounds a month. "Fewer, I'd say." after "do you think
more than half would book off the link, or fewer?" is fewer than half. A careful reader resolves such an answer
against the question's alternatives or its amount; this module rewrites the answer into the words it stands for,
so synth.linking.thresholds and synth.linking.shares can compare them with a hypothesis. Only answers that pick
an alternative, a side of an amount, or agree with the amount asked about are rewritten; anything else is left
to the ordinary cues.
"""

from __future__ import annotations

import re

from synth.linking.quantities import quantities

MAX_WORDS = 12
"""An answer this short (its first sentence) is only evidence with its question."""

_LEAD = r"^\s*(?:(?:oh|um|uh|er|well|yeah|yes|no|honestly|probably|definitely|mostly|i'?d say|i think|i guess|i suppose)[,.]?\s+)*"
_PICK = re.compile(_LEAD + r"(?:closer to|nearer|more like|more|mostly|probably)?\s*(?:the\s+)?(?P<which>first|second|former"
                   r"|latter)\b", re.I)
_SIDE = re.compile(_LEAD + r"(?P<side>more|less|fewer|under|over|below|above|lower|higher)\b(?P<either>[^.?!]{0,20}"
                   r"\beither\b)?", re.I)
_AGREE = re.compile(_LEAD + r"(?:about|around|roughly|something like|more or less)\s+(?:that|right)\b"
                    r"(?P<tail>[^.?!]{0,40}?\b(?:a\s+(?:bit|little)\s+)?(?P<dir>less|fewer|more|under|over)\b)?", re.I)
_OR = re.compile(r",?\s+\bor\b\s+(?:is\s+it\s+|could\s+you\s+|would\s+you\s+|do\s+you\s+)?", re.I)
_ASKED_SHARE = re.compile(r"\b(?:more|fewer|less)\s+than\s+(?P<what>half|a\s+third|a\s+quarter|\d{1,3}\s?(?:%|percent)"
                          r"|most)\b(?P<rest>[^?,]*)", re.I)
_LOWER = {"less", "fewer", "under", "below", "lower"}


def resolve(answer: str, question: str) -> str:
    """The words a short answer stands for, given its question; "" when it needs no rewriting or cannot be read."""
    if not question or "?" not in question:
        return ""
    first = re.split(r"(?<=[.?!])\s+", answer.strip(), maxsplit=1)[0]
    if len(first.split()) > MAX_WORDS:
        return ""
    q = question.rsplit("?", 1)[0]
    if m := _PICK.match(first):
        alts = [a for a in _OR.split(q) if a.strip()]
        if len(alts) < 2:
            return ""
        return alts[0] if m.group("which").lower() in ("first", "former") else alts[-1]
    if m := _SIDE.match(first):
        lower = m.group("side").lower() in _LOWER
        share = _ASKED_SHARE.search(q)
        if share:
            # "more than half would book off the link, or fewer?" - "Fewer."
            return f"{'fewer' if lower else 'more'} than {share.group('what')}{share.group('rest')}"
        amounts = quantities(q)
        if not amounts:
            return ""
        # "once a week, or once a month?" - "Less than either": below the smaller; "more than either": above the larger.
        pick = min(amounts, key=lambda a: a.value) if lower else max(amounts, key=lambda a: a.value)
        return f"{'less' if lower else 'more'} than {pick.text}"
    if m := _AGREE.match(first):
        amounts = quantities(q)
        if len(amounts) != 1:
            return ""
        d = (m.group("dir") or "").lower()
        bound = "a bit less than " if d in _LOWER else "a bit more than " if d else "about "
        return bound + amounts[0].text
    return ""
