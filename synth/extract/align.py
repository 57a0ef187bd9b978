"""Grounding: find the exact source span a (possibly slightly misquoted) quote came from.

Models quote almost verbatim: they straighten curly quotes, change casing or
punctuation, join two parts with an ellipsis, drop a filler word. Each quote
is located in a participant turn and replaced by the exact source text, so
`Quote.text == Interview.text[start:end]` always holds. Three passes, each
stricter about what it accepts than the one before is about speed:

1. exact substring of a participant turn;
2. the same after normalising both sides (case, accents, punctuation,
   whitespace, apostrophes), mapped back to source offsets char by char;
   an ellipsis splits the quote into parts found in order in one turn;
3. a fuzzy word window (difflib ratio >= FUZZY_THRESHOLD) anchored on the
   quote's first or last words, for a dropped or changed word or two.

Interviewer turns are never searched: their words are not customer evidence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from synth.models import Interview, Quote, Role, Turn

FUZZY_THRESHOLD = 0.88
FUZZY_MIN_WORDS = 5
MAX_ELLIPSIS_GAP = 300
"""Parts joined by an ellipsis further apart than this are not one quote."""

_APOSTROPHES = "'\u2018\u2019\u02bc`\u00b4"
_ELLIPSIS = re.compile(r"\s*(?:\.{3,}|\u2026|\[\s*(?:\.{3}|\u2026)\s*\])\s*")


@dataclass(frozen=True)
class Alignment:
    quote: Quote
    method: str
    """`exact`, `normalised`, `ellipsis` or `fuzzy`."""
    score: float = 1.0


@dataclass
class _Norm:
    text: str
    src: list[int]
    """src[i] is the absolute offset in Interview.text of normalised char i."""


def normalise_with_map(text: str, base: int = 0) -> _Norm:
    """Lowercase alphanumerics, one space between words, apostrophes removed."""
    out: list[str] = []
    src: list[int] = []
    for i, ch in enumerate(text):
        if ch in _APOSTROPHES:
            continue
        if ch.isalnum():
            for d in unicodedata.normalize("NFKD", ch):
                if unicodedata.combining(d):
                    continue
                for low in d.lower():
                    out.append(low)
                    src.append(base + i)
        elif out and out[-1] != " ":
            out.append(" ")
            src.append(base + i)
    if out and out[-1] == " ":
        out.pop()
        src.pop()
    return _Norm("".join(out), src)


def normalise(text: str) -> str:
    return normalise_with_map(text).text


def _quote(interview: Interview, turn: Turn, start: int, end: int) -> Quote:
    return Quote(
        text=interview.text[start:end],
        interview_id=interview.id,
        turn_index=turn.index,
        start=start,
        end=end,
    )


def _find_on_boundary(hay: str, needle: str, start: int = 0) -> int:
    """First occurrence of `needle` in `hay` from `start` that begins and ends on word boundaries."""
    pos = hay.find(needle, start)
    while pos != -1:
        end = pos + len(needle)
        if (pos == 0 or hay[pos - 1] == " ") and (end == len(hay) or hay[end] == " "):
            return pos
        pos = hay.find(needle, pos + 1)
    return -1


def _find_exact(hay: str, needle: str) -> int:
    """A verbatim occurrence that does not start or end inside a word."""
    pos = hay.find(needle)
    while pos != -1:
        end = pos + len(needle)
        cut_start = pos > 0 and hay[pos - 1].isalnum() and needle[0].isalnum()
        cut_end = end < len(hay) and hay[end].isalnum() and needle[-1].isalnum()
        if not (cut_start or cut_end):
            return pos
        pos = hay.find(needle, pos + 1)
    return -1


def _participant_turns(interview: Interview) -> list[Turn]:
    # Unlabelled speakers may be the customer: their words ground (and are marked unattributed).
    return [t for t in interview.turns if t.role is not Role.interviewer]


def align_quote(
    interview: Interview, quote: str, *, include_interviewer: bool = False, prefer: list[int] | None = None
) -> Alignment | None:
    """The exact participant span `quote` came from, or None when it cannot be grounded.

    `prefer`: turn indices searched first (the chunk the model saw), so a
    sentence said twice grounds where the model read it.
    """
    quote = quote.strip().strip("\"\u201c\u201d")
    if not quote.strip():
        return None
    turns = interview.turns if include_interviewer else _participant_turns(interview)
    if prefer:
        first = set(prefer)
        turns = [t for t in turns if t.index in first] + [t for t in turns if t.index not in first]
    for t in turns:
        idx = _find_exact(t.text, quote)
        if idx != -1:
            s = t.start + idx
            return Alignment(_quote(interview, t, s, s + len(quote)), "exact")
    norms = [(t, normalise_with_map(t.text, t.start)) for t in turns]
    parts = [p for p in _ELLIPSIS.split(quote) if normalise(p)]
    if len(parts) > 1:
        hit = _align_parts(interview, norms, parts)
        if hit is not None:
            return hit
    nq = normalise(quote)
    if not nq:
        return None
    for t, n in norms:
        pos = _find_on_boundary(n.text, nq)
        if pos != -1:
            s, e = n.src[pos], n.src[pos + len(nq) - 1] + 1
            return Alignment(_quote(interview, t, s, e), "normalised")
    return _fuzzy(interview, norms, nq)


def _align_parts(interview: Interview, norms: list[tuple[Turn, _Norm]], parts: list[str]) -> Alignment | None:
    needles = [normalise(p) for p in parts]
    for t, n in norms:
        cursor, first, last = 0, -1, -1
        for needle in needles:
            pos = _find_on_boundary(n.text, needle, cursor)
            if pos == -1:
                break
            if first == -1:
                first = pos
            elif n.src[pos] - n.src[last] > MAX_ELLIPSIS_GAP:
                break
            last = pos + len(needle) - 1
            cursor = last + 1
        else:
            s, e = n.src[first], n.src[last] + 1
            return Alignment(_quote(interview, t, s, e), "ellipsis")
    return None


def _words(n: _Norm) -> list[tuple[str, int, int]]:
    """(word, first normalised index, last normalised index) for each word."""
    out = []
    for m in re.finditer(r"[^ ]+", n.text):
        out.append((m.group(), m.start(), m.end() - 1))
    return out


def _fuzzy(interview: Interview, norms: list[tuple[Turn, _Norm]], nq: str) -> Alignment | None:
    qwords = nq.split(" ")
    nqw = len(qwords)
    if nqw < FUZZY_MIN_WORDS:
        return None
    qset = set(qwords)
    heads, tails = set(qwords[:3]), set(qwords[-3:])
    best: tuple[float, Turn, int, int] | None = None
    for t, n in norms:
        words = _words(n)
        tw = [w for w, _, _ in words]
        # Cheap filter: most of the quote's words must occur in the turn at all.
        if len(qset & set(tw)) < 0.7 * len(qset):
            continue
        starts: set[int] = set()
        for i, w in enumerate(tw):
            if w in heads:
                starts.update(range(max(0, i - 2), i + 1))
            if w in tails:
                for length in range(nqw - 3, nqw + 4):
                    starts.add(max(0, i - length + 1))
        for i in sorted(starts):
            for length in range(max(1, nqw - 3), nqw + 4):
                j = i + length
                if j > len(tw):
                    break
                cand = " ".join(tw[i:j])
                sm = SequenceMatcher(None, nq, cand, autojunk=False)
                if sm.real_quick_ratio() < FUZZY_THRESHOLD or sm.quick_ratio() < FUZZY_THRESHOLD:
                    continue
                r = sm.ratio()
                if r >= FUZZY_THRESHOLD and (best is None or r > best[0]):
                    best = (r, t, n.src[words[i][1]], n.src[words[j - 1][2]] + 1)
    if best is None:
        return None
    r, t, s, e = best
    return Alignment(_quote(interview, t, s, e), "fuzzy", score=r)


def is_grounded(interview: Interview, quote: Quote) -> bool:
    """The invariant every stored quote satisfies: verbatim, in a participant (or unlabelled) turn,
    and no non-speech mark (`[laughter]`, `{vocalsound}`) in it."""
    from synth.parsing.nonspeech import nonspeech_spans

    if quote.interview_id != interview.id or interview.text[quote.start : quote.end] != quote.text:
        return False
    if nonspeech_spans(quote.text):
        return False
    turn = next((t for t in interview.turns if t.index == quote.turn_index), None)
    return (
        turn is not None
        and turn.role is not Role.interviewer
        and turn.start <= quote.start
        and quote.end <= turn.end
    )
