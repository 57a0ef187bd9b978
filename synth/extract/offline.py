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

These and their context become the features of a small learned selector
(synth.extract.selector, weights in prompts/offline/selector.v1.json, fitted
on the tuning split by `python -m bench.fit_selector`): a sentence is kept when
its probability of being evidence reaches the fitted threshold, within a cap
that is a multiple of budget(n) (a budget that grows with the square root of
a short interview's length and then logarithmically: a long interview holds
more evidence, but not proportionally more) and above a fitted floor, and
never none when there is participant speech at all. Neighbouring kept
sentences in one turn merge into one insight of at most MAX_MERGE sentences.
Quotes are source spans by construction,
so grounding is exact; money sentences get their kind from synth.extract.kind_rules.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from synth.extract.build import speaker_attribution
from synth.extract.kind_rules import is_price_talk, money_kind
from synth.extract.lexicon import NONE_KIND, KindSpec, load_kinds
from synth.extract.sentences import Sentence, candidate_sentences, clean_summary
from synth.models import PASSAGE_GAP, Hypothesis, Insight, InsightKind, InsightSet, Interview, Quote

if TYPE_CHECKING:
    import numpy as np

    from synth.embed import Embedder
    from synth.extract.selector import HypothesisVectors

ENGINE = "offline"
MAX_MERGE_GAP = 150
"""Characters allowed between two kept sentences of one turn that make one insight: a short sentence between them
(" And it was Tuesday again. ") is the same thought told on; one insight per sentence counted each half as its own
finding (on corpus/eval/tune, precision 0.589 -> 0.609, recall 0.660 -> 0.651, at the shipped selector)."""
MAX_MERGE = 2
"""Sentences per merged insight: evidence a careful reader quotes is one or two sentences long. Kept neighbours
merge whatever their kinds (two kinds read into one thought would count as two insights, one of them spurious);
the insight takes the kind of its most probable sentence."""
TOP_EXAMPLES = 2
CUE_CAP = 0.25

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
    """The selector's probability that the sentence is evidence."""


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

    def _hypothesis_vectors(self) -> HypothesisVectors | None:
        import numpy as np

        from synth.extract.selector import HypothesisVectors

        if not self.hypotheses:
            return None
        texts = [(h.statement, h.falsified_if) for h in self.hypotheses]
        statement = self.embedder.embed([t[0] for t in texts])
        falsified = np.zeros_like(statement)
        cols = [j for j, t in enumerate(texts) if t[1].strip()]
        if cols:
            falsified[cols] = self.embedder.embed([texts[j][1] for j in cols])
        return HypothesisVectors(texts, statement, falsified)

    def featurize(self, interview: Interview, sentences: list[Sentence]) -> tuple[list[_Scored], np.ndarray]:
        """Every sentence with its best kind and kind confidence, and the selector's feature matrix."""
        import numpy as np

        from synth.extract.selector import FEATURES, feature_matrix

        if not sentences:
            return [], np.zeros((0, len(FEATURES)))
        texts = [s.text for s in sentences]
        vecs = self.embedder.embed(texts)
        scores = self._scores_from_vecs(texts, vecs)
        none_k = self._names.index(NONE_KIND) if NONE_KIND in self._names else None
        x = feature_matrix(interview, sentences, scores, none_k, vecs, self._hypothesis_vectors())
        out = []
        for s, row in zip(sentences, scores, strict=True):
            ranked = sorted(
                ((float(v), self._names[k]) for k, v in enumerate(row) if k != none_k), reverse=True
            )
            best, kind = ranked[0]
            second = ranked[1][0] if len(ranked) > 1 else 0.0
            none = float(row[none_k]) if none_k is not None else 0.0
            # Kind confidence grows with the margin over the runner-up kind and the lead over small talk.
            z = 10.0 * (best - second) + 8.0 * (best - none)
            conf = 1.0 / (1.0 + math.exp(-(z - 0.5)))
            if kind == "willingness_to_pay" and not is_price_talk(s.text) and len(ranked) > 1:
                kind = ranked[1][1]  # "pay" or a figure alone is not a price anyone would pay
            kind = money_kind(s.text, kind)
            out.append(_Scored(s, kind, best, conf))
        return out, x

    def classify(self, interview: Interview, sentences: list[Sentence]) -> list[_Scored]:
        """Every sentence with its best kind, confidence and probability of being evidence (not yet selected)."""
        from synth.extract.selector import load_selector

        scored, x = self.featurize(interview, sentences)
        if not scored:
            return []
        probs = load_selector().model(bool(self.hypotheses), len(scored)).probabilities(x)
        for item, p in zip(scored, probs, strict=True):
            item.evidence = float(p)
            # Confident when both the kind and the selector are: the geometric mean of the two.
            item.confidence = round(min(max(math.sqrt(item.confidence * float(p)), 0.05), 0.99), 3)
        return scored

    def select(self, scored: list[_Scored]) -> list[_Scored]:
        """The sentences whose probability reaches the threshold, within the budget; in transcript order."""
        from synth.extract.selector import load_selector

        if not scored:
            return []
        sel = load_selector()
        has, n = bool(self.hypotheses), len(scored)
        return select_sentences(scored, sel.model(has, n).threshold, sel.cap_factor, sel.floor(has, n))

    def extract(self, interview: Interview) -> InsightSet:
        scored = self.select(self.classify(interview, candidate_sentences(interview)))
        insights = [self._insight(interview, group) for group in _merge_neighbours(scored)]
        return InsightSet(interview_id=interview.id, engine=ENGINE, insights=insights)

    def _insight(self, interview: Interview, group: list[_Scored]) -> Insight:
        first = group[0].sentence
        best = max(group, key=lambda g: g.evidence)
        kind = best.kind
        spans = quote_spans(group)
        quotes = [
            Quote(text=interview.text[a:b], interview_id=interview.id, turn_index=first.turn.index, start=a, end=b)
            for a, b in spans
        ]
        quote = quotes[0]
        flags = sorted({f for g in group for f in g.sentence.flags})
        return Insight(
            id=Insight.make_id(interview.id, kind, quote.start, quote.end),
            interview_id=interview.id,
            kind=InsightKind(kind),
            summary=clean_summary(best.sentence.text),
            quotes=quotes,
            participant=first.turn.speaker,
            confidence=max(g.confidence for g in group),
            engine=ENGINE,
            unattributed=speaker_attribution(first.turn) == "unattributed",
            flagged=flags,
        )


