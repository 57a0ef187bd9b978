"""Grammar checks for filled-in questions: a broken slot, or a clause pasted from the hypothesis.

A template such as "Tell me about the last time you dealt with {topic}." reads
well only when the slot holds a noun phrase; a number ("dealt with three"), an
adjective, a vague noun ("handle trust"), a dangling article or preposition, a
present-tense verb after "the last time you", or a clause after "make … easier"
breaks it. These rules look at the words around the slot, so they also catch
questions a person wrote by hand.
"""

from __future__ import annotations

import re

from synth.guide import lexicon as lx
from synth.guide.chunk import tag, tokenize

MAX_PASTED = 8
"""Consecutive words a question may share with its hypothesis; 9 or more is a pasted clause."""

_TAILS = r"(?:today|now|easier|step by step|day to day)"
_DANGLING_END = re.compile(r"\b(?:a|an|the|and|or|your|their|my|our|than)\s*[.?!]+\s*$", re.IGNORECASE)
# A preposition may end a wh-question ("What did you pay for?"), not a request ("… you dealt with.").
_DANGLING_PREP = re.compile(r"\b(?:of|to|for|with|from|by|into|about|on|at|in)\s*[.?!]+\s*$", re.IGNORECASE)
_WH_START = re.compile(r"^\s*(?:what|which|who|whom|where|how|why|when)\b", re.IGNORECASE)
_DANGLING_TAIL = re.compile(
    rf"\b(?:a|an|the|of|to|for|with|from|by|into|and|or|your|their|than)\s+{_TAILS}\b", re.IGNORECASE
)
_INTRODUCER = re.compile(
    r"\b(?:with|about|handle|handled|handling|deal with|dealt with|spend on|spent on|make|on|for|than|into)\s+"
    r"((?:[\w$€£%'-]+\s+){0,2}?[\w$€£%'-]+)\s*(?=[.?!,]|\s+(?:today|now|easier|step by step)\b)",
    re.IGNORECASE,
)
_VAGUE_AFTER_HANDLE = re.compile(
    r"\b(?:handle|handled|handling|deal with|dealt with|manage|managed)\s+([\w-]+)\s*(?=[.?!]|\s+" + _TAILS + r")",
    re.IGNORECASE,
)
_RELATIVE_NO_OBJECT = re.compile(
    r"\b([a-z-]+)\s+(?:that|which)\s+([a-z-]+s)\s*(?=today|now|easier|[.?!]|$)", re.IGNORECASE
)
_INTRANSITIVE = lx._w("happen work matter exist arrive change fail break help last go come run count apply stop start "
                      "end continue grow occur wait sell pay fit")
_ENDS_ON_BASE_VERB = re.compile(r"\bthe last time [^.?!]*\b([a-z]+)\s+([a-z]+)\s*(?:\.|\s+came up\b)", re.IGNORECASE)
_CUT_SHORT = re.compile(r"\bthe last time you\s+([a-z]+)\s*[.?!]\s*$", re.IGNORECASE)
_LAST_TIME_YOU = re.compile(r"\bthe last time you\s+(?:\w+ly\s+)?([\w'-]+)", re.IGNORECASE)
_DID_TOPIC = re.compile(r"\bhow often did\s+([\w-]+)", re.IGNORECASE)
_DID_YOU = re.compile(r"\bdid you\s+(?:last\s+)?([\w'-]+)", re.IGNORECASE)
_MAKE_EASIER = re.compile(r"\bmake\s+(.+?)\s+easier\b", re.IGNORECASE)
_VERB_OF = re.compile(
    r"\b(?:(?:you|did you(?: last)?|were|was|to)\s+([a-z]+)|([a-z]+(?:ing|ed)))(?:\s+(?:away|up|down|off|back))?\s+of\b",
    re.IGNORECASE,
)
_TAKES_OF = lx._w("hear heard think thought approve approved dream dreamt dreamed speak spoke consist consisted tire "
                  "tired run ran rid got get took take made make warn remind inform accuse suspect convince "
                  "dispose beware")
