"""What a draft is written from: evidence per hypothesis, what is new since a date, themes, surprises.

Everything a claim may cite is customer evidence (synth.strategy.eligible):
no interviewer speech, unknown speakers, flagged sentences, compliments or
hypotheticals. Links are read through `EvidenceLink.effective_stance` (the
founder's word wins) and only links the verdict rule counts are evidence, so
a claim and the evidence summary it sits beside never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from synth.config import NorthStar
from synth.models import EvidenceLink, Hypothesis, Insight, InsightSet, Interview, Role, Stance
from synth.workspace import Workspace

if TYPE_CHECKING:
    from synth.evidence import HypothesisEvidence


def interview_date(iv: Interview) -> date | None:
    """When the interview was held (its metadata date); None when nobody said."""
    return iv.meta.date


def link_counts(link: EvidenceLink) -> bool:
    """Whether a link counts as evidence: the verdict rule's own test, so drafts and summaries agree."""
    try:
        from synth.linking.verdict import counts
    except ImportError:  # an engine without the verdict module: every directed link counts
        return link.effective_stance is not Stance.neutral
    return bool(counts(link))


def current_sets(ws: Workspace) -> list[InsightSet]:
    """The insight sets with the links the evidence summary reads (computed in memory when stale)."""
    import synth.evidence as ev

    reader = getattr(ev, "_current_sets", None)
    if reader is not None:
        sets, _stale = reader(ws)
        return list(sets)
    return ws.insight_sets()


@dataclass
class Facts:
    hypotheses: list[Hypothesis]
    evidence: dict[str, HypothesisEvidence]
    """Hypothesis id -> synth.evidence.HypothesisEvidence (all time)."""
    new: dict[str, dict[Stance, list[tuple[Insight, EvidenceLink]]]]
    """Hypothesis id -> stance -> counted (insight, link) from interviews held or imported on or after `since`."""
    insights: dict[str, Insight]
    """Every insight that may stand as evidence: what a claim may cite."""
    participants: dict[str, str]
    """Interview id -> participant name."""
    north_star: NorthStar
    since: date | None = None
    new_insights: list[Insight] = field(default_factory=list)
    themes: list[Any] = field(default_factory=list)
    surprises: list[Any] = field(default_factory=list)
    links: dict[str, list[EvidenceLink]] = field(default_factory=dict)
    """Insight id -> its links (every hypothesis), as the evidence summary reads them."""
    roles: dict[str, dict[int, Role]] = field(default_factory=dict)
    """Interview id -> turn index -> speaker role."""
    corpus_texts: list[str] = field(default_factory=list)
    """Every evidence insight's text: how common a phrase is, for naming surprises."""

    def who(self, ins: Insight) -> str:
        return self.participants.get(ins.interview_id) or ins.participant or "a participant"

    def person(self, ins: Insight) -> str:
        """The participant's identity (normalised name): what "distinct participants" counts."""
        from synth.themes import participant_of

        return participant_of(ins, self.participants)

    def stance_on(self, insight_id: str, hypothesis_id: str) -> Stance | None:
        """The counted stance of this insight on this hypothesis, None when it is not counted evidence for it."""
        for link in self.links.get(insight_id, []):
            if link.hypothesis_id == hypothesis_id and link_counts(link):
                return link.effective_stance
        return None

    def strength(self, insight_id: str, hypothesis_id: str) -> float:
        """How strong the link is (a founder-reviewed link is the strongest)."""
        for link in self.links.get(insight_id, []):
            if link.hypothesis_id == hypothesis_id:
                return 2.0 if link.reviewed else link.strength
        return 0.0


def gather(ws: Workspace, since: date | None, *, themes: bool = True, llm: Any = None) -> Facts:
    from synth.evidence import evidence_summary
    from synth.strategy.eligible import not_evidence, speaker_roles

    evidence = {e.hypothesis_id: e for e in evidence_summary(ws)}
    hyps = ws.hypotheses()
    interviews = {iv.id: iv for iv in ws.interviews()}
    roles = {i: speaker_roles(iv) for i, iv in interviews.items()}
    # New: held on or after `since`, or imported since (a backlog of older transcripts is still news).
    recent = {
        i for i, iv in interviews.items()
        if since is None or (iv.meta.date is not None and iv.meta.date >= since) or iv.meta.imported_at.date() >= since
    }
    sets = current_sets(ws)
    live: dict[str, Insight] = {}
    links: dict[str, list[EvidenceLink]] = {}
    for s in sets:
        for ins in s.insights:
            if not not_evidence(ins, roles.get(ins.interview_id, {})):
                live[ins.id] = ins
        for link in s.links:
            links.setdefault(link.insight_id, []).append(link)
    new: dict[str, dict[Stance, list[tuple[Insight, EvidenceLink]]]] = {
        h.id: {Stance.supports: [], Stance.contradicts: []} for h in hyps
    }
    for s in sets:
        if s.interview_id not in recent:
            continue
        for link in s.links:
            found = live.get(link.insight_id)
            side = new.get(link.hypothesis_id)
            if found is not None and side is not None and link_counts(link) and link.effective_stance in side:
                side[link.effective_stance].append((found, link))
    found_themes: list[Any] = []
    found_surprises: list[Any] = []
    if themes and live:
        from synth.surprises import surprises
        from synth.themes import themes as find_themes

        found_themes = list(find_themes(ws, llm=llm))
        found_surprises = list(surprises(ws))
    from synth.themes import insight_text, interview_participant

    return Facts(
        hypotheses=hyps,
        evidence=dict(evidence),
        new=new,
        insights=live,
        participants={i: interview_participant(iv) for i, iv in interviews.items()},
        north_star=ws.config.north_star,
        since=since,
        new_insights=sorted((i for i in live.values() if i.interview_id in recent), key=lambda i: i.id),
        themes=found_themes,
        surprises=found_surprises,
        links=links,
        roles=roles,
        corpus_texts=[insight_text(i) for i in sorted(live.values(), key=lambda i: i.id)],
    )
