"""Slot values for the question bank, built from a parsed claim (synth/guide/chunk.py).

The central rewrite turns the claim into a past event the interviewee can
tell: "Independent pharmacies run out of at least one commonly prescribed
medicine every week" -> situation "you ran out of a commonly prescribed
medicine", with the base form for "When did you last run out of …?". Numbers,
quantifiers, frequencies and reasons are left out of the situation (they are
what the interview measures), and each slot is short, so no question pastes
the hypothesis. A slot that cannot be built is left out of the dict and the
bank falls back to an alternative that does not need it.
"""

from __future__ import annotations

import re

from synth.guide import lexicon as lx
from synth.guide.chunk import NP, frequency
from synth.guide.clause import Claim, parse

MAX_TAIL = 6
"""Words after the verb that a slot may take from the hypothesis (with the verb: at most 8 copied)."""
NEGATIVE_EVENTS = lx._w(
    "lose miss run waste forget delay break cancel quit drop churn overpay overspend underestimate wait suffer "
    "leave fall expire skip complain fail struggle double overbook undercharge lack hurt"
)
CAUSATIVE = lx._w("let make help allow enable have")
# A thing that changes a number ("a reminder cuts missed appointments"): the object is the event to ask about.
EFFECT_VERBS = lx._w("free halve quarter triple cut reduce lower save stop prevent increase raise improve speed shorten halve double remove "
                     "eliminate end fix solve replace avoid boost lift drop")
CUSTOMER_NOUNS = lx._w("patient client customer guest visitor member shopper diner passenger caller donor tenant "
                       "parent subscriber fan reader viewer listener attendee traveller traveler rider")
INTRANSITIVE = lx._w("arrive happen fail quit wait churn die break leave slip stall crash complain struggle reply "
                     "respond return")
BUYING_VERBS = lx._w("buy choose pick pay select purchase adopt use switch try install subscribe rent hire order sign "
                     "book renew trial test evaluate compare license lease source")
PRONOUN_TO_YOU = {"they": "you", "them": "you", "their": "your", "theirs": "yours", "themselves": "yourself",
                  "we": "you", "us": "you", "our": "your"}
SOLUTION_ADJ = lx._w("automatic automated ai ai-powered smart instant one-click real-time digital intelligent "
                     "online self-service")
PRODUCT_WORDS = lx._w("tool tools app apps software platform service product solution system us")


def _lower_first(words: list[str]) -> list[str]:
    if not words:
        return words
    first = words[0]
    if not ((first.isupper() and len(first) > 1) or any(c.isupper() for c in first[1:])):
        first = first[:1].lower() + first[1:]
    return [first, *words[1:]]


def _np_words(np_: NP, *, you: bool, limit: int = 4) -> list[str]:
    words = _np_words_raw(np_, you=you, limit=limit)
    return _lower_first(words) if np_.initial else words


def _np_words_raw(np_: NP, *, you: bool, limit: int = 4) -> list[str]:
    """The phrase with the interviewee's pronouns, trimmed to its last `limit` words before the head."""
    words = [PRONOUN_TO_YOU.get(w.lower(), w) if you else w for w in np_.words]
    det = [w for w in words[:1] if w.lower() in lx.DETERMINERS | lx.POSSESSIVES | {"your"}]
    body = words[len(det):]
    if len(body) > limit:
        # A list keeps its first item: "missing forms, photos and answers" -> "missing forms".
        for n, w in enumerate(body):
            if n and (w.endswith(",") or w.lower() in ("and", "or")):
                body = [*body[:n], w.rstrip(",")] if w.endswith(",") else body[:n]
                break
    while body and body[0].lower() in lx.CONJUNCTIONS | lx.PREPOSITIONS:
        body = body[1:]
    if len(body) > limit:
        body = body[-limit:]
        if body[0].endswith(","):
            body = body[1:]
    return det + body


MASS_NOUNS = lx._w(
    "software equipment concrete data information advice feedback inventory stock insurance furniture research "
    "training support produce food money time work staff help traffic water fuel paperwork documentation hardware "
    "media content compliance payroll funding rent revenue cash feed fertiliser fertilizer soil weather security "
    "maintenance storage transport freight medicine medication childcare healthcare care coverage daycare "
    "equipment gear merchandise mail email spam traffic admin word-of-mouth waste seed grain feed hay fuel "
    "software hardware feedback"
)


