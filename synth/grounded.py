"""Is every quote still the transcript's own words? The check a hand-edited insights file must pass.

Synth stores only quotes it aligned to the transcript, with their offsets. Someone editing `insights/<id>.json` by
hand can change a quote's words or offsets; from then on the file would show a founder words nobody said, with a
place in the transcript that says otherwise. Every view that shows quotes as evidence reads the interview anyway,
so it checks and refuses with one line rather than show them.
"""

from __future__ import annotations

from pathlib import Path

from synth.errors import UserError
from synth.models import InsightSet, Interview, Quote


def ungrounded(insight_set: InsightSet, interview: Interview) -> tuple[str, Quote] | None:
    """The first (insight id, quote) whose words are not the transcript's at its offsets, or None."""
    text = interview.text
    for ins in insight_set.insights:
        for q in ins.quotes:
            if q.interview_id == interview.id and text[q.start : q.end] != q.text:
                return ins.id, q
    return None


def check_grounded(insight_set: InsightSet, interview: Interview, path: Path) -> None:
    """Raise the one-line error for a quote that is not the transcript's words (a hand edit)."""
    bad = ungrounded(insight_set, interview)
    if bad is not None:
        iid, q = bad
        raise UserError(
            f"insight {iid}: its quote is not the transcript's words at {q.start}-{q.end} (edited by hand?); "
            f"restore it from git, or run `synth extract {interview.id} --force` (your decisions are kept)",
            path=path,
        )
