"""Offline stance: which way does an insight point on a hypothesis, without an LLM?

Similarity says an insight is *about* a hypothesis, not which way it points.
The direction comes from the cues a careful reader uses, each scored for or
against, and the larger side wins:

- amounts against the hypothesis's own thresholds (synth.linking.thresholds):
  "an hour a month" against "at least 4 hours a week" contradicts, whatever
  the words around it; the strongest cue there is;
- closeness to the hypothesis's `falsified_if` (what we would hear if it were
  wrong) rather than to its statement;
- negation scoped to the hypothesis's key terms and compared with the
  hypothesis's own polarity: "I would never ask them to log into a portal"
  agrees with "... without logging into a portal", and "we've had a shared
  list since the summer" contradicts "... because they don't keep a shared list";
- shares of a group against a hypothesis that opens with one ("maybe half
  would say yes" against "Most clients would consent"; synth.linking.shares);
- dismissive phrases ("not really a problem", "works fine", "for what?"),
  rarity ("it's happened once"), made stronger by a contrast marker; a refusal
  the falsified_if names ("I never looked it up" / "do not look for a fix");
- the valence of the experience against a hypothesis that something goes
  badly ("it always worked flawlessly"; synth.linking.valence);
- a workaround that handles it without trouble ("when something sells I just
  delete the other listing") against a hypothesis that it is a problem;
- the insight's kind: an objection or a refusal to pay weighs against a
  hypothesis about paying, switching or adopting; a pain or a workaround
  leans towards a problem hypothesis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from synth.extract.kind_rules import money_sense
from synth.linking.answers import resolve
from synth.linking.numbers import _NUM, _TAILWORD
from synth.linking.quantities import Dim, quantities
from synth.linking.shares import compare_shares
from synth.linking.spend import GRUMBLE, PAID_TO_DO, costs_now, offered_only, paid_for_the_job
from synth.linking.terms import (
    NEGATIONS,
    STOPWORDS,
    content_stems,
    failing_terms,
    negated_terms,
    stem,
    tokens,
)
from synth.linking.thresholds import _SPEND_NOW, Verdict, compare, names_an_amount
from synth.linking.valence import valence
from synth.models import Hypothesis, HypothesisKind, InsightKind, Stance

LINK_MIN = 0.33
"""Below this similarity to both statement and falsified_if, an insight does not touch a hypothesis."""
FALSIFIED_MIN = 0.35
"""Similarity to falsified_if above which closeness to it starts to count against."""
FALSIFIED_GAP = 0.05
"""...when it is at least this much closer to falsified_if than to the statement (tuned on corpus/eval/tune)."""
BASE_SUPPORT = 0.35
"""What being relevant to a hypothesis, with nothing pointing against it, is worth for it."""
BASE_SUPPORT_WOULD = 0.1
"""The same for a hypothesis about what people would pay for or do (see `hypothesis_type`)."""
NEG_AGREE = 0.5
"""Speech that negates a word the falsified_if negates (and no key term decided the negation)."""
VALENCE_CON = 0.5
"""Speech that says it went well, against a hypothesis that it goes badly (synth.linking.valence)."""
VALENCE_PRO = 0.2
"""Speech that says it went badly, for such a hypothesis: weaker, since a complaint may be about something else."""
ASSERTS_DENIED = 0.5
"""Speech that states, un-negated, two or more of the terms the statement negates."""
CLEAR_MARGIN = 0.15
"""Below this gap between the two sides, the direction is unclear and the link is neutral."""

CONTRAST = re.compile(r"\b(but|actually|though|however|honestly|to be honest|in fact|instead)\b", re.I)
DISMISSIVE = re.compile(
    r"\b((not|\w*n['’]t) (really |that |much of )?(a |an )?(big |real |huge |major )?(problem|issue|deal|pain|priority|concern)"
    r"|not (as|that|so) (bad|hard|difficult|painful|slow) as\b"
    r"|no big deal|(works|worked|is|was|it'?s) (fine|ok|okay|good enough)|stopped being a problem"
    r"|doesn'?t (really )?(matter|bother)|never (really )?(had|been|was) (a|an|much of a) (problem|issue)"
    r"|(we|i) (don'?t|do not|never) (really )?(need|care|bother|worry)|wouldn'?t (pay|buy|switch|use)"
    r"|(not|never) (worth|needed)|(fine|happy) (with|doing) (it|that|what)|don'?t see the point"
    r"|not even close|nowhere near( that| it)?)\b",
    re.I,
)
_REPORTED = re.compile(r"\b(?:they|he|she|who|everyone|everybody|customers?|clients?|families|parents)\s+(?:all\s+)?"
                       r"(?:swore|swear|swears|said|say|says|claimed|claim|claims|insisted|insist|reckoned|reckon)"
                       r"(?:\s+blind)?(?:\s+that)?(?:\s+(?:it|this|everything))?\s*$", re.I)
_ECHOED = re.compile(r"^\W*(?:" + _NUM + r")\s+(?:quid\s+|pounds?\s+|dollars?\s+|bucks\s+)?(?:a|per)\s+(?:month|year|week)"
                     r"(?:\s+(?:to|for|just\s+to|on\s+top\s+of)\b[^.?!]{0,50})?\?", re.I)
"""A price echoed back as a question ("Forty a month to check stock?", "A hundred and fifty a month? For the
extras?"): disbelief, not agreement."""
RHETORICAL = re.compile(r"\b(for what|what for|what'?s the point|why would (i|we|anyone|they))\b[^.?!]{0,40}\?", re.I)
"""A rhetorical question that dismisses ("It was thirty a month, and I thought, for what?")."""
RARE = re.compile(
    r"\b(rarely|hardly ever|almost never|seldom|(only |just )?once (since|or twice|a year|in)|"
    r"once a year|(a )?couple of times a year|not (that |very )?often|never happen|count (\w+ )?on (one hand|"
    r"the fingers of one hand))",
    re.I,
)
REFUSE_PAY = re.compile(
    r"\b(wouldn'?t|won'?t|not|never|no|can'?t) (\w+ ){0,2}(pay|spend|budget|afford)\b|\btoo expensive\b"
    r"|\b(cost|costs) more than\b|\bnot worth\b|\b(said|say|says) no\b|\bturned (it|that|them) down\b"
    r"|\b(couldn'?t|could not|can'?t|never|won'?t|struggle to|have a job to) get (that|it|this) (past|through)\b"
    r"|\b(wouldn'?t|won'?t|couldn'?t|not) (even )?(take|bring|put) (it|that|this) (to|in front of|before) (the|my|our)\b"
    r"|,\s*(so\s+)?((honestly|frankly|sadly|no),?\s+)?no\s*[,.!]|\bnot for (us|me)\b"
    r"|\b(can'?t|couldn'?t|could not|cannot|could never|don'?t think (i|we) could) (\w+ ){0,2}justify\b"
    r"|\b(feels|seems|sounds|that'?s|it'?s) (like )?(a lot|a bit much|too much|steep|pricey)\b"
    r"|\b(is|was) (quite |a bit |really )?(a lot|too much|a bit much|steep|pricey)\b(?! of)"
    r"|\b(is|'s|was) (\w+ ){0,2}more than (\w+ ){0,6}(pay|paid|costs?|spend|put together)\b"
    r"|\b(is|'s|was) (nearly |almost )?(most|all|half) of what (we|i) (pay|spend)\b",
    re.I,
)
COMMIT = re.compile(
    r"\b(i'?d|we'?d|i would|we would|i will|we will|i'?ll|we'?ll|happy to|glad to|definitely|absolutely|would love to)"
    r" (\w+ ){0,2}(pay|buy|use|switch|try|sign up|sign|subscribe|adopt|recommend|share)\b"
    r"|\b(already|currently) (pay|use|paying|using)\b|\bworth (it|every|the money)\b|\btake my money\b"
    r"|\b(found|find|discovered|heard about) (\w+ ){0,3}(through|via|from|in|on)\b"
    r"|\b(isn'?t|is not|not) (that )?much\b|\bthat'?s (fair|reasonable|fine|not bad|cheap)\b"
    r"|\b(i'?d|we'?d|i would|we would) (\w+ ){0,2}(go|stretch|run) (up )?to (maybe |like |about |around )?"
    r"([$£€]|\d|(" + _TAILWORD + r")\b)",
    re.I,
)
_ACCEPT = re.compile(
    # "a fiver a month wouldn't bother me", "sixty I could probably swing": a price accepted in other words
    r"\b(wouldn'?t|would not|doesn'?t|does not|won'?t) (really )?(bother|worry|faze|break) (me|us|the bank)\b"
    r"|\b(i|we) (could|can) (probably |easily |just about )?(swing|live with|justify|stomach|afford)\b"
    r"|\bwouldn'?t mind paying\b|\b(?:i|we) (?:guess |suppose )?(?:i |we )?could see (?:that|it)\b(?! (?:being|going|happening))"
    # "I take a tenner deposit by payment link, and honestly nobody's argued": nobody balking is the uptake itself
    r"|\b(?:nobody|no one|no-one)(?:'s| has| have)?(?: ever| really| even| once)* (?:argued|complained|objected|minded"
    r"|moaned|grumbled|queried|questioned|pushed back)\b",
    re.I,
)
_DOUBT_BEFORE = re.compile(r"(?:n't|\bnot|\bnever|\bdoubt)\b[^.,;!?]{0,25}$", re.I)


def commits(text: str) -> re.Match[str] | None:
    """A commitment or matching behaviour, or a price accepted in other words that no doubt comes before
    ("I don't think I could justify that" accepts nothing)."""
    if m := COMMIT.search(text):
        return m
    m = _ACCEPT.search(text)
    return m if m and not _DOUBT_BEFORE.search(text[: m.start()]) else None
"""A commitment or a matching past behaviour: what it takes to count *for* a hypothesis about paying or adopting."""
_PAY_WORDS = re.compile(
    r"\b(pay(?![\s-]*(period|day|roll|check|slip|run))|paying|price(?![\s-]*lists?\b)|pricing|priced|fee|fees|subscription|buy"
    r"|purchase)\b",
    re.I,
)
HANDLED = re.compile(
    r"\b(?:i|we|they)\s+just\s+(?!have|had|don'?t|can'?t|couldn'?t|need|wish|lost|lose|missed|miss|got|found|started"
    r"|stop|stopped|leave|left|quit|disappear\w*|vanish\w*|cancel\w*|ignore\w*|walk|walked|go|went|turn|never|won'?t)\w+"
    r"|\b(?:usually|always)\s+(?:gone|sorted|filled|fine)\b|\bwithin\s+(?:the|an|a\s+few)\s+(?:hour|minutes?)\b",
    re.I,
)
"""A workaround that handles it without trouble ("I just delete the other listing", "the slot's usually gone within
the hour"): against a hypothesis that it is a problem."""
HANDLED_CON = 0.4
STAY = re.compile(
    r"\b(work|integrate|fit|plug) (in )?with (the|our|my|what) (\w+ ){0,2}(we|i) (have|use|already)"
    r"|\b(stick|stay|keep going) with (the|our|my|what)\b|\bnot (switching|changing|moving)\b",
    re.I,
)
"""Staying with what they have: against a hypothesis that they would switch or adopt."""
ABANDONED = re.compile(
    r"\b(?:(?:we|i|they)\s+cancell?ed|cancell?ed\s+(?:it|that|them|the\s+(?:subscription|contract|account))"
    r"|stopped\s+(?:using|paying\s+for|it\b|that\b|them\b)|turned\s+(?:it|that|them)\s+off|dropped\s+it"
    r"|gave\s+up\s+on|let\s+it\s+lapse|didn'?t\s+renew|(?:took|taken|take)\s+(?:it|that|them)\s+(?:off|down)"
    r"|(?:deleted|uninstalled|pulled)\s+(?:it|that|them)\b|ripped\s+(?:it|that|them)\s+out"
    r"|(?:went|were|was|had\s+gone|'d\s+gone|have\s+gone|'ve\s+gone|all\s+gone)\s+back\s+(?:to|in|on|into)"
    r"|nobody(?:'s|\s+has|\s+had)?\s+(?:was\s+)?(?:ever\s+)?(?:using|used|opened|writing|wrote|filled)"
    r"|never\s+(?:opened|used|logged\s+in(?:to)?)\s+(?:it|them|the))\b",
    re.I,
)
"""A tool or a new way tried and given up ("we had Harvest for eight months and cancelled it", "within a fortnight
everyone was back in the WhatsApp group"): against a hypothesis that they would pay for or take up a new one."""
ABANDONED_CON = 0.5
SPENDS_AS_MUCH = 0.3
"""Strength of a link from paying someone at least the hypothesis's price today to do the job."""
GRUMBLE_CON = 0.4


_ADOPT_WORDS = re.compile(r"\b(switch|adopt|use|try|sign up|consent|agree|want|prefer|choose|buy|find us)\b", re.I)


_CONDITIONAL = re.compile(r"\bif\b|\b(?:would|i'?d|we'?d)\s+(?:\w+\s+)?(?:pay|go|do|say|put|spend|budget|stretch)\b", re.I)
"""A price put forward ("if you pushed me, I'd say a hundred pounds"), not what they pay today."""


def reacts_to_price(text: str) -> bool:
    """Says yes or no to a price ("I'd pay that", "so no", "I couldn't get that past my partner")."""
    text = money_sense(text)
    return bool(REFUSE_PAY.search(text) or commits(text))


@dataclass(frozen=True)
class StanceResult:
    stance: Stance
    strength: float
    """How clear the direction is (0..1); combined with relevance into the link's confidence."""
    rationale: str
    cued: bool = True
    """A cue decided the direction; False when being on topic was all there was ("about its statement")."""


def hypothesis_type(h: Hypothesis) -> str:
    """`value` (about paying), `adoption` (someone would do/choose something) or `problem`."""
    if _PAY_WORDS.search(h.statement):
        return "value"
    if h.kind in (HypothesisKind.solution, HypothesisKind.growth, HypothesisKind.customer) or (re.search(
        r"\b(would|will)\b", h.statement, re.I
    ) and _ADOPT_WORDS.search(h.statement)):
        return "adoption"
    return "problem"


def _negative(text: str) -> bool:
    return any(t in NEGATIONS or t.endswith("n't") for t in tokens(text))


def _all_stems(text: str) -> set[str]:
    """Stems of every word that is not a stopword, a negation or a number: common verbs ("look") included."""
    return {stem(t) for t in tokens(text) if t not in STOPWORDS and t not in NEGATIONS and not t.endswith("n't")
            and len(t) > 2 and not t.isdigit()}


def _shared_negation(text: str, falsified_if: str) -> str:
    """A word both the speech and `falsified_if` negate ("never looked" / "do not look"), or ""."""
    f_neg = negated_terms(falsified_if, _all_stems(falsified_if))
    said = negated_terms(text, set(f_neg)) if f_neg else []
    return said[0] if said else ""


def offline_stance(
    text: str,
    kind: InsightKind,
    hypothesis: Hypothesis,
    sim_statement: float,
    sim_falsified: float,
    terms: dict[str, float] | None = None,
    asked: str = "",
) -> StanceResult:
    """The direction of `text` on `hypothesis`; `terms` are its key terms (all of its content words if None);
    `asked` is the question it answers, which a short answer ("Closer to the first, honestly.") stands for."""
    key = set(terms) if terms is not None else set(content_stems(f"{hypothesis.statement} {hypothesis.falsified_if}"))
    htype = hypothesis_type(hypothesis)
    why_pro: list[str] = []
    why_con: list[str] = []
    con = 0.0
    # Talking about a price or a channel is not agreeing to pay or to use it: a hypothesis about what people
    # would do is supported by commitments and matching behaviour, not by being on topic.
    pro = BASE_SUPPORT if htype == "problem" else BASE_SUPPORT_WOULD
    commit = commits(text) if htype != "problem" else None
    if commit:
        pro += 0.4
        why_pro.append(f"a commitment or matching behaviour ('{commit.group(0)}')")

    # "The website's forty-two a month": an amount with a period and no currency is money too, put to a price. What
    # was paid ("I paid fifty-five a month for a year for one of those plugins") is past spend, not today's.
    spend_now = kind is InsightKind.behaviour and (
        any(q.dim is Dim.money and q.rate for q in quantities(text))
        or (htype == "value" and costs_now(text))) and not offered_only(text)
    if spend_now and htype == "value" and not any(rx.search(text) for rx in (COMMIT, REFUSE_PAY, RHETORICAL, DISMISSIVE,
                                                                               _CONDITIONAL)):
        # What they pay for something today ("TeamUp's about ninety quid a month, and that does the bookings") is
        # context for a price, not a price they would pay, nor one they refuse. But paying as much already, for
        # the job the hypothesis prices ("I paid a virtual assistant four hundred a month to write the letters"
        # against "would pay $120 a month"), is money spent on the problem: past spending, the best evidence.
        # Against the price alone: paying exactly the price is no "amount on the line" put to them.
        verdict, reason = compare(text, hypothesis.statement)
        if verdict is Verdict.supports and PAID_TO_DO.search(text):
            return StanceResult(Stance.supports, SPENDS_AS_MUCH,
                                f"supports {hypothesis.id}: already spends as much ({reason})")
        if grumble := GRUMBLE.search(text):
            # "I pay twelve pound a month for the accounts software and I grumble about that every single month":
            # resenting what a tool costs today weighs against paying for another.
            return StanceResult(Stance.contradicts, GRUMBLE_CON,
                                f"contradicts {hypothesis.id}: resents what it pays today ('{grumble.group(0)}')")
        return StanceResult(Stance.neutral, 0.0, f"related to {hypothesis.id}: what they pay today, not what they would")
    if htype == "value" and (paid := paid_for_the_job(text, hypothesis.statement)):
        # "We paid a web fella eleven hundred pounds to put that booking page on" against £50 a month: a one-off
        # sum spent on the job that is at least a year of the price.
        return StanceResult(Stance.supports, SPENDS_AS_MUCH,
                            f"supports {hypothesis.id}: already paid '{paid}' for the job, half a year of the price or more")
    price_talk = kind in (InsightKind.willingness_to_pay, InsightKind.objection) or reacts_to_price(text)
    verdict, reason = compare(text, hypothesis.statement, hypothesis.falsified_if, spend_now=spend_now,
                              price_talk=price_talk)
    if verdict is Verdict.none:
        verdict, reason = compare_shares(text, hypothesis.statement)
    if verdict is Verdict.none and (meant := resolve(text, asked)):
        verdict, reason = compare(meant, hypothesis.statement, hypothesis.falsified_if, price_talk=price_talk)
        if verdict is Verdict.none:
            verdict, reason = compare_shares(meant, hypothesis.statement)
        if verdict is not Verdict.none:
            reason = f"answering the question, it means '{meant.strip()}': {reason}"
    if verdict is Verdict.supports:
        # Naming a price is not agreeing to pay it; meeting a time or count threshold is the claim itself.
        pro += 0.3 if htype == "value" else 1.0
        why_pro.append(reason)
    elif verdict is Verdict.contradicts:
        con += 1.2
        why_con.append(reason)

    # Negation, compared with the hypothesis's own polarity term by term: saying no to what the statement
    # says no to agrees; saying no to what it asserts contradicts; saying no to what would falsify it agrees.
    said_neg = negated_terms(text, key)
    h_denied = set(negated_terms(hypothesis.statement, key, commas=False))  # what the statement itself says no to
    denies_falsifier = False
    decided = False
    if said_neg:
        s_terms = set(content_stems(hypothesis.statement))
        f_terms = set(content_stems(hypothesis.falsified_if))
        f_neg = set(negated_terms(hypothesis.falsified_if, key)) if hypothesis.falsified_if else set()
        weights = terms or {}
        # Saying no to what the statement or the falsifier itself says no to decides first ("I won't pay per
        # client" against "firms refuse per-client pricing"); then the most specific term.
        for t in sorted(said_neg, key=lambda t: (t not in h_denied and t not in f_neg, -weights.get(t, 0.0))):
            in_f = t in f_terms and t not in f_neg
            if t in h_denied:
                pro += 0.8
                why_pro.append(f"says no to what it says no to ('{t}')")
            elif t in f_neg:
                con += max(NEG_AGREE, 0.6 if weights.get(t, 1.0) >= 0.5 else 0.3)
                why_con.append(f"says no to what would falsify it says no to ('{t}')")
            elif in_f and (t not in s_terms or sim_falsified > sim_statement):
                # Both may assert it ("marketing is hard" / "someone knows marketing"): the negation
                # denies the one the speech is closer to.
                pro += 0.5
                denies_falsifier = True
                why_pro.append(f"denies what would falsify it ('{t}')")
            elif t in s_terms or t in f_neg:
                con += 0.6 if weights.get(t, 1.0) >= 0.5 else 0.3
                why_con.append(f"negates its key term '{t}'")
            else:
                continue
            decided = True
            break
    if not decided and (failing := failing_terms(text, h_denied)):
        # "A new portal wouldn't fix the problem" against "... without logging into a portal": what the statement
        # says people do without, failing, agrees with it.
        pro += 0.8
        why_pro.append(f"says what it says they do without fails ('{failing[0]}')")
        decided = True
    if not decided:
        # "We've had a shared list on the kitchen speaker since the summer" against "... because they don't keep a
        # shared shopping list": saying yes, in so many words, to what the statement says no to.
        asserted = sorted((h_denied & set(content_stems(text))) - set(said_neg))
        if len(asserted) >= 2 and not _negative(text) and not re.search(r"\b(but|gave up|until)\b", text, re.I):
            con += ASSERTS_DENIED
            why_con.append(f"says yes to what it says no to ('{' '.join(asserted)}')")
            decided = True
    if not decided and hypothesis.falsified_if:
        shared = _shared_negation(text, hypothesis.falsified_if)
        if shared:
            # "I never looked it up" against "they do not look for a fix": the same refusal the falsifier names,
            # even when the verb is too common to be one of the hypothesis's key terms.
            con += NEG_AGREE
            why_con.append(f"says no to what would falsify it says no to ('{shared}')")

    if hypothesis.falsified_if and sim_falsified >= FALSIFIED_MIN and not denies_falsifier:
        gap = sim_falsified - sim_statement
        if gap >= FALSIFIED_GAP:
            con += 0.15 + 1.5 * gap
            why_con.append(f"closer to what would falsify it ({sim_falsified:.2f} vs {sim_statement:.2f})")

    dismissive = DISMISSIVE.search(text) or RHETORICAL.search(text) or (
        _ECHOED.search(text) if htype == "value" else None)
    accepted = _ACCEPT.search(text) if htype == "value" else None
    if dismissive and _REPORTED.search(text[max(0, dismissive.start() - 40) : dismissive.start()]):
        # "Families who swore blind it was fine": someone else's claim, reported, not the speaker waving it away.
        dismissive = None
    if dismissive and accepted and dismissive.start() < accepted.end() and accepted.start() < dismissive.end():
        # "Per store's how everybody charges, so that part doesn't bother me": a price accepted, not a problem
        # waved away.
        dismissive = None
    if dismissive and not DISMISSIVE.search(hypothesis.statement):
        con += 0.55 + (0.1 if CONTRAST.search(text) else 0.0)
        why_con.append(f"dismissive ('{dismissive.group(0)}')")
    rare = RARE.search(text)
    if rare and htype == "problem" and not RARE.search(hypothesis.statement):
        con += 0.6
        why_con.append(f"says it is rare ('{rare.group(0)}')")

    # "Casual staff would claim open shifts": about what people would do, even when its verb is no adoption word.
    would = htype in ("value", "adoption") or bool(re.search(r"\b(would|will)\b", hypothesis.statement, re.I))
    stay = STAY.search(text) if would else None
    if stay:
        con += 0.5
        why_con.append(f"would stay with what they have ('{stay.group(0)}')")
    # A statement that says what people do without ("... from a link, without ringing the practice") is about taking
    # something up, whatever its tense.
    abandoned = ABANDONED.search(text) if (would or h_denied) and not stay else None
    returned = bool(abandoned and re.search(r"\bback\b", abandoned.group(0), re.I))
    if abandoned and not returned and (avoided := sorted(h_denied & set(content_stems(text)))):
        # Giving up what the hypothesis itself says people do without ("we tried a portal back in 2021 and I
        # cancelled it", against "... without logging into a portal") bears it out.
        pro += 0.8  # as much as saying no to it in so many words
        why_pro.append(f"gave up what it says they do without ('{avoided[0]}': '{abandoned.group(0)}')")
    elif abandoned:
        con += ABANDONED_CON
        why_con.append(f"tried before and given up ('{abandoned.group(0)}')")
    grumble = GRUMBLE.search(text) if htype == "value" and _SPEND_NOW.search(text) else None
    if grumble:
        # "I pay twelve pound a month for the accounts software and I grumble about that every single month."
        con += GRUMBLE_CON
        why_con.append(f"resents what it pays today ('{grumble.group(0)}')")
    if kind is InsightKind.objection:
        w = 0.5 if htype in ("value", "adoption") else 0.2
        con += w
        why_con.append("an objection")
    if htype == "value" and (kind is InsightKind.willingness_to_pay or _PAY_WORDS.search(text)
                             or any(q.dim.value == "money" for q in quantities(text))
                             or names_an_amount(text, hypothesis.statement, hypothesis.falsified_if)):
        refuse = REFUSE_PAY.search(money_sense(text))  # "I can't spend any more time on it" refuses no price
        if refuse:
            con += 0.6
            why_con.append(f"unwilling to pay ('{refuse.group(0)}')")
    # A hypothesis that claims something goes badly is contradicted by "it always worked flawlessly" and
    # borne out by "people were angry about it", whatever the topic words say.
    if htype == "problem" and valence(hypothesis.statement) < 0:
        said = valence(text)
        if said > 0 and not denies_falsifier:
            con += VALENCE_CON
            why_con.append("describes it as going well")
        elif said < 0 and not why_con:
            pro += VALENCE_PRO
            why_pro.append("describes it as going badly")
    handled = HANDLED.search(text) if htype == "problem" and kind in (InsightKind.workaround, InsightKind.behaviour) else None
    if handled and not why_pro and not commits(text):
        con += HANDLED_CON
        why_con.append(f"handled without trouble ('{handled.group(0)}')")
    if kind in (InsightKind.pain, InsightKind.workaround) and htype == "problem" and not why_con and not (
            kind is InsightKind.workaround and would):
        pro += 0.15
        why_pro.append(f"a {kind.value} it predicts")

    # Being on topic (the base) decides only when no cue points against: a clear "not really a problem"
    # outweighs the mere relevance that brought the speech here.
    base = BASE_SUPPORT if htype == "problem" else BASE_SUPPORT_WOULD
    cue_pro = pro - base
    if con - cue_pro >= CLEAR_MARGIN:
        return StanceResult(Stance.contradicts, round(min(1.0, con - cue_pro), 3),
                            f"contradicts {hypothesis.id}: " + "; ".join(why_con))
    if pro - con >= CLEAR_MARGIN:
        because = "; ".join(why_pro) or f"about its statement ({sim_statement:.2f})"
        return StanceResult(Stance.supports, round(min(1.0, pro - con), 3), f"supports {hypothesis.id}: {because}",
                            cued=bool(why_pro))
    if not why_pro and not why_con:
        return StanceResult(Stance.neutral, 0.0, f"related to {hypothesis.id}, but nothing in it says which way")
    return StanceResult(
        Stance.neutral, 0.0, f"related to {hypothesis.id}, but cues point both ways: " + "; ".join(why_pro + why_con)
    )
