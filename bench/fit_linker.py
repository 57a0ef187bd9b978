"""Fit the offline engine's link decision on labelled cases: `python -m bench.fit_linker corpus/eval/tune`.

Every gold quote of every case is scored against every hypothesis of its case
(synth.linking.model.score_pairs: the relevance and stance signals the engine
computes), and labelled by the gold file: evidence for or against, or nothing.
The engine's own extractions from the case are scored too (see `load_case`).
A ridge logistic regression predicts "this is evidence on this hypothesis".

Leave-one-case-out cross-validation chooses, on predictions for cases each fit
had not seen:
- the penalty and the link threshold, by the pooled F2 of links whose direction
  is right: a link below the strong threshold is only shown for review, where
  a wrong one costs the founder a keypress and a missing one is never seen;
- the strong threshold (at or above it a link counts as evidence), by the
  pooled F0.5 of the same: counted evidence should be right more than found.

The final model is fitted on every case and written with its provenance to
prompts/offline/linker.v1.json (or `--out`). Fit on the tuning split only: the
test split and the demo's answer key are for reporting, never for fitting.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np

from bench.fit_selector import fit_logistic
from synth.linking.model import LINK_FEATURES, LinkModel, linker_path

LAMBDAS = (1.0, 3.0, 10.0, 30.0)
THRESHOLDS = tuple(round(t, 3) for t in np.arange(0.15, 0.90, 0.025))


@dataclass
class CaseData:
    name: str
    x: np.ndarray
    """(pairs, len(LINK_FEATURES))"""
    gold: list[str]
    """Per pair: "supports", "contradicts", "neutral" or "-" (not labelled: not evidence on it)."""
    direction: list[str]
    """Per pair: the direction a link would carry."""
    digest: str
    eligible: np.ndarray
    """Per pair: passes the relevance gate (the model is fitted and scored on these only)."""
    hand: list[tuple[str, bool]] | None = None
    """Per pair: what the hand-set rules this model replaced would link ("-" for nothing), and whether strong."""
    texts: list[str] | None = None
    """Per pair: "H1 | the speech" (for error analysis)."""


def load_case(case: Path) -> CaseData:
    """The case's labelled pairs: its gold quotes, and what the offline engine extracts from it.

    Gold quotes alone are all evidence on something, so a model fitted on them learns which hypothesis a
    piece of evidence is about, not whether it is evidence at all. The engine's own extractions are what the
    linker meets in use: one that matches a gold quote (`synth eval`'s rule) carries that quote's labels,
    one that matches none is evidence on no hypothesis.
    """
    import tempfile

    from synth.config import WorkspaceConfig
    from synth.embed import get_embedder
    from synth.evaluate import Span, _ingest, _transcript, load_gold, match
    from synth.evidence import questions_before
    from synth.extract import extract_interviews
    from synth.extract.align import align_quote
    from synth.linking.model import score_pairs
    from synth.linking.relevance import Relevance
    from synth.linking.verdict import STRONG_MIN
    from synth.models import Hypothesis, InsightKind, Quote
    from synth.workspace import Workspace

    gold = load_gold(case)
    today = date.today()
    hyps = [Hypothesis(id=h.id, statement=h.statement, falsified_if=h.falsified_if, created=today, updated=today)
            for h in gold.hypotheses]
    with tempfile.TemporaryDirectory(prefix="synth-fit-") as tmp:
        ws = Workspace.create(Path(tmp) / "ws", WorkspaceConfig())
        ws.save_hypotheses(hyps)
        iv = _ingest(ws, _transcript(case), gold)
        extract_interviews(ws, [iv.id], force=True)
        extracted = ws.insight_set(iv.id)
    preds = extracted.insights if extracted is not None else []
    items: list[tuple[dict[str, str], InsightKind, list[Quote]]] = []
    gold_spans = []
    for gi in gold.insights:
        hit = align_quote(iv, gi.quote)
        if hit is not None:
            labels = {hid: st.value for hid, st in gi.hypotheses.items()}
            items.append((labels, gi.kind, [hit.quote]))
            gold_spans.append((Span(hit.quote.start, hit.quote.end), gi.kind.value, labels))
    pairs_gp = match([(sp, k) for sp, k, _ in gold_spans],
                     [([Span(q.start, q.end) for q in p.quotes], p.kind.value) for p in preds], same_kind=False)
    by_pred = {p: g for g, p in pairs_gp}
    for n, p in enumerate(preds):
        items.append((gold_spans[by_pred[n]][2] if n in by_pred else {}, p.kind, list(p.quotes)))
    rel = Relevance(hyps, get_embedder(None))
    texts = [qs[0].text for _, _, qs in items]
    scored = score_pairs(rel, hyps, texts, [" ".join(q.text for q in qs) for _, _, qs in items],
                         [k for _, k, _ in items], questions_before(iv, [qs[0] for _, _, qs in items]))
    x, labels_out, dirs, hand, shown, gate = [], [], [], [], [], []
    for (labels, _, quotes), pairs in zip(items, scored, strict=True):
        picked = {s.hypothesis for s in Relevance.pick([pr.scored for pr in pairs])}
        for pr in pairs:
            x.append(pr.features)
            labels_out.append(labels.get(hyps[pr.hypothesis].id, "-"))
            dirs.append(pr.direction.value)
            linked = pr.hypothesis in picked and pr.stance.stance.value != "neutral"
            strong = linked and hand_confidence(pr.scored.relevance, pr.stance.strength) >= STRONG_MIN
            hand.append((pr.stance.stance.value if linked else "-", strong))
            shown.append(f"{hyps[pr.hypothesis].id} | {quotes[0].text}")
            gate.append(pr.eligible)
    digest = hashlib.sha256((case / "gold.json").read_bytes()).hexdigest()
    return CaseData(case.name, np.array(x, dtype=np.float64).reshape(-1, len(LINK_FEATURES)), labels_out, dirs,
                    digest, np.array(gate, dtype=bool), hand, shown)


def hand_confidence(relevance: float, clarity: float) -> float:
    """The strength the hand rules gave a link (the baseline): half relevance (0 at 0.36, 0.5 at 0.5, 1.0 at
    0.64), half clarity of direction."""
    rel = min(1.0, max(0.0, (relevance - 0.36) / (2 * (0.5 - 0.36))))
    return round(0.5 * rel + 0.5 * min(1.0, max(0.0, clarity)), 3)


def _y(c: CaseData) -> np.ndarray:
    return np.array([g in ("supports", "contradicts") for g in c.gold], dtype=np.float64)


def train(cases: list[CaseData], lam: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    x = np.vstack([c.x[c.eligible] for c in cases])
    y = np.concatenate([_y(c)[c.eligible] for c in cases])
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale = np.where(scale > 1e-9, scale, 1.0)
    w, b = fit_logistic((x - mean) / scale, y, lam)
    return mean, scale, w, b


def predict(model: tuple[np.ndarray, np.ndarray, np.ndarray, float], c: CaseData) -> np.ndarray:
    """Probabilities as the engine uses them: 0 for a pair the relevance gate shuts (synth.linking.model.Pair)."""
    mean, scale, w, b = model
    p = 1.0 / (1.0 + np.exp(-np.clip(((c.x - mean) / scale) @ w + b, -30, 30)))
    return np.asarray(np.where(c.eligible, p, 0.0))


def counts(cases: list[CaseData], probs: list[np.ndarray], t: float) -> dict[str, int]:
    """Pooled: links made, links with the right direction, gold evidence pairs, gold-labelled pairs right."""
    made = right = evidence = labelled = stance_ok = 0
    for c, p in zip(cases, probs, strict=True):
        for g, d, pr in zip(c.gold, c.direction, p, strict=True):
            linked = pr >= t
            made += int(linked)
            right += int(linked and g == d)
            evidence += int(g in ("supports", "contradicts"))
            if g != "-":
                labelled += 1
                stance_ok += int((d if linked else "neutral") == g)
    return {"links": made, "right": right, "evidence": evidence, "labelled": labelled, "stance_correct": stance_ok}


def f_beta(k: dict[str, int], beta: float) -> float:
    p = k["right"] / k["links"] if k["links"] else 0.0
    r = k["right"] / k["evidence"] if k["evidence"] else 0.0
    return (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0


def summary(k: dict[str, int]) -> dict[str, float]:
    return {
        "precision": round(k["right"] / max(1, k["links"]), 4),
        "recall": round(k["right"] / max(1, k["evidence"]), 4),
        "stance_accuracy": round(k["stance_correct"] / max(1, k["labelled"]), 4),
        "links": int(k["links"]),
    }


def hand_rules(cases: list[CaseData]) -> dict[str, dict[str, float]]:
    """The same scores for the hand-set rules (relevance floor and margin, then the cues' direction)."""
    out = {}
    for name, strong_only in (("any_link", False), ("strong", True)):
        k = {"links": 0, "right": 0, "evidence": 0, "labelled": 0, "stance_correct": 0}
        for c in cases:
            for g, (d, strong) in zip(c.gold, c.hand or [], strict=True):
                linked = d != "-" and (strong or not strong_only)
                k["links"] += int(linked)
                k["right"] += int(linked and g == d)
                k["evidence"] += int(g in ("supports", "contradicts"))
                if g != "-":
                    k["labelled"] += 1
                    k["stance_correct"] += int((d if linked else "neutral") == g)
        out[name] = summary(k)
    return out


def cross_validate(cases: list[CaseData]) -> dict[str, Any]:
    best: dict[str, Any] = {}
    for lam in LAMBDAS:
        probs = [predict(train([o for o in cases if o is not c], lam), c) for c in cases]
        for t in THRESHOLDS:
            k = counts(cases, probs, t)
            f2 = f_beta(k, 2.0)
            if not best or f2 > best["f2"] + 1e-9:
                best = {"lambda": lam, "link_threshold": t, "f2": f2, "probs": probs, "at_link": summary(k)}
    strong: dict[str, Any] = {}
    for t in THRESHOLDS:
        if t < best["link_threshold"]:
            continue
        k = counts(cases, best["probs"], t)
        f05 = f_beta(k, 0.5)
        if not strong or f05 > strong["f05"] + 1e-9:
            strong = {"strong_threshold": t, "f05": f05, "at_strong": summary(k)}
    best.pop("probs")
    return {**best, **strong}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    from synth.evaluate import find_cases

    if "test" in args.folder.parts:
        print("refusing to fit on a test split", file=sys.stderr)
        return 2
    cases = [load_case(c) for c in find_cases(args.folder)]
    cv = cross_validate(cases)
    mean, scale, w, b = train(cases, cv["lambda"])
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                check=False).stdout.strip()
    except OSError:
        commit = ""
    model = LinkModel(
        features=LINK_FEATURES,
        mean=tuple(round(float(v), 6) for v in mean),
        scale=tuple(round(float(v), 6) for v in scale),
        weights=tuple(round(float(v), 6) for v in w),
        bias=round(b, 6),
        link_threshold=cv["link_threshold"],
        strong_threshold=cv["strong_threshold"],
        provenance={
            "fitted": datetime.now(UTC).strftime("%Y-%m-%d"),
            "command": "python -m bench.fit_linker " + str(args.folder),
            "code": commit,
            "cases": {c.name: c.digest[:16] for c in cases},
            "pairs": int(sum(len(c.gold) for c in cases)),
            "evidence_pairs": int(sum(_y(c).sum() for c in cases)),
            "lambda": cv["lambda"],
            "cross_validation": {"at_link_threshold": cv["at_link"], "at_strong_threshold": cv["at_strong"]},
            "hand_rules_in_sample": hand_rules(cases),
        },
    )
    out = args.out or linker_path()
    out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    print(json.dumps(model.provenance, indent=1))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
