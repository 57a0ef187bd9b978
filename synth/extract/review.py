"""The founder's decisions on insights: list with filters, accept, reject, edit."""

from __future__ import annotations

from synth.errors import UserError
from synth.grounded import check_grounded
from synth.models import EvidenceLink, Insight, InsightKind, Review, Stance
from synth.workspace import Workspace


def list_insights(
    ws: Workspace,
    *,
    kind: str | None = None,
    hypothesis: str | None = None,
    interview: str | None = None,
    review: str | None = None,
) -> list[Insight]:
    """Insights matching every filter given; rejected ones only when asked for by `review`."""
    iid = ws.resolve_interview_id(interview) if interview else None
    hyp = ws.hypothesis(hypothesis).id if hypothesis else None
    out: list[Insight] = []
    for s in ws.insight_sets():
        if iid and s.interview_id != iid:
            continue
        linked = {lk.insight_id for lk in s.links if lk.hypothesis_id == hyp and lk.effective_stance is not Stance.neutral}
        before = len(out)
        for ins in s.insights:
            if review is None and ins.review is Review.rejected:
                continue
            if review is not None and ins.review.value != review:
                continue
            if kind and ins.kind.value != kind:
                continue
            if hyp and ins.id not in linked:
                continue
            out.append(ins)
        if len(out) > before and s.interview_id in ws.interview_ids():
            check_grounded(s, ws.interview(s.interview_id), ws.insights_dir / f"{s.interview_id}.json")
    return out


def _update(ws: Workspace, insight_id: str, **changes: object) -> Insight:
    with ws.locked():
        s, ins = ws.find_insight(insight_id)
        if s.interview_id in ws.interview_ids():  # a decision on words nobody said would make them count
            check_grounded(s, ws.interview(s.interview_id), ws.insights_dir / f"{s.interview_id}.json")
        new = Insight.model_validate({**ins.model_dump(), **changes})
        s = s.model_copy(update={"insights": [new if i.id == ins.id else i for i in s.insights]})
        if ins.review is Review.rejected and new.review is not Review.rejected:
            # Rejected insights were left out of linking: link the set again now it counts.
            from synth.evidence import link_insight_set
            from synth.extract.merge import carry_link_decisions

            relinked = link_insight_set(ws, s)
            s = relinked.model_copy(update={"links": carry_link_decisions(relinked, s)})
        ws.save_insight_set(s)
    from synth.extract.run import index_sets

    index_sets(ws, [s], lambda _m: None)
    return new


def set_review(ws: Workspace, insight_id: str, review: Review) -> Insight:
    return _update(ws, insight_id, review=review)


def edit_insight(ws: Workspace, insight_id: str, *, summary: str | None = None, kind: str | None = None) -> Insight:
    changes: dict[str, object] = {"edited": True}
    if summary is not None:
        if not summary.strip():
            raise UserError("a summary cannot be empty")
        changes["summary"] = summary.strip()
    if kind is not None:
        changes["kind"] = InsightKind(kind)
    if len(changes) == 1:
        raise UserError("nothing to change: give --summary and/or --kind")
    return _update(ws, insight_id, **changes)


def set_link_stance(ws: Workspace, insight_id: str, hypothesis_id: str, stance: Stance | None) -> EvidenceLink:
    """The founder's stance on one link (None hands it back to the engine); it overrides the engine everywhere."""
    with ws.locked():
        s, _ins = ws.find_insight(insight_id)
        hyp = ws.hypothesis(hypothesis_id).id
        links = list(s.links)
        for n, link in enumerate(links):
            if link.insight_id == insight_id and link.hypothesis_id == hyp:
                new = link.model_copy(update={"founder_stance": stance})
                links[n] = new
                break
        else:
            if stance is None:
                raise UserError(f"{insight_id} is not linked to {hyp}")
            new = EvidenceLink(
                insight_id=insight_id, hypothesis_id=hyp, stance=Stance.neutral, strength=0.0,
                rationale="linked by the founder", engine="founder", founder_stance=stance,
            )
            links.append(new)
        ws.save_insight_set(s.model_copy(update={"links": links}))
    return new
