"""Money in a sentence does not make it willingness to pay.

What someone pays today ("we pay about $1.5k a month", "I'd guess two and a
half thousand a month all in") is a behaviour. A price someone *would* pay
("I'd pay fifty a month", "maybe forty dollars") is willingness to pay, and a
price someone refuses ("I wouldn't pay more than ten", "at ninety-nine it'd
cost more than my whole system") is an objection. These cues are about money
and modality only, never about a product domain.
"""

from __future__ import annotations

import re

_NUM_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|grand|million|couple|few)"
)
_CURRENCY = r"(?:dollars?|bucks|euros?|pounds?|quid|usd|eur|gbp|cents?|k)"
MONEY = re.compile(
    r"[$€£¥]\s?\d"
    r"|\b\d[\d,.]*\s?" + _CURRENCY + r"\b"
    r"|\b" + _NUM_WORD + r"\b(?:[\s-]+(?:and\s+)?(?:a\s+half\s+)?\w+){0,3}?\s+" + _CURRENCY + r"\b"
    r"|\b(?:\d[\d,.]*|" + _NUM_WORD + r")(?:[\s-]+\w+){0,3}?\s+(?:a|per|each|every)\s+"
    r"(?:month|year|seat|user|head|license|licence|location|client|site)\b",
    re.IGNORECASE,
)
_PAY = re.compile(r"\b(?:pay|paid|paying|spend|spent|spending|cost|costs|costing|price|priced|pricing|budget|"
                  r"afford|charge|charged|subscription|fee|fees)\b", re.IGNORECASE)

WOULD_PAY = re.compile(
    r"\b(?:would|'d|might|could|will|'ll)\s+(?:\w+\s+){0,2}?(?:pay|spend|budget|put down|go up to|shell out|fork out)\b"
    r"|\b(?:willing|happy|ready|prepared|glad)\s+to\s+(?:pay|spend)\b"
    r"|\b(?:would|'d)\s+be\s+(?:fine|ok|okay|happy|comfortable|willing)\s+(?:with|paying)\b"
    r"|\bworth\s+(?:paying|it\s+(?:at|for)|[$€£]?\d|" + _NUM_WORD + r")"
    r"|\b(?:at\s+most|no\s+more\s+than|up\s+to|max(?:imum)?|tops|ceiling|sweet\s+spot)\b"
    r"|\bif\s+(?:it|that|this|they)\b.{0,40}\b(?:cost|costs|was|were|is|priced|came\s+in)\b"
    r"|\bif\s+(?:it|that|this|they|you|something|someone)\b.{0,60}\bmaybe\b"
    r"|^\W*(?:honestly\W*)?(?:maybe|probably|perhaps|somewhere\s+around|around|about|i'?d\s+say)\b",
    re.IGNORECASE,
)
REFUSES = re.compile(
    r"\b(?:wouldn'?t|would\s+not|won'?t|will\s+not|never|not\s+going\s+to|refuse\s+to|can'?t|cannot|couldn'?t)\s+"
    r"(?:\w+\s+){0,2}?(?:pay|spend|afford|justify)\b"
    r"|\btoo\s+(?:expensive|pricey|much)\b"
    r"|\bnot\s+worth\b"
    r"|\b(?:it'?d|it\s+would|that'?d|that\s+would)\s+cost\s+(?:more|as\s+much)\b"
    r"|\bmore\s+than\s+(?:my|our)\s+(?:whole|entire)\b",
    re.IGNORECASE,
)
CURRENT_SPEND = re.compile(
    r"\b(?:we|i|they|he|she|it)\s+(?:currently\s+|already\s+|just\s+|only\s+|now\s+|also\s+|still\s+)?"
    r"(?:pay|paid|spend|spent|are\s+paying|'re\s+paying|were\s+paying|budget)\b"
    r"|\b(?:costs?|costing|cost\s+us|cost\s+me)\b"
    r"|\ball\s+in\b|\bper\s+month\s+now\b|\btoday\b|\bright\s+now\b|\bcurrently\b",
    re.IGNORECASE,
)


PRICE_TALK = re.compile(
    r"\b(?:price|pricing|priced|budget|afford|sign[\s-]?off|signs?\s+off|approve|approval|purchase|buy|"
    r"subscription|per\s+seat|per\s+user|licen[cs]e\s+fee|worth\s+(?:it|paying|the\s+money))\b",
    re.IGNORECASE,
)


# Spending time ("most of my spare time", "four hours every week", "a weekend"), not money ("two grand last
# year") or a rate ("fifty a month").
_SPEND_TIME = re.compile(
    r"\b(spend|spends|spent|spending)(\s+(?:\w+\s+){0,4}?"
    r"(?:time|hours?|minutes?|days?|weeks?|months?|years?|evenings?|weekends?|mornings?|afternoons?|nights?|ages|"
    r"a\s+while)\b)",
    re.IGNORECASE,
)
_RATE = re.compile(r"(?:\d|\b" + _NUM_WORD + r")\s+(?:a|an|per|each|every)\s+\w+$", re.IGNORECASE)
_MONEY_WORD = re.compile(r"[$€£]|\b(?:grand|pence|" + _CURRENCY[3:-1] + r")\b", re.IGNORECASE)


def money_sense(text: str) -> str:
    """The sentence with time spent read as time ("I would spend most of my spare time on it" is no price)."""

    def swap(m: re.Match[str]) -> str:
        money = has_money(m.group(0)) or _MONEY_WORD.search(m.group(0)) or _RATE.search(m.group(0))
        return m.group(0) if money else "use" + m.group(2)

    return _SPEND_TIME.sub(swap, text)


def is_price_talk(text: str) -> bool:
    """Does the sentence talk about buying: a price someone would pay or refuses, a budget, who signs off?"""
    text = money_sense(text)
    if PRICE_TALK.search(text):
        return True
    # "About a hundred clients" is a count, not a price: modal cues need money or paying in the sentence.
    money_or_pay = has_money(text) or re.search(r"\b(?:pay|paying|spend)\b", text, re.IGNORECASE) is not None
    return money_or_pay and bool(WOULD_PAY.search(text) or REFUSES.search(text))


def has_money(text: str) -> bool:
    return bool(MONEY.search(text))


def money_kind(text: str, kind: str) -> str:
    """The kind a sentence about money really is, given the kind its wording scored best as.

    Only sentences with a money figure or a pay word change kind; everything else keeps `kind`.
    """
    text = money_sense(text)
    money = has_money(text)
    pay = bool(_PAY.search(text))
    if not (money or pay):
        return kind
    if REFUSES.search(text) and (money or pay):
        return "objection"
    if WOULD_PAY.search(text) and (money or re.search(r"\bpay\b", text, re.IGNORECASE)):
        if kind in ("willingness_to_pay", "need", "feature_request", "behaviour", "quote_worthy"):
            return "willingness_to_pay"
        return kind
    if kind == "willingness_to_pay" and money:
        # A figure with nothing hypothetical about it is what they pay or lose today.
        return "pain" if re.search(r"\b(?:lose|lost|losing|waste|wasted|leaving)\b", text, re.IGNORECASE) else "behaviour"
    return kind