def _ref(np_: NP, *, limit: int = 3) -> str:
    """The phrase as a question can name it: plural and mass nouns bare, a singular count noun with "a"."""
    text = _plain(np_, limit=limit)
    head = text.split()[-1].lower() if text else ""
    abstract = head.endswith(("ing", "tion", "sion", "ance", "ence", "ness", "ity", "ism", "ware"))
    if lx.is_plural(head) or head in MASS_NOUNS or np_.head.lower() in MASS_NOUNS or abstract or not text:
        return text
    first = text.split()[0]
    if np_.words and np_.words[0].lower() == "the" and not text.lower().startswith("the "):
        return "the " + text  # "the weather forecast", "the software budget": a known one
    if first.lower() in lx.DETERMINERS | lx.POSSESSIVES | {"your"} or (first[:1].isupper() and not first.isupper()):
        return text  # "your cap table", a name ("Instagram")
    return article(first) + " " + text


def article(word: str) -> str:
    """ "a" or "an" by sound: "an SMS reminder", "an HR manager", "a user", "an office"."""
    if word.isupper() and len(word) > 1:
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    low = word.lower()
    if low.startswith(("uni", "use", "usu", "eu", "one", "ure")):
        return "a"
    if low.startswith(("hour", "honest", "honour", "honor", "heir")):
        return "an"
    return "an" if low[:1] in "aeiou" else "a"


def _plain(np_: NP, *, you: bool = True, limit: int = 4) -> str:
    """The phrase without a leading article ("a commonly prescribed medicine" -> "commonly prescribed medicine")."""
    words = [w.replace("word-of-mouth", "word of mouth") for w in _np_words(np_, you=you, limit=limit)]
    owner = next((n for n, w in enumerate(words) if w.endswith("'s")), None)
    if owner is not None and owner + 1 < len(words):
        words = ["your", *words[owner + 1 :]]  # "a clinic's front desk" -> "your front desk"
    if words and words[0].lower() in ("a", "an", "the", "every", "each", "some", "any") and not (
            len(words) > 1 and words[1].lower() in ("same", "other", "only", "right", "wrong")):
        words = words[1:]
    return " ".join(words)


def _vp(claim: Claim, *, you: bool, skip_pps: tuple[str, ...] = ()) -> list[str] | None:
    """Everything after the verb: particle, object, one prepositional phrase, a manner word."""
    tail: list[str] = [claim.particle] if claim.particle else []
    if claim.passive and claim.manner:
        tail.append(claim.manner)  # "you were paid late by …"
    if claim.obj is not None and claim.obj.head.lower() in ("time", "times") and claim.obj.counted:
        pass  # "interrupted 20 times an hour": a count, not what was done
    elif claim.obj is not None:
        if claim.obj.head.lower() in ("us", "we"):
            return None  # "find us": the founder's product, nothing the customer did
        tail += _np_words(claim.obj, you=you, limit=3)
    for prep, np_ in claim.pps:
        if prep in skip_pps or np_.head.lower() in lx.TIME_UNITS:
            continue
        words = [prep, *_np_words(np_, you=you, limit=3)]
        if len(tail) + len(words) <= MAX_TAIL and (claim.obj is None or prep in ("of", "for", "to", "from", "into", "with", "on")):
            tail += words
        break
    if claim.manner and len(tail) < MAX_TAIL and not claim.passive:
        tail.append(claim.manner)
    return tail[:MAX_TAIL + 1]


