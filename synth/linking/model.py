"""The link decision: does this speech bear on this hypothesis, and how surely?

The signals are the hand-built ones (synth.linking.relevance for topic,
synth.stance for direction), but how much each weighs is learned: a ridge
logistic regression over LINK_FEATURES, fitted on the gold quotes of
`corpus/eval/tune` only by `python -m bench.fit_linker`, with the penalty and
both thresholds chosen by leave-one-case-out cross-validation. Weights,
thresholds and their provenance live in prompts/offline/linker.v1.json.

Two hand rules stay as a gate, since the issue they answer is not one the
tuning data can weigh: a link needs an absolute relevance, and a key term
specific to the hypothesis, a high similarity or a clear lead over the others
(one shared domain word is not evidence). Among the pairs that pass, the
hand-set margin and strength formula gave way to learned weights, which find
more of the tuning split's evidence at a higher precision for counted links,
measured on cases each fit had not seen.

The probability maps onto the link's confidence so that synth.linking.verdict's
STRONG_MIN falls exactly on the fitted strong threshold: a link below it is
shown for review and not counted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from synth.errors import ConfigError
from synth.models import InsightKind, Stance

if TYPE_CHECKING:
    import numpy as np

    from synth.linking.relevance import Relevance, Scored
    from synth.models import Hypothesis
    from synth.stance import StanceResult

LINKER_FILE = "linker.v1.json"
TERM_CAP = 2.0

KINDS = tuple(k.value for k in InsightKind)
LINK_FEATURES: tuple[str, ...] = (
    "relevance",
    "own_relevance",
    "sim_statement",
    "sim_falsified",
    "terms",
    "specific",
    "amount",
    "lift",
    "best",
    "second",
    "clarity",
    "directed",
    "inv_hypotheses",
    "problem",
    "value",
    *(f"kind_{k}" for k in KINDS),
)


def link_features(
    row: list[Scored], own: list[Scored], c: int, stance: StanceResult, kind: InsightKind, htype: str
) -> list[float]:
    """LINK_FEATURES for hypothesis `c` of a scored row (`own`: the same row without the question's context)."""
    s = row[c]
    rels = [o.relevance for o in row]
    others = [r for k, r in enumerate(rels) if k != c]
    rank = sorted(rels, reverse=True).index(s.relevance)
    directed = stance.stance is not Stance.neutral
    return [
        s.relevance,
        own[c].relevance,
        s.sim_statement,
        s.sim_falsified,
        min(s.terms, TERM_CAP),
        float(min(s.specific, 3)),
        float(s.amount),
        s.relevance - (max(others) if others else 0.0),
        float(rank == 0),
        float(rank == 1),
        stance.strength if directed else 0.0,
        float(directed),
        1.0 / len(row),
        float(htype == "problem"),
        float(htype == "value"),
        *(float(kind.value == k) for k in KINDS),
    ]


@dataclass(frozen=True)
class Pair:
    """One (speech, hypothesis) pair, scored: what the model reads and what a link would carry."""

    hypothesis: int
    scored: Scored
    stance: StanceResult
    features: list[float]
    eligible: bool
    """Passes the hand rules every link must (synth.linking.relevance.Relevance.eligible): the absolute
    relevance floor, and a specific key term, a high similarity or a clear lead. The model weighs only these."""

    @property
    def direction(self) -> Stance:
        """The cues' direction; when they cancel out, closeness to what would falsify it decides."""
        if self.stance.stance is not Stance.neutral:
            return self.stance.stance
        s = self.scored
        return Stance.contradicts if s.sim_falsified > s.sim_statement + FALLBACK_GAP else Stance.supports


FALLBACK_GAP = 0.05


def score_pairs(
    rel: Relevance,
    hypotheses: list[Hypothesis],
    texts: list[str],
    quote_texts: list[str],
    kinds: list[InsightKind],
    contexts: list[str] | None = None,
) -> list[list[Pair]]:
    """Per text, a Pair for every hypothesis: relevance read from `texts` (and their questions), direction
    from `quote_texts` (every quote of the insight)."""
    from synth.stance import hypothesis_type, offline_stance

    rows, own_rows = rel.rows_in_context(texts, contexts)
    htypes = [hypothesis_type(h) for h in hypotheses]
    out: list[list[Pair]] = []
    for row, own, quote, kind in zip(rows, own_rows, quote_texts, kinds, strict=True):
        pairs = []
        eligible = {s.hypothesis for s in rel.eligible(row)}
        for c, h in enumerate(hypotheses):
            s = row[c]
            res = offline_stance(quote, kind, h, s.sim_statement, s.sim_falsified, rel.weights[h.id])
            pairs.append(Pair(c, s, res, link_features(row, own, c, res, kind, htypes[c]), c in eligible))
        out.append(pairs)
    return out


@dataclass(frozen=True)
class LinkModel:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    link_threshold: float
    """At or above this probability the speech is linked (shown; counted only if strong)."""
    strong_threshold: float
    """At or above this probability the link counts as evidence."""
    provenance: dict[str, object]

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Per row of LINK_FEATURES, the probability that the speech is evidence on the hypothesis."""
        import numpy as np

        cols = [LINK_FEATURES.index(f) for f in self.features]
        z = (x[:, cols] - np.array(self.mean)) / np.array(self.scale)
        logits = z @ np.array(self.weights) + self.bias
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30))), dtype=np.float64)

    def confidence(self, p: float) -> float:
        """The link's strength: 0.5 (synth.linking.verdict.STRONG_MIN) exactly at the strong threshold."""
        lo, hi = self.link_threshold, self.strong_threshold
        if p >= hi:
            return round(0.5 + 0.5 * (p - hi) / max(1e-9, 1.0 - hi), 3)
        return round(max(0.0, 0.5 * (p - lo) / max(1e-9, hi - lo)), 3)

    def to_json(self) -> dict[str, object]:
        return {
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "weights": list(self.weights),
            "bias": self.bias,
            "link_threshold": self.link_threshold,
            "strong_threshold": self.strong_threshold,
            "provenance": self.provenance,
        }

    @classmethod
    def from_json(cls, raw: dict[str, object]) -> LinkModel:
        def floats(key: str) -> tuple[float, ...]:
            value = raw[key]
            if not isinstance(value, list):
                raise TypeError(f"{key} is not a list")
            return tuple(float(v) for v in value)

        feats = raw["features"]
        if not isinstance(feats, list):
            raise TypeError("features is not a list")
        prov = raw.get("provenance", {})
        model = cls(
            features=tuple(str(f) for f in feats),
            mean=floats("mean"),
            scale=floats("scale"),
            weights=floats("weights"),
            bias=float(str(raw["bias"])),
            link_threshold=float(str(raw["link_threshold"])),
            strong_threshold=float(str(raw["strong_threshold"])),
            provenance=prov if isinstance(prov, dict) else {},
        )
        unknown = [f for f in model.features if f not in LINK_FEATURES]
        if unknown:
            raise ValueError(f"features the code does not compute: {unknown}")
        if not len(model.features) == len(model.mean) == len(model.scale) == len(model.weights):
            raise ValueError("features, mean, scale and weights differ in length")
        if not 0.0 < model.link_threshold <= model.strong_threshold < 1.0:
            raise ValueError("thresholds must satisfy 0 < link_threshold <= strong_threshold < 1")
        return model


def linker_path() -> Path:
    import prompts

    return Path(prompts.__file__).parent / "offline" / LINKER_FILE


@lru_cache(maxsize=2)
def load_linker(path: Path | None = None) -> LinkModel:
    path = path or linker_path()
    try:
        return LinkModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"cannot read the offline linker: {exc}", path=path) from None
