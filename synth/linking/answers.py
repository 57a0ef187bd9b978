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

from synth.linking.quantities import _AMOUNT, quantities
from synth.linking.terms import STOPWORDS, stem, tokens

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
_CORRECTED = re.compile(r"\b(?:actually|rather|no)\b[,.\s]+(?:(?:more\s+like|nearer|closer\s+to|about|around|maybe)\s+)?"
                        + _AMOUNT + r"(?=\s*(?:[,.?!]|$))", re.I)
_PRICE_ASKED = re.compile(r"\b(?:pay|price|pricing|cost|charge|budget|spend|worth|afford|how\s+much|number|figure)\b", re.I)
_BARE_AMOUNT = re.compile(
    _LEAD + r"(?:(?:maybe|about|around|roughly|like|say|perhaps|probably)[,\s]+)?(?P<amt>[$£€]?\s?" + _AMOUNT
    + r"(?:\s+(?:quid|pounds|dollars|bucks|euros))?)(?=\s*(?:[,.?!]|$|(?:a|per)\s+(?:month|year|week)\b|tops\b|max\b"
    r"|at\s+(?:most|a\s+push|a\s+stretch)\b|maybe\b))",
    re.I,
)


def resolve(answer: str, question: str) -> str:
    """The words a short answer stands for, given its question; "" when it needs no rewriting or cannot be read."""
    if not question or "?" not in question:
        return ""
    sentences = re.split(r"(?<=[.?!])\s+", answer.strip())
    if len(sentences) > 1 and sentences[0].endswith("?") and len(sentences[0].split()) <= 3 and not quantities(
            sentences[0]) and not _BARE_AMOUNT.match(sentences[0]):
        sentences = sentences[1:]  # "Outside December? The hour.": a question back, then the answer
    first = sentences[0]
    if len(first.split()) > MAX_WORDS:
        return ""
    q = question.rsplit("?", 1)[0]
    if named := _named_alternative(first, q):
        return named
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
    if _PRICE_ASKED.search(q) and (m := _BARE_AMOUNT.match(first)):
        # "Is there a number that would feel okay?" - "Sixty, maybe?": the price they would pay.
        return f"I'd pay {m.group('amt').strip()}"
    if m := _AGREE.match(first):
        amounts = quantities(q)
        if len(amounts) != 1:
            return ""
        said = amounts[0].text
        if fix := _CORRECTED.search(answer, answer.find(first) + m.end()):
            # "Yeah, about that... well, actually, nearer two.": the correction is the answer, in the question's terms.
            head = re.match(_AMOUNT, said, re.I)
            if head:
                return f"about {fix.group('num')}{said[head.end():]}"
        d = (m.group("dir") or "").lower()
        bound = "a bit less than " if d in _LOWER else "a bit more than " if d else "about "
        return bound + amounts[0].text
    return ""


_TOWARDS = re.compile(_LEAD + r"(?:(?:closer|nearer)(?:\s+to)?|more\s+like)?\s*", re.I)


def _named_alternative(first: str, q: str) -> str:
    """"The hour." after "more like an hour a week, or more like five?": the one alternative the answer names.
    "Nearer the hour, I suppose." and "Closer to the hour, most weeks." name it too: the first clause, with its
    leaning word taken off, is what is named."""
    if _PICK.match(first) or _SIDE.match(first):
        return ""
    clause = re.split(r"[,.;!?]", first, maxsplit=1)[0]
    clause = _TOWARDS.sub("", clause, count=1)
    if not clause.strip() or len(clause.split()) > 3:
        return ""
    alts = [a for a in _OR.split(q) if a.strip()]
    said = _words(clause)
    if len(alts) < 2 or not said:
        return ""
    named = [a for a in alts if said & _words(a)]
    if len(named) > 1:
        # "The hour." after "more like an hour, or more like five hours?": both say hour; the very word decides.
        exact = {t for t in tokens(clause) if t not in STOPWORDS and len(t) > 2}
        named = [a for a in alts if exact & set(tokens(a))]
    return named[0] if len(named) == 1 else ""


def _words(text: str) -> set[str]:
    """Stems of the words that can name an alternative ("hour", "email"), short words and stopwords aside."""
    return {stem(t) for t in tokens(text) if t not in STOPWORDS and len(t) > 2}