_ARTICLE_BEFORE_FUNCTION = re.compile(
    r"\b(?:a|an)\s+(?:there|it|they|them|which|that|to|of|for|with|and|or|the|your|their|this|is|are|was|were)\b",
    re.IGNORECASE,
)
_ARTICLE_BEFORE_LIST = re.compile(r"\b(?:a|an)\s+[a-z]+s,", re.IGNORECASE)
_SPEND_ON = re.compile(r"\b(?:spend|spent|spending)\s+on\b", re.IGNORECASE)
_SPENT_WHAT = re.compile(r"\b(?:what did you spend|what do you spend|how much|hours|minutes|days|money|time did you)\b",
                         re.IGNORECASE)
_ARTICLE_UNIT = re.compile(r"\b(?:a|an)\s+(?:pm|am|hrs|km|kg|mph|%)(?=\W|$)")  # lower case: "an HR manager" is fine
_DOUBLED = re.compile(r"\b(a|an|the|you|your|to|of|for|and|with)\s+\1\b", re.IGNORECASE)
_QUANTIFIERS = re.compile(
    r"\b(?:at least|at most|more than \S+|fewer than \S+|less than \S+|up to \S+|no more than)\b", re.IGNORECASE
)


def broken_slot(text: str) -> str:
    """Why a question's filled-in words do not read as English, or "" when they do."""
    if _DANGLING_END.search(text) or _DANGLING_TAIL.search(text) or (
        _DANGLING_PREP.search(text) and not _WH_START.search(text)
    ):
        return "It ends on an article, a preposition or a conjunction: part of the topic is missing."
    m = _ARTICLE_BEFORE_FUNCTION.search(text) or _ARTICLE_BEFORE_LIST.search(text)
    if m:
        return f"{m.group(0)!r}: an article must come before a noun."
    m = _SPEND_ON.search(text)
    if m and not _SPENT_WHAT.search(text):
        return f"{m.group(0)!r}: spending needs what was spent (time, money)."
    m = _ARTICLE_UNIT.search(text)
    if m:
        return f"{m.group(0)!r}: a unit has lost its number."
    m = _DOUBLED.search(text)
    if m:
        return f"A word is doubled: {m.group(0)!r}."
    for m in _INTRODUCER.finditer(text):
        toks = tag(tokenize(m.group(1)))
        if toks and all(t.tag in ("NUM", "ADJ", "QUANT", "ADV") or t.low in ("a", "an", "the") for t in toks):
            return f"The topic {m.group(1)!r} is a number or an adjective, not a thing or an event."
        if toks and toks[0].form == "s" and toks[0].lemma and toks[0].lemma not in lx.NOUNISH \
                and m.group(0).split()[0].lower() not in ("on", "for", "into", "than"):
            return f"The topic {m.group(1)!r} starts with a verb: a clause was cut."
        if len(toks) == 1 and toks[0].form == "ing" and toks[0].lemma:
            return f"The topic {m.group(1)!r} is an activity with nothing it acts on."
    m = _VAGUE_AFTER_HANDLE.search(text)
    if m and (m.group(1).lower() in lx.VAGUE_NOUNS - {"it", "this", "that", "them"} or lx.is_number(m.group(1))):
        return f"{m.group(1)!r} is too vague to handle or deal with: name the task."
    m = _RELATIVE_NO_OBJECT.search(text)
    if m and m.group(1).lower() not in lx.SUBORDINATORS | lx.PREPOSITIONS | lx.BE | lx.DO | {"what", "how", "why", "where", "who"}:
        verb = lx.verb_lemma(m.group(2))
        if verb and verb[1] == "s" and verb[0] not in _INTRANSITIVE:
            return f"The clause {m.group(0)!r} has no object: it was cut from a longer sentence."
    m = _ENDS_ON_BASE_VERB.search(text)
    if m and m.group(2).lower() in lx.VERBS and lx.past(m.group(2).lower()) != m.group(2).lower() \
            and (lx.verb_lemma(m.group(1)) or ("", ""))[1] != "past" \
            and m.group(2).lower() not in lx.PARTICLES | lx.NOUNISH \
            and m.group(1).lower() not in lx.PREPOSITIONS | lx.DETERMINERS | lx.POSSESSIVES | {"your", "to"}:
        return f"{m.group(2)!r} ends a past event in its plain form: a clause was cut."
    m = _CUT_SHORT.search(text)
    if m:
        verb = lx.verb_lemma(m.group(1))
        if verb is not None and verb[0] not in _INTRANSITIVE | {"quit", "wait", "leave", "die", "return", "retire"}:
            return f"'the last time you {m.group(1)}' stops before what it was done to."
    m = _LAST_TIME_YOU.search(text)
    if m and not _reads_as_past(m.group(1)):
        return f"'the last time you {m.group(1)}' needs a verb in the past tense."
    m = _DID_TOPIC.search(text)
    if m:
        verb = lx.verb_lemma(m.group(1))
        if verb is not None and verb[1] == "s" and verb[0] not in lx.NOUNISH:
            return f"'did {m.group(1)}': the topic starts with a verb."
    for m in _DID_YOU.finditer(text):
        word = m.group(1).lower()
        verb = lx.verb_lemma(word)
        if lx.is_number(word) or word in lx.DETERMINERS | lx.PREPOSITIONS or (
            verb and verb[1] in ("past", "ing", "s") and word not in lx.VERBS and word != verb[0]
        ):
            return f"'did you {word}' needs the plain form of a verb."
    m = _VERB_OF.search(text)
    verb_word = (m.group(1) or m.group(2)).lower() if m else ""
    lemma = lx.verb_lemma(verb_word) if verb_word else None
    if m and lemma is not None and verb_word not in _TAKES_OF and lemma[0] not in _TAKES_OF:
        return f"{m.group(0)!r}: a verb cannot take 'of' here; a quantity was cut from its noun."
    m = _MAKE_EASIER.search(text)
    if m:
        inner = m.group(1).split()
        if len(inner) > 6 or any(w.lower() in lx.SUBORDINATORS | {"every", "each", "least"} for w in inner):
            return "'make … easier' holds a whole clause: name the task in a few words."
    return ""


