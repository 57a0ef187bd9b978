"""Words to tags to noun phrases, for the offline claim reader (synth/guide/clause.py).

No statistical tagger is available offline, so each word is tagged from
synth/guide/lexicon.py and its neighbours: closed classes from lists, a verb
from the verb list and its form, an adjective from a list or its suffix, else
a noun. `find_verb` finds where the main verb group starts (agreement with the
noun before it, relative clauses and asides skipped); `read_np` reads the noun
phrase at a position ("a commonly prescribed medicine", "missing forms,
statements and answers"), with quantities already stripped ("at least one X"
-> "a X", "20% of their pastries" -> "their pastries").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from synth.guide import lexicon as lx

_TOKEN = re.compile(r"[$€£]?\d[\d,.]*(?:[-–/]\d[\d,.]*)?(?:%|k\b|x\b)?|[A-Za-z][\w'’-]*|[,;:()]")
_QUANT_LEAD = re.compile(
    r"\b(?:at least|at most|more than|less than|fewer than|up to|over|under|about|around|nearly|almost|roughly|"
    r"as many as|as much as|no more than|no fewer than|upwards of|well over|well under)\s+"
    r"(?=(?:[$€£]?\d|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|fifty|a hundred|hundreds|half|"
    r"a third|a quarter|two thirds|"
    r"an? (?:hour|day|week|month|year|half|third|quarter|dozen)))",
    re.IGNORECASE,
)
_FREQ_SEASON = re.compile(r"\b(?:every|each|per|a|an)\s+(winter|summer|spring|autumn|season|harvest)\b", re.IGNORECASE)
_FREQ = re.compile(
    r"(?<!than )(?<!within )(?<!in )(?<!for )(?<!under )(?<!over )"
    r"\b(?:(?:once|twice|\d+ times|several times|many times)\s+)?(?:every|each|per|a|an)\s+(?:single\s+)?"
    r"(second|minute|hour|day|week|month|quarter|year|shift|season|term|semester|night|weekend|morning|evening)s?\b"
    r"(?!\s+of\b)",
    re.IGNORECASE,
)


@dataclass
class Tok:
    text: str
    tag: str
    lemma: str = ""
    form: str = ""

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass
class NP:
    words: list[str]
    head: str
    counted: bool = False
    """It carried a number or a quantifier in the claim."""
    initial: bool = False
    """It opens the sentence, so its first capital is the sentence's, not a name's."""

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def plural(self) -> bool:
        return lx.is_plural(self.head)


def tokenize(text: str) -> list[str]:
    return [t.replace("’", "'") for t in _TOKEN.findall(text)]


def tag(words: list[str]) -> list[Tok]:
    out: list[Tok] = []
    for i, w in enumerate(words):
        lw = w.lower()
        verb = lx.verb_lemma(w)
        if w == "A" and i > 0 and words[i - 1][:1].isupper():
            t = "NOUN"  # "Series A startups": a name, not an article
        elif lw in ",;:()":
            t = "PUNCT"
        elif lw == "to":
            t = "TO"
        elif lw == "that" and i == 0:
            t = "DET"
        elif lw in lx.RELATIVES:
            t = "REL"
        elif lw in lx.DETERMINERS:
            t = "DET"
        elif lx.is_number(w):
            t = "NUM"
        elif lw in lx.QUANTIFIERS:
            t = "QUANT"
        elif lw in lx.SUBORDINATORS - {"once", "as", "so", "since", "until"}:
            t = "SUB"
        elif lw in lx.PREPOSITIONS or lw in ("as", "since", "until"):
            t = "PREP"
        elif lw in lx.CONJUNCTIONS:
            t = "CONJ"
        elif lw in lx.PARTICLES and i > 0 and (out[-1].lemma or out[-1].tag == "NOUN"):
            t = "PART"
        elif lw in lx.MODALS or lw == "cannot":
            t = "MODAL"
        elif lw in lx.NEGATIONS or lw.endswith("n't"):
            t = "NEG"
        elif lw in lx.BE or lw in lx.HAVE or lw in lx.DO:
            t = "AUX"
        elif lw in lx.POSSESSIVES:
            t = "POSS"
        elif lw in lx.PRONOUNS:
            t = "PRON"
        elif lx.is_adverb(w) and not (verb and verb[1] == "base"):
            t = "ADV"
        elif lx.is_adjective(w) and verb is None:
            t = "ADJ"
        else:
            t = "NOUN"
        out.append(Tok(w, t, verb[0] if verb else "", verb[1] if verb else ""))
    for i, tok in enumerate(out):
        nxt = out[i + 1] if i + 1 < len(out) else None
        # "late payments" vs "arrive late": a word that is both, before a noun, is an adjective.
        if tok.tag == "ADV" and tok.low in lx.ADJ_WORDS and nxt is not None and nxt.tag in ("NOUN", "ADJ"):
            tok.tag = "ADJ"
    return out


def _can_be_verb(toks: list[Tok], i: int, *, strict: bool = True) -> bool:
    tok = toks[i]
    if not tok.lemma or tok.form not in ("base", "s", "past") or tok.tag not in ("NOUN", "ADJ", "ADV"):
        return False
    prev = toks[i - 1] if i else None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and (nxt.tag in ("AUX", "MODAL") or nxt.text == ","):
        return False  # "ski rental shops are", "price changes would", "the operations lead, not …": the subject's head
    if nxt is not None and nxt.low == "by" and (tok.form == "past" or lx.past(tok.lemma) == tok.low or tok.low in lx.PAST_TO_BASE):
        return False  # "gardens run by volunteers": a participle describing the subject
    after = toks[i + 1] if i + 1 < len(toks) else None
    if prev is not None and prev.tag == "NUM" and tok.form in ("s", "base") and i > 1 and toks[i - 2].tag in ("NOUN", "PREP") \
            and not toks[i - 2].lemma and not (after is not None and after.lemma and after.form in ("base", "s")):
        return True  # "by day 12 lets", "children under 5 choose": a number closing the subject, then the verb
    if prev is not None and prev.low in ("before", "after", "ago", "later", "earlier") and i > 1 \
            and toks[i - 2].low in lx.TIME_UNITS:
        return True  # "a reminder the day before cuts": a time adverb closing the subject
    if prev is not None and prev.low in ("all", "both", "each") and i > 1 and toks[i - 2].tag == "NOUN":
        return tok.form in ("base", "s")  # "receptionists all use"
    if prev is None or prev.tag in ("DET", "POSS", "ADJ", "PREP", "NUM", "QUANT", "TO"):
        return False
    if prev.tag == "ADV" and tok.form == "past":
        return False  # "commonly prescribed medicine"
    if prev.tag not in ("NOUN", "PRON", "PUNCT", "ADV", "REL"):
        return False
    if prev.tag == "NOUN" and strict:
        head_plural = lx.is_plural(prev.text) or prev.low in ("people", "staff", "they", "we", "you")
        if tok.form == "base" and not head_plural:
            return False  # "nurse shift": a singular noun is not the subject of a base-form verb
        if tok.form == "s" and head_plural:
            return False
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    # "reminder calls take": both could be verbs; the later one agrees with the earlier as its subject.
    if tok.form == "s" and nxt is not None and nxt.lemma and nxt.form == "base" and nxt.tag == "NOUN":
        after = toks[i + 2] if i + 2 < len(toks) else None
        if after is None or after.tag not in ("NOUN",) or after.lemma == "":
            return False
    return True


def gerund_subject(toks: list[Tok]) -> bool:
    """ "Finding a babysitter takes …", "Closing books by day 5 lets …"; not "Driving instructors lose …"."""
    if len(toks) < 2 or toks[0].form != "ing" or not toks[0].lemma:
        return False
    return not lx.is_person(toks[1].text)


def find_verb(toks: list[Tok]) -> int | None:
    """Where the main verb group starts (an auxiliary, a modal or the verb), or None.

    A relative clause inside the subject is skipped: "The dentist who owns the
    practice picks …", "Most owners we talk to spend …".
    """
    in_relative = False
    force = False
    skip_next = False
    for i in range(1, len(toks)):
        t = toks[i]
        if t.tag == "SUB":
            break
        if skip_next:
            # "that shows live wait times would …", "who run their own studio choose the tool": the relative
            # verb's object comes first; a verb followed by its own object or phrase ends it.
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if t.lemma and t.form in ("base", "s") and toks[i - 1].tag == "NOUN" and (
                    nxt is None or nxt.tag in ("DET", "POSS", "PREP", "TO", "NUM", "ADV", "PART", "PRON")):
                return i
            if t.tag in ("DET", "POSS", "ADJ", "NOUN", "NUM"):
                continue
            skip_next = False
        that_clause = t.low == "that" and toks[i - 1].tag == "NOUN" and i + 1 < len(toks) and bool(toks[i + 1].lemma)
        if (t.tag == "REL" and (t.low != "that" or that_clause)) or (t.tag == "PRON" and toks[i - 1].tag == "NOUN"):
            in_relative = True
            continue
        if t.text == "," and i + 1 < len(toks) and toks[i + 1].tag == "NEG":
            # "The operations lead, not the CFO, signs off": skip the aside.
            close = next((k for k in range(i + 1, len(toks)) if toks[k].text == ","), None)
            if close is not None:
                for k in range(i, close + 1):
                    toks[k].tag = "PUNCT" if toks[k].tag == "PUNCT" else "ASIDE"
            continue
        if t.tag == "ASIDE":
            continue
        if in_relative:
            # The relative clause's verb: a known verb, or whatever word follows "who" ("who hit their goal").
            right_after = toks[i - 1].tag == "REL" and t.tag == "NOUN"
            if t.tag in ("AUX", "MODAL") or (t.lemma and t.form in ("base", "s", "past")) or right_after:
                in_relative = False
                force = i + 1 < len(toks) and toks[i + 1].tag in ("PREP", "TO")
                skip_next = not force and t.tag not in ("AUX", "MODAL")
                in_relative = False
            continue
        if force and t.tag in ("PREP", "TO"):
            continue
        if t.tag in ("AUX", "MODAL") or (t.tag == "NEG" and (t.low == "never" or t.low.endswith("n't"))):
            return i
        if force and t.lemma and t.form in ("base", "s"):
            return i
        force = False
        if i == 1 and gerund_subject(toks):
            continue  # "Closing books by day 5 lets …": the gerund's object
        if _can_be_verb(toks, i):
            return i
    for i in range(1, len(toks)):
        if toks[i].tag == "SUB":
            break
        if _can_be_verb(toks, i, strict=False):
            return i  # a number that disagrees with its verb ("gyms uses")
    for i in range(1, len(toks) - 1):
        # "Insurance brokers rekey the same data": a verb missing from the word list.
        if toks[i].tag == "NOUN" and not toks[i].lemma and lx.is_plural(toks[i - 1].text) and lx.is_person(toks[i - 1].text) \
                and toks[i + 1].tag in ("DET", "POSS"):
            toks[i].lemma, toks[i].form = toks[i].low, "base"
            return i
    return None


_SHARE_OF = re.compile(
    r"\b(?:(?:[$€£]?\d[\d.,]*%|a third|a quarter|a half|half|two thirds|three quarters)\s+of\s+|"
    r"(?:\d[\d.,]*|most|some|many|all|none|a few|a lot|lots|part|much)\s+of\s+"
    r"(?=the|their|its|his|her|our|your|these|those|them))",
    re.IGNORECASE,
)


_CLOCK = re.compile(r"\s*\b(?:at|by|after|before|until|from)\s+\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)",
                    re.IGNORECASE)
_ONE_IN = re.compile(r"\b(?:only\s+)?(?:one|two|three|\d+)\s+(?:in|out of)\s+(?:\w+)\s+", re.IGNORECASE)


def quantity_free(text: str) -> str:
    text = _QUANT_LEAD.sub("", text)
    text = _ONE_IN.sub("", text)  # "only one in five gyms uses X" -> "gyms uses X"
    text = _CLOCK.sub("", text)  # "close at 5pm": a time of day is timing, not part of the event
    text = re.sub(r"\bword of mouth\b", "word-of-mouth", text, flags=re.IGNORECASE)
    text = _SHARE_OF.sub("", text)
    # "at least one medicine" -> "one medicine" -> "a medicine"; "a single X" likewise.
    text = re.sub(r"\b(?:one|a single|any one)\s+(?=[a-z])", "a ", text, flags=re.IGNORECASE)
    return text


def clean(statement: str) -> tuple[str, list[str]]:
    """The statement without parentheses (returned apart), curly quotes or a final stop."""
    inside = re.findall(r"\(([^)]*)\)", statement)
    text = re.sub(r"\([^)]*\)", " ", statement).replace("’", "'").replace("“", '"').replace("”", '"')
    text = text.replace('"', "").strip().rstrip(".!;:")
    return " ".join(text.split()), inside


def read_np(toks: list[Tok], i: int, *, stop_at_conj: bool = False, subject: bool = False) -> tuple[NP | None, int]:
    """The noun phrase starting at i (determiners, numbers, adjectives, nouns), and where it ends."""
    words: list[str] = []
    counted = False
    head = ""
    j = i
    while j < len(toks):
        t = toks[j]
        if t.tag in ("DET", "POSS", "QUANT", "NUM") and not head:
            if t.low in ("more", "fewer", "less"):
                words.append(t.text)  # "more clients": the comparison is the claim's point
            elif t.tag in ("NUM", "QUANT") or t.low in ("every", "each", "all", "no", "some", "any"):
                counted = True
                if t.low == "a":
                    words.append(t.text)
            else:
                words.append(t.text)
            j += 1
            continue
        if t.tag in ("ADJ", "NOUN") or (t.tag == "ADV" and j + 1 < len(toks) and (
                toks[j + 1].tag == "ADJ" or toks[j + 1].form in ("past", "ing"))):
            if t.tag == "NOUN" and head and t.lemma and t.form in ("base", "s") and not subject and _verb_follows_np(toks, j):
                break
            takes_object = j + 1 < len(toks) and toks[j + 1].tag in ("NOUN", "DET", "POSS", "ADJ", "NUM")
            if t.tag == "NOUN" and head and t.form == "ing" and toks[j - 1].form != "past" and takes_object and (
                    head.lower() in lx.TIME_UNITS | lx.MEASURE_UNITS or counted):
                break  # "two hours a day rebuilding routes": a participle clause, not part of the phrase
            if t.tag == "NOUN" and head and t.form == "past" and (j + 1 >= len(toks) or toks[j + 1].tag != "NOUN"):
                break  # "a template shared in communities": a reduced relative clause
            if head and head.lower() in lx.TIME_UNITS and (counted or (words[:1] and words[0].lower() in ("a", "an"))):
                break  # "two hours a day rebuilding routes", but "night shifts" is one thing
            words.append(t.text)
            if t.tag == "NOUN":
                head = t.text
            j += 1
            continue
        if t.tag == "CONJ" and head and not stop_at_conj and j + 1 < len(toks) and toks[j + 1].tag in ("NOUN", "ADJ", "DET", "POSS"):
            nxt, k = read_np(toks, j + 1, stop_at_conj=True)
            if nxt is not None and not (toks[j + 1].lemma and toks[j + 1].form == "base" and toks[j + 1].tag == "NOUN"
                                         and k < len(toks) and toks[k].tag in ("DET", "POSS", "NOUN")):
                words += [t.text, *nxt.words]
                head = nxt.head
                j = k
                continue
        if t.tag == "PUNCT" and t.text == "," and head and j + 1 < len(toks) and toks[j + 1].tag in ("NOUN", "ADJ"):
            # "forms, photos and answers": a list stays one phrase.
            nxt, k = read_np(toks, j + 1)
            if nxt is not None and any(x.tag == "CONJ" for x in toks[j + 1 : k]):
                words[-1] += ","
                words += nxt.words
                head = nxt.head
                j = k
                continue
        break
    if not head:
        return None, i
    if words and words[-1].lower() != head.lower():
        # The phrase ends on its head: "the day-to-day user", not "the day-to-day".
        while words and words[-1].lower() != head.lower():
            words.pop()
    if counted and words and words[0].lower() not in lx.DETERMINERS | lx.POSSESSIVES and not lx.is_plural(head):
        words.insert(0, "an" if words[0][:1].lower() in "aeiou" else "a")
    return NP(words, head, counted, initial=i == 0), j


def _verb_follows_np(toks: list[Tok], j: int) -> bool:
    """Inside a phrase, a noun that can be a verb ends it when its form agrees with the noun before."""
    prev = toks[j - 1]
    t = toks[j]
    if prev.tag != "NOUN":
        return False
    if t.form == "base":
        return lx.is_plural(prev.text)
    return not lx.is_plural(prev.text) and j + 1 < len(toks) and toks[j + 1].tag in ("DET", "POSS", "PRON")


def np_or_gerund(toks: list[Tok], i: int) -> tuple[NP | None, int]:
    if i < len(toks) and toks[i].form == "ing" and toks[i].lemma:
        words = [toks[i].text]
        j = i + 1
        np_, k = read_np(toks, j)
        if np_ is not None:
            words += np_.words
            j = k
        return NP(words, words[-1]), j
    return read_np(toks, i)


def frequency(statement: str) -> str:
    """The period a claim counts in ("every week" -> "week"), or ""."""
    m = _FREQ.search(statement) or _FREQ_SEASON.search(statement)
    return m.group(1).lower() if m else ""
