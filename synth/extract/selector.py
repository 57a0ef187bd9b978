"""Which candidate sentences are evidence: a small learned selector for the offline engine.

Each candidate sentence gets a vector of domain-general features (how much it
reads like an insight kind rather than small talk, how close it comes to a
hypothesis and to its `falsified_if`, how it ranks against the rest of the
interview for that hypothesis, whether it states an amount a hypothesis has a
threshold for and how clearly it points for or against one (the offline
stance cues), concrete detail, hedges, where it sits in the conversation, and
how relevant its neighbours are, since evidence often runs over two
sentences). A regularised logistic regression, fitted on the tuning
split of `corpus/eval` by `python -m bench.fit_selector`, turns the vector into
the probability that a careful reader would quote the sentence. Its weights,
the keep threshold and their provenance live in prompts/offline/selector.v1.json;
scoring is one dot product per sentence.

Three models ship in that file: one for a workspace with hypotheses; one,
without the relevance features, for a workspace that has none yet; and one
for an hour of real talk (hundreds of candidate sentences, with hypotheses),
fitted on the long cases only, where evidence is a few sentences among many
that look alike.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from synth.errors import ConfigError
from synth.extract.kind_rules import has_money
from synth.extract.sentences import Sentence, content_words
from synth.models import Interview, Role
from synth.parsing.questions import is_question, unlabelled_answer

if TYPE_CHECKING:
    import numpy as np

SELECTOR_FILE = "selector.v1.json"

# --- features ---------------------------------------------------------------------

_SPECIFIC = {
    # a quantity: digits, or a number word
    "cue_quantity": r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|hundred|thousand|million|half|dozen|couple)\b",
    # a frequency or a time span
    "cue_frequency": r"\b(?:every|each|per|a|an)\s+(?:day|week|month|quarter|year|morning|night|time|hour)\b|"
    r"\b(?:daily|weekly|monthly|yearly|always|usually|never|often|sometimes|rarely|once|twice)\b|"
    r"\b(?:hours?|minutes?|days?|weeks?|months?|years?)\b",
    # a first-hand account
    "cue_first_hand": r"\b(?:i|we|my|our|me|us|i'm|we're|i've|we've|i'd|we'd)\b",
    # a concrete event or change
    "cue_event": r"\b(?:last|yesterday|ago|tried|stopped|started|switched|gave up|ended up|lost|missed|broke|"
    r"cancel\w*|quit)\b",
    # a negation or contrast: evidence against is evidence too
    "cue_negation": r"\b(?:not|no|never|don't|doesn't|didn't|won't|wouldn't|isn't|wasn't|can't|couldn't)\b|n't\b|\bbut\b",
    # a hedge: the speaker is unsure
    "cue_hedge": r"\b(?:maybe|perhaps|probably|i guess|i think|i suppose|kind of|sort of|not sure|might)\b",
    # a hypothetical: what someone would do, not what they do
    "cue_hypothetical": r"\b(?:would|could|if|'d)\b|\w'd\b",
    # praise and politeness: compliments are rarely evidence
    "cue_praise": r"\b(?:love|loved|great|cool|awesome|amazing|nice|neat|brilliant|fantastic|interesting)\b",
}
_SPECIFIC_RE = {name: re.compile(p, re.IGNORECASE) for name, p in _SPECIFIC.items()}

KIND_FEATURES = ("kind_best", "kind_none", "kind_lead", "kind_margin")
RELEVANCE_FEATURES = (
    "rel_max",
    "rel_statement",
    "rel_falsified",
    "rel_rank",
    "rel_top",
    "rel_z",
    "rel_margin",
    "rel_neighbour",
    "rel_neighbour_rank",
    "lex_overlap",
    "lex_top",
    "rel_window",
    "rel_window_top",
    "rel_turn",
    "dir_amount",
    "dir_strength",
)
TEXT_FEATURES = (*_SPECIFIC, "money", "log_words", "participant_question")
CONTEXT_FEATURES = (
    "first_in_turn",
    "answers_question",
    "log_turn_words",
    "position_in_turn",
    "position_in_interview",
    "unlabelled_speaker",
    "kind_lead_neighbour",
    "log_candidates",
)
FEATURES: tuple[str, ...] = (*KIND_FEATURES, *RELEVANCE_FEATURES, *TEXT_FEATURES, *CONTEXT_FEATURES)
"""Every feature the code computes, in column order; a model uses a subset, by name."""


def _ranks(col: np.ndarray) -> np.ndarray:
    """Each value's percentile within its column (1.0 = the highest); ties share the lower rank."""
    import numpy as np

    n = len(col)
    if n <= 1:
        return np.ones(n, dtype=np.float64)
    below = np.searchsorted(np.sort(col), col, side="left")
    return np.asarray(below / (n - 1), dtype=np.float64)