def _reads_as_past(word: str) -> bool:
    w = word.lower()
    if w in ("had", "were", "was", "did", "got", "went", "felt", "last", "first", "actually", "really", "had to"):
        return True
    if lx.is_number(w) or w in lx.DETERMINERS | lx.PREPOSITIONS | lx.PRONOUNS | lx.POSSESSIVES | lx.MODALS:
        return False
    verb = lx.verb_lemma(w)
    if verb is None:
        return w.endswith("ed") or w not in lx.ADJ_WORDS
    past_forms = {past for past, _ in lx.IRREGULAR.values()}
    if w in past_forms:
        return True
    return (verb[1] == "past" and w not in lx.VERBS) or (verb[1] == "base" and lx.past(w) == w)


def _words(text: str) -> list[str]:
    return [w.lower().strip("'") for w in re.findall(r"[\w$€£%'-]+", text)]


def longest_shared_run(text: str, source: str) -> list[str]:
    """The longest run of consecutive words the question shares with the source."""
    a, b = _words(text), _words(source)
    best: tuple[int, int] = (0, 0)
    prev = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        cur = [0] * (len(b) + 1)
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best[0]:
                    best = (cur[j], i)
        prev = cur
    return a[best[1] - best[0] : best[1]]


def pasted(text: str, source: str) -> str:
    """Why the question pastes its hypothesis (9+ words in a row, or its quantifiers), or ""."""
    run = longest_shared_run(text, source)
    if len(run) > MAX_PASTED:
        return f"It pastes {len(run)} words of the hypothesis: {' '.join(run)!r}."
    for m in _QUANTIFIERS.finditer(text):
        if m.group(0).lower() in source.lower():
            return f"It repeats the hypothesis's quantity {m.group(0)!r}: that suggests the answer."
    return ""
