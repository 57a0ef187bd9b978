"""Shares of a group: "most clients would consent" against "maybe half would say yes".

A hypothesis that opens with a quantifier ("Most X would...", "At least half of
X...", "Few X...") or names a ratio ("lose at least 1 in 4 of the jobs") makes a
claim about a share of a group. Speech that names a
share of the people it talks about ("half would say yes", "nobody uses it",
"about 30 percent of them do") can meet or miss it, and "half" does not meet
"most", however on-topic the sentence is.

Only shares said of people doing something are read: a share must be followed
by a verb ("half would", "most of them use"), so "most of the time" or "half
an hour" is not one. The falsified_if is not read here: its quantifiers often
scope over another amount ("most spend under an hour"), where reading the
share alone would invert the claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from synth.linking.numbers import _NUM, number
from synth.linking.terms import content_stems
from synth.linking.thresholds import Verdict

_VERB = (
    r"(?:would|will|'d|wouldn'?t|won'?t|do|did|does|don'?t|didn'?t|are|were|is|was|said|say|says|have|had|use|used"
    r"|uses|pay|paid|want|wanted|prefer|agree|agreed|refuse|refused|came|come|ask|asked|reply|replied|answer"
    r"|answered|open|opened|log|logged|sign|signed|read|reads|buy|bought|switch|switched|check|checked|send|sent"
    r"|book|booked|call|called|go|went|get|got|miss|missed|cancel|cancelled|forget|forgot|show|showed"
    r"|still|never|just|probably|already)"
)
_SAID: dict[str, float] = {
    "nobody": 0.0, "no one": 0.0, "none": 0.0, "not one": 0.0, "hardly anyone": 0.1, "almost nobody": 0.05,
    "almost no one": 0.05, "a few": 0.15, "few": 0.15, "a couple": 0.1, "a quarter": 0.25, "a third": 0.33,
    "half": 0.5, "two thirds": 0.67, "three quarters": 0.75, "most": 0.7, "the majority": 0.7,
    "almost everyone": 0.9, "almost all": 0.9, "nearly all": 0.9, "nearly everyone": 0.9, "everyone": 1.0,
    "everybody": 1.0,
}
_HEDGE = {"at least": 0.0, "less than": -0.1, "under": -0.1, "fewer than": -0.1, "more than": 0.1, "over": 0.1, "well over": 0.15}
_QUANT = "|".join(sorted((re.escape(k) for k in _SAID), key=len, reverse=True))
_SHARE = re.compile(
    r"\b(?:(?P<hedge>at least|less than|fewer than|well over|more than|over|under)\s+)?"
    rf"(?:(?P<word>{_QUANT})|(?P<pct>\d{{1,3}})\s?(?:%|percent|per cent))"
    r"(?:\s+of\s+(?:them|those|us|people|(?:the|my|our|their)\s+\w+|\w+))?"
    rf"\s+(?:of\s+them\s+)?(?:(?:that|who)\s+)?{_VERB}\b",
    re.I,
)
_CLAIM = re.compile(
    r"^\s*(?P<q>most|the majority of|at least half of|more than half of|over half of|half of|few|almost all|"
    r"nearly all)\s+\w",
    re.I,
)
_CLAIMS: dict[str, tuple[float, bool, bool]] = {
    # quantifier: (threshold, at least (else at most), strictly more than the threshold)
    "most": (0.5, True, True), "the majority of": (0.5, True, True), "more than half of": (0.5, True, True),
    "over half of": (0.5, True, True), "at least half of": (0.5, True, False), "half of": (0.5, True, False),
    "almost all": (0.85, True, False), "nearly all": (0.85, True, False), "few": (0.25, False, False),
}
_RATIO = re.compile(
    r"\b(?:(?P<hedge>at least|less than|fewer than|more than|over|under|no more than)\s+)?"
    rf"(?P<a>{_NUM})\s+(?:[a-z]+\s+){{0,2}}?(?:in(?:\s+every)?|out\s+of),?\s+"
    # "four mistakes in, oh, something like three hundred and ten lines": a filler before the whole
    r"(?:(?:oh|um|uh|er|something\s+like|what),?\s+){0,3}"
    rf"(?P<b>{_NUM})(?:-(?:something|odd|ish))?\b"
    r"|\b(?P<c>\d+)\s+of\s+(?:the\s+|our\s+|my\s+)?(?P<d>\d+)\b",
    re.I,
)
"""A ratio: "1 in 4", "one in ten", "one email in ten", "one agency invoice in five", "fourteen out of
sixty-something", "16 of 62" (digits only: "one of two" is not a share)."""
_PCT_CLAIM = re.compile(
    r"\b(?:(?P<hedge>at least|less than|fewer than|more than|over|under|no more than)\s+)?"
    r"(?P<pct>\d{1,3})\s?(?:%|percent|per cent)\s+of\b",
    re.I,
)
"""A claim about a percentage of a group: "At least 25% of a small shop's customer emails are ..."."""
MARGIN = 0.1
"""How far past an at-most claim ("few") a said share must be to contradict it."""