class Situation:
    """A claim as an event: who (you or a thing), the verbs, and what they did it to."""

    def __init__(self, claim: Claim, *, you: bool, skip_pps: tuple[str, ...] = ()) -> None:
        self.claim = claim
        self.you = you
        self.tail = _vp(claim, you=you, skip_pps=skip_pps)
        if you or claim.subject is None:
            self.subject = "you"
        elif claim.person and claim.subject.plural and claim.subject.words[0].lower() not in (
                lx.DETERMINERS | lx.POSSESSIVES):
            # Other people in the interviewee's world: "your clients sent missing documents".
            self.subject = " ".join(["your", *_lower_first(_np_words(claim.subject, you=False, limit=3))])
        else:
            # "their clients" in a claim about the interviewees are, to them, "your clients".
            words = [{"their": "your", "our": "your"}.get(w.lower(), w) for w in _np_words(claim.subject, you=False, limit=3)]
            owner = next((n for n, w in enumerate(words) if w.endswith("'s")), None)
            if owner is not None and owner + 1 < len(words):
                words = ["your", *words[owner + 1 :]]  # "a clinic's front desk" -> "your front desk"
            if words and words[0].lower() in ("a", "an") and not claim.subject.plural:
                words[0] = "a" if words[0].lower() == "a" else "an"
            self.subject = " ".join(words)

    @property
    def ok(self) -> bool:
        if not self.claim.verbs or self.tail is None or self.claim.verbs[-1] in CAUSATIVE | {"be", "do"}:
            return False
        # "the last time you saw." is cut short; "the last time deliveries arrived late" is whole.
        return bool(self.tail) or self.claim.verbs[-1] in INTRANSITIVE

    def _join(self, forms: list[str]) -> str:
        verbs = forms[0] if len(forms) == 1 else f"{forms[0]} and {forms[1]}"
        return " ".join([verbs, *(self.tail or [])])

    @property
    def base(self) -> str:
        return self._join(self.claim.verbs[:2])

    @property
    def past(self) -> str:
        if self.claim.passive:
            # "invoices are paid late by clients" -> "invoices were paid late"
            be = "were" if self.subject == "you" or (self.claim.subject is not None and self.claim.subject.plural) else "was"
            return f"{self.subject} {be} {self._join([lx.participle(v) for v in self.claim.verbs[:1]])}"
        return f"{self.subject} {self._join([lx.past(v) for v in self.claim.verbs[:2]])}"

    @property
    def gerund(self) -> str:
        return self._join([lx.gerund(v) for v in self.claim.verbs[:2]])


def _core(claim: Claim, kind: str) -> tuple[Claim | None, bool]:
    """The claim whose event the interview asks about, and whether its subject is the interviewee."""
    if claim.passive and claim.attitude:
        # "frustrated by vendors who reply slowly": the vendors' behaviour is the event.
        return (claim.inner, False) if claim.inner is not None and claim.inner.verbs else (None, False)
    if claim.inner is not None:
        # Whoever struggles, hates or spends time on something is someone to ask.
        return claim.inner, claim.person or claim.subject is None or bool(claim.attitude) or bool(claim.time_unit)
    if claim.embedded is not None and not claim.person:
        core = claim.embedded.inner or claim.embedded
        if core.verbs and core.verbs[-1] in ("spend", "waste") and core.inner is None:
            return None, False  # "the time shops spend on stocktakes": a duration; the topic carries it
        # "stop patients from walking out": the interviewee's own customers stay third person.
        who = claim.embedded.subject.head.lower() if claim.embedded.subject is not None else ""
        return core, lx.singular(who) not in CUSTOMER_NOUNS
    if claim.gerund_subject is not None and claim.gerund_subject.verbs:
        return claim.gerund_subject, True  # "Finding a babysitter takes parents a week"
    if claim.copula and claim.relative is not None:
        return claim.relative, claim.person  # "are the ones who pick the booking engine"
    if claim.relative is not None and claim.relative.obj is not None and kind in ("value", "solution"):
        return claim.relative, True
    if claim.verbs and claim.verbs[-1] in EFFECT_VERBS and not claim.person:
        return None, False  # "a reminder cuts missed appointments": ask about missed appointments
    if claim.verbs and claim.verbs[-1] in lx.ATTITUDE_VERBS and claim.inner is None and claim.obj is None:
        return None, False  # "hate X" with no activity read: nothing to recount
    if claim.verbs and claim.verbs[-1] in ("spend", "waste") and claim.inner is None:
        return None, False  # "spend two days per job on permit paperwork": the topic carries it
    if claim.verbs and claim.verbs[-1] in lx.TIME_SINK_VERBS and not claim.person:
        return None, False  # "month-end close takes too long": a duration, not an event
    if claim.verbs and not claim.copula and claim.verbs[-1] not in CAUSATIVE | {"be", "have"}:
        agent = claim.verbs[-1] in BUYING_VERBS | {"spend", "want", "need", "prefer", "hire"} and bool(claim.modal)
        return claim, claim.person or agent  # "museums would pay for X": whoever pays can be asked
    return None, False


def _usable(np_: NP | None) -> bool:
    """A phrase a question can be about: not vague, not a time span, not a bare "tool" or "us"."""
    if np_ is None:
        return False
    head = np_.head.lower()
    content = [w for w in np_.words if w.lower() not in lx.DETERMINERS | lx.POSSESSIVES and not lx.is_number(w)]
    if head in lx.TIME_UNITS or (content[:1] and content[0].lower() in lx.VAGUE_NOUNS):
        return False
    if head in lx.VAGUE_NOUNS and len(content) < 2:
        return False  # "problems" alone is vague; "maintenance problems" is a thing
    return not (head in PRODUCT_WORDS and len(content) < 2)


