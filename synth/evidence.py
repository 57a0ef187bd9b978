"""Evidence: link insights to hypotheses, and add it up per hypothesis.

Linking is hypothesis-driven (synth.linking): for each hypothesis, the
participant speech whose meaning or key terms bear on it, above an absolute
relevance; the direction from the cues a careful reader uses (synth.stance);
a confidence on every link. Links live in each `InsightSet` with the hash of
the hypotheses they were computed against. Reads never write: when the
hypotheses changed, `evidence_summary` and `synth.surprises` compute offline links
in memory and say so (`stale`); only `synth evidence --relink` and extraction
save new links, and neither undoes a founder's link decision. Synth only
*suggests* a status; the founder sets it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from synth.grounded import check_grounded
from synth.linking.decisions import merge_link_decisions
from synth.linking.verdict import SUPPORTED_MIN, counts, insight_counts, needs_review, settle, suggest_status
from synth.models import (
    EvidenceLink,
    Hypothesis,
    HypothesisStatus,
    Insight,
    InsightSet,
    Interview,
    Quote,
    Review,
    Role,
    Stance,
    short_hash,
)
from synth.parsing.questions import SENTENCE_END, unlabelled_answer
from synth.stance import offline_stance
from synth.themes import insight_text, interview_participant, participant_of
from synth.workspace import Workspace

if TYPE_CHECKING:
    from synth.embed import Embedder

__all__ = ["SUPPORTED_MIN", "merge_link_decisions", "settle", "suggest_status"]

TOP_QUOTES = 3


def hypotheses_hash(hypotheses: list[Hypothesis]) -> str:
    return short_hash(*(f"{h.id}\x1e{h.statement}\x1e{h.falsified_if}\x1e{h.kind}" for h in hypotheses), n=12)


def speaker_roles(interview: Interview | None) -> dict[int, Role]:
    return {t.index: t.role for t in interview.turns} if interview is not None else {}


def linkable(ins: Insight, roles: dict[int, Role]) -> bool:
    """Never the interviewer's words or a rejected insight. An unlabelled speaker's words are linked (the
    direction is ready when someone labels them) but never counted: see `_evidence_insights`."""
    if ins.review is Review.rejected:
        return False
    return all(roles.get(q.turn_index, Role.participant) is not Role.interviewer for q in ins.quotes)


def spoken_by_participant(ins: Insight, roles: dict[int, Role]) -> bool:
    return all(roles.get(q.turn_index, Role.participant) is Role.participant for q in ins.quotes)


ANSWER_OPENING = 3
"""Only speech in the first sentences of an answer is read with its question (see `questions_before`)."""


def questions_before(interview: Interview | None, quotes: list[Quote]) -> list[str]:
    """Per quote, the question it answers: the last sentence of the interviewer's turn right before the quote's
    turn, when the quote is in the answer's opening sentences (further on, answers drift: "the heating broke
    twice" is not about the no-shows just asked about); "" otherwise."""
    if interview is None:
        return ["" for _ in quotes]
    turns = {t.index: t for t in interview.turns}
    out: list[str] = []
    for quote in quotes:
        prev, turn = turns.get(quote.turn_index - 1), turns.get(quote.turn_index)
        before = interview.text[turn.start : max(turn.start, quote.start)] if turn is not None else ""
        if prev is None or turn is None or not (prev.role is Role.interviewer or unlabelled_answer(prev, turn)) or \
                len(SENTENCE_END.findall(before)) >= ANSWER_OPENING:
            out.append("")
            continue
        parts = [p for p in SENTENCE_END.split(prev.text.strip()) if p]
        out.append(parts[-1] if parts else "")
    return out


def offline_links(
    insights: list[Insight], hypotheses: list[Hypothesis], embedder: Embedder, interview: Interview | None = None
) -> list[EvidenceLink]:
    """Links by relevance to each hypothesis (synth.linking.relevance), direction from cues (synth.stance)."""
    from synth.linking.relevance import Relevance, confidence

    roles = speaker_roles(interview)
    live = [i for i in insights if linkable(i, roles)]
    if not live or not hypotheses:
        return []
    rel = Relevance(hypotheses, embedder)
    # An insight of several sentences is as relevant as its most relevant reading: the whole passage, or one of
    # its sentences alone (a passage of two dilutes the one that bears on a hypothesis).
    readings = [[insight_text(i)] if i.edited else [i.passage] + ([q.text for q in i.in_order] if len(i.quotes) > 1 else [])
                for i in live]
    asked = questions_before(interview, [i.quotes[0] for i in live])
    flat = [t for r in readings for t in r]
    contexts = [c for r, c in zip(readings, asked, strict=True) for _ in r]
    scored = iter(rel.score(flat, contexts))
    best_reading = [max((next(scored) for _ in r), key=lambda picks: max((p.relevance for p in picks), default=-1.0))
                    for r in readings]
    links: list[EvidenceLink] = []
    # Direction reads every quote, in the order it was said: the founder is shown the same passage
    # (Insight.passage), so a stance never rests on words they cannot see.
    for ins, picks, question in zip(live, best_reading, asked, strict=True):
        for sc in picks:
            h = hypotheses[sc.hypothesis]
            res = offline_stance(ins.passage, ins.kind, h, sc.sim_statement, sc.sim_falsified, rel.weights[h.id],
                                 asked=question)
            links.append(
                EvidenceLink(
                    insight_id=ins.id,
                    hypothesis_id=h.id,
                    stance=res.stance,
                    strength=confidence(sc.relevance, res.strength) if res.stance is not Stance.neutral else 0.0,
                    rationale=f"{res.rationale} (relevance {sc.relevance:.2f})",
                    engine="offline",
                )
            )
    return links


