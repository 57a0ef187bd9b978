"""What else could the evidence selector learn from? Leave-one-case-out checks on the tuning split.

    python -m bench.selector_ablations corpus/eval/tune

Each check scores every case with a model fitted on the others (bench.fit_selector's fitting, the engine's
selection and merging, `synth eval`'s matching) and prints pooled recall, precision and F1, for all cases, the
written ones and the real recordings apart:

- `shipped`: the shipped features and settings (penalty 1, threshold 0.2, floor 1.0), the baseline;
- `embedding-K`: plus the sentence's MiniLM vector projected on its first K principal components (does the
  embedding say "evidence" beyond what the hand-made features say?);
- `question`: plus how close the interviewer's last question is to a hypothesis;
- `top-K x F`: the same probabilities, keeping exactly F x budget(n) sentences (is it the threshold rule?);
- `quota Q`: for the real recordings, the best Q sentences per hypothesis first (is it coverage of the
  hypotheses?);
- `written-only`: for the written cases, a model fitted on written cases alone, no floor.

Fit on the tuning split only: the test split and the demo's answer key are for reporting.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from bench.fit_selector import CAP_FACTOR, CaseData, fit_logistic, load_case, pooled, simulate, train
from synth.extract.selector import FEATURES

SHIPPED = {"lam": 1.0, "threshold": 0.2, "floor": 1.0}


def _extras(case: Path, data: CaseData) -> dict[str, np.ndarray]:
    """Per candidate sentence: its embedding, and the similarity of the question it answers to each hypothesis."""
    from synth.embed import get_embedder
    from synth.evaluate import case_workspace, load_gold
    from synth.extract.sentences import candidate_sentences
    from synth.models import Role

    gold = load_gold(case)
    with case_workspace(case, gold) as (_ws, interview):
        pass  # the interview as `synth eval` imports it; the workspace is not needed after
    sentences = candidate_sentences(interview)
    assert [(s.start, s.end) for s in sentences] == data.spans
    emb = get_embedder(None)
    asked: dict[int, str] = {}
    last = ""
    for t in interview.turns:
        if t.role is Role.interviewer:
            last = t.text
        else:
            asked[t.index] = last
    questions = [asked.get(s.turn.index, "") or "." for s in sentences]
    unique = sorted(set(questions))
    qv = dict(zip(unique, np.asarray(emb.embed(unique)), strict=True))
    hv = np.asarray(emb.embed([h.statement for h in gold.hypotheses] +
                              [h.falsified_if or h.statement for h in gold.hypotheses]))
    k = len(gold.hypotheses)
    vecs = np.asarray(emb.embed([s.text for s in sentences]))
    sims = vecs @ hv.T
    return {
        "vec": vecs,
        "question": (np.array([qv[q] for q in questions]) @ hv.T).max(axis=1),
        "no_question": np.array([1.0 if q == "." else 0.0 for q in questions]),
        "per_hypothesis": np.fmax(sims[:, :k], sims[:, k:]),
    }


def _oof(cases: list[CaseData], xs: list[np.ndarray], lam: float, train_on: list[bool] | None = None) -> list[np.ndarray]:
    out = []
    for i in range(len(cases)):
        rows = [j for j in range(len(cases)) if j != i and (train_on is None or train_on[j])]
        x = np.vstack([xs[j] for j in rows])
        y = np.concatenate([cases[j].y for j in rows])
        mean, scale = x.mean(axis=0), x.std(axis=0)
        scale = np.where(scale > 1e-9, scale, 1.0)
        w, b = fit_logistic((x - mean) / scale, y, lam)
        out.append(1.0 / (1.0 + np.exp(-np.clip(((xs[i] - mean) / scale) @ w + b, -30, 30))))
    return out


def _report(name: str, cases: list[CaseData], counts: list[tuple[int, int, int]]) -> None:
    def fmt(rows: list[tuple[int, int, int]]) -> str:
        r, p, f = pooled(rows)
        return f"R {r:.3f} P {p:.3f} F1 {f:.3f}"

    written = [c for c, case in zip(counts, cases, strict=True) if not case.real]
    real = [c for c, case in zip(counts, cases, strict=True) if case.real]
    print(f"{name:<22} all {fmt(counts)} | written {fmt(written)} | real {fmt(real)}", flush=True)


def main(argv: list[str]) -> int:
    from synth.evaluate import find_cases
    from synth.extract.offline import budget

    paths = find_cases(Path(argv[0]))
    if any("test" in p.parts or "demo" in p.parts for p in paths):
        print("refusing: tune on corpus/eval/tune only", file=sys.stderr)
        return 2
    cases, extras = [], []
    for p in paths:
        print(f"case {p.name}", file=sys.stderr)
        cases.append(load_case(p))
        extras.append(_extras(p, cases[-1]))
    lam, t, floor = SHIPPED["lam"], SHIPPED["threshold"], SHIPPED["floor"]

    def selected(probs: list[np.ndarray], threshold: float = t, fl: float = floor) -> list[tuple[int, int, int]]:
        return [simulate(c, pr, threshold, CAP_FACTOR, fl) for c, pr in zip(cases, probs, strict=True)]

    base = [train([c for j, c in enumerate(cases) if j != i], FEATURES, lam, False, t).probabilities(c.x)
            for i, c in enumerate(cases)]
    _report("shipped", cases, selected(base))
    vecs = np.vstack([e["vec"] for e in extras])
    centre = vecs.mean(axis=0)
    _, _, vt = np.linalg.svd(vecs - centre, full_matrices=False)
    for k in (8, 16):
        xs = [np.hstack([c.x, (e["vec"] - centre) @ vt[:k].T]) for c, e in zip(cases, extras, strict=True)]
        best = max(((selected(_oof(cases, xs, pen), th), pen, th) for pen in (1.0, 10.0, 30.0) for th in (0.2, 0.25)),
                   key=lambda r: pooled(r[0])[2])
        _report(f"embedding-{k}", cases, best[0])
    xs = [np.column_stack([c.x, e["question"] * (1 - e["no_question"]), e["no_question"]])
          for c, e in zip(cases, extras, strict=True)]
    _report("question", cases, max((selected(_oof(cases, xs, pen), th) for pen in (1.0, 3.0) for th in (0.175, 0.2)),
                                   key=lambda r: pooled(r)[2]))
    for factor in (0.8, 1.0, 1.2):
        _report(f"top-K x {factor}", cases, selected(base, 1.01, factor))
    for q in (1, 3):
        counts = []
        for c, e, pr in zip(cases, extras, base, strict=True):
            if not c.real:
                counts.append(simulate(c, pr, t, CAP_FACTOR, floor))
                continue
            z = (e["per_hypothesis"] - e["per_hypothesis"].mean(axis=0)) / (e["per_hypothesis"].std(axis=0) + 1e-9)
            logit = np.log(pr / (1 - pr))
            chosen: list[int] = []
            for h in range(z.shape[1]):
                chosen += [int(i) for i in np.argsort(-(logit + 0.5 * z[:, h]))[:q] if int(i) not in chosen]
            chosen += [int(i) for i in np.argsort(-pr) if int(i) not in chosen][: max(0, budget(len(pr)) - len(chosen))]
            keep = np.zeros(len(pr))
            keep[chosen] = 1.0
            counts.append(simulate(c, keep, 0.5, CAP_FACTOR, 0.0))
        _report(f"quota {q}", cases, counts)
    written_only = _oof(cases, [c.x for c in cases], lam, [not c.real for c in cases])
    _report("written-only", cases, [simulate(c, pr, 0.225, CAP_FACTOR, 0.0 if not c.real else floor)
                                    for c, pr in zip(cases, written_only, strict=True)])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
