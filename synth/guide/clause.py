"""A rule-based reader of one-sentence claims: who, does what, to what, why.

"Independent pharmacies run out of at least one commonly prescribed medicine
every week because wholesaler deliveries arrive late" reads as subject
"independent pharmacies" (people the interviewee speaks for), verb "run out",
object "a commonly prescribed medicine" (the quantifier "at least one" becomes
"a"), period "week", and a reason clause read the same way. Questions are built
from these parts, never from the pasted sentence (synth/guide/slots.py).

A part it cannot read stays empty and the question bank falls back to a
question that does not need it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from synth.guide import lexicon as lx
from synth.guide.chunk import (
    NP,
    Tok,
    clean,
    find_verb,
    gerund_subject,
    np_or_gerund,
    quantity_free,
    read_np,
    tag,
    tokenize,
)


@dataclass
class Claim:
    subject: NP | None = None
    negated: bool = False
    modal: str = ""
    copula: bool = False
    verbs: list[str] = field(default_factory=list)
    particle: str = ""
    obj: NP | None = None
    pps: list[tuple[str, NP]] = field(default_factory=list)
    manner: str = ""
    """A word the situation needs after the verb ("late", "by hand")."""
    complement: NP | None = None
    inner: Claim | None = None
    """The activity inside an attitude or a time sink: "hate chasing X" -> chase X."""
    attitude: str = ""
    time_unit: str = ""
    period: str = ""
    reason: Claim | None = None
    condition: Claim | None = None
    subject_pps: list[tuple[str, NP]] = field(default_factory=list)
    counts: list[tuple[str, str]] = field(default_factory=list)
    """(number, noun) from "(2-25 people)" or "with 3-10 chairs"."""
    contrast: NP | None = None
    relative: Claim | None = None
    """What the object does: "a tool that grades spelling tests" -> grade spelling tests."""
    passive: bool = False
    """"invoices are paid late": the subject undergoes the verb."""
    gerund_subject: Claim | None = None
    """"Finding a babysitter takes parents a week": the activity the claim is about."""
    spend_on: NP | None = None
    """What a time sink is spent on when it is a thing, not an activity ("time on admin")."""
    loose: list[NP] = field(default_factory=list)
    """Every noun phrase after the verb, read plainly: a topic when the clause itself gave none."""
    embedded: Claim | None = None
    """A clause about people inside the claim: "would cut the time security teams spend triaging alerts"."""

    @property
    def person(self) -> bool:
        return self.subject is not None and lx.is_person(self.subject.head)


def parse(statement: str) -> Claim:
    text, inside = clean(statement)
    toks = tag(tokenize(quantity_free(text)))
    claim = _parse_clause(toks, inside)
    if not claim.person and claim.embedded is None:
        claim.embedded = _embedded(toks)
    v = find_verb(toks)
    k = (v or 0) + 1
    while k < len(toks):
        after_rel = k > 0 and toks[k - 1].tag == "REL" and bool(toks[k].lemma)
        if toks[k].tag in ("DET", "POSS", "ADJ", "NOUN") and not (toks[k].lemma and toks[k].form in ("past", "ing")) \
                and toks[k].low not in lx.EMOTIONS and not after_rel:
            np_, k2 = read_np(toks, k)
            if np_ is not None:
                claim.loose.append(np_)
                k = max(k2, k + 1)
                continue
        k += 1
    return claim


def _embedded(toks: list[Tok]) -> Claim | None:
    """The first clause whose subject is people, after the main verb ("... travel nurses pick an agency")."""
    v = find_verb(toks)
    if v is None:
        return None
    for k in range(v + 1, len(toks)):
        if toks[k].tag == "SUB":
            return None
        if toks[k].lemma and toks[k].form in ("base", "s") and toks[k - 1].tag == "NOUN" and lx.is_person(toks[k - 1].text):
            start = k - 1
            while start > v + 1 and toks[start - 1].tag in ("NOUN", "ADJ") and toks[start - 1].low not in lx.VAGUE_NOUNS:
                start -= 1
            inner = _parse_clause(toks[start:])
            if inner.person and inner.verbs:
                return inner
    return None


def _parse_clause(toks: list[Tok], inside: list[str] | None = None) -> Claim:
    claim = Claim()
    for part in inside or []:
        m = re.search(r"(\d[\d,.]*\s*[-–]\s*\d[\d,.]*|\d[\d,.]*\+?)\s+([a-z]+)", part, re.IGNORECASE)
        if m:
            claim.counts.append((m.group(1), m.group(2).lower()))
    # "When X, Y": the condition first.
    if toks and toks[0].tag == "SUB" and any(t.text == "," for t in toks):
        comma = next(k for k, t in enumerate(toks) if t.text == ",")
        claim_main = _parse_clause(toks[comma + 1 :])
        claim_main.condition = _parse_clause(toks[1:comma])
        return claim_main
    if len(toks) > 3 and toks[0].low in ("there", "it"):
        inner = _expletive(toks)
        if inner is not None:
            return inner
    v = find_verb(toks)
    if v is None:
        np_, _ = read_np(toks, 0)
        claim.subject = np_
        return claim
    if gerund_subject(toks) and v > 1:
        claim.gerund_subject = _parse_predicate(toks[:v])
    claim.subject, end = read_np(toks[:v], 0, subject=True)
    k = end
    while k < v:
        # "managers at dental practices with 3-10 chairs": who the subject is, more precisely.
        if toks[k].tag == "PREP":
            pp, k2 = read_np(toks, k + 1)
            if pp is not None:
                claim.subject_pps.append((toks[k].low, pp))
                if toks[k].low == "with" and pp.counted:
                    nums = [t.text for t in toks[k + 1 : k2] if t.tag == "NUM"]
                    claim.counts.append((nums[0] if nums else "", pp.head.lower()))
                k = k2
                continue
        k += 1
    i = v
    while i < len(toks) and toks[i].tag in ("AUX", "MODAL", "NEG", "ADV"):
        t = toks[i]
        if t.tag == "NEG" or t.low.endswith("n't"):
            claim.negated = True
        elif t.tag == "MODAL":
            claim.modal = t.low
        elif t.low in lx.BE:
            claim.copula = True
        i += 1
    if i >= len(toks):
        return claim
    if claim.copula:
        t = toks[i]
        if ((t.lemma and t.form == "past") or t.low in lx.EMOTIONS) and not (i + 1 < len(toks) and toks[i + 1].tag == "TO"):
            # "invoices are paid late by clients"; "planners are frustrated by vendors who reply slowly".
            claim.copula = False
            claim.passive = True
            claim.verbs = [t.lemma or t.low]
            if t.low in lx.EMOTIONS:
                claim.attitude = t.low
                for k in range(i + 1, len(toks)):
                    if toks[k].low in ("by", "with", "about", "at") and k + 1 < len(toks):
                        agent, k2 = read_np(toks, k + 1)
                        if agent is not None:
                            claim.pps.append((toks[k].low, agent))
                            if k2 < len(toks) and toks[k2].tag == "REL" and k2 + 1 < len(toks):
                                claim.inner = _parse_clause([*toks[k + 1 : k2], *toks[k2 + 1 :]])
                        break
                return claim
            _read_tail(claim, toks, i + 1)
            if not (claim.subject is not None and lx.is_person(claim.subject.head)):
                claim.pps = [(p, n) for p, n in claim.pps if p != "by"]  # "invoices paid by clients": the event is the paying
            else:
                claim.pps = [(p, n) for p, n in claim.pps if p == "by"][:1]  # "you were interrupted by phone calls"
            return claim
        if t.lemma and t.form in ("ing", "past"):
            claim.copula = False  # "are using", "are forced to"
            if t.form == "past" and i + 1 < len(toks) and toks[i + 1].tag == "TO":
                i += 2
        elif t.tag == "ADJ" and i + 2 < len(toks) and toks[i + 1].tag == "TO":
            claim.attitude = t.low  # "are willing to pay"
            claim.copula = False
            i += 2
        else:
            if toks[i].low == "both":
                i += 1
            claim.complement, i = read_np(toks, i)
            _read_tail(claim, toks, i)
            return claim
    if i >= len(toks) or not toks[i].lemma:
        return claim
    toks[i].tag = "VERB"
    claim.verbs = [toks[i].lemma]
    i += 1
    while i + 1 < len(toks) and toks[i].tag == "CONJ" and toks[i + 1].lemma and toks[i + 1].form in ("base", "s"):
        claim.verbs.append(toks[i + 1].lemma)
        i += 2
    verb = claim.verbs[-1]
    if verb in ("stop", "prevent", "keep", "discourage", "save") and i < len(toks):
        # "stop patients from walking out": what the people would otherwise do is the event.
        for j in range(i + 1, min(len(toks), i + 8)):
            if toks[j].low == "from" and j + 1 < len(toks) and toks[j + 1].form == "ing" and toks[j + 1].lemma:
                obj, _ = read_np(toks[i:j], 0)
                if obj is not None:
                    obj.initial = False
                    claim.obj = obj
                    claim.embedded = _parse_predicate(toks[j + 1 :])
                    claim.embedded.subject = obj
                    return claim
    if verb in ("let", "make", "help", "have"):
        # "lets a firm take on more clients": the object does the next verb.
        for j in range(i + 1, min(len(toks), i + 8)):
            if toks[j].lemma and toks[j].form == "base" and toks[j - 1].tag == "NOUN":
                obj, _ = read_np(toks[i:j], 0)
                if obj is not None:
                    claim.obj = obj
                    claim.embedded = _parse_predicate(toks[j:])
                    claim.embedded.subject = obj
                    return claim
    if verb in lx.ATTITUDE_VERBS or claim.attitude:
        claim.attitude = claim.attitude or verb
        inner_at = i + 1 if i < len(toks) and toks[i].tag == "TO" else i
        if inner_at < len(toks) and toks[inner_at].lemma and toks[inner_at].form in ("base", "ing"):
            claim.inner = _parse_predicate(toks[inner_at:])
            claim.inner.subject = claim.subject
            return claim
    if verb in lx.TIME_SINK_VERBS:
        for j in range(i, min(len(toks), i + 10)):
            if toks[j].tag in ("REL", "SUB") or toks[j].text == ",":
                break  # "lose members who stop playing": the relative clause is not the time sink's activity
            if toks[j].low in lx.TIME_UNITS and not claim.time_unit:
                claim.time_unit = toks[j].low if toks[j].low.endswith("s") else toks[j].low + "s"
            if toks[j].form == "ing" and toks[j].lemma:
                claim.inner = _parse_predicate(toks[j:])
                claim.inner.subject = claim.subject
                return claim
            if toks[j].low == "on" and claim.spend_on is None and verb in ("spend", "waste"):
                claim.spend_on, _ = read_np(toks, j + 1)  # "spend more time on admin than on planning"
    if i < len(toks) and toks[i].low in lx.PARTICLES and (i + 1 >= len(toks) or toks[i + 1].tag in ("PREP", "DET", "POSS", "NOUN", "ADJ", "NUM", "PUNCT", "SUB", "ADV")):
        claim.particle = toks[i].low
        i += 1
    _read_tail(claim, toks, i)
    return claim


def _parse_predicate(toks: list[Tok]) -> Claim:
    """A verb phrase with no subject ("chasing clients for missing documents")."""
    if len(toks) > 1 and toks[0].lemma in ("stop", "avoid", "quit") and toks[1].form == "ing" and toks[1].lemma:
        return _parse_predicate(toks[1:])  # "pay to stop missing calls": missing calls is the event
    c = Claim(verbs=[toks[0].lemma])
    i = 1
    if i < len(toks) and toks[i].low in lx.PARTICLES:
        c.particle = toks[i].low
        i += 1
    _read_tail(c, toks, i)
    return c


def _read_tail(claim: Claim, toks: list[Tok], i: int) -> None:
    """Object, prepositional phrases, manner words, a frequency, and a reason or condition clause."""
    while i < len(toks):
        t = toks[i]
        if t.tag == "SUB":
            rest = _parse_clause(toks[i + 1 :])
            if t.low in ("because", "since", "as"):
                claim.reason = rest
            elif t.low in ("when", "whenever", "if", "unless", "once"):
                claim.condition = rest
            return
        reduced = t.low == "their" and i + 2 < len(toks) and toks[i + 1].tag == "NOUN" and toks[i + 2].form == "base"
        if (t.tag == "PRON" or reduced) and i > 0 and toks[i - 1].tag == "NOUN" and t.low in ("they", "we", "you", "i", "their"):
            return  # "photos their customers post online": a clause about the photos, not the event
        if t.tag == "REL" and t.low in ("which", "what") and claim.obj is None and not claim.pps and i + 1 < len(toks) \
                and toks[i + 1].tag in ("NOUN", "ADJ"):
            obj, _ = read_np(toks, i + 1)  # "track which titles customers ask for": about titles
            if obj is not None:
                while len(obj.words) > 1 and lx.is_person(obj.words[-1]):
                    obj.words.pop()
                obj.head = obj.words[-1]
                if claim.verbs and claim.verbs[-1] in ("decide", "pick", "choose", "select", "know"):
                    claim.verbs[-1] = "choose"  # "decide which system to buy" -> chose a system
                    obj.counted = True
                    if not lx.is_plural(obj.head):
                        obj.words.insert(0, "the")
            claim.obj = obj
            return
        if t.tag == "REL":
            # "a tool that grades tests": what the thing does; "the time teams spend X": a clause inside.
            if i + 1 < len(toks) and toks[i + 1].lemma and toks[i + 1].form in ("base", "s", "past"):
                claim.relative = _parse_predicate(toks[i + 1 :])
            return
        if t.tag == "PUNCT" and t.text == "," and i + 1 < len(toks) and toks[i + 1].tag == "NEG":
            j = i + 2
            if j < len(toks) and toks[j].tag == "PREP":
                j += 1
            claim.contrast, _ = np_or_gerund(toks, j)
            return
        if t.tag == "PUNCT" or (t.tag == "CONJ" and i + 1 < len(toks) and toks[i + 1].tag in ("MODAL", "AUX", "PRON")):
            return
        if t.tag == "PREP" and t.low == "than":
            claim.contrast, i = np_or_gerund(toks, i + 1)
            continue
        if t.tag == "TO" and claim.verbs and claim.verbs[-1] in ("pay", "spend", "invest") and claim.inner is None \
                and i + 1 < len(toks) and toks[i + 1].lemma and toks[i + 1].form == "base":
            claim.inner = _parse_predicate(toks[i + 1 :])  # "pay $50 a month to skip X": what the money buys
            claim.inner.subject = claim.subject
            return
        if t.tag == "TO" and claim.inner is None and i + 1 < len(toks) and toks[i + 1].lemma \
                and toks[i + 1].form == "base" and (claim.obj is None or claim.obj.head.lower() in _PURPOSE_HEADS):
            claim.inner = _parse_predicate(toks[i + 1 :])  # "need a way to track deadlines"
            claim.inner.subject = claim.subject
            return
        if t.tag in ("PREP", "TO") and t.low != "per":
            np_, j = np_or_gerund(toks, i + 1)
            if np_ is not None:
                if np_.head.lower() in lx.TIME_UNITS and t.low in ("every", "each", "a", "per", "in", "during", "within",
                                                                   "after", "before", "for", "over", "under"):
                    claim.period = claim.period or lx.singular(np_.head.lower())
                    if j + 1 < len(toks) and toks[j].low == "of":
                        _, j = read_np(toks, j + 1)  # "within a week of the claim": all of it is timing
                else:
                    claim.pps.append((t.low, np_))
                i = j
                continue
            i += 1
            continue
        if t.low == "per" or (t.tag in ("DET", "NUM") and i + 1 < len(toks) and toks[i + 1].low in lx.TIME_UNITS):
            j = i + 1
            while j < len(toks) and toks[j].tag in ("DET", "NUM", "ADJ"):
                j += 1
            if j < len(toks) and toks[j].low in lx.TIME_UNITS and not claim.period:
                claim.period = lx.singular(toks[j].low)
            i = j + 1
            if i < len(toks) and toks[i].low == "of" and claim.obj is None:
                i += 1  # "lose a week of rent": the rent is what is lost
            continue
        if t.form == "past" and t.tag == "NOUN" and (claim.obj is not None or claim.pps):
            return  # "choose daycare based on word of mouth": a participle clause ends the event
        if t.low in ("rather", "instead") and i + 1 < len(toks) and toks[i + 1].low in ("than", "of"):
            claim.contrast, _ = np_or_gerund(toks, i + 2)
            return  # "buy seed in person rather than online": the alternative is not the event
        if t.tag == "PART":
            # "keep X up to date": an idiom after the object; its phrase is not a place or a target.
            j = i + 1
            if j < len(toks) and toks[j].tag in ("PREP", "TO"):
                _, j = np_or_gerund(toks, j + 1)
            i = max(j, i + 1)
            continue
        if t.tag == "NOT" or t.tag == "NEG":
            i += 1
            continue
        if claim.obj is None and not claim.pps and t.tag in ("DET", "POSS", "NUM", "QUANT", "ADJ", "NOUN", "PRON"):
            if t.tag == "PRON":
                claim.obj = NP([t.text], t.text)
                i += 1
                continue
            np_, j = read_np(toks, i)
            if np_ is not None:
                bare = len([w for w in np_.words if not lx.is_number(w) and w.lower() not in lx.DETERMINERS]) == 1
                if np_.head.lower() in lx.MEASURE_UNITS:
                    i = j
                    continue  # "drive 200 km a day": a measure, not what they drive
                if np_.head.lower() in lx.TIME_UNITS and bare and j + 1 < len(toks) and toks[j].low == "of":
                    # "lose a week of rent": what is lost is the rent
                    i = j + 1
                    continue
                if np_.head.lower() in lx.TIME_UNITS and bare:
                    claim.time_unit = claim.time_unit or np_.head.lower()
                    if not claim.period and np_.words and np_.words[0].lower() in ("every", "each", "a"):
                        claim.period = lx.singular(np_.head.lower())
                else:
                    claim.obj = np_
                i = j
                continue
        if t.tag in ("ADV", "ADJ") and t.low in ("late", "early", "faster", "slower", "twice", "again", "online", "offline",
                                               "manually", "slowly", "quickly"):
            claim.manner = claim.manner or t.low
        i += 1


_PURPOSE_HEADS = lx._w("way ways tool tools app apps system systems method means chance place time option")


def _expletive(toks: list[Tok]) -> Claim | None:
    """ "There is no easy way for landlords to track X", "It takes manufacturers a month to get X"."""
    for k in range(1, len(toks) - 2):
        if toks[k].low == "for":
            who, k2 = read_np(toks, k + 1)
            if who is not None and k2 + 1 < len(toks) and toks[k2].tag == "TO" and toks[k2 + 1].lemma:
                inner = _parse_predicate(toks[k2 + 1 :])
                inner.subject = who
                return inner
    if toks[1].lemma == "take":
        who, k2 = read_np(toks, 2)
        if who is not None and lx.is_person(who.head):
            for k in range(k2, len(toks) - 1):
                if toks[k].tag == "TO" and toks[k + 1].lemma:
                    inner = _parse_predicate(toks[k + 1 :])
                    inner.subject = who
                    inner.time_unit = "time"
                    return inner
    return None
