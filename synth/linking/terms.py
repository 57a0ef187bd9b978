"""A hypothesis's key terms: the content words that make it *this* hypothesis.

Interviews about one domain share its vocabulary; every hypothesis of a
project mentions the same customer and the same trade. Sharing one of those
words is not evidence. A term's weight for a hypothesis is how specific it is
to that hypothesis among all of them (a word every hypothesis uses weighs
little), and generic interview words ("people", "time", "tool") weigh nothing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

_TOKEN = re.compile(r"[a-z0-9$€£]+(?:['\u2019][a-z]+)?")
STOPWORDS = frozenset(
    ["a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "for", "with", "at", "by", "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "they", "them", "their", "we", "our", "us", "you", "your", "i", "me", "my", "he", "she", "his", "her", "have", "has", "had", "do", "does", "did", "will", "would", "can", "could", "should", "may", "might", "must", "more", "most", "less", "very", "so", "than", "then", "there", "here", "when", "what", "which", "who", "whom", "how", "why", "about", "into", "over", "under", "up", "down", "out", "off", "just", "only", "also", "all", "any", "each", "every", "some", "many", "much", "such", "own", "same", "other", "too", "s", "t", "if", "because", "while", "whether", "either", "both", "few", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "least", "well", "whole", "per", "via", "get", "gets", "got", "let", "lets", "make", "makes", "made", "making"]
)
GENERIC = frozenset(
    ["people", "person", "thing", "things", "time", "times", "way", "lot", "lots", "kind", "sort", "bit", "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute", "minutes", "say", "says", "said", "tell", "tells", "told", "ask", "asks", "asked", "want", "wants", "think", "know", "use", "uses", "used", "using", "work", "works", "worked", "working", "take", "takes", "took", "need", "needs", "go", "goes", "going", "come", "comes", "find", "finds", "found", "look", "looks", "like", "just", "really", "actually", "instead", "rather", "mostly", "usually", "often", "most", "small", "big", "new", "good", "bad", "able", "something", "anything", "nothing", "everything", "someone", "anyone", "nobody", "everyone", "us", "them", "first", "last", "next"]
)
NEGATIONS = frozenset(
    ["not", "no", "never", "nobody", "nothing", "none", "neither", "nor", "hardly", "rarely", "barely", "without", "cannot", "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't", "won't", "wouldn't", "can't", "couldn't", "shouldn't", "haven't", "hasn't", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "wont", "wouldnt", "cant", "couldnt", "refuse", "refuses"]
)
_SUBJECTS = frozenset(["i", "we", "you", "he", "she", "they"])
_CEASE = frozenset(["stop", "stops", "stopped", "quit", "quits"])
_THINGS = frozenset(["it", "it's", "that", "this", "which", "tool", "app", "software", "system", "thing"])
_DESIRE = frozenset(["want", "wants", "wanted", "wanna", "like", "liked", "enjoy", "enjoyed", "love", "loved", "mind", "miss"])
_NUMBER_WORDS = frozenset(
    ["once", "twice", "zero", "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "half", "dozen", "couple", "several"]
)
_SUFFIXES = ("ations", "ation", "ings", "ing", "ers", "ies", "ied", "ed", "es", "er", "ly", "s", "e")


def tokens(text: str) -> list[str]:
    # "No-shows" are missed appointments, not a "no": one word.
    return _TOKEN.findall(re.sub(r"\bno-(?=shows?\b)", "no", text.lower().replace("\u2019", "'")))


def stem(word: str) -> str:
    """A crude stem that makes 'pricing', 'prices' and 'price' one term; no dictionary needed."""
    w = word.lower()
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            # "logging" -> "logg" -> "log", "shipped" -> "ship": the same word as "log", "ship".
            if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "aeiousl":
                w = w[:-1]
            break
    return w[:6]


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning (not stopwords, negations, generic talk or bare numbers)."""
    out = []
    for t in tokens(text):
        if t in STOPWORDS or t in NEGATIONS or t in GENERIC or len(t) <= 2 or t.isdigit():
            continue
        if t.startswith(("$", "€", "£")) or t in _NUMBER_WORDS:
            continue
        st = stem(t)
        if st not in _GENERIC_STEMS and st not in STOPWORDS and st not in NEGATIONS:
            out.append(st)
    return out


def key_term_weights(texts: dict[str, str]) -> dict[str, dict[str, float]]:
    """Per hypothesis id: stem -> weight in (0, 1], higher for terms no other hypothesis uses.

    `texts` maps each hypothesis id to its statement and falsified_if joined.
    """
    stems = {hid: set(content_stems(t)) for hid, t in texts.items()}
    n = len(stems)
    df: dict[str, int] = {}
    for s in stems.values():
        for t in s:
            df[t] = df.get(t, 0) + 1
    out: dict[str, dict[str, float]] = {}
    for hid, s in stems.items():
        if n <= 1:
            out[hid] = dict.fromkeys(s, 1.0)
            continue
        # 1.0 for a term only this hypothesis uses, falling to ~0.15 for one every hypothesis uses.
        out[hid] = {t: round(max(0.15, math.log((n + 1) / df[t]) / math.log(n + 1)), 3) for t in s}
    return out


