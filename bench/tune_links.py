"""Linking and stance on gold quotes only (no extraction): the fast loop for tuning on corpus/eval/tune.

    python -m bench.tune_links corpus/eval/tune [-v]

For every gold insight of every case, an insight is built on the gold quote
and linked by the offline engine; each (quote, hypothesis) pair is then
scored against the gold label (absent = not evidence). Tune only on `tune/`;
report `test/` once, at the end.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from synth.evaluate import _transcript, find_cases, load_gold
from synth.models import Hypothesis, Insight, InterviewMeta, Quote, Stance


def main(argv: list[str]) -> int:
    from datetime import date

    from synth.embed import get_embedder
    from synth.evidence import offline_links
    from synth.extract.align import align_quote
    from synth.parsing import build_interview, parse_bytes

    folder = Path(argv[0])
    verbose = "-v" in argv
    embedder = get_embedder(None)  # type: ignore[arg-type]
    conf: Counter[tuple[str, str]] = Counter()
    for case in find_cases(folder):
        gold = load_gold(case)
        path = _transcript(case)
        iv = build_interview(parse_bytes(path.read_bytes(), path.name), InterviewMeta(source_file=path.name),
                             gold.interviewer or None)
        iv = iv.model_copy(update={"id": case.name})
        today = date.today()
        hyps = [Hypothesis(id=h.id, statement=h.statement, falsified_if=h.falsified_if, created=today, updated=today)
                for h in gold.hypotheses]
        insights = []
        for n, gi in enumerate(gold.insights):
            hit = align_quote(iv, gi.quote)
            if hit is None:
                continue
            q: Quote = hit.quote
            insights.append((gi, Insight(id=f"I{n}", interview_id=iv.id, kind=gi.kind, summary=gi.quote, quotes=[q],
                                         participant="p", confidence=0.8)))
        links = {(lk.insight_id, lk.hypothesis_id): lk for lk in offline_links([i for _, i in insights], hyps,
                                                                                embedder, iv)}
        for gi, ins in insights:
            for h in hyps:
                g = gi.hypotheses.get(h.id)
                g_s = g.value if g is not None else "-"
                lk = links.get((ins.id, h.id))
                p_s = lk.stance.value if lk is not None and lk.strength >= 0.5 else (
                    f"weak-{lk.stance.value}" if lk is not None and lk.stance is not Stance.neutral else "-")
                conf[(g_s, p_s)] += 1
                if verbose and (g_s != p_s):
                    why = lk.rationale if lk else ""
                    strength = f"{lk.strength:.2f}" if lk else ""
                    print(f"{case.name[:14]} {h.id} gold={g_s:<11} pred={p_s:<16} {strength} {ins.quotes[0].text[:90]!r}"
                          f"\n        {why[:200]}")
    labels = sorted({g for g, _ in conf})
    preds = sorted({p for _, p in conf})
    print("gold \\ pred " + " ".join(f"{p:>16}" for p in preds))
    for g in labels:
        print(f"{g:<12}" + " ".join(f"{conf[(g, p)]:>16}" for p in preds))
    # Eval's stance accuracy: gold-labelled pairs, predicted stance of strong links (else neutral).
    pairs = [(g, p) for (g, p), n in conf.items() if g != "-" for _ in range(n)]
    ok = sum(1 for g, p in pairs if (p.removeprefix("weak-") if p != "-" else "neutral") == g)
    directed = [(g, p) for (g, p), n in conf.items() for _ in range(n) if p in ("supports", "contradicts")]
    correct_dir = sum(1 for g, p in directed if g == p)
    gold_dir = sum(n for (g, _), n in conf.items() if g in ("supports", "contradicts"))
    print(f"stance accuracy {ok}/{len(pairs)} = {ok / max(len(pairs), 1):.2f}; strong directed links: "
          f"precision {correct_dir}/{len(directed)} = {correct_dir / max(len(directed), 1):.2f}, "
          f"recall {correct_dir}/{gold_dir} = {correct_dir / max(gold_dir, 1):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