def _topic(claim: Claim, core: Claim | None, kind: str = "problem") -> NP | None:
    inner = claim.embedded
    if inner is not None and inner.spend_on is not None and _usable(inner.spend_on):
        return inner.spend_on  # "cut the time bike shops spend on stocktakes": stocktakes
    thing = claim.subject if claim.subject is not None and not claim.person else None
    if thing is not None and (claim.relative is not None or thing.head.lower() in PRODUCT_WORDS):
        thing = None  # "a mobile app that shows wait times": the founder's idea, never the topic
    effect = bool(claim.verbs) and claim.verbs[-1] in EFFECT_VERBS and not (
        claim.obj is None or claim.obj.head.lower() in lx.TIME_UNITS)  # "X would free up an hour": X is the topic
    if (core is None or core is claim) and thing is not None and _usable(thing) and claim.embedded is None and not effect:
        # "automatic rota building would free up an hour": ask about rota building, not the automatic kind
        words = [w for w in thing.words if w.lower() not in SOLUTION_ADJ]
        return NP(words, thing.head, thing.counted, thing.initial) if words else thing  # "wholesaler deliveries arrive late", "month-end close takes too long"
    for c in (core, claim):
        if c is None:
            continue
        for np_ in (c.obj, *(n for _, n in c.pps), c.complement):
            # A solution is about a task, not the people it is for ("… for restaurant managers").
            if _usable(np_) and np_ is not None and not (kind == "solution" and lx.is_person(np_.head)):
                return np_
    if claim.subject is not None and not claim.person and claim.subject.head.lower() not in lx.VAGUE_NOUNS | PRODUCT_WORDS:
        return claim.subject
    # Nothing in the main clause: any phrase after the verb ("know where their buses are" -> their buses).
    subject = claim.subject.words if claim.subject is not None else []
    return next((np_ for np_ in claim.loose if _usable(np_) and np_.words != subject
                 and np_.head.lower() not in PRODUCT_WORDS), None)


def _org(claim: Claim) -> str:
    for prep, np_ in claim.subject_pps:
        head = np_.head.lower()
        if prep in ("at", "in", "on", "for") and head not in lx.TIME_UNITS and (
                lx.singular(head) in lx.ORG_WORDS or not lx.is_person(head)):
            return " ".join(lx.singular(w) if w.lower() == np_.head.lower() else w
                            for w in _np_words(np_, you=False, limit=2) if w.lower() not in lx.DETERMINERS)
    if claim.subject is not None and lx.singular(claim.subject.head.lower()) in lx.ORG_WORDS:
        words = [w for w in _np_words(claim.subject, you=False, limit=2) if w.lower() not in lx.DETERMINERS]
        return " ".join(lx.singular(w) if w.lower() == claim.subject.head.lower() else w for w in words)
    return ""


def _role(claim: Claim) -> str:
    s = claim.subject
    if s is None or not claim.person or lx.singular(s.head.lower()) in lx.ORG_WORDS | {"person", "people", "staff"}:
        return ""
    words = [w for w in _np_words(s, you=False, limit=2) if w.lower() not in lx.DETERMINERS | lx.POSSESSIVES]
    cut = next((n for n, w in enumerate(words) if w.endswith(",") or w.lower() in ("and", "or")), None)
    if cut is not None:
        words = [w.rstrip(",") for w in words[: max(cut, 1)]]  # "dentists, hygienists and …" -> "a dentist"
    if not words or any(w.lower() in ("you", "they", "we") for w in words):
        return ""
    words[-1] = lx.singular(words[-1])
    return article(words[0]) + " " + " ".join(words)


TOP_ROLES = ("owner", "founder", "ceo", "president", "principal", "partner", "proprietor", "director")


def is_top(*texts: str) -> bool:
    """The people interviewed run the place: nobody to report to."""
    low = " ".join(texts).lower()
    return any(re.search(rf"\b{w}s?\b", low) for w in TOP_ROLES)


def you_core(claim: Claim) -> bool:
    return claim.person or bool(claim.attitude)


