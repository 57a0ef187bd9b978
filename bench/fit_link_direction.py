"""Would a fitted model give link directions better than the rules? Leave-one-case-out on the tune split.

    python -m bench.fit_link_direction corpus/eval/tune

For every gold-labelled (quote, hypothesis) pair with a direction (supports or
contradicts), the features are the rules' own signed output, the similarity
to the statement and to the falsified_if, the cues of synth.stance, the
insight's kind and the hypothesis's type. A logistic model (numpy, L2) is
fitted on all cases but one and scored on the one left out, for each case in
turn; its accuracy is printed beside the rules'. Nothing is written: the model
is adopted (weights in prompts/offline/ with this script as provenance) only
if it beats the rules here. On 2026-12-02 (11 tune cases) the best model was right on 84 of 93 pairs
against the rules' 82, and both gains were pairs where the rules abstain (neutral): a two-way model can
never abstain, so it was not adopted (bench/RESULTS.md).
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import numpy as np

from synth.evaluate import _transcript, find_cases, load_gold
from synth.models import Hypothesis, InsightKind, InterviewMeta, Stance

_KINDS = [k for k in InsightKind]
_HEDGE = re.compile(r"\b(i guess|i'd guess|maybe|probably|i think|kind of|sort of|might|perhaps|not sure)\b", re.I)
_SIGN = {Stance.supports: 1.0, Stance.contradicts: -1.0, Stance.neutral: 0.0}


def rows(folder: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(features, gold is supports, case index, rules right) for every directed gold pair."""
    from synth import stance as st
    from synth.embed import get_embedder
    from synth.extract.align import align_quote
    from synth.linking.relevance import Relevance
    from synth.linking.shares import compare_shares
    from synth.linking.thresholds import Verdict, compare
    from synth.linking.valence import valence
    from synth.parsing import build_interview, parse_bytes

    embedder = get_embedder(None)
    feats: list[list[float]] = []
    gold_y: list[bool] = []
    where: list[int] = []
    right: list[bool] = []
    for n_case, case in enumerate(find_cases(folder)):
        gold = load_gold(case)
        path = _transcript(case)
        iv = build_interview(parse_bytes(path.read_bytes(), path.name), InterviewMeta(source_file=path.name),
                             gold.interviewer or None)
        today = date.today()
        hyps = [Hypothesis(id=h.id, statement=h.statement, falsified_if=h.falsified_if, created=today,
                           updated=today) for h in gold.hypotheses]
        rel = Relevance(hyps, embedder)
        items = [(gi, hit.quote.text) for gi in gold.insights if (hit := align_quote(iv, gi.quote)) is not None]
        if not items:
            continue
        s_sim, _f, d_sim = rel.similarities([t for _, t in items])
        for r, (gi, text) in enumerate(items):
            for c, h in enumerate(hyps):
                g = gi.hypotheses.get(h.id)
                if g not in (Stance.supports, Stance.contradicts):
                    continue
                s, d = float(s_sim[r, c]), float(d_sim[r, c])
                res = st.offline_stance(text, gi.kind, h, s, d, rel.weights[h.id])
                v, _ = compare(text, h.statement, h.falsified_if)
                if v is Verdict.none:
                    v, _ = compare_shares(text, h.statement)
                htype = st.hypothesis_type(h)
                sign = _SIGN[res.stance]
                feats.append([
                    sign * res.strength, sign, d - s, s, d, float(valence(text) * (valence(h.statement) < 0)),
                    {"supports": 1.0, "contradicts": -1.0}.get(v.value, 0.0),
                    float(bool(st.DISMISSIVE.search(text) or st.RHETORICAL.search(text))),
                    float(bool(st.RARE.search(text))), float(bool(st.COMMIT.search(text))),
                    float(bool(st.REFUSE_PAY.search(text))), float(bool(st.CONTRAST.search(text))),
                    float(bool(_HEDGE.search(text))), float(htype == "problem"), float(htype == "value"),
                    *(float(gi.kind is k) for k in _KINDS),
                ])
                gold_y.append(g is Stance.supports)
                where.append(n_case)
                right.append(res.stance is g)
    return np.array(feats), np.array(gold_y, dtype=float), np.array(where), np.array(right)


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """L2-regularised logistic regression by Newton's method on standardised features."""
    mu, sd = x.mean(0), x.std(0) + 1e-9
    z = np.c_[np.ones(len(x)), (x - mu) / sd]
    w = np.zeros(z.shape[1])
    reg = np.r_[0.0, np.ones(len(w) - 1)]
    for _ in range(60):
        p = 1 / (1 + np.exp(-z @ w))
        hess = z.T @ (z * (p * (1 - p))[:, None]) + l2 * np.diag(reg)
        w -= np.linalg.solve(hess, z.T @ (p - y) + l2 * reg * w)
    return w, mu, sd


def loco(x: np.ndarray, y: np.ndarray, where: np.ndarray, l2: float) -> int:
    """Pairs the model gets right when each case is scored by a model fitted on the others."""
    ok = 0
    for c in sorted(set(where.tolist())):
        held = where == c
        w, mu, sd = fit(x[~held], y[~held], l2)
        p = 1 / (1 + np.exp(-np.c_[np.ones(held.sum()), (x[held] - mu) / sd] @ w))
        ok += int(((p >= 0.5) == (y[held] == 1)).sum())
    return ok


def main(argv: list[str]) -> int:
    x, y, where, right = rows(Path(argv[0]))
    print(f"directed gold pairs: {len(y)} in {len(set(where.tolist()))} cases; rules right: {int(right.sum())}")
    sets = {"rules' output + gap + valence": [0, 1, 2, 5], "all features": list(range(x.shape[1])),
            "cues without the rules' output": list(range(2, x.shape[1]))}
    for name, cols in sets.items():
        scores = ", ".join(f"l2={l2:g}: {loco(x[:, cols], y, where, l2)}" for l2 in (0.3, 1.0, 3.0, 10.0))
        print(f"logistic, {name}: leave-one-case-out right {scores}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
