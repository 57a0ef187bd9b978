"""Demo check: suggested statuses and participant sides against corpus/demo/answer_key.yaml.

    python -m bench.bench_demo_verdicts [--keep DIR]

Creates the demo workspace (the same as `synth init --demo DIR`), runs
`synth extract --all` with the offline engine, then compares:
- each hypothesis's suggested status with the key's verdict (`untouched` = `untested`);
- (hypothesis, participant, side) triples from the evidence summary with the key's for/against lists.

The key is never used to tune anything: this is a check, run after tuning on corpus/eval/tune.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import yaml

KEY = Path(__file__).parents[1] / "corpus" / "demo" / "answer_key.yaml"
VERDICT = {"untouched": "untested"}


def _person(name: str) -> str:
    from synth.themes import participant_key

    return participant_key(name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="build the workspace here and keep it")
    parser.add_argument("--reuse", action="store_true",
                        help="with --keep on an existing demo workspace: only relink (quick, after changing linking)")
    args = parser.parse_args()

    from synth.demo import create_demo_workspace
    from synth.evidence import evidence_summary
    from synth.extract import extract_interviews

    key = yaml.safe_load(KEY.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="synth-demo-") as tmp:
        target = args.keep or Path(tmp) / "demo"
        if args.reuse and args.keep and (target / "synth.toml").is_file():
            from synth.evidence import relink
            from synth.workspace import Workspace

            ws = Workspace.open(target)
            relink(ws, force=True)
        else:
            ws = create_demo_workspace(target)
            extract_interviews(ws, all_=True)
        evidence = evidence_summary(ws)

    status_ok = 0
    false_supported = 0
    gold: set[tuple[str, str, str]] = set()
    pred: set[tuple[str, str, str]] = set()
    print(f"{'hyp':<4} {'suggested':<13} {'key':<13} for/against (participants)  rule")
    for e in evidence:
        k = key.get(e.hypothesis_id, {})
        want = VERDICT.get(k.get("verdict", ""), k.get("verdict", ""))
        status_ok += e.suggested_status == want
        false_supported += e.suggested_status == "supported" and want != "supported"
        for side in ("for", "against"):
            gold |= {(e.hypothesis_id, _person(p), side) for p in k.get(side, [])}
        pred |= {(e.hypothesis_id, _person(p), "for") for p in e.participants_for}
        pred |= {(e.hypothesis_id, _person(p), "against") for p in e.participants_against}
        mark = "ok" if e.suggested_status == want else "  "
        print(f"{e.hypothesis_id:<4} {e.suggested_status:<13} {want:<13} {mark} "
              f"{e.supporting_participants}/{e.contradicting_participants}  {e.rule}")
    hit = len(gold & pred)
    precision = hit / len(pred) if pred else 0.0
    recall = hit / len(gold) if gold else 0.0
    print(f"statuses equal to the key: {status_ok}/{len(evidence)}; false 'supported': {false_supported}")
    print(f"(hypothesis, participant, side): precision {precision:.2f} ({hit}/{len(pred)}), "
          f"recall {recall:.2f} ({hit}/{len(gold)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
