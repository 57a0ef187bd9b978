"""Themes: what several participants say, clustered across interviews and named by what they share.

Only insights that may stand as customer evidence are clustered (no interviewer
speech, unknown speakers, compliments or hypotheticals: synth.strategy.eligible).
Their vectors come from the search index, which already embedded every insight
(synth.index.vectors); only insights the index lacks are embedded now.
Clustering is average linkage cut at a similarity threshold, computed from
cluster means over a nearest-neighbour candidate graph (synth.theme_cluster):
O(n·(d+k)) memory, so 25,000 insights fit in well under a gigabyte.

A theme is labelled by the keyphrases its members share (synth.theme_labels),
or by the LLM session's label when one is configured and the label's words are
found in the members' own quotes. Its quotes are the members that use those
phrases, the most central first, one per participant.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from synth.models import Insight, Interview, Role
from synth.theme_cluster import cluster
from synth.workspace import Workspace

if TYPE_CHECKING:
    import numpy as np

    from synth.llm import Session

__all__ = [
    "THEME_THRESHOLD",
    "Theme",
    "ThemeQuote",
    "cluster",
    "insight_text",
    "interview_participant",
    "participant_key",
    "participant_names",
    "participant_of",
    "themes",
]

THEME_THRESHOLD = 0.55
"""Average cosine similarity two clusters need to merge."""
TOP_QUOTES = 3
LABEL_MEMBERS = 100
"""A theme is named from at most this many of its most central members."""


class ThemeQuote(BaseModel):
    insight_id: str
    interview_id: str
    participant: str
    quote: str


class Theme(BaseModel):
    id: str
    label: str
    insight_ids: list[str]
    participants: int
    """Distinct participants (normalised names) the theme's insights come from."""
    interviews: int
    kinds: dict[str, int] = Field(default_factory=dict)
    quote: str = ""
    """The best quote (the first of `quotes`)."""
    central_insight_id: str = ""
    keyphrases: list[str] = Field(default_factory=list)
    """Phrases several members use: what the offline label is made of."""
    quotes: list[ThemeQuote] = Field(default_factory=list)
    """The best quotes: members using the keyphrases, most central first, one per participant."""
    label_engine: str = "offline"
    """`offline` (keyphrases) or `llm` (the model's label, checked against the members' quotes)."""


def insight_text(ins: Insight) -> str:
    return f"{ins.summary} {ins.quotes[0].text}"[:600]


def participant_key(name: str) -> str:
    """Participant identity: case, accents, titles and punctuation do not make a new person."""
    import unicodedata

    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    words = [w for w in "".join(c if c.isalnum() else " " for c in s).split() if w not in {"dr", "mr", "mrs", "ms", "prof"}]
    return " ".join(words)


def participant_of(ins: Insight, names: dict[str, str]) -> str:
    """Who said it (normalised): the interview's one participant by the founder's name for them, else the
    speaker on the insight. `names` is built with `interview_participant`."""
    return participant_key(names.get(ins.interview_id) or ins.participant or ins.interview_id)


def interview_participant(iv: Interview) -> str:
    """The name an interview's evidence goes by when one person spoke for the customer (the founder's name for
    them, which may differ from the transcript's "Speaker 2"). A group interview has none: each insight is its
    own speaker's, so five developers count as five customers and a quote is never put in another's mouth."""
    return iv.meta.participant if len(iv.participants()) <= 1 else ""


def interview_people(iv: Interview) -> str:
    """Who an interview was with, in a list: "Eric Kesterson", or "Eric Kesterson +4" for a group."""
    others = [p for p in iv.participants() if participant_key(p) != participant_key(iv.meta.participant)]
    main = iv.meta.participant or (others.pop(0) if others else "")
    return f"{main} +{len(others)}" if main and others and len(iv.participants()) > 1 else main


def participant_names(ws: Workspace) -> dict[str, str]:
    out: dict[str, str] = {}
    for iid in ws.interview_ids():
        out[iid] = interview_participant(ws.interview(iid))
    return out


@dataclass
class Corpus:
    """The workspace's evidence insights with what themes need about each interview."""

    insights: list[Insight]
    names: dict[str, str]
    roles: dict[str, dict[int, Role]]


def load_corpus(ws: Workspace) -> Corpus:
    """Every insight that may stand as evidence, sorted by id; each interview read once."""
    from synth.strategy.eligible import evidence_only, speaker_roles

    names: dict[str, str] = {}
    roles: dict[str, dict[int, Role]] = {}
    for iid in ws.interview_ids():
        iv = ws.interview(iid)
        names[iid] = interview_participant(iv)
        roles[iid] = speaker_roles(iv)
    insights = sorted(evidence_only(ws.insights(), roles), key=lambda i: i.id)
    return Corpus(insights, names, roles)


def insight_vectors(ws: Workspace, insights: list[Insight]) -> np.ndarray:
    """L2-normalised vectors: the index's where it holds the insight as it reads now, embedded otherwise."""
    import numpy as np

    from synth.embed import get_embedder
    from synth.index.vectors import insight_body, stored_vector_matrix

    embedder = get_embedder(ws.config.embedding)
    stored, found = stored_vector_matrix(ws, insights)
    missing = [n for n in range(len(insights)) if not found[n]]
    if not missing:
        return stored
    fresh = embedder.embed([insight_body(insights[n]) for n in missing]).astype(np.float32)
    if stored.shape[1] != fresh.shape[1]:
        stored = np.zeros((len(insights), fresh.shape[1]), dtype=np.float32)
    stored[missing] = fresh
    return stored


