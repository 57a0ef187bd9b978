"""What a draft is written from: evidence per hypothesis, what is new since a date, themes, surprises."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from synth.config import NorthStar
from synth.models import Hypothesis, Insight, Interview, Review, Stance
from synth.workspace import Workspace


def interview_date(iv: Interview) -> date:
    """When the interview was held: its metadata date, else the day it was imported."""
    return iv.meta.date or iv.meta.imported_at.date()


@dataclass
class Facts:
    hypotheses: list[Hypothesis]
    evidence: dict[str, object]
    """Hypothesis id -> synth.evidence.HypothesisEvidence (all time)."""
    new: dict[str, dict[Stance, list[Insight]]]
    """Hypothesis id -> stance -> insights from interviews held on or after `since`."""
    insights: dict[str, Insight]
    """Every live (not rejected) insight: what a claim may cite."""
    participants: dict[str, str]
    """Interview id -> participant name."""
    north_star: NorthStar
    since: date | None = None
    new_insights: list[Insight] = field(default_factory=list)
    themes: list[object] = field(default_factory=list)
    surprises: list[object] = field(default_factory=list)

    def who(self, ins: Insight) -> str:
        return self.participants.get(ins.interview_id) or ins.participant or "a participant"


def gather(ws: Workspace, since: date | None, *, themes: bool = True) -> Facts:
    from synth.evidence import evidence_summary, surprises

    evidence = {e.hypothesis_id: e for e in evidence_summary(ws)}
    hyps = ws.hypotheses()
    interviews = {iv.id: iv for iv in ws.interviews()}
    # New: held on or after `since`, or imported since (a backlog of older transcripts is still news).
    recent = {
        i for i, iv in interviews.items()
        if since is None or interview_date(iv) >= since or iv.meta.imported_at.date() >= since
    }
    live: dict[str, Insight] = {}
    new: dict[str, dict[Stance, list[Insight]]] = {h.id: {Stance.supports: [], Stance.contradicts: []} for h in hyps}
    sets = ws.insight_sets()
    for s in sets:
        for ins in s.insights:
            if ins.review is not Review.rejected:
                live[ins.id] = ins
    for s in sets:
        if s.interview_id not in recent:
            continue
        for link in s.links:
            ins = live.get(link.insight_id)
            side = new.get(link.hypothesis_id)
            if ins is not None and side is not None and link.stance in side:
                side[link.stance].append(ins)
    found_themes: list[object] = []
    found_surprises: list[object] = []
    if themes and live:
        from synth.themes import themes as find_themes

        found_themes = list(find_themes(ws))
        found_surprises = list(surprises(ws))
    return Facts(
        hypotheses=hyps,
        evidence=dict(evidence),
        new=new,
        insights=live,
        participants={i: iv.meta.participant for i, iv in interviews.items()},
        north_star=ws.config.north_star,
        since=since,
        new_insights=sorted((i for i in live.values() if i.interview_id in recent), key=lambda i: i.id),
        themes=found_themes,
        surprises=found_surprises,
    )