def select_sentences(
    scored: list[_Scored], threshold: float, cap_factor: float, floor_factor: float = 0.0
) -> list[_Scored]:
    """Those whose probability reaches `threshold`, best first, between floor_factor and cap_factor times
    budget(n) (at least MIN_BUDGET), and every flagged sentence; in transcript order.

    Shared with bench/fit_selector.py, which chooses the threshold and the floor."""
    ranked = sorted(scored, key=lambda s: -s.evidence)
    n = len(scored)
    cap = max(MIN_BUDGET, round(cap_factor * budget(n)))
    kept = [s for s in ranked if s.evidence >= threshold][:cap]
    # Participant speech always yields something to review, however weak the cues; and an hour of talk, whose
    # every sentence looks less likely on its own, still yields its best few.
    floor = max(MIN_BUDGET, round(floor_factor * budget(n)))
    if len(kept) < floor:
        kept = ranked[: min(floor, n)]
    chosen = {id(s) for s in kept}
    # A suspicious sentence is shown to the founder, marked, whatever its score: never silently dropped.
    return [s for s in scored if id(s) in chosen or s.sentence.flags]


def quote_spans(group: list[_Scored]) -> list[tuple[int, int]]:
    """The quotes of one merged insight, as (start, end).

    Shared with bench/fit_selector.py, so fitting scores the quotes the engine stores."""
    first, last = group[0].sentence, group[-1].sentence
    adjacent = all(b.sentence.start - a.sentence.end <= PASSAGE_GAP for a, b in pairwise(group))
    if adjacent and len({g.kind for g in group}) == 1:
        # One thought told over two sentences side by side: one quote, the whole span.
        return [(first.start, last.end)]
    # Two kinds, or a sentence the engine did not pick between them: a quote per sentence, the more probable first,
    # so what links it to a hypothesis is not diluted by its neighbour, and nothing is quoted that was not picked.
    return [(g.sentence.start, g.sentence.end) for g in sorted(group, key=lambda g: -g.evidence)]


def _merge_neighbours(scored: list[_Scored]) -> list[list[_Scored]]:
    groups: list[list[_Scored]] = []
    for item in scored:
        prev = groups[-1][-1] if groups else None
        if (
            prev is not None
            and prev.sentence.turn.index == item.sentence.turn.index
            and bool(prev.sentence.flags) == bool(item.sentence.flags)
            and item.sentence.start - prev.sentence.end <= MAX_MERGE_GAP
            and len(groups[-1]) < MAX_MERGE
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