def fresh_links(ws: Workspace, insight_set: InsightSet, hypotheses: list[Hypothesis], *, offline: bool = False) -> list[EvidenceLink]:
    """Links computed now (LLM when configured and not `offline`), the set's founder decisions carried over."""
    interview = ws.interview(insight_set.interview_id) if insight_set.interview_id in ws.interview_ids() else None
    provider = ws.config.llm.provider.strip().lower()
    if offline or provider in ("", "none"):
        from synth.embed import get_embedder

        links = offline_links(insight_set.insights, hypotheses, get_embedder(ws.config.embedding), interview)
    else:
        from synth.evidence_llm import llm_links

        links = llm_links(ws, insight_set, hypotheses)
    return merge_link_decisions(insight_set.links, links, {i.id for i in insight_set.insights})


def link_insight_set(ws: Workspace, insight_set: InsightSet, hypotheses: list[Hypothesis] | None = None) -> InsightSet:
    """The set with fresh links to the current hypotheses; the founder's decisions in its links are kept."""
    hypotheses = ws.hypotheses() if hypotheses is None else hypotheses
    links = fresh_links(ws, insight_set, hypotheses)
    return insight_set.model_copy(update={"links": links, "hypotheses_hash": hypotheses_hash(hypotheses)})


def relink(ws: Workspace, *, force: bool = False) -> int:
    """Recompute links of every set computed against other hypotheses (all with `force`); returns how many.

    Looks for speech bearing on the current hypotheses that no insight quotes yet
    (synth.extract.retrieve) and links it too: see `relink_report`.
    """
    return relink_report(ws, force=force).relinked


@dataclass
class RelinkReport:
    relinked: int = 0
    """Insight sets whose links were recomputed."""
    found: list[str] = field(default_factory=list)
    """Ids of the insights retrieved for the hypotheses (new, for the founder to review)."""


def relink_report(
    ws: Workspace, *, force: bool = False, retrieve: bool = True, progress: Callable[[str], None] | None = None
) -> RelinkReport:
    """`relink`, saying what it did. With `retrieve`, each relinked set first gains the participant
    sentences that bear on a hypothesis and no stored insight quotes (offline, never a model call).

    Each set is re-read under the lock just before it is saved, so a founder's
    decision made meanwhile is merged, not overwritten.
    """
    from synth.extract.retrieve import retrieve_for_set, with_insights

    hypotheses = ws.hypotheses()
    current = hypotheses_hash(hypotheses)
    report = RelinkReport()
    grown: list[InsightSet] = []
    for s in ws.insight_sets():
        if not (force or s.hypotheses_hash != current):
            continue
        added = retrieve_for_set(ws, s, hypotheses) if retrieve else []
        new = link_insight_set(ws, with_insights(s, added), hypotheses)
        with ws.locked():
            now = ws.insight_set(s.interview_id)
            if now is None:
                continue
            merged = with_insights(now, added)  # what a re-extraction meanwhile now quotes is not added twice
            ids = {i.id for i in merged.insights}
            links = merge_link_decisions(now.links, [lk for lk in new.links if lk.insight_id in ids], ids)
            merged = merged.model_copy(update={"links": links, "hypotheses_hash": current})
            ws.save_insight_set(merged)
        before = {i.id for i in now.insights}
        if len(ids) > len(before):
            report.found += [i.id for i in merged.insights if i.id not in before]
            grown.append(merged)
        report.relinked += 1
    if grown:
        from synth.extract.run import index_sets

        index_sets(ws, grown, progress or (lambda _m: None))  # so search and themes see the new insights
    return report


# --- aggregation -------------------------------------------------------------


class EvidenceQuote(BaseModel):
    insight_id: str
    interview_id: str
    participant: str
    summary: str
    quote: str
    strength: float
    rationale: str = ""
    reviewed: bool = False
    """True when the founder confirmed or set this link's stance."""


