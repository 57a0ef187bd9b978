"""Themes: insights that say the same thing, clustered across interviews.

Average-linkage agglomerative clustering on cosine similarity, in numpy,
stopped at a similarity threshold: deterministic (insights sorted by id, ties
broken by index) and fast enough for a few thousand insights. Each theme is
labelled by its most central insight, or by the LLM when one is configured.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from synth.models import Insight
from synth.workspace import Workspace

if TYPE_CHECKING:
    import numpy as np

THEME_THRESHOLD = 0.55
"""Average cosine similarity two clusters need to merge."""


class Theme(BaseModel):
    id: str
    label: str
    insight_ids: list[str]
    participants: int
    """Distinct participants (normalised names) the theme's insights come from."""
    interviews: int
    kinds: dict[str, int] = Field(default_factory=dict)
    quote: str = ""
    """The central insight's first quote."""
    central_insight_id: str = ""


def cluster(vecs: np.ndarray, threshold: float = THEME_THRESHOLD) -> list[list[int]]:
    """Average-linkage clusters of L2-normalised rows; each cluster's members in ascending order."""
    import numpy as np

    n = len(vecs)
    if n == 0:
        return []
    sim = (vecs @ vecs.T).astype(np.float64)
    np.fill_diagonal(sim, -np.inf)
    sizes = np.ones(n)
    alive = np.ones(n, dtype=bool)
    members: list[list[int]] = [[i] for i in range(n)]
    while alive.sum() > 1:
        flat = int(np.argmax(sim))
        a, b = divmod(flat, n)
        if sim[a, b] < threshold:
            break
        a, b = min(a, b), max(a, b)
        # Lance-Williams update for average linkage.
        merged = (sizes[a] * sim[a] + sizes[b] * sim[b]) / (sizes[a] + sizes[b])
        sim[a, :] = merged
        sim[:, a] = merged
        sim[a, a] = -np.inf
        sim[b, :] = -np.inf
        sim[:, b] = -np.inf
        sizes[a] += sizes[b]
        alive[b] = False
        members[a] = sorted(members[a] + members[b])
        members[b] = []
    return sorted((m for m in members if m), key=lambda m: (-len(m), m[0]))


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
    """The interview's participant name (normalised), else the speaker on the insight."""
    return participant_key(names.get(ins.interview_id) or ins.participant or ins.interview_id)


def participant_names(ws: Workspace) -> dict[str, str]:
    out: dict[str, str] = {}
    for iid in ws.interview_ids():
        out[iid] = ws.interview(iid).meta.participant
    return out


def themes(ws: Workspace, *, threshold: float = THEME_THRESHOLD, min_size: int = 2) -> list[Theme]:
    """Clusters of at least `min_size` non-rejected insights, largest first."""
    from synth.embed import get_embedder

    insights = sorted(ws.insights(), key=lambda i: i.id)
    if not insights:
        return []
    vecs = get_embedder(ws.config.embedding).embed([insight_text(i) for i in insights])
    names = participant_names(ws)
    out: list[Theme] = []
    for group in cluster(vecs, threshold):
        if len(group) < min_size:
            continue
        centre = vecs[group].mean(axis=0)
        central = insights[group[int((vecs[group] @ centre).argmax())]]
        members = [insights[i] for i in group]
        out.append(
            Theme(
                id=f"T{len(out) + 1}",
                label=central.summary,
                insight_ids=[m.id for m in members],
                participants=len({participant_of(m, names) for m in members}),
                interviews=len({m.interview_id for m in members}),
                kinds=dict(Counter(m.kind.value for m in members).most_common()),
                quote=central.quotes[0].text,
                central_insight_id=central.id,
            )
        )
    out.sort(key=lambda t: (-t.participants, -len(t.insight_ids), t.id))
    out = [t.model_copy(update={"id": f"T{i + 1}"}) for i, t in enumerate(out)]
    if out and ws.config.llm.provider.strip().lower() not in ("", "none"):
        out = _llm_labels(ws, out, {i.id: i for i in insights})
    return out


class ThemeLabel(BaseModel):
    theme: int
    label: str = Field(description="A short noun phrase naming what these insights share.")


class ThemeLabels(BaseModel):
    labels: list[ThemeLabel] = Field(default_factory=list)


def _llm_labels(ws: Workspace, found: list[Theme], by_id: dict[str, Insight]) -> list[Theme]:
    """Names from the LLM; a theme the model skips keeps its central insight as its label."""
    try:
        from synth.llm import get_client  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return found
    client = get_client(ws)
    if client is None:
        return found
    groups = [
        {"theme": n, "insights": [by_id[i].summary for i in t.insight_ids][:12]} for n, t in enumerate(found)
    ]
    answer: ThemeLabels = client.structured("themes", "extract_themes", {"themes": groups}, ThemeLabels, max_reasks=1)
    labels = {lb.theme: lb.label.strip() for lb in answer.labels if 0 <= lb.theme < len(found) and lb.label.strip()}
    return [t.model_copy(update={"label": labels.get(n, t.label)}) for n, t in enumerate(found)]
