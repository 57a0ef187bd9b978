"""Who interviewed? The role guess against the labelled cases and the shared real transcripts.

    python -m bench.role_guess

Every case of corpus/eval/{tune,test} names its interviewer in gold.json (or none, for a transcript without
speaker labels): each transcript is parsed with no interviewer given, and the guess is compared with that name.
The shared real transcripts (../shared/data/transcripts, skipped when absent) have no such label; their guesses
are printed for reading: a podcast host should be found, and a design meeting should have no interviewer.
Parsing only: no evidence label of a held-out transcript is read.
"""

from __future__ import annotations

import sys
from pathlib import Path

from synth.evaluate import _transcript, find_cases, load_gold
from synth.models import Interview, InterviewMeta, Role
from synth.parsing import build_interview, parse_bytes

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "transcripts"


def _guess(path: Path) -> Interview:
    return build_interview(parse_bytes(path.read_bytes(), path.name), InterviewMeta(source_file=path.name), None)


def _interviewers(iv: Interview) -> list[str]:
    return sorted({t.speaker for t in iv.turns if t.role is Role.interviewer})


def main() -> int:
    right = total = 0
    for split in ("tune", "test"):
        for case in find_cases(ROOT / "corpus" / "eval" / split):
            gold = load_gold(case)
            if not gold.interviewer:
                continue  # no speaker labels: nobody can be guessed, and nobody is
            iv = _guess(_transcript(case))
            ok = _interviewers(iv) == sorted(n.strip() for n in gold.interviewer.split(","))
            right += ok
            total += 1
            if not ok:
                print(f"miss  {split}/{case.name}: guessed {_interviewers(iv)}, labelled {gold.interviewer!r} "
                      f"(confidence {iv.meta.role_confidence})")
    print(f"labelled cases: interviewer found in {right}/{total}")
    if SHARED.is_dir():
        for path in sorted(p for p in SHARED.rglob("*") if p.suffix in (".md", ".vtt", ".json") and "LICENSE" not in p.name):
            iv = _guess(path)
            speakers = len({t.speaker for t in iv.turns})
            print(f"{path.relative_to(SHARED)}: {speakers} speaker(s), interviewer {_interviewers(iv) or 'none'} "
                  f"(confidence {iv.meta.role_confidence})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
