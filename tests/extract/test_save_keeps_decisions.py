"""Extraction reads the stored set before the model call and saves after it: a founder's decision
made in between (from the TUI, or another process) must survive the save."""

from __future__ import annotations

from synth.extract.offline import offline_extractor
from synth.extract.review import set_link_stance, set_review
from synth.extract.run import extract_interviews
from synth.models import InsightSet, Interview, Review, Stance
from synth.workspace import Workspace


class _DecideMeanwhile:
    """The real offline engine, with a founder decision landing while it 'waits on the model'."""

    name = "offline"

    def __init__(self, ws: Workspace, decide: object) -> None:
        from synth.embed import get_embedder

        self.inner = offline_extractor(get_embedder(ws.config.embedding))
        self.decide = decide

    def extract(self, interview: Interview) -> InsightSet:
        out = self.inner.extract(interview)
        self.decide()  # type: ignore[operator]
        return out


def test_review_made_during_extraction_survives_force(ws: Workspace) -> None:
    extract_interviews(ws, ["dana"])
    first = ws.insight_set("dana")
    assert first is not None and len(first.insights) >= 2
    target = first.insights[0].id
    other = first.insights[1].id

    def decide() -> None:
        set_review(ws, target, Review.rejected)
        set_review(ws, other, Review.accepted)

    extract_interviews(ws, ["dana"], force=True, engine=_DecideMeanwhile(ws, decide))
    after = {i.id: i.review for i in ws.insight_set("dana").insights}  # type: ignore[union-attr]
    assert after[target] is Review.rejected
    assert after[other] is Review.accepted


def test_link_decision_survives_force_and_relinking(ws: Workspace) -> None:
    extract_interviews(ws, ["dana"])
    s = ws.insight_set("dana")
    assert s is not None and s.insights
    ins = s.insights[0].id
    set_link_stance(ws, ins, "H1", Stance.contradicts)

    def flip_another() -> None:
        set_link_stance(ws, s.insights[-1].id, "H1", Stance.supports)

    extract_interviews(ws, ["dana"], force=True, engine=_DecideMeanwhile(ws, flip_another))
    links = {(lk.insight_id, lk.hypothesis_id): lk for lk in ws.insight_set("dana").links}  # type: ignore[union-attr]
    assert links[(ins, "H1")].founder_stance is Stance.contradicts
    assert links[(ins, "H1")].effective_stance is Stance.contradicts
    assert links[(s.insights[-1].id, "H1")].founder_stance is Stance.supports