@dataclass(frozen=True)
class Share:
    value: float
    text: str
    after: str = ""
    """The words right after a share said with "are"/"is" ("most of my regulars are | retired"): what it describes."""


_COPULA = re.compile(r"\b(?:are|were|is|was)$", re.I)


def _ratios(text: str) -> list[tuple[float, str, str]]:
    """(share, hedge, text) for every ratio in `text` whose part is smaller than its whole."""
    out = []
    for m in _RATIO.finditer(text):
        a = number(m.group("a")) if m.group("a") else float(m.group("c"))
        b = number(m.group("b")) if m.group("b") else float(m.group("d"))
        if a is None or b is None or not 0 <= a < b:
            continue
        out.append((a / b, (m.group("hedge") or "").lower(), m.group(0)))
    return out


def shares(text: str) -> list[Share]:
    """Shares of a group named in speech: "maybe half would say yes" -> 0.5, "one in ten" -> 0.1."""
    out: list[Share] = []
    for m in _SHARE.finditer(text):
        value = min(100, int(m.group("pct"))) / 100 if m.group("pct") else _SAID[m.group("word").lower()]
        value = min(1.0, max(0.0, value + _HEDGE.get((m.group("hedge") or "").lower(), 0.0)))
        after = " ".join(re.split(r"[,.;:!?]", text[m.end():], maxsplit=1)[0].split()[:4]) \
            if _COPULA.search(m.group(0)) else ""
        out.append(Share(value, m.group(0), after))
    out += [Share(value, said) for value, _hedge, said in _ratios(text)]
    return out


def claim_share(statement: str) -> tuple[float, bool, bool, str] | None:
    """(threshold, at least, strict, quantifier) when the statement opens with a share of a group, else None."""
    m = _CLAIM.match(statement)
    if not m:
        pct = _PCT_CLAIM.search(statement)
        if pct:
            at_most = (pct.group("hedge") or "").lower() in ("less than", "fewer than", "under", "no more than")
            return min(100, int(pct.group("pct"))) / 100, not at_most, False, re.sub(r"\s+of$", "", pct.group(0))
        # "lose at least 1 in 4 of the jobs they quote": a ratio anywhere in the claim.
        ratios = _ratios(statement)
        if not ratios:
            return None
        value, hedge, said = ratios[0]
        return value, hedge not in ("less than", "fewer than", "under", "no more than"), False, said
    q = m.group("q").lower()
    return (*_CLAIMS[q], q)


def compare_shares(text: str, statement: str) -> tuple[Verdict, str]:
    """Whether the shares named in `text` meet the share the statement claims, with a reason in words."""
    claim = claim_share(statement)
    said = shares(text) if claim else []
    if claim is None or not said:
        return Verdict.none, ""
    t, at_least, strict, q = claim
    if not set(content_stems(text)) & set(content_stems(statement)):
        # A ratio names its own whole: "nine out of ten we can answer from a template" counts something else than
        # the emails the claim is about. "Half would say yes" answers about whoever the question asked of.
        ratios = {r[2] for r in _ratios(text)}
        said = [s for s in said if s.text not in ratios]
        if not said:
            return Verdict.none, ""
    # "Most of my regulars are retired" is a share of who they are, not of who would book: a share said with "are"
    # counts only when what follows is something the claim is about.
    claim_stems = set(content_stems(statement))
    said = [s for s in said if not s.after or set(content_stems(s.after)) & claim_stems]
    votes: set[Verdict] = set()
    for s in said:
        if at_least:
            meets = s.value > t if strict else s.value >= t
            votes.add(Verdict.supports if meets else Verdict.contradicts)
        else:
            votes.add(Verdict.supports if s.value <= t else
                      Verdict.contradicts if s.value > t + MARGIN else Verdict.none)
    votes.discard(Verdict.none)
    if len(votes) != 1:
        return Verdict.none, ""
    v = votes.pop()
    word = "meets" if v is Verdict.supports else "falls short of" if at_least else "exceeds"
    return v, f"'{said[0].text.strip()}' {word} '{q}'"
