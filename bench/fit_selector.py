"""Fit the offline engine's evidence selector on labelled cases: `python -m bench.fit_selector corpus/eval/tune`.

Every case is ingested like `synth eval` does, its candidate sentences are
featurised by the offline engine (synth.extract.selector.FEATURES), and a
sentence is labelled evidence when it overlaps a gold quote by at least half of
the shorter span (the `synth eval` match rule). A ridge-regularised logistic
regression is fitted by Newton's method (IRLS) with numpy. The regularisation,
the keep threshold and whether each case weighs the same are chosen by
leave-one-case-out cross-validation: every case is scored with a model fitted on
the others, through the engine's own selection, neighbour merging and the
`synth eval` one-to-one matching, and the pooled F1 decides. The floor (how many
sentences a long interview yields however unlikely each looks) is chosen the same
way, but judged on the real recordings it exists for. The final model is
fitted on every case and written with its provenance to
prompts/offline/selector.v1.json (or `--out`).

`--keep-choice` keeps the shipped file's penalty, balancing, threshold and floor and fits only the weights, on
more cases: the choice is then scored by leaving one case out, as it stands.

Fit on the tuning split only: the test split and the demo's answer key are for
reporting, never for fitting.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from synth.extract.selector import FEATURES, RELEVANCE_FEATURES, Model, selector_path

LAMBDAS = (0.3, 1.0, 3.0, 10.0, 30.0)
"""Ridge penalties tried (on standardised features; the intercept is not penalised)."""
THRESHOLDS = tuple(round(t, 3) for t in np.arange(0.10, 0.80, 0.025))
FLOORS = (0.0, 0.25, 0.5, 0.75, 1.0)
"""Floors tried: at least FLOOR x offline.budget(n) sentences (long interviews, whose sentences all look unlikely)."""
CAP_FACTOR = 1.5
"""The safety cap is CAP_FACTOR x offline.budget(n): a long interview never yields hundreds."""
ITERATIONS = 50
LONG_FIT_MIN = 200
"""Cases with at least this many candidate sentences (long interviews, written or real) train the long-interview
model: the three real hours-long ones alone are too few to fit twenty-odd weights."""
LONG_MIN = 350
"""The long-interview model applies from this many candidate sentences (about 6,000 words: an hour of real talk)."""
LONG_CHOICE = {"lambda": 100.0, "balanced": True, "threshold": 0.30, "floor_factor": 1.0}
"""Chosen by leaving one long case out at a time among those it applies to on tune (the three real recordings, then
two real-length written ones as well): penalties 10 to 300, floors 0.75 and 1.0; penalty 100 with a floor of 1.0 had
the best F1 both times (0.21 on three cases, 0.29 on five, against 0.14 and 0.24 for the shared model)."""


@dataclass
class CaseData:
    """What fitting needs from one labelled case, computed once."""

    name: str
    x: np.ndarray
    """(n, len(FEATURES)) features of the candidate sentences, in transcript order."""
    y: np.ndarray
    """(n,) 1.0 where the sentence overlaps a gold quote enough."""
    spans: list[tuple[int, int]]
    turns: list[int]
    kinds: list[str]
    flagged: list[bool]
    gold: list[tuple[int, int]]
    digest: str
    """sha256 of the case's gold.json (provenance)."""
    real: bool = False
    """A real recording, published with its licence beside it (not one written for the corpus)."""


# --- the data -----------------------------------------------------------------------


def load_case(case: Path) -> CaseData:
    """Ingest one case into a throwaway workspace and featurise its candidate sentences."""
    from datetime import date

    from synth.config import WorkspaceConfig
    from synth.embed import get_embedder
    from synth.evaluate import Span, _ingest, _transcript, load_gold, overlaps_enough
    from synth.extract.align import align_quote
    from synth.extract.offline import offline_extractor
    from synth.extract.sentences import candidate_sentences
    from synth.models import Hypothesis
    from synth.workspace import Workspace

    gold = load_gold(case)
    config = WorkspaceConfig()
    with tempfile.TemporaryDirectory(prefix="synth-fit-") as tmp:
        ws = Workspace.create(Path(tmp) / "ws", config)
        today = date.today()
        hyps = [
            Hypothesis(id=h.id, statement=h.statement, falsified_if=h.falsified_if, created=today, updated=today)
            for h in gold.hypotheses
        ]
        ws.save_hypotheses(hyps)
        interview = _ingest(ws, _transcript(case), gold)
    spans: list[tuple[int, int]] = []
    for gi in gold.insights:
        hit = align_quote(interview, gi.quote, include_interviewer=True)
        if hit is None:
            raise SystemExit(f"{case}: gold quote not found: {gi.quote[:60]!r}")
        spans.append((hit.quote.start, hit.quote.end))
    ext = offline_extractor(get_embedder(config.embedding), hyps)
    sentences = candidate_sentences(interview)
    scored, x = ext.featurize(interview, sentences)
    y = np.array(
        [
            1.0 if any(overlaps_enough(Span(s.start, s.end), Span(a, b)) for a, b in spans) else 0.0
            for s in sentences
        ]
    )
    return CaseData(
        name=case.name,
        x=x,
        y=y,
        spans=[(s.start, s.end) for s in sentences],
        turns=[s.turn.index for s in sentences],
        kinds=[sc.kind for sc in scored],
        flagged=[bool(s.flags) for s in sentences],
        gold=spans,
        digest=hashlib.sha256((case / "gold.json").read_bytes()).hexdigest(),
        real=any(p.stem.upper() in ("LICENSE", "LICENCE", "NOTICE") for p in case.iterdir()),
    )


