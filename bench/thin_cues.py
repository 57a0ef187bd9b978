"""Counted links that rest on one circumstantial cue: how often are they right? (tune only)

    python -m bench.thin_cues corpus/eval/tune

Runs the offline pipeline on every case (as `synth eval` does) and reads each directed link's rationale. A link is
*thin* when its side has one reason at most and that reason is circumstantial: near the statement or the falsifier
in meaning, the insight's kind, or a negated key term. It prints, for strong (counted) links, thin or not, how many
are right (the matched gold insight has that stance), wrong (the opposite stance) or unlabelled (no gold stance on
that pair); then participant sides per (case, hypothesis), the measure verdicts rest on, when thin links count as
now, when they never count, and when they count only with a second thin link the same way.

Tune only: the test split and the demo's answer key are for reporting.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

THIN = ("about its statement", "closer to what would falsify it", "a pain it predicts", "a workaround it predicts",
        "an objection", "negates its key term")


@dataclass(frozen=True)
class Row:
    case: str
    hypothesis: str
    stance: str
    strength: float
    rationale: str
    gold: str
    """The matched gold insight's stance on this hypothesis, or "-"."""


def thin(rationale: str) -> bool:
    body = re.sub(r"\(relevance [0-9.]+\)", "", rationale.split(":", 1)[-1])
    reasons = [r.strip() for r in body.split(";") if r.strip()]
    return len(reasons) <= 1 and all(r.startswith(THIN) for r in reasons)


def pipeline_rows(folder: Path) -> tuple[list[Row], dict[tuple[str, str], str]]:
    from synth.evaluate import Span, case_workspace, find_cases, load_gold, match
    from synth.extract import extract_interviews
    from synth.extract.align import align_quote
    from synth.models import Stance

    rows: list[Row] = []
    sides: dict[tuple[str, str], str] = {}
    for case in find_cases(folder):
        print(f"case {case.name}", file=sys.stderr)
        gold = load_gold(case)
        with case_workspace(case, gold) as (ws, iv):
            extract_interviews(ws, [iv.id], force=True)
            found = ws.insight_set(iv.id)
        assert found is not None
        spans = []
        for gi in gold.insights:
            hit = align_quote(iv, gi.quote)
            spans.append((Span(hit.quote.start, hit.quote.end) if hit else Span(0, 0), gi.kind.value))
        preds = [([Span(q.start, q.end) for q in i.quotes], i.kind.value) for i in found.insights]
        matched = {p: gold.insights[g] for g, p in match(spans, preds, same_kind=False)}
        index = {ins.id: n for n, ins in enumerate(found.insights)}
        for lk in found.links:
            if lk.stance is Stance.neutral:
                continue
            labelled = matched.get(index[lk.insight_id])
            g = labelled.hypotheses.get(lk.hypothesis_id) if labelled is not None else None
            rows.append(Row(case.name, lk.hypothesis_id, lk.stance.value, lk.strength, lk.rationale,
                            g.value if g is not None else "-"))
        per_h: dict[str, Counter[str]] = defaultdict(Counter)
        for gi in gold.insights:
            for hid, st in gi.hypotheses.items():
                per_h[hid][st.value] += 1
        for hid, n in per_h.items():
            if n["supports"] or n["contradicts"]:
                sides[(case.name, hid)] = ("supports" if n["supports"] > n["contradicts"] else
                                           "contradicts" if n["contradicts"] > n["supports"] else "both")
    return rows, sides


def main(argv: list[str]) -> int:
    folder = Path(argv[0])
    if "test" in folder.parts or "demo" in folder.parts:
        print("refusing: tune on corpus/eval/tune only", file=sys.stderr)
        return 2
    rows, gold_sides = pipeline_rows(folder)
    strong = [r for r in rows if r.strength >= 0.5]
    for label, group in (("thin", [r for r in strong if thin(r.rationale)]),
                         ("not thin", [r for r in strong if not thin(r.rationale)])):
        right = sum(r.gold == r.stance for r in group)
        wrong = sum(r.gold not in ("-", r.stance) for r in group)
        print(f"strong links, {label}: {len(group)}; right {right}, wrong {wrong}, unlabelled {len(group) - right - wrong}")
    same_way = Counter((r.case, r.hypothesis, r.stance) for r in strong if thin(r.rationale))
    for label, need in (("thin links count (shipped)", 0), ("thin links never count", 10**9),
                        ("thin links count with a second the same way", 2)):
        lean: dict[tuple[str, str], float] = defaultdict(float)
        for r in strong:
            if thin(r.rationale) and same_way[(r.case, r.hypothesis, r.stance)] < need:
                continue
            lean[(r.case, r.hypothesis)] += r.strength if r.stance == "supports" else -r.strength
        pred = {k: ("supports" if v > 0 else "contradicts") for k, v in lean.items() if v}
        right = sum(gold_sides.get(k) in (v, "both") for k, v in pred.items())
        p, rc = right / max(1, len(pred)), right / max(1, len(gold_sides))
        print(f"participant sides, {label}: precision {p:.3f} ({right}/{len(pred)}), recall {rc:.3f} "
              f"({right}/{len(gold_sides)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