class HypothesisEvidence(BaseModel):
    hypothesis_id: str
    statement: str
    status: HypothesisStatus
    """What the founder set."""
    supporting: int = 0
    """Counted insights for it: the founder's reviewed links plus the engine's strong ones."""
    contradicting: int = 0
    supporting_participants: int = 0
    """Distinct participants on the supporting side (each participant counts on one side only)."""
    contradicting_participants: int = 0
    participants_for: list[str] = Field(default_factory=list)
    participants_against: list[str] = Field(default_factory=list)
    participants_mixed: list[str] = Field(default_factory=list)
    """Participants with evidence on both sides; each counts once, on the side their evidence leans to."""
    top_supporting: list[EvidenceQuote] = Field(default_factory=list)
    top_contradicting: list[EvidenceQuote] = Field(default_factory=list)
    suggested_status: str = "untested"
    """`supported`, `refuted`, `inconclusive` or `untested`: a suggestion only."""
    rule: str = ""
    """The rule that produced the suggestion, in words (or what would settle it)."""
    reviewed_supporting: int = 0
    """Of `supporting`, how many links the founder reviewed; the rest are the engine's suggestions."""
    reviewed_contradicting: int = 0
    mixed_insights: int = 0
    """Strong insights from participants counted on the other side (or on neither, on a tie)."""
    supporting_ids: list[str] = Field(default_factory=list)
    """The counted insights behind `supporting` (what a report lists), strongest first."""
    contradicting_ids: list[str] = Field(default_factory=list)
    needs_review: int = 0
    """Weak machine links with a direction: shown for review, never counted."""
    needs_review_quotes: list[EvidenceQuote] = Field(default_factory=list)
    unclear: int = 0
    """Speech the engine found related to it but could not read a direction in: the founder's call, not counted."""
    unclear_quotes: list[EvidenceQuote] = Field(default_factory=list)
    stale: bool = False
    """True when the stored links predate the current hypotheses and these figures were computed in memory
    (run `synth evidence --relink` to store them)."""


def _current_sets(ws: Workspace) -> tuple[list[InsightSet], bool]:
    """The insight sets with links for the current hypotheses, without writing anything.

    A set linked against other hypotheses gets offline links computed in memory
    (founder decisions kept), never an LLM call and never a save.
    """
    hypotheses = ws.hypotheses()
    current = hypotheses_hash(hypotheses)
    sets = ws.insight_sets()
    stale = False
    out: list[InsightSet] = []
    for s in sets:
        if s.hypotheses_hash != current and s.insights:
            stale = True
            s = s.model_copy(update={"links": fresh_links(ws, s, hypotheses, offline=True)})
        out.append(s)
    return out, stale


def _people(ws: Workspace, sets: list[InsightSet]) -> tuple[dict[str, str], dict[str, dict[int, Role]]]:
    """Each interview's participant name and its turns' roles, read in one pass over the interviews, which also
    checks that every quote of `sets` is still the transcript's words (a hand edit can break that)."""
    names: dict[str, str] = {}
    roles: dict[str, dict[int, Role]] = {}
    by_id = {s.interview_id: s for s in sets}
    for iid in ws.interview_ids():
        iv = ws.interview(iid)
        names[iid] = interview_participant(iv)
        roles[iid] = speaker_roles(iv)
        if iid in by_id:
            check_grounded(by_id[iid], iv, ws.insights_dir / f"{iid}.json")
    return names, roles


def _evidence_insights(sets: list[InsightSet], roles: dict[str, dict[int, Role]]) -> dict[str, Insight]:
    """Insights that can count as customer evidence: not rejected, attributed, spoken by a participant."""
    out: dict[str, Insight] = {}
    for s in sets:
        turn_roles = roles.get(s.interview_id, {})
        for i in s.insights:
            if insight_counts(i) and linkable(i, turn_roles) and spoken_by_participant(i, turn_roles):
                out[i.id] = i
    return out