# --- the model ----------------------------------------------------------------------


def fit_logistic(x: np.ndarray, y: np.ndarray, lam: float, weights: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """Ridge logistic regression by Newton's method on already standardised `x`: (weights, bias)."""
    n, d = x.shape
    w_obs = np.ones(n) if weights is None else weights
    a = np.column_stack([x, np.ones(n)])
    beta = np.zeros(d + 1)
    penalty = np.full(d + 1, lam)
    penalty[-1] = 0.0  # the intercept is free
    for _ in range(ITERATIONS):
        p = 1.0 / (1.0 + np.exp(-np.clip(a @ beta, -30, 30)))
        grad = a.T @ (w_obs * (p - y)) + penalty * beta
        h = (a * (w_obs * p * (1 - p))[:, None]).T @ a + np.diag(penalty) + 1e-9 * np.eye(d + 1)
        step = np.linalg.solve(h, grad)
        beta -= step
        if float(np.abs(step).max()) < 1e-10:
            break
    return beta[:-1], float(beta[-1])


def _case_weights(cases: list[CaseData], balanced: bool) -> np.ndarray:
    """Per-row weights: with `balanced`, every case weighs as much as the average case, however long."""
    if not balanced:
        return np.ones(sum(len(c.y) for c in cases))
    mean = float(np.mean([len(c.y) for c in cases]))
    return np.concatenate([np.full(len(c.y), mean / max(1, len(c.y))) for c in cases])


def train(cases: list[CaseData], features: tuple[str, ...], lam: float, balanced: bool, threshold: float) -> Model:
    cols = [FEATURES.index(f) for f in features]
    x = np.vstack([c.x[:, cols] for c in cases])
    y = np.concatenate([c.y for c in cases])
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale = np.where(scale > 1e-9, scale, 1.0)
    w, b = fit_logistic((x - mean) / scale, y, lam, _case_weights(cases, balanced))
    return Model(
        features=features,
        mean=tuple(round(float(v), 6) for v in mean),
        scale=tuple(round(float(v), 6) for v in scale),
        weights=tuple(round(float(v), 6) for v in w),
        bias=round(b, 6),
        threshold=threshold,
    )


# --- scoring a selection the way `synth eval` does ----------------------------------


def simulate(
    case: CaseData, probs: np.ndarray, threshold: float, cap_factor: float, floor_factor: float = 0.0
) -> tuple[int, int, int]:
    """(matched, predicted, gold) for one case: the engine's selection and merging, then eval's matching."""
    from synth.evaluate import Span, match
    from synth.extract.offline import _merge_neighbours, _Scored, quote_spans, select_sentences
    from synth.extract.sentences import Sentence
    from synth.models import Turn

    turns: dict[int, Turn] = {}
    scored = []
    for i, (a, b) in enumerate(case.spans):
        t = turns.setdefault(case.turns[i], Turn(index=case.turns[i], speaker="p", text="", start=0, end=0))
        sent = Sentence(t, a, b, "", ("flag",) if case.flagged[i] else ())
        scored.append(_Scored(sent, case.kinds[i], 0.0, 0.5, float(probs[i])))
    groups = _merge_neighbours(select_sentences(scored, threshold, cap_factor, floor_factor))
    pred = []
    for g in groups:
        # As OfflineExtractor._insight quotes it.
        pred.append(([Span(a, b) for a, b in quote_spans(g)], g[0].kind))
    gold = [(Span(a, b), "") for a, b in case.gold]
    return len(match(gold, pred, same_kind=False)), len(pred), len(gold)


def pooled(counts: list[tuple[int, int, int]]) -> tuple[float, float, float]:
    m = sum(c[0] for c in counts)
    p = sum(c[1] for c in counts)
    g = sum(c[2] for c in counts)
    recall = m / g if g else 0.0
    precision = m / p if p else 0.0
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    return round(recall, 4), round(precision, 4), round(f1, 4)


def cross_validate(cases: list[CaseData], features: tuple[str, ...], cap_factor: float = CAP_FACTOR) -> dict[str, Any]:
    """Leave one case out for every (penalty, balancing); the threshold is swept on the out-of-fold probabilities.

    The penalty, balancing and threshold are chosen by the pooled F1 of every case. The floor is then chosen
    by the pooled F1 of the real recordings: it exists for an hour of real talk, whose every sentence looks
    unlikely on its own, and judged over every case the many short written ones it never touches would drown
    out what it does for them (without real cases, the cases it changes anything for decide)."""
    best: dict[str, Any] = {}
    best_oof: list[np.ndarray] = []
    for balanced in (False, True):
        for lam in LAMBDAS:
            oof = []
            for k, held in enumerate(cases):
                model = train([c for j, c in enumerate(cases) if j != k], features, lam, balanced, 0.5)
                oof.append(model.probabilities(held.x))
            for t in THRESHOLDS:
                r, p, f1 = pooled([simulate(c, pr, t, cap_factor) for c, pr in zip(cases, oof, strict=True)])
                key = (f1, min(r, p), lam)  # ties: the more balanced, then the more regularised
                if not best or key > best["key"]:
                    best = {"key": key, "lambda": lam, "balanced": balanced, "threshold": float(t),
                            "recall": r, "precision": p, "f1": f1}
                    best_oof = oof
    best.pop("key")
    t = best["threshold"]
    per_floor = {f: [simulate(c, pr, t, cap_factor, f) for c, pr in zip(cases, best_oof, strict=True)] for f in FLOORS}
    touched = [k for k, c in enumerate(cases) if c.real] or [
        k for k in range(len(cases)) if len({per_floor[f][k] for f in FLOORS}) > 1]
    floor, floor_f1 = 0.0, -1.0
    for f in FLOORS:
        f1 = pooled([per_floor[f][k] for k in touched])[2] if touched else 0.0
        if f1 > floor_f1:
            floor, floor_f1 = f, f1
    r, p, f1 = pooled(per_floor[floor])
    best.update({"floor_factor": floor, "recall": r, "precision": p, "f1": f1,
                 "floor_cases": [cases[k].name for k in touched], "floor_cases_f1": round(floor_f1, 4)})
    return best


def cross_validate_choice(cases: list[CaseData], features: tuple[str, ...], choice: dict[str, Any],
                          cap_factor: float = CAP_FACTOR) -> dict[str, Any]:
    """Leave one case out for a choice already made (penalty, balancing, threshold, floor): what it scores on cases
    none of its weights saw."""
    oof = [train([c for j, c in enumerate(cases) if j != k], features, choice["lambda"], bool(choice["balanced"]), 0.5)
           .probabilities(held.x) for k, held in enumerate(cases)]
    r, p, f1 = pooled([simulate(c, pr, choice["threshold"], cap_factor, choice["floor_factor"])
                       for c, pr in zip(cases, oof, strict=True)])
    keep = ("lambda", "balanced", "threshold", "floor_factor")
    return {**{k: choice[k] for k in keep}, "recall": r, "precision": p, "f1": f1, "kept": True}


def fit(cases: list[CaseData], cap_factor: float = CAP_FACTOR, keep: dict[str, Any] | None = None) -> dict[str, Any]:
    """The selector file's content (without provenance): both models, each with its cross-validated choice.

    With `keep` (a selector file's cross_validation), each model keeps that choice and only its weights are fitted
    again, on these cases."""
    no_rel = tuple(f for f in FEATURES if f not in RELEVANCE_FEATURES)
    models: dict[str, Any] = {}
    cv: dict[str, Any] = {}
    for name, feats in (("with_hypotheses", FEATURES), ("without_hypotheses", no_rel)):
        choice = (cross_validate_choice(cases, feats, keep[name], cap_factor) if keep
                  else cross_validate(cases, feats, cap_factor))
        model = train(cases, feats, choice["lambda"], choice["balanced"], choice["threshold"])
        models[name] = model.to_json()
        cv[name] = choice
    # One floor for both models (it is about how long the interview is, not about hypotheses): the one chosen
    # for the model with hypotheses, the common case.
    floor = cv["with_hypotheses"]["floor_factor"]
    return {"models": models, "cap_factor": cap_factor, "floor_factor": floor, "cross_validation": cv}


def fit_long(cases: list[CaseData], features: tuple[str, ...], cap_factor: float = CAP_FACTOR,
             baseline: Model | None = None, baseline_floor: float = 0.0) -> tuple[Model, dict[str, Any]]:
    """The long-interview model, fitted on every case of LONG_FIT_MIN candidates or more, and what it scores on
    the cases it applies to (LONG_MIN or more), each held out of its own fit; with `baseline`, what that model
    scores on them too."""
    choice = LONG_CHOICE
    fit_on = [c for c in cases if len(c.y) >= LONG_FIT_MIN]
    applied = [c for c in fit_on if len(c.y) >= LONG_MIN]
    counts = []
    for held in applied:
        model = train([c for c in fit_on if c is not held], features, choice["lambda"], bool(choice["balanced"]), 0.5)
        counts.append(simulate(held, model.probabilities(held.x), choice["threshold"], cap_factor,
                               choice["floor_factor"]))
    r, p, f1 = pooled(counts)
    cv: dict[str, Any] = {**choice, "recall": r, "precision": p, "f1": f1, "fitted_on": [c.name for c in fit_on],
                          "held_out": [c.name for c in applied]}
    if baseline is not None:
        base = pooled([simulate(c, baseline.probabilities(c.x), baseline.threshold, cap_factor, baseline_floor)
                       for c in applied])
        cv["baseline"] = {"recall": base[0], "precision": base[1], "f1": base[2]}
    return train(fit_on, features, choice["lambda"], bool(choice["balanced"]), choice["threshold"]), cv


def _add_long(body: dict[str, Any], cases: list[CaseData], command: str) -> None:
    """Fit the long-interview model into a selector file's content, beside the models already there."""
    from synth.extract.selector import parse_selector

    body.setdefault("provenance", {})
    shipped = parse_selector(body)
    model, cv = fit_long(cases, shipped.with_hypotheses.features, float(body.get("cap_factor", CAP_FACTOR)),
                         shipped.with_hypotheses, shipped.floor_factor)
    body["models"]["long_interviews"] = model.to_json()
    body["long_min"], body["long_floor_factor"] = LONG_MIN, LONG_CHOICE["floor_factor"]
    body["cross_validation"]["long_interviews"] = cv
    body["provenance"]["long_interviews"] = {
        "command": command,
        "fitted_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%MZ"),
        "cases": {c.name: {"sentences": len(c.y), "positives": int(c.y.sum()), "gold_sha256": c.digest[:16]}
                  for c in cases if len(c.y) >= LONG_FIT_MIN},
    }