def is_solo(*texts: str) -> bool:
    """A segment of people who work alone: no manager, team or colleagues to ask about."""
    low = " ".join(texts).lower()
    return any(w in low for w in lx.SOLO_WORDS)


def slots(statement: str, kind: str, *, falsified_if: str = "", segment: str = "") -> dict[str, str]:
    """Every slot the claim fills; a missing key means the bank must use another alternative."""
    claim = parse(statement)
    # Counting events "in the last day" reads oddly; a week is the shortest span people recall.
    period = frequency(statement)
    short = {"day": "week", "": "month", "evening": "week", "morning": "week", "night": "week", "shift": "week",
             "hour": "week", "minute": "week", "second": "week"}
    out: dict[str, str] = {"period": short.get(period, period)}
    core, you = _core(claim, kind)
    if you and segment and claim.subject is not None and core is claim:
        # The claim is about someone other than the people interviewed ("clients send …" asked of firms).
        seg = {lx.singular(w.lower()) for w in segment.split()}
        heads = {lx.singular(w.lower()) for w in claim.subject.words}
        if not seg & heads and claim.subject.head.lower() not in ("they", "we", "you"):
            you = False
    if you and core is claim and claim.subject is not None and falsified_if:
        # "Firms tell us their clients …": the claim is about the interviewee's own customers.
        head = re.escape(lx.singular(claim.subject.head.lower()))
        if re.search(rf"\b(?:their|our)\s+(?:[\w-]+\s+)?{head}s?\b", falsified_if.lower()):
            you = False
    growth = kind == "growth"
    channel_preps = ("through", "via", "from", "on", "in", "at", "by") if growth else ()
    if core is not None:
        sit = Situation(core, you=you, skip_pps=channel_preps)
        if sit.ok and sit.tail is not None and core.passive:
            out["situation"] = sit.past  # no "did … last" form for "invoices were paid late"
        elif sit.ok and sit.tail is not None:
            out["situation"] = sit.past
            if not set(core.verbs) & {"pay", "buy", "spend", "purchase", "subscribe"}:
                out["loss_situation"] = sit.past  # "What did it cost you the last time you lost a load?"
            if you:
                they = {"you": "they", "your": "their", "yourself": "themselves"}
                out["situation_they"] = " ".join(they.get(w, w) for w in sit.past.split())
            out["did_subject"] = sit.subject
            out["vp"] = sit.base
            if you:
                out["gerund"] = sit.gerund
                out["you_vp"] = sit.base
                verb = core.verbs[-1]
                if claim.attitude in ("struggle", "fail", "hate", "dread", "hesitate"):
                    out["fix"] = f"make {sit.gerund} easier"
                elif claim.inner is not None and claim.verbs[-1] in lx.TIME_SINK_VERBS:
                    out["fix"] = f"spend less time {sit.gerund}"
                elif verb in NEGATIVE_EVENTS and not claim.negated:
                    out["fix"] = f"avoid {sit.gerund}"
    topic = _topic(claim, core, kind)
    if topic is not None:
        out["topic"] = _ref(topic)
        if not claim.negated and not lx.is_person(topic.head):
            out["problem_topic"] = out["topic"]
    for key, sub in (("cause", claim.reason), ("condition", claim.condition)):
        if sub is None:
            continue
        # "because vets send paper forms", asked of pet owners: the vets stay third person.
        same = sub.subject is not None and (sub.subject.head.lower() in ("they", "we", "you") or (
            claim.subject is not None and lx.singular(sub.subject.head.lower()) == lx.singular(claim.subject.head.lower())))
        event = Situation(sub, you=sub.person and same)
        if event.ok:
            out[key] = event.past
    if claim.spend_on is not None and _usable(claim.spend_on):
        out["spend_on"] = _plain(claim.spend_on, limit=3)
    if claim.time_unit and claim.inner is not None and "gerund" in out and claim.verbs[-1] in lx.TIME_SINK_VERBS:
        out["time_unit"] = claim.time_unit if claim.time_unit.endswith("s") else claim.time_unit + "s"
    org = _org(claim)
    if org:
        out["org"] = org
    role = _role(claim)
    if role:
        out["role"] = role
    if claim.person and claim.subject is not None and claim.subject.plural:
        # "Where do independent pharmacies like you …": the segment in the hypothesis's own words.
        people = [w.rstrip(",") for w in _np_words(claim.subject, you=False, limit=3)
                  if w.lower() not in lx.DETERMINERS | lx.POSSESSIVES | lx.QUANTIFIERS | {"new"}]
        cut = next((n for n, w in enumerate(people) if w.lower() in ("and", "or")), None)
        people = people[:cut] if cut else people
        if people and lx.is_plural(people[-1]) and people[-1].lower() not in ("you", "they", "we", "people"):
            out["people"] = " ".join(_lower_first(people))
    for _, noun in claim.counts:
        if noun and noun not in lx.TIME_UNITS:
            out["count_noun"] = noun
            break
    _kind_slots(out, claim, core, kind)
    if falsified_if.strip():
        _falsified_slots(out, falsified_if, claim)
    return out


