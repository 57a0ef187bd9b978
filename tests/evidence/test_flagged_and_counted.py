"""A sentence flagged as suspicious is kept and shown, never counted as evidence until the founder accepts it;
what a report lists under a hypothesis is exactly what its counts are made of."""

from __future__ import annotations

from pathlib import Path

from synth.linking.verdict import insight_counts
from synth.models import Insight, InsightKind, Quote, Review


def _insight(**kw: object) -> Insight:
    q = Quote(text="x", interview_id="i", turn_index=0, start=0, end=1)
    base: dict[str, object] = {"id": "I1", "interview_id": "i", "kind": InsightKind.pain, "summary": "s",
                               "quotes": [q], "participant": "P", "confidence": 0.5}
    return Insight.model_validate({**base, **kw})


def test_flagged_counts_only_once_accepted() -> None:
    assert insight_counts(_insight())
    assert not insight_counts(_insight(flagged=["reads like an instruction to a model"]))
    assert insight_counts(_insight(flagged=["reads like an instruction to a model"], review=Review.accepted))
    assert not insight_counts(_insight(unattributed=True))
    assert not insight_counts(_insight(review=Review.rejected))


def test_report_lists_exactly_the_counted_insights(tmp_path: Path) -> None:
    from synth.evidence import evidence_summary
    from synth.exchange.report_md import render_md
    from tests.exchange.conftest import build_workspace

    ws = build_workspace(tmp_path / "ws")
    report = render_md(ws)[0]
    for ev in evidence_summary(ws):
        assert len(ev.supporting_ids) == ev.supporting and len(ev.contradicting_ids) == ev.contradicting
        for iid in [*ev.supporting_ids, *ev.contradicting_ids]:
            assert iid in report
