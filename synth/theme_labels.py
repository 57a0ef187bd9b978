"""Names for groups of insights, from what their members share: keyphrases, never one member's sentence.

A keyphrase is a run of one to three content words (split at punctuation and
at function or filler words, RAKE-style), counted once per insight, with
plurals folded ("invoices" and "invoice" are one phrase). A group's label is
its phrases that several members use and the rest of the workspace uses
less (shared-in-group frequency times inverse frequency overall), so a theme
is called what its members keep saying. Nothing here knows any domain.

With an LLM the label is the model's, but only when its words are checked
against the members' own quotes; otherwise the keyphrase label stands.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache


# Function words and conversational filler: they join content words but never name a topic.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _words(
    """a about above across actually after again against ago all almost also although always am an and any anybody
    anyone anything anyway are aren't around as at away back basically be because been before being below better
    between both but by can can't cannot could couldn't did didn't do does doesn't doing don't done down during each
    either else enough even ever every everybody everyone everything exactly few for from further get gets getting
    go goes going gone gonna good got gotta great guess had hadn't has hasn't have haven't having he he'd he'll he's
    her here hers herself him himself his honestly how however i i'd i'll i'm i've if in instead into is isn't it
    it'd it'll it's its itself just kind kinda know knew let let's like likely lot lots made make makes making many
    may maybe me mean means might mine more most much must my myself need needs never no nobody none nor not nothing
    now of off oh ok okay on once one ones only or other others otherwise our ours ourselves out over own part
    perhaps pretty probably quite rather really right said same say saying says see seem seems she she'd she'll
    she's should shouldn't so some somebody someone something sometimes somewhat sort still stuff such sure take
    takes tell than thank thanks that that's the their theirs them themselves then there there's these they they'd
    they'll they're they've thing things think this those though through thus to too totally toward towards try
    trying uh um under until up upon us use used uses using usually very via want wanted wants was wasn't way we
    we'd we'll we're we've well went were weren't what what's whatever when whenever where whether which while who
    whoever whole whom whose why will with within without won't would wouldn't yeah yep yes yet you you'd you'll
    you're you've your yours yourself yourselves per each across around ask asked asks bring brought call called
    came come comes feel felt find found gave give gives keep keeps kept look looked looks put send sends sent
    start started starts wrote write writes care cares explain explains told tells talk talked
    zero two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
    eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands
    million millions billion half couple dozen first second third fourth fifth last next meant"""
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*[A-Za-z]|[A-Za-z]|\d[\d.,%$]*")
_BREAK = re.compile(r"[.,;:!?()\[\]{}\"\u201c\u201d\u2014\u2013/|]+")
MAX_WORDS = 3
LABEL_PHRASES = 2


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """One key for a word's singular and plural (a light stemmer: enough to merge 'invoices' and 'invoice')."""
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@lru_cache(maxsize=65536)
def _content(word: str) -> bool:
    w = word.lower().replace("\u2019", "'")
    return len(w) > 2 and w not in STOPWORDS and not w[0].isdigit()


def _runs(text: str) -> list[list[str]]:
    """Maximal runs of content words, split at punctuation and at function words."""
    out: list[list[str]] = []
    for part in _BREAK.split(text):
        run: list[str] = []
        for tok in _TOKEN.findall(part):
            if _content(tok):
                run.append(tok)
            elif run:
                out.append(run)
                run = []
        if run:
            out.append(run)
    return out


def phrase_keys(text: str) -> set[tuple[str, ...]]:
    """The keys of every run of up to MAX_WORDS content words in `text` (cheap: no surface forms)."""
    out: set[tuple[str, ...]] = set()
    for run in _runs(text):
        folded = [_fold(w) for w in run]
        for size in range(1, min(MAX_WORDS, len(run)) + 1):
            out.update(tuple(folded[lo : lo + size]) for lo in range(len(run) - size + 1))
    return out


def phrases(text: str) -> dict[tuple[str, ...], str]:
    """Keyphrase key -> how it was written, for every run of up to MAX_WORDS content words in `text`."""
    out: dict[tuple[str, ...], str] = {}
    for run in _runs(text):
        folded = [_fold(w) for w in run]
        shown = [re.sub(r"['\u2019]s$", "", w.lower()) if w[-2:] in ("'s", "\u2019s") else w.lower() for w in run]
        for size in range(1, min(MAX_WORDS, len(run)) + 1):
            for lo in range(len(run) - size + 1):
                out.setdefault(tuple(folded[lo : lo + size]), " ".join(shown[lo : lo + size]))
    return out


