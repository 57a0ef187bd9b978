"""Hypothesis-driven retrieval: participant speech that bears on a hypothesis extraction did not keep.

Extraction picks what reads like evidence, aimed at the hypotheses the workspace
had at the time. A founder who writes or rewrites a hypothesis afterwards asks
a new question of the same interviews, so `synth evidence --relink` looks again:
for each interview and each current hypothesis, the candidate sentences
(synth.extract.sentences: participant and unlabelled speech, never the
interviewer's) are scored with the linker's own relevance (synth.linking.relevance:
similarity to the statement and to each `falsified_if` clause, key terms, the
same absolute floor), and the best few per hypothesis become insights.

What is never retrieved: a sentence any stored insight already quotes, in part
(a rejected insight included: what the founder rejected does not come back),
a question, a sentence flagged as suspicious. A retrieved insight quotes its
exact source span (grounding stays exact) and gets the same deterministic id
an extractor would give it, so a second relink adds nothing. It is left for the
founder to review (`review = new`) and says in its `engine` which hypotheses it
was retrieved for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from synth.extract.build import speaker_attribution
from synth.extract.sentences import Sentence, candidate_sentences, clean_summary
from synth.models import Hypothesis, Insight, InsightKind, InsightSet, Interview, Quote, Stance
from synth.parsing.questions import is_question

if TYPE_CHECKING:
    from synth.embed import Embedder
    from synth.linking.relevance import Relevance, Scored
    from synth.workspace import Workspace

ENGINE = "retrieved"
"""`Insight.engine` of a retrieved insight is `retrieved:H1,H3`: the hypotheses it was found for."""
PER_HYPOTHESIS = 3
"""At most this many new sentences per hypothesis per interview: an hour-long interview holds many loosely
related sentences, and each one is a review for the founder. Tuned on corpus/eval/tune only
(`python -m bench.bench_relink_retrieval --sweep 1,2,3`, learned selector): recall 0.43 / 0.45 / 0.51 / 0.55
at 1 / 2 / 3 / 4, precision 0.43 / 0.38 / 0.37 / 0.34; past 3 each added gold quote costs five to review."""
MIN_RELEVANCE = 0.0
"""Relevance a retrieved sentence needs on top of the linker's own floor (0: the linker's floor alone)."""
NEED = ""
"""`direction`: only speech the offline stance gives a direction on that hypothesis ("": any)."""


@dataclass(frozen=True)
class Retrieved:
    sentence: Sentence
    hypotheses: tuple[str, ...]
    """The hypotheses it bears on, the most relevant first."""
    relevance: float


def _spans(insight_set: InsightSet | None) -> list[tuple[int, int]]:
    if insight_set is None:
        return []
    return [(q.start, q.end) for i in insight_set.insights for q in i.quotes]


def _covered(s: Sentence, spans: list[tuple[int, int]]) -> bool:
    return any(min(s.end, b) > max(s.start, a) for a, b in spans)


def find_sentences(
    interview: Interview, insight_set: InsightSet | None, hypotheses: list[Hypothesis], embedder: Embedder,
    *, per_hypothesis: int = PER_HYPOTHESIS, min_relevance: float = MIN_RELEVANCE, need: str = NEED,
) -> list[Retrieved]:
    """The sentences of `interview` that bear on `hypotheses` and no stored insight quotes, in transcript order."""
    from synth.linking.relevance import Relevance

    if not hypotheses or per_hypothesis <= 0:
        return []
    pool = [s for s in candidate_sentences(interview) if not s.flags and not is_question(s.text)]
    if not pool:
        return []
    rel = Relevance(hypotheses, embedder)
    # The linker's own decision for each sentence: the hypotheses it would link it to, with its relevance.
    scored = [[sc for sc in picks if sc.relevance >= min_relevance] for picks in rel.score([s.text for s in pool])]
    if need:
        scored = _directed(pool, scored, rel, embedder, need)
    by_hypothesis: dict[int, list[tuple[float, int]]] = {}
    for n, picks in enumerate(scored):
        for sc in picks:
            by_hypothesis.setdefault(sc.hypothesis, []).append((sc.relevance, n))
    # The few sentences that bear most on each hypothesis, ranked over the whole interview, quoted or not:
    # those an insight already quotes (or the founder rejected) are not added, and not replaced by the next
    # best either, so a second relink finds what the first did and adds nothing.
    spans = _spans(insight_set)
    chosen: dict[int, list[tuple[float, str]]] = {}
    for h, found in by_hypothesis.items():
        for relevance, n in sorted(found, key=lambda f: (-f[0], f[1]))[:per_hypothesis]:
            if not _covered(pool[n], spans):
                chosen.setdefault(n, []).append((relevance, hypotheses[h].id))
    out = []
    for n in sorted(chosen):
        hits = sorted(chosen[n], key=lambda f: (-f[0], f[1]))
        out.append(Retrieved(pool[n], tuple(hid for _r, hid in hits), hits[0][0]))
    return out


def _directed(pool: list[Sentence], scored: list[list[Scored]], rel: Relevance, embedder: Embedder,
              need: str) -> list[list[Scored]]:
    """Only the links whose direction the offline stance can tell (`need = "direction"`)."""
    from synth.stance import offline_stance

    todo = [n for n, picks in enumerate(scored) if picks]
    kinds = dict(zip(todo, kinds_of([pool[n].text for n in todo], embedder), strict=True))
    out: list[list[Scored]] = [[] for _ in scored]
    for n in todo:
        for sc in scored[n]:
            h = rel.hypotheses[sc.hypothesis]
            res = offline_stance(pool[n].text, kinds[n], h, sc.sim_statement, sc.sim_falsified, rel.weights[h.id])
            if res.stance is not Stance.neutral:
                out[n].append(sc)
    return out


def kinds_of(texts: list[str], embedder: Embedder) -> list[InsightKind]:
    """Each sentence's kind as the offline extractor's classifier sees it (its kind scores and money rules)."""
    from synth.extract.kind_rules import is_price_talk, money_kind
    from synth.extract.lexicon import NONE_KIND
    from synth.extract.offline import offline_extractor

    if not texts:
        return []
    extractor = offline_extractor(embedder)
    names = list(extractor.kinds)
    out = []
    for text, row in zip(texts, extractor.kind_scores(texts), strict=True):
        ranked = sorted(((float(v), k) for k, v in zip(names, row, strict=True) if k != NONE_KIND), reverse=True)
        kind = ranked[0][1]
        if kind == "willingness_to_pay" and not is_price_talk(text) and len(ranked) > 1:
            kind = ranked[1][1]  # a figure alone is not a price anyone would pay
        out.append(InsightKind(money_kind(text, kind)))
    return out


def as_insights(interview: Interview, found: list[Retrieved], embedder: Embedder) -> list[Insight]:
    out = []
    for r, kind in zip(found, kinds_of([f.sentence.text for f in found], embedder), strict=True):
        s = r.sentence
        quote = Quote(text=interview.text[s.start : s.end], interview_id=interview.id, turn_index=s.turn.index,
                      start=s.start, end=s.end)
        out.append(
            Insight(
                id=Insight.make_id(interview.id, kind.value, s.start, s.end),
                interview_id=interview.id,
                kind=kind,
                summary=clean_summary(s.text),
                quotes=[quote],
                participant=s.turn.speaker,
                confidence=round(min(0.99, max(0.05, r.relevance)), 3),
                engine=f"{ENGINE}:{','.join(r.hypotheses)}",
                unattributed=speaker_attribution(s.turn) == "unattributed",
            )
        )
    return out


def retrieve(
    interview: Interview, insight_set: InsightSet | None, hypotheses: list[Hypothesis], embedder: Embedder,
    *, per_hypothesis: int = PER_HYPOTHESIS, min_relevance: float = MIN_RELEVANCE, need: str = NEED,
) -> list[Insight]:
    """New insights for the speech in `interview` that bears on `hypotheses` and `insight_set` does not quote."""
    found = find_sentences(interview, insight_set, hypotheses, embedder, per_hypothesis=per_hypothesis,
                           min_relevance=min_relevance, need=need)
    return as_insights(interview, found, embedder)


def retrieve_for_set(ws: Workspace, insight_set: InsightSet, hypotheses: list[Hypothesis]) -> list[Insight]:
    """`retrieve` for a stored set, with the workspace's interview and embedder; [] when the interview is gone."""
    if not hypotheses or insight_set.interview_id not in ws.interview_ids():
        return []
    from synth.embed import get_embedder

    interview = ws.interview(insight_set.interview_id)
    return retrieve(interview, insight_set, hypotheses, get_embedder(ws.config.embedding))


def with_insights(insight_set: InsightSet, added: list[Insight]) -> InsightSet:
    """The set with `added` among its insights (in transcript order), leaving out any a stored quote now covers."""
    spans = _spans(insight_set)
    ids = {i.id for i in insight_set.insights}
    new = [
        i for i in added
        if i.id not in ids and not any(min(q.end, b) > max(q.start, a) for q in i.quotes for a, b in spans)
    ]
    if not new:
        return insight_set
    insights = sorted([*insight_set.insights, *new], key=lambda i: (i.quotes[0].start, i.id))
    return insight_set.model_copy(update={"insights": insights})