def evidence_summary(ws: Workspace) -> list[HypothesisEvidence]:
    """Per hypothesis: counted evidence, distinct participants, the strongest quotes, a suggestion. Never writes."""
    sets, stale = _current_sets(ws)
    names, roles = _people(ws, sets)
    live = _evidence_insights(sets, roles)
    out: list[HypothesisEvidence] = []
    for h in ws.hypotheses():
        sides: dict[Stance, list[tuple[EvidenceLink, Insight]]] = {Stance.supports: [], Stance.contradicts: []}
        review: list[tuple[EvidenceLink, Insight]] = []
        unclear: list[tuple[EvidenceLink, Insight]] = []
        for s in sets:
            for link in s.links:
                ins = live.get(link.insight_id)
                if ins is None or link.hypothesis_id != h.id:
                    continue
                if counts(link):
                    sides[link.effective_stance].append((link, ins))
                elif needs_review(link):
                    review.append((link, ins))
                elif link.founder_stance is None and link.stance is Stance.neutral:
                    unclear.append((link, ins))
        people, mixed = _lean(sides, names)
        n_for, n_against = len(people[Stance.supports]), len(people[Stance.contradicts])
        # Insight counts follow the participants: an insight counts on its side only when its speaker does,
        # so "5 supporting from 0 participants" cannot happen; a split speaker's other insights are `mixed_insights`.
        on_side = {st: [(lk, i) for lk, i in pairs if participant_of(i, names) in people[st]] for st, pairs in sides.items()}
        mixed_n = sum(len(pairs) for pairs in sides.values()) - sum(len(p) for p in on_side.values())
        sides = on_side
        status, rule = suggest_status(n_for, n_against)
        out.append(
            HypothesisEvidence(
                hypothesis_id=h.id,
                statement=h.statement,
                status=h.status,
                supporting=len(sides[Stance.supports]),
                contradicting=len(sides[Stance.contradicts]),
                supporting_participants=n_for,
                contradicting_participants=n_against,
                participants_for=people[Stance.supports],
                participants_against=people[Stance.contradicts],
                participants_mixed=mixed,
                top_supporting=_top(sides[Stance.supports], names),
                top_contradicting=_top(sides[Stance.contradicts], names),
                suggested_status=status,
                rule=rule,
                reviewed_supporting=sum(1 for lk, _ in sides[Stance.supports] if lk.reviewed),
                reviewed_contradicting=sum(1 for lk, _ in sides[Stance.contradicts] if lk.reviewed),
                mixed_insights=mixed_n,
                supporting_ids=_ids(sides[Stance.supports]),
                contradicting_ids=_ids(sides[Stance.contradicts]),
                needs_review=len(review),
                needs_review_quotes=_top(review, names, one_each=False),
                unclear=len(unclear),
                unclear_quotes=_top(unclear, names, one_each=False, rank=lambda p: -p[1].confidence),
                stale=stale,
            )
        )
    return out


def _lean(
    sides: dict[Stance, list[tuple[EvidenceLink, Insight]]], names: dict[str, str]
) -> tuple[dict[Stance, list[str]], list[str]]:
    """Each participant on one side: the one their summed link strength favours (neither on a tie).

    A founder-reviewed link weighs as much as the strongest machine link, so the founder's word decides.
    """
    weight: dict[Stance, dict[str, float]] = {st: {} for st in sides}
    for st, pairs in sides.items():
        for link, ins in pairs:
            who = participant_of(ins, names)
            w = 1.0 if link.reviewed else max(link.strength, 0.01)
            weight[st][who] = weight[st].get(who, 0.0) + w
    pro, con = weight[Stance.supports], weight[Stance.contradicts]
    people = {
        Stance.supports: sorted(p for p in pro if pro[p] > con.get(p, 0.0)),
        Stance.contradicts: sorted(p for p in con if con[p] > pro.get(p, 0.0)),
    }
    return people, sorted(set(pro) & set(con))


def _ids(pairs: list[tuple[EvidenceLink, Insight]]) -> list[str]:
    ranked = sorted(pairs, key=lambda p: (not p[0].reviewed, -p[0].strength, p[1].id))
    return list(dict.fromkeys(i.id for _lk, i in ranked))


def _top(
    pairs: list[tuple[EvidenceLink, Insight]],
    names: dict[str, str],
    *,
    one_each: bool = True,
    rank: Callable[[tuple[EvidenceLink, Insight]], float] | None = None,
) -> list[EvidenceQuote]:
    """The strongest quotes, reviewed first; with `one_each`, at most one per participant so one talkative person
    does not fill the list (a review queue lists links, not people: one interview can hold all of them)."""
    # Links without a direction all have strength 0: `rank` orders those (by the insight's own confidence).
    ranked = sorted(
        pairs,
        key=lambda p: (not p[0].reviewed, rank(p) if rank else -p[0].strength * (1.5 if p[1].review is Review.accepted
                                                                                  else 1.0), p[1].id),
    )
    out: list[EvidenceQuote] = []
    seen: set[str] = set()
    for link, ins in ranked:
        who = participant_of(ins, names)
        if who in seen and one_each:
            continue
        seen.add(who)
        out.append(
            EvidenceQuote(
                insight_id=ins.id,
                interview_id=ins.interview_id,
                participant=names.get(ins.interview_id) or ins.participant,
                summary=ins.summary,
                quote=ins.passage,
                strength=link.strength,
                rationale=link.rationale,
                reviewed=link.reviewed,
            )
        )
        if len(out) == TOP_QUOTES:
            break
    return out