def _relevance(statement: np.ndarray, falsified: np.ndarray) -> dict[str, np.ndarray]:
    """Relevance features from (n, H) similarities to each statement and each `falsified_if` (NaN when empty)."""
    import numpy as np

    n, h = statement.shape
    if h == 0 or n == 0:
        return {name: np.zeros(n) for name in RELEVANCE_FEATURES[:7]}
    per_h = np.fmax(statement, falsified)  # fmax ignores the NaN of a missing falsified_if
    rel = per_h.max(axis=1)
    fals = np.nan_to_num(falsified, nan=0.0).max(axis=1)
    # Hypothesis-driven retrieval: for each hypothesis, where does this sentence rank among all of the interview's?
    ranks = np.column_stack([_ranks(per_h[:, j]) for j in range(h)])
    # How many sentences come before this one for its best hypothesis (on a log scale): a long interview has
    # more evidence than a short one, but not proportionally more, so the top few matter whatever the length.
    above = np.column_stack([(n - 1) * (1.0 - ranks[:, j]) for j in range(h)])
    std = per_h.std(axis=0)
    z = (per_h - per_h.mean(axis=0)) / np.where(std > 1e-6, std, 1.0)
    if h > 1:
        top2 = np.sort(per_h, axis=1)[:, -2:]
        margin = top2[:, 1] - top2[:, 0]
    else:
        margin = np.zeros(n)
    return {
        "rel_max": rel,
        "rel_statement": statement.max(axis=1),
        "rel_falsified": fals,
        "rel_rank": ranks.max(axis=1),
        "rel_top": -np.log1p(above.min(axis=1)),
        "rel_z": z.max(axis=1),
        "rel_margin": margin,
    }


_STOP = frozenset(
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for",
        "with", "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that",
        "these", "those", "they", "them", "their", "there", "then", "than", "so", "such", "not", "no", "nor", "do",
        "does", "did", "doing", "have", "has", "had", "having", "i", "we", "you", "he", "she", "me", "us",
        "my", "our", "your", "his", "her", "what", "which", "who", "whom", "when", "where", "why", "how", "all",
        "any", "both", "each", "few", "more", "most", "other", "some", "own", "same", "too", "very", "can", "will",
        "just", "would", "could", "should", "may", "might", "must", "about", "into", "over", "under", "again", "further", "once",
        "up", "down", "out", "off", "also", "only", "even", "because", "while", "until", "whether", "rather", "new", "make",
        "makes", "made", "get", "gets", "got", "use", "uses", "used", "one", "ones",
    }
)


def _stems(text: str) -> set[str]:
    """Content words cut to a crude stem, so "invoice" meets "invoices" and "invoicing"."""
    return {w[:6] for w in content_words(text) if len(w) > 2 and w not in _STOP and not w.isdigit()}