def content_keys(text: str) -> set[str]:
    """The folded content words of a text (for checking a label against quotes)."""
    return {_fold(t) for t in _TOKEN.findall(text) if _content(t)}


@dataclass
class PhraseIndex:
    """How many texts in the whole workspace use each (folded) content word: what makes a phrase distinctive.

    Words, not phrases, are counted: one cheap pass over every insight. A phrase is
    as distinctive as its rarest word.
    """

    df: Counter[str] = field(default_factory=Counter)
    total: int = 0

    @classmethod
    def build(cls, texts: Iterable[str]) -> PhraseIndex:
        idx = cls()
        for t in texts:
            idx.df.update(content_keys(t))
            idx.total += 1
        return idx

    def idf(self, key: tuple[str, ...]) -> float:
        return max(math.log((1 + self.total) / (1 + self.df.get(w, 0))) + 1.0 for w in key)


def keyphrases(texts: Sequence[str], corpus: PhraseIndex | None = None, *, n: int = LABEL_PHRASES,
               min_share: int = 2, exclude: frozenset[str] = frozenset()) -> list[str]:
    """The phrases most of `texts` share (each used by at least `min_share` of them), best first.

    A longer phrase beats the words inside it when as many texts use it; the
    chosen phrases share no word, so the label says two things, not one twice.
    """
    per_text = [phrase_keys(t) for t in texts]
    count: Counter[tuple[str, ...]] = Counter()
    for keys in per_text:
        count.update(keys)
    need = min(min_share, len(texts))
    local = corpus or PhraseIndex.build(texts)

    def score(key: tuple[str, ...]) -> float:
        return count[key] * local.idf(key) * (1.0 + 0.35 * (len(key) - 1))

    # People's names are who said it, not what it is about.
    ranked = sorted((k for k in count if count[k] >= need and not exclude.intersection(k)),
                    key=lambda k: (-score(k), -len(k), k))
    chosen: list[tuple[str, ...]] = []
    for key in ranked:
        if any(set(key) & set(c) for c in chosen):
            continue
        chosen.append(key)
        if len(chosen) == n:
            break
    # Two chosen words that members also say side by side are one phrase ("missing" + "invoices").
    if len(chosen) == 2:
        for joined in (chosen[0] + chosen[1], chosen[1] + chosen[0]):
            if len(joined) <= MAX_WORDS and count.get(joined, 0) >= need:
                chosen = [joined]
                break
    # How each phrase was written: its most common spelling among the texts that use it.
    out: list[str] = []
    for key in chosen:
        spellings: Counter[str] = Counter()
        for t, keys in zip(texts, per_text, strict=True):
            if key in keys:
                spellings[phrases(t)[key]] += 1
                if sum(spellings.values()) >= 5:
                    break
        out.append(spellings.most_common(1)[0][0])
    return out


def name_words(names: Iterable[str]) -> frozenset[str]:
    """The folded words of people's names, to keep them out of labels."""
    return frozenset(_fold(w) for name in names for w in _TOKEN.findall(name) if len(w) > 2)


def label_from(texts: Sequence[str], corpus: PhraseIndex | None = None,
               exclude: frozenset[str] = frozenset()) -> tuple[str, list[str]]:
    """(label, keyphrases) for a group: its shared phrases, or, if none is shared, each text's best phrase."""
    shared = keyphrases(texts, corpus, exclude=exclude)
    if not shared:
        # Nothing two members both say: name it by the distinctive phrase of each, never by a sentence.
        shared = list(dict.fromkeys(p for t in texts[:LABEL_PHRASES] for p in keyphrases([t], corpus, n=1, min_share=1,
                                                                                            exclude=exclude)))
    label = ", ".join(shared) if shared else ""
    return (label[:1].upper() + label[1:]) if label else "", shared


def label_is_grounded(label: str, quotes: Sequence[str]) -> bool:
    """Whether the members' own words back a label: most of its content words occur in their quotes,
    and at least one occurs in two or more of them."""
    words = content_keys(label)
    if not words:
        return False
    per_quote = [content_keys(q) for q in quotes]
    present = {w for w in words if any(w in q for q in per_quote)}
    shared = any(sum(w in q for q in per_quote) >= min(2, len(per_quote)) for w in words)
    return shared and len(present) * 2 >= len(words)
