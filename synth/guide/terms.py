"""The words of a hypothesis a question can reuse: who it is about, what they do, what about.

"Small finance teams copy invoice data from PDFs into spreadsheets by hand"
gives subject "small finance teams", activity "copy invoice data from PDFs
into spreadsheets by hand" (a base-form verb phrase, so "the last time you
had to {activity}" reads), gerund "copying invoice data …" and topic
"invoice data". A small verb lexicon and a few rules, not a parser: a slot it
cannot fill is left empty and the question bank falls back to one that
does not need it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Verbs hypotheses tend to use, in base form; 3rd-person forms are derived.
VERBS = {
    "accept", "adopt", "ask", "automate", "avoid", "build", "buy", "care", "chase", "check", "choose",
    "close", "collect", "compare", "copy", "create", "deal", "do", "download", "enter", "export", "fight", "file",
    "find", "fix", "forget", "get", "give", "go", "handle", "hate", "have", "hire", "import", "juggle", "keep",
    "know", "lack", "let", "lose", "maintain", "make", "manage", "match", "miss", "move", "need", "outsource", "own",
    "pay", "plan", "prefer", "prepare", "process", "pull", "purchase", "rebuild", "reconcile", "recommend",
    "refer", "rely", "report", "review", "run", "save", "schedule", "search", "see", "send", "share", "sign", "skip", "sort", "stay",
    "spend", "struggle", "submit", "switch", "take", "talk", "tell", "track", "try", "type", "update", "upload",
    "use", "value", "verify", "want", "waste", "work", "worry", "write",
}
AUX = {
    "are", "is", "am", "was", "were", "be", "been", "would", "will", "can", "could", "should", "shall", "may",
    "might", "must", "do", "does", "did", "'d", "'ll",
}
ADVERBS = {
    "often", "regularly", "usually", "currently", "still", "always", "really", "actually", "already", "frequently",
    "typically", "mostly", "generally", "manually", "sometimes", "constantly", "rarely", "never", "also",
}
STOP_TOPIC = {
    "from", "into", "to", "by", "every", "each", "because", "when", "with", "for", "in", "on", "at", "than",
    "before", "after", "during", "per", "if", "so", "and", "or", "but", "while", "until", "without", "via",
    "instead", "rather", "once", "twice", "up", "down", "out", "off", "too", "faster", "quicker", "sooner",
    "slower", "better", "easier", "cheaper", "like", "through", "a", "an", "the", "more", "less", "hours", "minutes", "days",
}
DETERMINERS = {
    "a", "an", "the", "their", "its", "his", "her", "our", "some", "any", "all", "this", "that", "these", "both",
    "either", "us", "we",
}
# Words that describe the imagined solution, not the customer's world: "automatic PDF reading" -> "PDF reading".
SOLUTION_ADJ = {
    "automatic", "automated", "ai", "ai-powered", "smart", "instant", "one-click", "real-time", "better", "faster",
    "easier", "simpler", "cheaper", "new", "digital", "intelligent",
}
PRONOUNS = {"they": "you", "them": "you", "their": "your", "theirs": "yours", "themselves": "yourself"}
IRREGULAR_3RD = {"has": "have", "does": "do", "goes": "go", "is": "be", "are": "be"}
DOUBLE_FINAL = {"run", "get", "stop", "plan", "ship", "chat", "set", "put", "cut", "shop", "swap", "drop", "sit"}


@dataclass(frozen=True)
class Terms:
    subject: str
    """Who the hypothesis is about, as written ("small finance teams")."""
    activity: str
    """A base-form verb phrase in the second person, or "" when none was found."""
    gerund: str
    topic: str
    """A short noun phrase the questions can be about ("invoice data")."""


def _words(text: str) -> list[str]:
    # A comma stays on its word, so "receipts, statements and answers" keeps its punctuation.
    return re.findall(r"(?:[A-Za-z0-9$€£%][\w$€£%'/.-]*[\w%]|[A-Za-z0-9$€£%]),?", text)


def base_form(word: str) -> str | None:
    """The lexicon verb `word` is a form of ("copies" -> "copy"), or None."""
    w = word.lower().rstrip(",")
    if w in VERBS:
        return w
    if w in IRREGULAR_3RD:
        return IRREGULAR_3RD[w]
    for suffix, repl in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"), ("xes", "x"), ("s", "")):
        if w.endswith(suffix) and w[: -len(suffix)] + repl in VERBS:
            return w[: -len(suffix)] + repl
    return None


def gerund(verb: str) -> str:
    v = verb.lower()
    if v.endswith("ie"):
        return v[:-2] + "ying"
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")) and v != "be":
        return v[:-1] + "ing"
    if v in DOUBLE_FINAL:
        return v + v[-1] + "ing"
    return v + "ing"


def _second_person(words: list[str]) -> list[str]:
    return [PRONOUNS.get(w.lower(), w) for w in words]


def _clean(statement: str) -> str:
    text = re.sub(r"\([^)]*\)", " ", statement)
    text = text.replace("\u2019", "'").strip().rstrip(".!;:")
    return " ".join(text.split())


ATTITUDE = {"hate", "want", "need", "prefer", "care", "worry", "value", "struggle", "try", "fight", "like", "love"}
TIME_SINK = {"spend", "waste", "lose", "take"}
TIME_WORDS = {
    "more", "less", "than", "over", "about", "around", "up", "to", "at", "least", "hours", "hour", "minutes", "days",
    "a", "an", "every", "each", "per", "week", "weeks", "month", "months", "day", "year", "time", "lots", "of",
}


def un_gerund(word: str) -> str | None:
    """The lexicon verb a gerund comes from ("reconciling" -> "reconcile"), or None."""
    w = word.lower().rstrip(",")
    if not w.endswith("ing") or len(w) < 5:
        return None
    stem = w[:-3]
    for cand in (stem, stem + "e", stem[:-1], stem[:-1] + "ie" if stem.endswith("y") else ""):
        if cand in VERBS:
            return cand
    return None


def extract_terms(statement: str) -> Terms:
    words = _words(_clean(statement))
    verb_at = next(
        (i for i, w in enumerate(words) if i > 0 and (w.lower() in AUX or base_form(w) is not None)), None
    )
    # "Month-end close takes too long": a noun that looks like a verb, then the real verb.
    if verb_at is not None and verb_at + 1 < len(words) and words[verb_at].lower() in VERBS:
        nxt = words[verb_at + 1]
        if base_form(nxt) not in (None, nxt.lower()):
            verb_at += 1
    if verb_at is None:
        phrase = " ".join(words[:6])
        return Terms(subject=_lower_first(phrase), activity="", gerund="", topic=_topic(words) or _lower_first(phrase))
    subject = _lower_first(" ".join(words[:verb_at]))
    about = _topic(words[:verb_at]) or subject
    rest = words[verb_at:]
    # Skip auxiliaries and adverbs: "are often forced to" / "would pay" -> the main verb.
    i = 0
    while i < len(rest) and (rest[i].lower() in AUX or rest[i].lower() in ADVERBS or rest[i].lower() == "not"):
        i += 1
    negated = any(w.lower() in {"not", "never"} or w.lower().endswith("n't") for w in rest[:i])
    verb = base_form(rest[i]) if i < len(rest) else None
    # A singular thing as subject ("the close takes too long") does nothing a person can be asked about.
    thing = i == 0 and verb is not None and rest[0].lower() != verb and rest[0].lower() not in IRREGULAR_3RD
    if verb is None or negated or thing:
        # "are the early adopters", "are not willing": no activity a question can reuse.
        return Terms(subject=subject, activity="", gerund="", topic=about if thing else _topic(rest[i:]) or about)
    tail = rest[i + 1 :]
    if verb in ATTITUDE or verb in TIME_SINK:
        # "hate chasing late payments" / "struggle to keep X" / "spend 5 hours reconciling X": the inner activity.
        inner = _inner_activity(tail, time_sink=verb in TIME_SINK)
        if inner is None:
            return Terms(subject=subject, activity="", gerund="", topic=_topic(tail) or about)
        verb, tail = inner
    topic_words = tail
    if verb == "pay" and "for" in (w.lower() for w in tail):
        # "pay $40 per client for automated chasing": what it buys is what to ask about.
        topic_words = tail[[w.lower() for w in tail].index("for") + 1 :]
    tail = _second_person(tail)
    return Terms(
        subject=subject,
        activity=" ".join([verb, *tail]).strip(),
        gerund=" ".join([gerund(verb), *tail]).strip(),
        topic=_topic(topic_words) or _topic(tail) or about,
    )


def _inner_activity(tail: list[str], *, time_sink: bool) -> tuple[str, list[str]] | None:
    """"to keep X" right after an attitude verb; the first gerund within a few words after a time sink."""
    if tail and tail[0].lower() == "to" and len(tail) > 1 and base_form(tail[1]) == tail[1].lower():
        return tail[1].lower(), tail[2:]
    reach = 10 if time_sink else 1
    for j, w in enumerate(tail[:reach]):
        inner = un_gerund(w)
        if inner is not None:
            return inner, tail[j + 1 :]
    return None


def _topic(words: list[str]) -> str:
    """The first run of content words after any verbs and time measures, cut at a preposition."""
    out: list[str] = []
    for w in words:
        lw = w.lower()
        if not out and (
            lw in DETERMINERS or lw in STOP_TOPIC or lw in ADVERBS or lw in PRONOUNS or lw in AUX
            or lw in TIME_WORDS or lw in SOLUTION_ADJ or lw in {"you", "your"} or base_form(w) is not None
            or re.fullmatch(r"[$€£]?\d[\d.,%/a-z]*", lw)
        ):
            continue
        if lw in STOP_TOPIC or (out and base_form(w) not in (None, lw)):
            break
        out.append(w.rstrip(","))
        if len(out) == 4 or w.endswith(","):
            break
    return _lower_first(" ".join(_second_person(out)))


def _lower_first(phrase: str) -> str:
    """Lower-case the first word unless it is an acronym or a name-like token with inner capitals."""
    if not phrase:
        return phrase
    first, _, rest = phrase.partition(" ")
    if (first.isupper() and len(first) > 1) or any(c.isupper() for c in first[1:]):
        return phrase
    return (first[:1].lower() + first[1:] + (" " + rest if rest else "")).strip()