def _lexical(sentences: list[Sentence], hypotheses: list[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
    """The share of a hypothesis's words (weighted by rarity within this interview) a sentence uses,
    for its best hypothesis, and that sentence's place among the interview's for it (-log(1 + sentences above))."""
    import numpy as np

    n = len(sentences)
    if not hypotheses or n == 0:
        return np.zeros(n), np.zeros(n)
    stems = [_stems(s.text) for s in sentences]
    df: dict[str, int] = {}
    for st in stems:
        for w in st:
            df[w] = df.get(w, 0) + 1
    cols = []
    for statement, falsified in hypotheses:
        terms = _stems(statement) | _stems(falsified)
        # A word every other sentence uses ("game", "work") says little; a rare one says more.
        idf = {w: math.log((n + 1) / (df.get(w, 0) + 1)) + 1.0 for w in terms}
        total = sum(idf.values()) or 1.0
        cols.append([sum(idf[w] for w in terms & st) / total for st in stems])
    share = np.array(cols, dtype=np.float64).T
    top = np.column_stack([-np.log1p((n - 1) * (1.0 - _ranks(share[:, j]))) for j in range(share.shape[1])])
    return share.max(axis=1), top.max(axis=1)


def _neighbour_max(values: np.ndarray, sentences: list[Sentence]) -> np.ndarray:
    """The larger value of the previous and next candidate sentence in the same turn (0 when alone)."""
    import numpy as np

    out = np.zeros(len(sentences))
    for i, s in enumerate(sentences):
        best = 0.0
        for j in (i - 1, i + 1):
            if 0 <= j < len(sentences) and sentences[j].turn.index == s.turn.index:
                best = max(best, float(values[j]))
        out[i] = best
    return out


def _asked(interview: Interview) -> set[int]:
    """Indices of turns that directly follow an interviewer turn ending in, or holding, a question; without speaker
    labels, an unlabelled turn that is no question itself, after one that ends asking."""
    out: set[int] = set()
    turns = interview.turns
    for k in range(1, len(turns)):
        prev, turn = turns[k - 1], turns[k]
        if (prev.role is Role.interviewer and ("?" in prev.text or is_question(prev.text))) or unlabelled_answer(prev, turn):
            out.add(turn.index)
    return out


@dataclass(frozen=True)
class HypothesisVectors:
    """The hypotheses as the selector sees them: texts and embeddings (rows L2-normalised)."""

    texts: list[tuple[str, str]]
    """(statement, falsified_if) per hypothesis."""
    statement: np.ndarray
    """(H, d)"""
    falsified: np.ndarray
    """(H, d); a zero row where a hypothesis has no falsified_if."""

    def sims(self, vecs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(n, H) similarities to each statement and each falsified_if (NaN where there is none)."""
        import numpy as np

        st = np.asarray(vecs @ self.statement.T, dtype=np.float64)
        fa = np.asarray(vecs @ self.falsified.T, dtype=np.float64)
        missing = [j for j, (_, f) in enumerate(self.texts) if not f.strip()]
        fa[:, missing] = np.nan
        return st, fa


DIRECTION_MIN = 0.3
"""Similarity to a hypothesis below which its direction is not read for the selector."""


def _direction(
    sentences: list[Sentence], hyps: HypothesisVectors | None, st: np.ndarray, fa: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per sentence: whether it states an amount some hypothesis has a threshold for, and how clearly it points
    for or against the hypothesis it is closest to (synth.stance, read as plain speech). A careful reader quotes
    what settles a hypothesis either way, not every sentence on its topic."""
    from datetime import date

    import numpy as np

    from synth.linking.thresholds import names_an_amount
    from synth.models import Hypothesis, InsightKind
    from synth.stance import offline_stance

    n = len(sentences)
    amount, strength = np.zeros(n), np.zeros(n)
    if hyps is None:
        return amount, strength
    day = date(2000, 1, 1)  # offline_stance reads only the texts
    models = [Hypothesis(id=f"H{j + 1}", statement=s_, falsified_if=f_, created=day, updated=day)
              for j, (s_, f_) in enumerate(hyps.texts)]
    fa0 = np.nan_to_num(fa, nan=0.0)
    for i, sent in enumerate(sentences):
        amount[i] = 1.0 if any(names_an_amount(sent.text, h.statement, h.falsified_if) for h in models) else 0.0
        for j, h in enumerate(models):
            if max(st[i, j], fa0[i, j]) < DIRECTION_MIN:
                continue
            res = offline_stance(sent.text, InsightKind.behaviour, h, float(st[i, j]), float(fa0[i, j]))
            if res.cued:  # being on topic is what rel_* already measure
                strength[i] = max(strength[i], res.strength)
    return amount, strength


def _pooled(vecs: np.ndarray, groups: list[list[int]]) -> np.ndarray:
    """One L2-normalised mean vector per group of rows."""
    import numpy as np

    out = np.stack([vecs[g].mean(axis=0) for g in groups]) if groups else np.zeros((0, vecs.shape[1]))
    norm = np.linalg.norm(out, axis=1, keepdims=True)
    return np.asarray(out / np.where(norm > 1e-9, norm, 1.0), dtype=np.float64)


def _best(st: np.ndarray, fa: np.ndarray) -> np.ndarray:
    import numpy as np

    return np.asarray(np.fmax(st, fa).max(axis=1), dtype=np.float64)


def feature_matrix(
    interview: Interview,
    sentences: list[Sentence],
    kind_scores: np.ndarray,
    none_column: int | None,
    vecs: np.ndarray,
    hyps: HypothesisVectors | None,
) -> np.ndarray:
    """(n, len(FEATURES)) features of the candidate sentences of one interview, in transcript order.

    `kind_scores` is (n, kinds) from the kind examples and cues, `vecs` the sentences' embeddings;
    without hypotheses every relevance feature is 0 (the model for that case does not use them).
    """
    import numpy as np

    n = len(sentences)
    cols: dict[str, np.ndarray] = {}
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    others = np.delete(kind_scores, none_column, axis=1) if none_column is not None else kind_scores
    srt = np.sort(others, axis=1)
    best = srt[:, -1]
    second = srt[:, -2] if others.shape[1] > 1 else np.zeros(n)
    none = kind_scores[:, none_column] if none_column is not None else np.zeros(n)
    cols["kind_best"], cols["kind_none"] = best, none
    cols["kind_lead"], cols["kind_margin"] = best - none, best - second
    h = hyps if hyps is not None and len(hyps.texts) else None
    statement_sims, falsified_sims = h.sims(vecs) if h is not None else (np.zeros((n, 0)), np.zeros((n, 0)))
    cols.update(_relevance(statement_sims, falsified_sims))
    cols["lex_overlap"], cols["lex_top"] = _lexical(sentences, h.texts if h is not None else [])
    # Context: a short sentence ("And then people were angry about it.") means what its neighbours are about.
    same_turn = [
        [j for j in (i - 1, i, i + 1) if 0 <= j < n and sentences[j].turn.index == sentences[i].turn.index]
        for i in range(n)
    ]
    turn_rows: dict[int, list[int]] = {}
    for i, sent in enumerate(sentences):
        turn_rows.setdefault(sent.turn.index, []).append(i)
    if h is not None:
        window = _best(*h.sims(_pooled(vecs, same_turn)))
        turn = _best(*h.sims(_pooled(vecs, list(turn_rows.values()))))
        by_turn = dict(zip(turn_rows, turn, strict=True))
        cols["rel_window"] = window
        cols["rel_window_top"] = -np.log1p((n - 1) * (1.0 - _ranks(window)))
        cols["rel_turn"] = np.array([by_turn[sent.turn.index] for sent in sentences])
    else:
        for name in ("rel_window", "rel_window_top", "rel_turn"):
            cols[name] = np.zeros(n)
    cols["dir_amount"], cols["dir_strength"] = _direction(sentences, h, statement_sims, falsified_sims)
    cols["rel_neighbour"] = _neighbour_max(cols["rel_max"], sentences)
    cols["rel_neighbour_rank"] = _neighbour_max(cols["rel_rank"], sentences)
    cols["kind_lead_neighbour"] = _neighbour_max(cols["kind_lead"], sentences)
    for name, pat in _SPECIFIC_RE.items():
        cols[name] = np.array([1.0 if pat.search(s.text) else 0.0 for s in sentences])
    cols["money"] = np.array([1.0 if has_money(s.text) else 0.0 for s in sentences])
    cols["log_words"] = np.array([math.log1p(len(content_words(s.text))) for s in sentences])
    cols["participant_question"] = np.array([1.0 if s.text.rstrip().endswith("?") else 0.0 for s in sentences])
    asked = _asked(interview)
    seen: set[int] = set()
    first, answers, turn_words, pos_turn = [], [], [], []
    per_turn: dict[int, int] = {}
    for s in sentences:
        per_turn[s.turn.index] = per_turn.get(s.turn.index, 0) + 1
    k_in_turn: dict[int, int] = {}
    for s in sentences:
        idx = s.turn.index
        first.append(0.0 if idx in seen else 1.0)
        seen.add(idx)
        answers.append(1.0 if idx in asked else 0.0)
        turn_words.append(math.log1p(len(s.turn.text.split())))
        k = k_in_turn.get(idx, 0)
        k_in_turn[idx] = k + 1
        pos_turn.append(k / max(1, per_turn[idx] - 1))
    cols["first_in_turn"] = np.array(first)
    cols["answers_question"] = np.array(answers)
    cols["log_turn_words"] = np.array(turn_words)
    cols["position_in_turn"] = np.array(pos_turn)
    length = max(1, len(interview.text))
    cols["position_in_interview"] = np.array([s.start / length for s in sentences])
    # The share of a transcript that is evidence falls as it grows: the model needs to know the length.
    cols["log_candidates"] = np.full(n, math.log(n))
    cols["unlabelled_speaker"] = np.array([1.0 if s.turn.role is Role.unknown else 0.0 for s in sentences])
    return np.column_stack([np.asarray(cols[name], dtype=np.float64) for name in FEATURES])


# --- the model -----------------------------------------------------------------


@dataclass(frozen=True)
class Model:
    """A fitted logistic regression over a named subset of FEATURES, on standardised inputs."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    """Keep a sentence whose probability reaches this (chosen by leave-one-case-out cross-validation)."""

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Probability that each row of the full (n, len(FEATURES)) matrix is evidence."""
        import numpy as np

        cols = [FEATURES.index(f) for f in self.features]
        z = (x[:, cols] - np.array(self.mean)) / np.array(self.scale)
        logits = z @ np.array(self.weights) + self.bias
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30))), dtype=np.float64)

    def to_json(self) -> dict[str, object]:
        return {
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "weights": list(self.weights),
            "bias": self.bias,
            "threshold": self.threshold,
        }

    @classmethod
    def from_json(cls, raw: dict[str, object]) -> Model:
        def floats(key: str) -> tuple[float, ...]:
            value = raw[key]
            if not isinstance(value, list):
                raise TypeError(f"{key} is not a list")
            return tuple(float(v) for v in value)

        feats = raw["features"]
        if not isinstance(feats, list):
            raise TypeError("features is not a list")
        model = cls(
            features=tuple(str(f) for f in feats),
            mean=floats("mean"),
            scale=floats("scale"),
            weights=floats("weights"),
            bias=float(str(raw["bias"])),
            threshold=float(str(raw["threshold"])),
        )
        unknown = [f for f in model.features if f not in FEATURES]
        if unknown:
            raise ValueError(f"features the code does not compute: {unknown}")
        if not len(model.features) == len(model.mean) == len(model.scale) == len(model.weights):
            raise ValueError("features, mean, scale and weights differ in length")
        return model