def main(argv: list[str] | None = None) -> int:
    from synth.evaluate import find_cases

    ap = argparse.ArgumentParser(prog="python -m bench.fit_selector", description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", type=Path, help="case folders (the tuning split only)")
    ap.add_argument("--out", type=Path, default=None, help="where to write (default: the shipped selector file)")
    ap.add_argument("--keep-choice", action="store_true",
                    help="keep the shipped file's penalty, balancing, threshold and floor; fit only the weights")
    ap.add_argument("--long-only", action="store_true",
                    help="keep the shipped file's models; fit only the long-interview model")
    args = ap.parse_args(argv)
    keep = json.loads(selector_path().read_text(encoding="utf-8"))["cross_validation"] if args.keep_choice else None
    paths = [c for f in args.folders for c in find_cases(f)]
    if any("test" in c.parts or "demo" in c.parts for c in paths):
        print("refusing to fit on the test split or the demo: fit on corpus/eval/tune", file=sys.stderr)
        return 2
    cases = []
    for c in paths:
        print(f"case {c.name}", file=sys.stderr)
        cases.append(load_case(c))
    if args.long_only:
        body = json.loads(selector_path().read_text(encoding="utf-8"))
        _add_long(body, cases, "python -m bench.fit_selector --long-only " + " ".join(str(f) for f in args.folders))
        out = args.out or selector_path()
        out.write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
        print(f"long_interviews: {body['cross_validation']['long_interviews']}", file=sys.stderr)
        print(f"wrote {out}", file=sys.stderr)
        return 0
    body = fit(cases, keep=keep)
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                check=False).stdout.strip()
    except OSError:
        commit = ""
    body["provenance"] = {
        "command": "python -m bench.fit_selector " + ("--keep-choice " if keep else "")
        + " ".join(str(f) for f in args.folders),
        "fitted_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%MZ"),
        "git_head": commit,
        "cases": {c.name: {"sentences": len(c.y), "positives": int(c.y.sum()), "gold_sha256": c.digest[:16]}
                  for c in cases},
        "label": "a candidate sentence overlapping a gold quote by >= half of the shorter span",
    }
    _add_long(body, cases, body["provenance"]["command"])
    out = args.out or selector_path()
    out.write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
    for name, choice in body["cross_validation"].items():
        print(f"{name}: leave-one-case-out {choice}", file=sys.stderr)
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
