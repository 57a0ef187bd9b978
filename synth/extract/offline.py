"""The offline engine: no LLM, the default and the baseline the LLM engine has to beat.

Each participant sentence with content is embedded once (one batch per
interview) and compared with written examples of every insight kind
(prompts/offline/kinds.yaml); lexical cues (money, frequency words, tools,
"we tried", "I wish", negations...) add to a kind's score. A sentence becomes
an insight when its best kind beats the `none` class (small talk, logistics)
by a margin and clears an absolute floor; neighbouring sentences of the same
kind in one turn merge into one quote. Quotes are source spans by
construction, so grounding is exact.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from synth.extract.lexicon import NONE_KIND, KindSpec, load_kinds
from synth.extract.sentences import Sentence, candidate_sentences, clean_summary
from synth.models import Insight, InsightKind, InsightSet, Interview, Quote

if TYPE_CHECKING:
    import numpy as np

    from synth.embed import Embedder

ENGINE = "offline"
MIN_SCORE = 0.36
"""Floor on the best kind's score (similarity + cues); below it a sentence is not an insight."""
MIN_LEAD_OVER_NONE = 0.03
MAX_MERGE_GAP = 3
"""Characters allowed between two sentences merged into one quote (a space or two)."""
TOP_EXAMPLES = 2


@dataclass
class _Scored:
    sentence: Sentence
    kind: str
    score: float
    confidence: float


class OfflineExtractor:
    name = ENGINE

    def __init__(self, embedder: Embedder, kinds: dict[str, KindSpec] | None = None) -> None:
        self.embedder = embedder
        self.kinds = kinds or load_kinds()
        self._names = list(self.kinds)
        self._example_vecs: np.ndarray | None = None
        self._owner: list[int] = []

    def _examples(self) -> tuple[np.ndarray, list[int]]:
        if self._example_vecs is None:
            texts: list[str] = []
            for k, name in enumerate(self._names):
                spec = self.kinds[name]
                for t in [spec.description, *spec.examples]:
                    texts.append(t)
                    self._owner.append(k)
            self._example_vecs = self.embedder.embed(texts)
        return self._example_vecs, self._owner

    def kind_scores(self, texts: list[str]) -> np.ndarray:
        """(n_texts, n_kinds): mean of the best example similarities plus cue weights."""
        import numpy as np

        ex, owner = self._examples()
        vecs = self.embedder.embed(texts)
        sims = vecs @ ex.T
        owner_arr = np.array(owner)
        scores = np.zeros((len(texts), len(self._names)), dtype=np.float32)
        for k in range(len(self._names)):
            cols = np.sort(sims[:, owner_arr == k], axis=1)[:, -TOP_EXAMPLES:]
            scores[:, k] = cols.mean(axis=1)
        for i, text in enumerate(texts):
            for k, name in enumerate(self._names):
                scores[i, k] += min(self.kinds[name].cue_score(text), 0.25)
        return scores

    def classify(self, sentences: list[Sentence]) -> list[_Scored]:
        if not sentences:
            return []
        scores = self.kind_scores([s.text for s in sentences])
        none_k = self._names.index(NONE_KIND) if NONE_KIND in self._names else None
        out = []
        for s, row in zip(sentences, scores, strict=True):
            ranked = sorted(
                ((float(v), self._names[k]) for k, v in enumerate(row) if k != none_k), reverse=True
            )
            best, kind = ranked[0]
            second = ranked[1][0] if len(ranked) > 1 else 0.0
            none = float(row[none_k]) if none_k is not None else 0.0
            lead = best - none
            if best < MIN_SCORE or lead < MIN_LEAD_OVER_NONE:
                continue
            # Confidence grows with the margin over the runner-up kind and over `none`.
            z = 10.0 * (best - second) + 8.0 * lead + 6.0 * (best - MIN_SCORE)
            conf = 1.0 / (1.0 + math.exp(-(z - 0.5)))
            out.append(_Scored(s, kind, best, round(min(max(conf, 0.05), 0.99), 3)))
        return out

    def extract(self, interview: Interview) -> InsightSet:
        scored = self.classify(candidate_sentences(interview))
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
        best = max(group, key=lambda g: g.score)
        return Insight(
            id=Insight.make_id(interview.id, kind, quote.start, quote.end),
            interview_id=interview.id,
            kind=InsightKind(kind),
            summary=clean_summary(best.sentence.text),
            quotes=[quote],
            participant=first.turn.speaker,
            confidence=max(g.confidence for g in group),
            engine=ENGINE,
        )


def _merge_neighbours(scored: list[_Scored]) -> list[list[_Scored]]:
    groups: list[list[_Scored]] = []
    for item in scored:
        prev = groups[-1][-1] if groups else None
        if (
            prev is not None
            and prev.kind == item.kind
            and prev.sentence.turn.index == item.sentence.turn.index
            and item.sentence.start - prev.sentence.end <= MAX_MERGE_GAP
            and len(groups[-1]) < 3
        ):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


_EXTRACTORS: dict[str, OfflineExtractor] = {}


def offline_extractor(embedder: Embedder) -> OfflineExtractor:
    """One extractor per embedder, so the kind examples are embedded once per process."""
    ext = _EXTRACTORS.get(embedder.name)
    if ext is None:
        ext = _EXTRACTORS[embedder.name] = OfflineExtractor(embedder)
    return ext
