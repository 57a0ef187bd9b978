"""Hypotheses written after extraction: does `synth evidence --relink` find their evidence?

    python -m bench.bench_relink_retrieval [--split tune|test|all] [--sweep 2,4,4d,4f0.5]

For each case of corpus/eval/<split> (offline engine), in the same run:
- `from start`: extracted with the case's hypotheses present (what `synth eval` measures);
- `late, relink only`: extracted with no hypotheses, then the hypotheses added and linked
  without retrieval (the behaviour before synth.extract.retrieve);
- `late, relink`: the same, through `synth.evidence.relink_report` (retrieval on, the shipped setting);
- `from start + relink`: the `from start` set relinked with retrieval (what extraction would gain by running it).
Scores are synth.evaluate.score_case against gold, pooled like `synth eval`; `untested` counts the
hypotheses with no counted or weak-for-review evidence (suggested status `untested`).
`--sweep` also scores other settings of retrieval, in memory: a per-hypothesis budget, `d` only speech the
offline stance gives a direction, `fX` a relevance of at least X. Tune on `tune` only.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parents[1] / "corpus" / "eval"


def _workspace(tmp: Path, name: str, hypotheses: list[Any]) -> Any:
    from synth.config import WorkspaceConfig
    from synth.workspace import Workspace

    ws = Workspace.create(tmp / name, WorkspaceConfig())
    ws.save_hypotheses(hypotheses)
    return ws


def _untested(ws: Any) -> int:
    from synth.evidence import evidence_summary

    return sum(1 for e in evidence_summary(ws) if e.suggested_status == "untested" and not e.needs_review)


def _setting(spec: str) -> tuple[int, str, float]:
    """'4' -> 4 per hypothesis; '4d' only with a direction; '4f0.5' at relevance >= 0.5."""
    import re

    m = re.fullmatch(r"(\d+)(d?)(?:f([\d.]+))?", spec)
    if m is None:
        raise SystemExit(f"bad --sweep setting {spec!r}")
    need = "direction" if m.group(2) else ""
    return int(m.group(1)), need, float(m.group(3) or 0.0)


def run_case(case: Path, sweep: list[str]) -> dict[str, tuple[Any, list[Any], list[Any], int]]:
    from synth.embed import get_embedder
    from synth.evaluate import _ingest, _transcript, load_gold, score_case
    from synth.evidence import link_insight_set, relink_report
    from synth.extract import extract_interviews
    from synth.extract.retrieve import retrieve, with_insights
    from synth.models import Hypothesis

    gold = load_gold(case)
    today = date.today()
    hyps = [Hypothesis(id=h.id, statement=h.statement, falsified_if=h.falsified_if, created=today, updated=today)
            for h in gold.hypotheses]
    out: dict[str, tuple[Any, list[Any], list[Any], int]] = {}
    with tempfile.TemporaryDirectory(prefix="synth-relink-") as tmp:
        # Extracted knowing the hypotheses.
        ws = _workspace(Path(tmp), "start", hyps)
        iv = _ingest(ws, _transcript(case), gold)
        extract_interviews(ws, [iv.id], force=True)
        s = ws.insight_set(iv.id)
        out["from start"] = (*score_case(case.name, iv, gold, s), _untested(ws))
        relink_report(ws, force=True)
        out["from start + relink"] = (*score_case(case.name, iv, gold, ws.insight_set(iv.id)), _untested(ws))

        # Extracted before the hypotheses were written.
        late = _workspace(Path(tmp), "late", [])
        iv = _ingest(late, _transcript(case), gold)
        extract_interviews(late, [iv.id], force=True)
        late.save_hypotheses(hyps)
        bare = late.insight_set(iv.id)
        assert bare is not None
        relink_report(late, force=True, retrieve=False)
        out["late, relink only"] = (*score_case(case.name, iv, gold, late.insight_set(iv.id)), _untested(late))
        emb = get_embedder(late.config.embedding)
        for spec in sweep:
            k, need, floor = _setting(spec)
            found = retrieve(iv, bare, hyps, emb, per_hypothesis=k, need=need, min_relevance=floor)
            grown = link_insight_set(late, with_insights(bare, found), hyps)
            out[f"late, retrieve {spec}"] = (*score_case(case.name, iv, gold, grown), -1)
        relink_report(late, force=True)
        out["late, relink"] = (*score_case(case.name, iv, gold, late.insight_set(iv.id)), _untested(late))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=["tune", "test", "all"], default="tune")
    parser.add_argument("--sweep", default="", help="comma-separated per-hypothesis budgets to score in memory")
    parser.add_argument("--cases", default="", help="only cases whose name contains one of these (comma-separated)")
    args = parser.parse_args()

    from synth.evaluate import _pool, find_cases

    sweep = [k.strip() for k in args.sweep.split(",") if k.strip()]
    folder = ROOT if args.split == "all" else ROOT / args.split
    cases = find_cases(folder)
    if args.cases:
        cases = [c for c in cases if any(w in c.name for w in args.cases.split(","))]
    pooled: dict[str, list[list[Any]]] = {}
    untested: dict[str, int] = {}
    hyps_total = 0
    started = time.monotonic()
    for case in cases:
        res = run_case(case, sweep)
        from synth.evaluate import load_gold

        hyps_total += len(load_gold(case).hypotheses)
        for name, (sc, kinds, stances, unt) in res.items():
            acc = pooled.setdefault(name, [[], [], []])
            acc[0].append(sc)
            acc[1] += kinds
            acc[2] += stances
            if unt >= 0:
                untested[name] = untested.get(name, 0) + unt
        line = "  ".join(f"{n}: {sc.matched}/{sc.gold} of {sc.predicted}" for n, (sc, *_r) in res.items())
        print(f"{case.parent.name}/{case.name}: {line}", flush=True)
    print(f"\n{args.split}: {len(cases)} cases, {hyps_total} hypotheses ({time.monotonic() - started:.0f} s)")
    print(f"{'setting':<24} {'recall':>7} {'precision':>9} {'stance':>7} {'predicted':>9} {'untested':>8}")
    for setting, (scores, kinds, stances) in pooled.items():
        t = _pool(scores, kinds, stances)
        stance = f"{t.stance_accuracy:.2f}" if t.stance_accuracy is not None else "-"
        left = str(untested[setting]) if setting in untested else "-"
        print(f"{setting:<24} {t.recall:>7.2f} {t.precision:>9.2f} {stance:>7} {t.predicted:>9} {left:>8}"
              f"   grounding {t.grounding_rate:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