@dataclass(frozen=True)
class Selector:
    with_hypotheses: Model
    without_hypotheses: Model
    cap_factor: float
    """At most cap_factor x budget(n) sentences, however many pass the threshold (a safety cap)."""
    floor_factor: float
    """At least floor_factor x budget(n) sentences, the most probable, however few pass the threshold."""
    provenance: dict[str, object]
    long_interviews: Model | None = None
    """For an interview with hypotheses and at least `long_min` candidate sentences (an hour of real talk): the
    model above learns from twenty-minute interviews, where evidence stands out; in an hour of talk it is a few
    sentences among hundreds that all look alike, and what singles them out weighs differently."""
    long_min: int = 0
    long_floor_factor: float = 0.0

    def is_long(self, has_hypotheses: bool, candidates: int) -> bool:
        return has_hypotheses and self.long_interviews is not None and candidates >= self.long_min > 0

    def model(self, has_hypotheses: bool, candidates: int = 0) -> Model:
        if self.long_interviews is not None and self.is_long(has_hypotheses, candidates):
            return self.long_interviews
        return self.with_hypotheses if has_hypotheses else self.without_hypotheses

    def floor(self, has_hypotheses: bool, candidates: int = 0) -> float:
        return self.long_floor_factor if self.is_long(has_hypotheses, candidates) else self.floor_factor


def selector_path() -> Path:
    import prompts

    return Path(prompts.__file__).parent / "offline" / SELECTOR_FILE


def parse_selector(raw: dict[str, object]) -> Selector:
    models = raw["models"]
    if not isinstance(models, dict):
        raise TypeError("models is not a mapping")
    prov = raw.get("provenance", {})
    long_raw = models.get("long_interviews")
    return Selector(
        with_hypotheses=Model.from_json(models["with_hypotheses"]),
        without_hypotheses=Model.from_json(models["without_hypotheses"]),
        cap_factor=float(str(raw.get("cap_factor", 1.0))),
        floor_factor=float(str(raw.get("floor_factor", 0.0))),
        provenance=prov if isinstance(prov, dict) else {},
        long_interviews=Model.from_json(long_raw) if long_raw is not None else None,
        long_min=int(str(raw.get("long_min", 0))),
        long_floor_factor=float(str(raw.get("long_floor_factor", 0.0))),
    )


@lru_cache(maxsize=2)
def load_selector(path: Path | None = None) -> Selector:
    path = path or selector_path()
    try:
        return parse_selector(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"cannot read the offline selector: {exc}", path=path) from None