def matched_terms(text: str, weights: dict[str, float]) -> dict[str, float]:
    """The hypothesis's key terms that occur in `text`, with their weights."""
    have = set(content_stems(text))
    return {t: w for t, w in weights.items() if t in have}


def term_score(text: str, weights: dict[str, float]) -> tuple[float, int]:
    """(summed weight of the matched key terms, how many of them are specific: weight >= 0.5)."""
    hit = matched_terms(text, weights)
    return round(sum(hit.values()), 3), sum(1 for w in hit.values() if w >= 0.5)


_NOT_SAID = frozenset({"if", "why", "whether"})
_REFUSE = frozenset({"reject", "rejects", "rejected", "refuse", "refuses", "refused", "declines", "declined", "lack", "lacks",
                     "lacked", "lacking"})
_ALTERNATIVE = {"instead": "of", "rather": "than"}
_COPULAS = frozenset(["isn't", "wasn't", "aren't", "weren't", "ain't"])
_FUNCTION = frozenset(["work", "works", "worked", "fix", "fixed", "help", "helped", "solve", "solved", "stick", "stuck",
                       "get", "got", "catch", "caught", "take", "took", "do", "did", "save", "saved", "change", "changed",
                       "last", "lasted"])
"""What a thing is for, when something "wouldn't fix", "didn't work", "never caught on", "doesn't get used"."""


def negated_terms(text: str, terms: Iterable[str], near: int = 8, *, commas: bool = True,
                  alternatives: bool = True) -> list[str]:
    """Key terms in the scope of a negation: after it within `near` words, before the clause ends.

    "I would never ask a client to log into a portal" negates "portal"; "not
    the portal, the chasing is the problem" negates "portal" only. A clause
    ends at a contrast word or punctuation, so "no, but the portal is great"
    does not negate "portal". A hypothesis is one claim, so `commas=False` lets its
    negation run past a comma ("cannot see profit per book, page reads included").
    """
    wanted = set(terms)
    out: list[str] = []
    ends = r"[.;:!?,]" if commas else r"[.;:!?]"
    # A time or reason clause ends it too: "I never spoke to them before the first groom" does not negate the groom.
    for clause in re.split(ends + r"|\b(?:and|but|although|though|however|whereas|except|before|after|until|unless"
                           r"|because|since)\b", text.lower()):
        toks = tokens(clause)
        for i, tok in enumerate(toks):
            # "then I stop chasing", "we quit using it": ceasing to do something says no to it.
            ceases = tok in _CEASE and i + 1 < len(toks) and toks[i + 1].endswith("ing")
            # "The owner rejects per-van pricing": refusing something says no to it; so does lacking it ("cleaners
            # lack data"), and choosing something else ("by card instead of by bank transfer").
            alternative = alternatives and i + 1 < len(toks) and _ALTERNATIVE.get(tok) == toks[i + 1]
            if tok in NEGATIONS or tok.endswith("n't") or ceases or tok in _REFUSE or alternative:
                # "I don't want to copy invoices" is pain about copying them, not a denial that they do.
                if any(w in _DESIRE for w in toks[i + 1 : i + 3]):
                    continue
                # "it can't keep up", "that didn't work": a thing failing, not the speaker denying the claim.
                if any(w in _THINGS for w in toks[max(0, i - 2) : i]):
                    continue
                # "if you don't send documents by the fifth, the date moves", "asked why I hadn't sent them": a
                # condition or a question someone put, not the speaker saying no.
                if any(w in _NOT_SAID for w in toks[max(0, i - 3) : i]):
                    continue
                for j, w in enumerate(toks[i + 1 : i + 1 + near]):
                    if j > 0 and w in _SUBJECTS:
                        break  # "if they don't answer in three days she texts them": a new clause
                    s = stem(w)
                    if s in wanted and s not in out:
                        out.append(s)
    return out


_GENERIC_STEMS = frozenset(stem(w) for w in GENERIC)


def failing_terms(text: str, terms: Iterable[str], near: int = 4) -> list[str]:
    """Key terms that are the subject of a negation: "a new portal wouldn't fix the problem", "the portals don't get
    used". The thing named fails or goes unused; the speaker does not deny it exists."""
    wanted = set(terms)
    out: list[str] = []
    for clause in re.split(r"[.;:!?,]|\b(?:and|but|although|though|however|whereas|because|since|if)\b", text.lower()):
        toks = tokens(clause)
        for i, tok in enumerate(toks):
            # A thing that wouldn't or didn't do its job; not "the spreadsheet isn't just planning", nor "the calls
            # didn't go down" (the thing went on).
            if not (tok.endswith("n't") or tok == "never") or tok in _COPULAS:
                continue
            verb = next((w for w in toks[i + 1 : i + 3] if w not in ("really", "even", "actually", "ever")), "")
            if verb not in _FUNCTION:
                continue
            before = toks[max(0, i - near) : i]
            if any(w in _SUBJECTS for w in before):
                break  # "we don't have a portal": a person saying no, for negated_terms to read
            for w in before:
                if (st := stem(w)) in wanted and st not in out:
                    out.append(st)
    return out