def themes(
    ws: Workspace,
    *,
    threshold: float = THEME_THRESHOLD,
    min_size: int = 2,
    llm: Session | None = None,
    corpus: Corpus | None = None,
) -> list[Theme]:
    """Clusters of at least `min_size` evidence insights, most participants first.

    Labels come from the command's LLM session (`llm`, else the active one) when a
    provider is set, checked against the members' quotes; otherwise from keyphrases.
    """
    corpus = corpus or load_corpus(ws)
    if not corpus.insights:
        return []
    vecs = insight_vectors(ws, corpus.insights)
    out = themes_from(corpus, vecs, threshold=threshold, min_size=min_size)
    if out and ws.config.llm.provider.strip().lower() not in ("", "none"):
        out = _llm_labels(ws, out, {i.id: i for i in corpus.insights}, llm)
    return out


def themes_from(corpus: Corpus, vecs: np.ndarray, *, threshold: float = THEME_THRESHOLD, min_size: int = 2) -> list[Theme]:
    """Themes from insights and their vectors (row i is insight i): offline labels."""
    from synth.theme_labels import PhraseIndex, label_from, name_words

    insights, names = corpus.insights, corpus.names
    groups = [g for g in cluster(vecs, threshold) if len(g) >= min_size]
    if not groups:
        return []
    phrase_index = PhraseIndex.build(insight_text(i) for i in insights)
    people = name_words([*names.values(), *{i.participant for i in insights}])
    out: list[Theme] = []
    for group in groups:
        members = [insights[i] for i in group]
        centre = vecs[group].mean(axis=0)
        closeness = vecs[group] @ centre
        order = sorted(range(len(group)), key=lambda k: (-float(closeness[k]), members[k].id))
        ranked = [members[k] for k in order]
        # The label comes from the theme's core: its most central members (a bound on the work for huge themes).
        label, phrases = label_from([insight_text(m) for m in ranked[:LABEL_MEMBERS]], phrase_index, people)
        quotes = best_quotes(ranked, phrases, names)
        out.append(
            Theme(
                id="",
                label=label or ranked[0].kind.value.replace("_", " "),
                insight_ids=[m.id for m in members],
                participants=len({participant_of(m, names) for m in members}),
                interviews=len({m.interview_id for m in members}),
                kinds=dict(Counter(m.kind.value for m in members).most_common()),
                quote=quotes[0].quote if quotes else "",
                central_insight_id=quotes[0].insight_id if quotes else ranked[0].id,
                keyphrases=phrases,
                quotes=quotes,
            )
        )
    out.sort(key=lambda t: (-t.participants, -len(t.insight_ids), t.insight_ids[0]))
    return [t.model_copy(update={"id": f"T{i + 1}"}) for i, t in enumerate(out)]


def best_quotes(ranked: list[Insight], phrases: list[str], names: dict[str, str], n: int = TOP_QUOTES) -> list[ThemeQuote]:
    """Members that use the theme's phrases first (most central first), at most one per participant."""
    from synth.theme_labels import content_keys

    wanted = [content_keys(p) for p in phrases]

    def uses(ins: Insight) -> int:
        words = content_keys(" ".join(q.text for q in ins.quotes))
        return sum(1 for w in wanted if w and w <= words)

    order = sorted(range(len(ranked)), key=lambda k: (-uses(ranked[k]), k))
    out: list[ThemeQuote] = []
    seen: set[str] = set()
    for k in order:
        ins = ranked[k]
        who = participant_of(ins, names)
        if who in seen:
            continue
        seen.add(who)
        out.append(ThemeQuote(insight_id=ins.id, interview_id=ins.interview_id,
                              participant=names.get(ins.interview_id) or ins.participant,
                              quote=" ".join(ins.quotes[0].text.split())))
        if len(out) == n:
            break
    return out


class ThemeLabel(BaseModel):
    theme: int
    label: str = Field(description="A short noun phrase naming what these insights share.")


class ThemeLabels(BaseModel):
    labels: list[ThemeLabel] = Field(default_factory=list)


def _llm_labels(ws: Workspace, found: list[Theme], by_id: dict[str, Insight], llm: Session | None) -> list[Theme]:
    """Names from the LLM session, each kept only if the members' own quotes back its words."""
    from synth.llm import DryRunStop, Session
    from synth.theme_labels import label_is_grounded

    session = llm or Session.current(ws)
    if not session.enabled:
        return found
    def core(t: Theme) -> list[str]:
        """The best quotes' insights first, then the rest: the model sees the theme's centre."""
        ids = [q.insight_id for q in t.quotes] + [i for i in t.insight_ids if i not in {q.insight_id for q in t.quotes}]
        return [by_id[i].summary for i in ids if i in by_id][:12]

    groups = [{"theme": n, "insights": core(t)} for n, t in enumerate(found)]
    try:
        answer = session.structured("themes", "extract_themes", {"themes": groups}, ThemeLabels, max_reasks=1)
    except DryRunStop:
        return found  # a dry run records the request and keeps the offline labels
    labels = {lb.theme: lb.label.strip() for lb in answer.labels if 0 <= lb.theme < len(found) and lb.label.strip()}
    out: list[Theme] = []
    for n, t in enumerate(found):
        label = labels.get(n, "")
        quotes = [" ".join(q.text for q in by_id[i].quotes) for i in t.insight_ids if i in by_id]
        if label and label_is_grounded(label, quotes):
            t = t.model_copy(update={"label": label, "label_engine": "llm"})
        out.append(t)
    return out