def _kind_slots(out: dict[str, str], claim: Claim, core: Claim | None, kind: str) -> None:
    bought = next((np_ for prep, np_ in claim.pps if prep == "for"), None)
    if claim.complement is not None:
        bought = next((np_ for prep, np_ in claim.pps if prep in ("of", "for")), None)
    elif kind in ("customer", "growth") and claim.person and claim.verbs and claim.verbs[-1] in BUYING_VERBS:
        bought = bought or claim.obj or next((np_ for prep, np_ in claim.pps if prep in ("on", "off")), None)
    if bought is None and kind in ("customer", "growth") and core is not None and core is not claim and you_core(claim) \
            and core.verbs and core.verbs[-1] in BUYING_VERBS:
        bought = core.obj  # "prefer to buy seed in person": seed
    if _usable(bought) and bought is not None and not lx.is_person(bought.head):
        out["object"] = _ref(bought)  # "decides which suppliers …": suppliers are not bought
    if kind == "value":
        topic = out.get("problem_topic", "")
        money = {"pay", "spend", "buy", "invest", "save", "purchase", "subscribe"}
        # Only a claim about paying names what money is spent on ("pay $50 to skip reconciliation").
        if (set(claim.verbs) & money or (core is not None and set(core.verbs) & money)) and topic and \
                topic.split()[0].lower() not in ("more", "fewer", "less") and core is not claim.embedded:
            out["value_topic"] = topic
        spend = next((np_ for prep, np_ in claim.pps if prep == "for"), None)
        if _usable(spend) and spend is not None:
            out["spend_topic"] = out["value_topic"] = _ref(spend)
        elif "gerund" in out and core is claim.relative:
            out["spend_topic"] = out["gerund"]
        if claim.subject is not None and not claim.person and claim.embedded is not None and "situation" in out:
            out["driver"] = " ".join(_np_words(claim.subject, you=False, limit=3))
        if claim.verbs and claim.verbs[-1] in ("let", "help", "allow", "enable") and claim.embedded is not None and "gerund" in out:
            out["outcome"] = out["gerund"]
    if kind == "growth":
        channel = next((np_ for prep, np_ in claim.pps if prep in ("through", "via", "from", "by")), None)
        channel = channel or next((np_ for prep, np_ in claim.pps if prep in ("on", "in", "at")), None)
        if channel is not None:
            text = _ref(channel)
            out["channel_people" if lx.is_person(channel.head) else "channel"] = text
        if claim.contrast is not None:
            out["contrast"] = _ref(claim.contrast)


def _falsified_slots(out: dict[str, str], falsified_if: str, claim: Claim) -> None:
    """The event that would show the founder is wrong, from the hypothesis's own `falsified_if`."""
    text = falsified_if.strip()
    first = text.split(",")[0]
    words = first.split()
    # "Owners tell us X" / "Pharmacists say X": what they would tell is the event.
    for n, w in enumerate(words[:6]):
        if w.lower() in lx.REPORTING_VERBS:
            rest = words[n + 1 :]
            if rest and rest[0].lower() in ("us", "me", "that"):
                rest = rest[1:]
            if rest and rest[0].lower() == "that":
                rest = rest[1:]
            first = " ".join(rest)
            break
    parsed = parse(first)
    if not parsed.verbs or parsed.copula or parsed.subject is None:
        return
    same = claim.subject is not None and lx.singular(parsed.subject.head.lower()) == lx.singular(claim.subject.head.lower())
    # The same people as the claim: "you" only if the claim itself was asked of them.
    you = (same and out.get("did_subject", "you") == "you") or parsed.subject.head.lower() in ("they", "we")
    core = parsed.inner or parsed
    sit = Situation(core, you=you)
    if sit.ok and sit.tail:
        out["counter"] = sit.past
