"""The offline engine: no LLM, the default and the baseline the LLM engine has to beat.

Each candidate sentence (participant or unlabelled speech, see
synth.extract.sentences) is embedded once per interview and scored three ways:

- **kind**: similarity to written examples of every insight kind
  (prompts/offline/kinds.yaml) plus lexical cues; the best kind must beat the
  `none` class (small talk, logistics, background);
- **relevance**: closeness to what the founder wants to learn, the hypotheses'
  statements and `falsified_if` (when the workspace has hypotheses);
- **specificity**: what makes speech evidence rather than chat, whatever the
  domain: quantities, frequencies, first-hand "I"/"we" accounts, concrete
  events, negations.

Sentences are ranked by the weighted sum; those above a floor are kept, at most
a budget that grows with the square root of a short interview's length and
then logarithmically (a long interview holds more evidence, but not
proportionally more), and never none when there is participant speech at all. Neighbouring kept sentences of one
kind in one turn merge into one quote. Quotes are source spans by construction,
so grounding is exact; money sentences get their kind from synth.extract.kind_rules.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from synth.extract.build import speaker_attribution
from synth.extract.kind_rules import is_price_talk, money_kind
from synth.extract.lexicon import NONE_KIND, KindSpec, load_kinds
from synth.extract.sentences import Sentence, candidate_sentences, clean_summary
from synth.models import Hypothesis, Insight, InsightKind, InsightSet, Interview, Quote

if TYPE_CHECKING:
    import numpy as np

    from synth.embed import Embedder

ENGINE = "offline"
MAX_MERGE_GAP = 3
"""Characters allowed between two sentences merged into one quote (a space or two)."""
TOP_EXAMPLES = 2
CUE_CAP = 0.25

# Weights of the evidence score (tuned on corpus/eval/tune only).
W_LEAD = 0.5
"""Best kind's lead over `none`."""
W_RELEVANCE = 1.0
"""Closeness to the nearest hypothesis text, above RELEVANCE_BASE."""
RELEVANCE_BASE = 0.15
W_SPECIFIC = 0.08
"""Per specificity cue (quantity, frequency, first-hand account, concrete event, negation)."""
MIN_EVIDENCE = 0.05
"""Floor on the evidence score."""
BUDGET_PER_SQRT = 1.8
"""At most this many insights per square root of the number of candidate sentences (short interviews)..."""
BUDGET_KNEE = 25
BUDGET_PER_DOUBLING = 3.0
"""...and past BUDGET_KNEE candidates this many more each time the interview doubles: an hour of talk
holds more evidence than ten minutes, but mostly more of the same and more small talk."""
MIN_BUDGET = 3
"""At least this many (or every candidate, when there are fewer)."""


def budget(candidates: int) -> int:
    """How many insights an interview with this many candidate sentences may yield."""
    if candidates <= BUDGET_KNEE:
        return max(MIN_BUDGET, round(BUDGET_PER_SQRT * math.sqrt(candidates)))
    knee = BUDGET_PER_SQRT * math.sqrt(BUDGET_KNEE)
    return round(knee + BUDGET_PER_DOUBLING * math.log2(candidates / BUDGET_KNEE))


@dataclass
class _Scored:
    sentence: Sentence
    kind: str
    score: float
    confidence: float
    evidence: float = 0.0


_SPECIFIC = [
    re.compile(p, re.IGNORECASE)
    for p in (
        # a quantity: digits, or a number word before a unit or noun
        r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
        r"sixty|hundred|thousand|million|half|dozen|couple)\b",
        # a frequency or a time span
        r"\b(?:every|each|per|a|an)\s+(?:day|week|month|quarter|year|morning|night|time|hour)\b|\b(?:daily|weekly|"
        r"monthly|yearly|always|usually|never|often|sometimes|rarely|once|twice)\b|\b(?:hours?|minutes?|days?|weeks?|"
        r"months?|years?)\b",
        # a first-hand account
        r"\b(?:i|we|my|our|me|us|i'm|we're|i've|we've|i'd|we'd)\b",
        # a concrete event or change
        r"\b(?:last|yesterday|ago|tried|stopped|started|switched|gave up|ended up|lost|missed|broke|cancel\w*|quit)\b",
        # a negation or contrast: evidence against is evidence too
        r"\b(?:not|no|never|don't|doesn't|didn't|won't|wouldn't|isn't|wasn't|can't|couldn't)\b|n't\b|\bbut\b",
    )
]


