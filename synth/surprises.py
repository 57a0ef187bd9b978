"""Surprises: what the hypotheses did not predict (recurring speech no hypothesis relates to), and evidence
against a hypothesis the founder marked supported. Read from the same links as synth.evidence; never writes."""

from __future__ import annotations

from pydantic import BaseModel, Field

from synth.evidence import TOP_QUOTES, _current_sets, _evidence_insights, _people
from synth.linking.verdict import counts
from synth.models import HypothesisStatus, Stance
from synth.themes import cluster, insight_text, participant_of
from synth.workspace import Workspace

RECUR_SIMILARITY = 0.6


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

    sets, _stale = _current_sets(ws)
    names, roles = _people(ws, sets)
    live = _evidence_insights(sets, roles)
    hyps = {h.id: h for h in ws.hypotheses()}
    touched: set[str] = set()
    out: list[Surprise] = []
    for s in sets:
        for link in s.links:
            # Speech the engine found related to a hypothesis, whichever way it points (or none), is what that
            # hypothesis is about, not something it failed to predict; unless the founder says it does not bear on it.
            if link.founder_stance is not Stance.neutral:
                touched.add(link.insight_id)
            if link.effective_stance is Stance.neutral:
                continue
            ins = live.get(link.insight_id)
            h = hyps.get(link.hypothesis_id)
            if (ins is not None and h is not None and counts(link) and link.effective_stance is Stance.contradicts
                    and h.status is HypothesisStatus.supported):
                out.append(
                    Surprise(
                        reason="contradicts_supported",
                        summary=f"{ins.summary} (against {h.id}, marked supported)",
                        insight_ids=[ins.id],
                        participants=1,
                        hypothesis_id=h.id,
                        quotes=[ins.passage],
                    )
                )
    loose = sorted((i for i in live.values() if i.id not in touched), key=lambda i: i.id)
    if len(loose) >= 2:
        from synth.themes import insight_vectors

        # The index's stored vectors (embedding only what it lacks): loading the model here made
        # `synth export md` 20x `synth hypothesis list` (issue 16).
        vecs = insight_vectors(ws, loose)
        from synth.theme_labels import PhraseIndex, label_from, name_words

        corpus = PhraseIndex.build([insight_text(i) for i in live.values()])
        people_words = name_words(names.values())
        for group in cluster(vecs, RECUR_SIMILARITY):
            members = [loose[i] for i in group]
            people = {participant_of(m, names) for m in members}
            if len(people) < 2:
                continue
            centre = vecs[group].mean(axis=0)
            central = loose[group[int((vecs[group] @ centre).argmax())]]
            # Named by what the members share, not by one member's sentence.
            label, _ = label_from([insight_text(m) for m in members], corpus, people_words)
            out.append(
                Surprise(
                    reason="recurring",
                    summary=label or central.summary,
                    insight_ids=[m.id for m in members],
                    participants=len(people),
                    quotes=[m.passage for m in members][:TOP_QUOTES],
                )
            )
    return out
