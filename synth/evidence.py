"""Evidence: link insights to hypotheses, and add it up per hypothesis.

Links live in each `InsightSet` with the hash of the hypotheses they were
computed against; when the hypotheses change, the links are recomputed on the
next read (or with `synth evidence --relink`). Synth only *suggests* a status;
the founder sets it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from synth.models import (
    EvidenceLink,
    Hypothesis,
    HypothesisStatus,
    Insight,
    InsightSet,
    Review,
    Stance,
    short_hash,
)
from synth.stance import LINK_MIN, offline_stance
from synth.themes import cluster, insight_text, participant_names, participant_of
from synth.workspace import Workspace

if TYPE_CHECKING:
    from synth.embed import Embedder

MAX_LINKS_PER_INSIGHT = 2
LIFT_MIN = 0.08
"""How much closer to this hypothesis than to the average other one an insight must be to link."""
SUPPORTED_MIN = 3
"""Distinct participants who must support a hypothesis before Synth suggests `supported`."""
TOP_QUOTES = 3
RECUR_SIMILARITY = 0.6


def hypotheses_hash(hypotheses: list[Hypothesis]) -> str:
    return short_hash(*(f"{h.id}\x1e{h.statement}\x1e{h.falsified_if}\x1e{h.kind}" for h in hypotheses), n=12)


def offline_links(insights: list[Insight], hypotheses: list[Hypothesis], embedder: Embedder) -> list[EvidenceLink]:
    """Candidates by similarity to each statement (or falsified_if), stance from cues (synth.stance)."""
    import numpy as np

    live = [i for i in insights if i.review is not Review.rejected]
    if not live or not hypotheses:
        return []
    ivec = embedder.embed([insight_text(i) for i in live])
    hvec = embedder.embed([h.statement for h in hypotheses])
    fvec = embedder.embed([h.falsified_if or h.statement for h in hypotheses])
    s_sim, f_sim = ivec @ hvec.T, ivec @ fvec.T
    has_f = np.array([bool(h.falsified_if) for h in hypotheses])
    f_sim = np.where(has_f[None, :], f_sim, 0.0)
    reach_all = np.maximum(s_sim, f_sim)
    # Interviews about one domain are similar to every hypothesis in it; what marks an insight as
    # evidence for H is being closer to H than to the others (when there are others).
    n_h = len(hypotheses)
    if n_h > 1:
        lift = reach_all - (reach_all.sum(axis=1, keepdims=True) - reach_all) / (n_h - 1)
    else:
        lift = np.full_like(reach_all, LIFT_MIN)
    links: list[EvidenceLink] = []
    for r, ins in enumerate(live):
        reach = reach_all[r]
        order = [
            int(c) for c in np.argsort(-reach, kind="stable") if reach[c] >= LINK_MIN and lift[r, c] >= LIFT_MIN
        ][:MAX_LINKS_PER_INSIGHT]
        text = f"{ins.summary} {' '.join(q.text for q in ins.quotes)}"
        for c in order:
            res = offline_stance(text, ins.kind, hypotheses[c], float(s_sim[r, c]), float(f_sim[r, c]))
            links.append(
                EvidenceLink(
                    insight_id=ins.id,
                    hypothesis_id=hypotheses[c].id,
                    stance=res.stance,
                    strength=res.strength,
                    rationale=res.rationale,
                    engine="offline",
                )
            )
    return links


def link_insight_set(ws: Workspace, insight_set: InsightSet, hypotheses: list[Hypothesis] | None = None) -> InsightSet:
    """The set with fresh links to the current hypotheses (LLM when configured, else offline)."""
    hypotheses = ws.hypotheses() if hypotheses is None else hypotheses
    provider = ws.config.llm.provider.strip().lower()
    if provider in ("", "none"):
        from synth.embed import get_embedder

        links = offline_links(insight_set.insights, hypotheses, get_embedder(ws.config.embedding))
    else:
        from synth.evidence_llm import llm_links

        links = llm_links(ws, insight_set, hypotheses)
    return insight_set.model_copy(update={"links": links, "hypotheses_hash": hypotheses_hash(hypotheses)})


def relink(ws: Workspace, *, force: bool = False) -> int:
    """Recompute links of every set computed against other hypotheses (all with `force`); returns how many."""
    hypotheses = ws.hypotheses()
    current = hypotheses_hash(hypotheses)
    n = 0
    with ws.locked():
        for s in ws.insight_sets():
            if force or s.hypotheses_hash != current:
                ws.save_insight_set(link_insight_set(ws, s, hypotheses))
                n += 1
    return n


# --- aggregation -------------------------------------------------------------


class EvidenceQuote(BaseModel):
    insight_id: str
    interview_id: str
    participant: str
    summary: str
    quote: str
    strength: float
    rationale: str = ""


class HypothesisEvidence(BaseModel):
    hypothesis_id: str
    statement: str
    status: HypothesisStatus
    """What the founder set."""
    supporting: int = 0
    contradicting: int = 0
    supporting_participants: int = 0
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
    """The rule that produced the suggestion, in words."""


def suggest_status(n_for: int, n_against: int) -> tuple[str, str]:
    """Suggested status from distinct participant counts on each side, and the rule that fired."""
    if n_for == 0 and n_against == 0:
        return "untested", "no participant's evidence supports or contradicts it yet"
    if n_for >= SUPPORTED_MIN and n_against <= 1:
        return "supported", f">= {SUPPORTED_MIN} distinct participants support ({n_for}) and <= 1 contradicts ({n_against})"
    if n_against >= SUPPORTED_MIN and n_for <= 1:
        return "refuted", f">= {SUPPORTED_MIN} distinct participants contradict ({n_against}) and <= 1 supports ({n_for})"
    if n_against >= 2 and n_for == 0:
        return "refuted", f">= 2 distinct participants contradict ({n_against}) and none supports"
    return "inconclusive", (
        f"{n_for} participant(s) support and {n_against} contradict: neither side has "
        f">= {SUPPORTED_MIN} with at most 1 against"
    )


def _live_links(ws: Workspace) -> tuple[list[InsightSet], dict[str, Insight]]:
    if any(s.hypotheses_hash != hypotheses_hash(ws.hypotheses()) for s in ws.insight_sets()):
        relink(ws)
    sets = ws.insight_sets()
    live = {i.id: i for s in sets for i in s.insights if i.review is not Review.rejected}
    return sets, live


def evidence_summary(ws: Workspace) -> list[HypothesisEvidence]:
    """Per hypothesis: counts, distinct participants and the strongest quotes on each side."""
    sets, live = _live_links(ws)
    names = participant_names(ws)
    out: list[HypothesisEvidence] = []
    for h in ws.hypotheses():
        sides: dict[Stance, list[tuple[EvidenceLink, Insight]]] = {Stance.supports: [], Stance.contradicts: []}
        for s in sets:
            for link in s.links:
                ins = live.get(link.insight_id)
                if ins is not None and link.hypothesis_id == h.id and link.stance in sides:
                    sides[link.stance].append((link, ins))
        people, mixed = _lean(sides, names)
        status, rule = suggest_status(len(people[Stance.supports]), len(people[Stance.contradicts]))
        out.append(
            HypothesisEvidence(
                hypothesis_id=h.id,
                statement=h.statement,
                status=h.status,
                supporting=len(sides[Stance.supports]),
                contradicting=len(sides[Stance.contradicts]),
                supporting_participants=len(people[Stance.supports]),
                contradicting_participants=len(people[Stance.contradicts]),
                participants_for=people[Stance.supports],
                participants_against=people[Stance.contradicts],
                participants_mixed=mixed,
                top_supporting=_top(sides[Stance.supports], names),
                top_contradicting=_top(sides[Stance.contradicts], names),
                suggested_status=status,
                rule=rule,
            )
        )
    return out


def _lean(
    sides: dict[Stance, list[tuple[EvidenceLink, Insight]]], names: dict[str, str]
) -> tuple[dict[Stance, list[str]], list[str]]:
    """Each participant on one side: the one their summed link strength favours (neither on a tie)."""
    weight: dict[Stance, dict[str, float]] = {st: {} for st in sides}
    for st, pairs in sides.items():
        for link, ins in pairs:
            who = participant_of(ins, names)
            weight[st][who] = weight[st].get(who, 0.0) + max(link.strength, 0.01)
    pro, con = weight[Stance.supports], weight[Stance.contradicts]
    people = {
        Stance.supports: sorted(p for p in pro if pro[p] > con.get(p, 0.0)),
        Stance.contradicts: sorted(p for p in con if con[p] > pro.get(p, 0.0)),
    }
    return people, sorted(set(pro) & set(con))


def _top(pairs: list[tuple[EvidenceLink, Insight]], names: dict[str, str]) -> list[EvidenceQuote]:
    """The strongest quotes, at most one per participant so one talkative person does not fill the list."""
    ranked = sorted(pairs, key=lambda p: (-p[0].strength * (1.5 if p[1].review is Review.accepted else 1.0), p[1].id))
    out: list[EvidenceQuote] = []
    seen: set[str] = set()
    for link, ins in ranked:
        who = participant_of(ins, names)
        if who in seen:
            continue
        seen.add(who)
        out.append(
            EvidenceQuote(
                insight_id=ins.id,
                interview_id=ins.interview_id,
                participant=names.get(ins.interview_id) or ins.participant,
                summary=ins.summary,
                quote=ins.quotes[0].text,
                strength=link.strength,
                rationale=link.rationale,
            )
        )
        if len(out) == TOP_QUOTES:
            break
    return out


# --- surprises ---------------------------------------------------------------


class Surprise(BaseModel):
    reason: str
    """`recurring` (no hypothesis covers it, several participants say it) or `contradicts_supported`."""
    summary: str
    insight_ids: list[str]
    participants: int
    hypothesis_id: str = ""
    quotes: list[str] = Field(default_factory=list)


def surprises(ws: Workspace) -> list[Surprise]:
    """What the hypotheses did not predict: recurring unlinked insights, and evidence against `supported` ones."""
    from synth.embed import get_embedder

    sets, live = _live_links(ws)
    names = participant_names(ws)
    hyps = {h.id: h for h in ws.hypotheses()}
    touched: set[str] = set()
    out: list[Surprise] = []
    for s in sets:
        for link in s.links:
            if link.stance is Stance.neutral:
                continue
            touched.add(link.insight_id)
            ins = live.get(link.insight_id)
            h = hyps.get(link.hypothesis_id)
            if ins is not None and h is not None and link.stance is Stance.contradicts and h.status is HypothesisStatus.supported:
                out.append(
                    Surprise(
                        reason="contradicts_supported",
                        summary=f"{ins.summary} (against {h.id}, marked supported)",
                        insight_ids=[ins.id],
                        participants=1,
                        hypothesis_id=h.id,
                        quotes=[ins.quotes[0].text],
                    )
                )
    loose = sorted((i for i in live.values() if i.id not in touched), key=lambda i: i.id)
    if len(loose) >= 2:
        vecs = get_embedder(ws.config.embedding).embed([insight_text(i) for i in loose])
        for group in cluster(vecs, RECUR_SIMILARITY):
            members = [loose[i] for i in group]
            people = {participant_of(m, names) for m in members}
            if len(people) < 2:
                continue
            centre = vecs[group].mean(axis=0)
            central = loose[group[int((vecs[group] @ centre).argmax())]]
            out.append(
                Surprise(
                    reason="recurring",
                    summary=central.summary,
                    insight_ids=[m.id for m in members],
                    participants=len(people),
                    quotes=[m.quotes[0].text for m in members][:TOP_QUOTES],
                )
            )
    return out