def specificity(text: str) -> int:
    """How many kinds of concrete detail the sentence carries (0..5)."""
    return sum(1 for p in _SPECIFIC if p.search(text))


def hypothesis_texts(hypotheses: list[Hypothesis]) -> list[str]:
    out = []
    for h in hypotheses:
        out.append(h.statement)
        if h.falsified_if.strip():
            out.append(h.falsified_if)
    return out


class OfflineExtractor:
    name = ENGINE

    def __init__(
        self, embedder: Embedder, kinds: dict[str, KindSpec] | None = None, hypotheses: list[Hypothesis] | None = None
    ) -> None:
        self.embedder = embedder
        self.kinds = kinds or load_kinds()
        self.hypotheses = list(hypotheses or [])
        self._names = list(self.kinds)
        self._example_vecs: np.ndarray | None = None
        self._owner: list[int] = []

    def for_hypotheses(self, hypotheses: list[Hypothesis]) -> OfflineExtractor:
        """The same extractor (kind examples already embedded) aimed at these hypotheses."""
        other = OfflineExtractor(self.embedder, self.kinds, hypotheses)
        other._example_vecs, other._owner = self._examples()
        return other

    def _examples(self) -> tuple[np.ndarray, list[int]]:
        if self._example_vecs is None:
            texts: list[str] = []
            owner: list[int] = []
            for k, name in enumerate(self._names):
                spec = self.kinds[name]
                for t in [spec.description, *spec.examples]:
                    texts.append(t)
                    owner.append(k)
            self._example_vecs = self.embedder.embed(texts)
            self._owner = owner
        return self._example_vecs, self._owner

    def _scores_from_vecs(self, texts: list[str], vecs: np.ndarray) -> np.ndarray:
        import numpy as np

        ex, owner = self._examples()
        sims = vecs @ ex.T
        owner_arr = np.array(owner)
        scores = np.zeros((len(texts), len(self._names)), dtype=np.float32)
        for k in range(len(self._names)):
            cols = np.sort(sims[:, owner_arr == k], axis=1)[:, -TOP_EXAMPLES:]
            scores[:, k] = cols.mean(axis=1)
        for i, text in enumerate(texts):
            for k, name in enumerate(self._names):
                scores[i, k] += min(self.kinds[name].cue_score(text), CUE_CAP)
        return scores

    def kind_scores(self, texts: list[str]) -> np.ndarray:
        """(n_texts, n_kinds): mean of the best example similarities plus cue weights."""
        return self._scores_from_vecs(texts, self.embedder.embed(texts))

    def _relevance(self, vecs: np.ndarray) -> np.ndarray:
        import numpy as np

        texts = hypothesis_texts(self.hypotheses)
        if not texts or len(vecs) == 0:
            return np.zeros(len(vecs), dtype=np.float32)
        hv = self.embedder.embed(texts)
        return np.asarray((vecs @ hv.T).max(axis=1), dtype=np.float32)

    def classify(self, sentences: list[Sentence]) -> list[_Scored]:
        """Every sentence with its best kind, kind score, confidence and evidence score (not yet selected)."""
        if not sentences:
            return []
        texts = [s.text for s in sentences]
        vecs = self.embedder.embed(texts)
        scores = self._scores_from_vecs(texts, vecs)
        relevance = self._relevance(vecs)
        none_k = self._names.index(NONE_KIND) if NONE_KIND in self._names else None
        out = []
        for s, row, rel in zip(sentences, scores, relevance, strict=True):
            ranked = sorted(
                ((float(v), self._names[k]) for k, v in enumerate(row) if k != none_k), reverse=True
            )
            best, kind = ranked[0]
            second = ranked[1][0] if len(ranked) > 1 else 0.0
            none = float(row[none_k]) if none_k is not None else 0.0
            lead = best - none
            evidence = (
                W_LEAD * lead + W_RELEVANCE * max(0.0, float(rel) - RELEVANCE_BASE) + W_SPECIFIC * specificity(s.text)
            )
            # Confidence grows with the margin over the runner-up kind and with the evidence score.
            z = 10.0 * (best - second) + 8.0 * lead + 6.0 * (evidence - MIN_EVIDENCE)
            conf = 1.0 / (1.0 + math.exp(-(z - 0.5)))
            if kind == "willingness_to_pay" and not is_price_talk(s.text) and len(ranked) > 1:
                kind = ranked[1][1]  # "pay" or a figure alone is not a price anyone would pay
            kind = money_kind(s.text, kind)
            out.append(_Scored(s, kind, best, round(min(max(conf, 0.05), 0.99), 3), evidence))
        return out

    def select(self, scored: list[_Scored]) -> list[_Scored]:
        """The best-ranked sentences above the floor, within the budget; in transcript order."""
        if not scored:
            return []
        ranked = sorted(scored, key=lambda s: -s.evidence)
        kept = [s for s in ranked if s.evidence >= MIN_EVIDENCE][: budget(len(scored))]
        if len(kept) < MIN_BUDGET:
            # Participant speech always yields something to review, however weak the cues.
            kept = ranked[: min(MIN_BUDGET, len(ranked))]
        chosen = {id(s) for s in kept}
        # A suspicious sentence is shown to the founder, marked, whatever its score: never silently dropped.
        return [s for s in scored if id(s) in chosen or s.sentence.flags]

    def extract(self, interview: Interview) -> InsightSet:
        scored = self.select(self.classify(candidate_sentences(interview)))
        insights = [self._insight(interview, group) for group in _merge_neighbours(scored)]
        return InsightSet(interview_id=interview.id, engine=ENGINE, insights=insights)

    def _insight(self, interview: Interview, group: list[_Scored]) -> Insight:
        first, last = group[0].sentence, group[-1].sentence
        kind = group[0].kind
        quote = Quote(
            text=interview.text[first.start : last.end],
            interview_id=interview.id,
            turn_index=first.turn.index,
            start=first.start,
            end=last.end,
        )
        best = max(group, key=lambda g: g.evidence)
        flags = sorted({f for g in group for f in g.sentence.flags})
        return Insight(
            id=Insight.make_id(interview.id, kind, quote.start, quote.end),
            interview_id=interview.id,
            kind=InsightKind(kind),
            summary=clean_summary(best.sentence.text),
            quotes=[quote],
            participant=first.turn.speaker,
            confidence=max(g.confidence for g in group),
            engine=ENGINE,
            unattributed=speaker_attribution(first.turn) == "unattributed",
            flagged=flags,
        )


def _merge_neighbours(scored: list[_Scored]) -> list[list[_Scored]]:
    groups: list[list[_Scored]] = []
    for item in scored:
        prev = groups[-1][-1] if groups else None
        if (
            prev is not None
            and prev.kind == item.kind
            and prev.sentence.turn.index == item.sentence.turn.index
            and bool(prev.sentence.flags) == bool(item.sentence.flags)
            and item.sentence.start - prev.sentence.end <= MAX_MERGE_GAP
            and len(groups[-1]) < 3
        ):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


_EXTRACTORS: dict[str, OfflineExtractor] = {}


def offline_extractor(embedder: Embedder, hypotheses: list[Hypothesis] | None = None) -> OfflineExtractor:
    """One extractor per embedder, so the kind examples are embedded once per process."""
    ext = _EXTRACTORS.get(embedder.name)
    if ext is None:
        ext = _EXTRACTORS[embedder.name] = OfflineExtractor(embedder)
    return ext.for_hypotheses(hypotheses) if hypotheses else ext
