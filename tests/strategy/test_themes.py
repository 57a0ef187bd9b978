"""Themes: exact average linkage without an n-by-n matrix, vectors reused from the index, labels members share."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from synth.config import LLMSettings, WorkspaceConfig
from synth.extract.build import interview_from_turns
from synth.models import Insight, InsightKind, InsightSet, Quote, Role
from synth.strategy.eligible import is_compliment, is_hypothetical, not_evidence
from synth.theme_cluster import cluster
from synth.theme_labels import keyphrases, label_is_grounded
from synth.themes import themes
from synth.workspace import Workspace


def greedy_average_linkage(vecs: np.ndarray, threshold: float) -> list[list[int]]:
    """The textbook O(n^3) loop: merge the pair with the highest average similarity until none reaches it."""
    n = len(vecs)
    sim = (vecs @ vecs.T).astype(np.float64)
    np.fill_diagonal(sim, -np.inf)
    sizes = np.ones(n)
    members = [[i] for i in range(n)]
    while True:
        a, b = divmod(int(np.argmax(sim)), n)
        if sim[a, b] < threshold:
            break
        a, b = min(a, b), max(a, b)
        merged = (sizes[a] * sim[a] + sizes[b] * sim[b]) / (sizes[a] + sizes[b])
        sim[a, :] = sim[:, a] = merged
        sim[a, a] = -np.inf
        sim[b, :] = sim[:, b] = -np.inf
        sizes[a] += sizes[b]
        members[a] = sorted(members[a] + members[b])
        members[b] = []
    return sorted((m for m in members if m), key=lambda m: (-len(m), m[0]))


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("threshold", [0.3, 0.55, 0.7])
def test_cluster_equals_greedy_average_linkage(seed: int, threshold: float) -> None:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((8, 24))
    x = centres[rng.integers(0, 8, 300)] + rng.standard_normal((300, 24)) * 0.8
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    assert cluster(x, threshold) == greedy_average_linkage(x, threshold)


def test_cluster_stays_exact_past_the_neighbour_cap() -> None:
    # Clusters far bigger than k: candidate links are capped, the clusters are not.
    rng = np.random.default_rng(9)
    x = np.repeat(rng.standard_normal((3, 16)), 60, axis=0) + rng.standard_normal((180, 16)) * 0.3
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    assert cluster(x, 0.5, k=8) == greedy_average_linkage(x, 0.5)


def _ws(tmp_path: Any, provider: str = "none") -> Workspace:
    return Workspace.create(tmp_path / "ws", WorkspaceConfig(name="t", llm=LLMSettings(provider=provider)))


def _add(ws: Workspace, iid: str, who: str, sentences: list[str], *, speaker_role: Role = Role.participant) -> list[Insight]:
    iv = interview_from_turns(iid, [("Interviewer", "Tell me about the last time?"), (who, " ".join(sentences))],
                              participant=who)
    if speaker_role is not Role.participant:
        iv = iv.model_copy(update={"turns": [t.model_copy(update={"role": speaker_role}) if t.speaker == who else t
                                             for t in iv.turns]})
    ws.save_interview(iv)
    out = []
    for s in sentences:
        start = iv.text.index(s)
        turn = iv.turn_at(start)
        assert turn is not None
        q = Quote(text=s, interview_id=iid, turn_index=turn.index, start=start, end=start + len(s))
        out.append(Insight(id=Insight.make_id(iid, "pain", q.start, q.end), interview_id=iid, kind=InsightKind.pain,
                           summary=s, quotes=[q], participant=who, confidence=0.8))
    ws.save_insight_set(InsightSet(interview_id=iid, engine="offline", insights=out))
    return out


CHASE = [
    ("a", "Dana", "Chasing clients for bank statements eats my whole first week every month."),
    ("b", "Omar", "I spend the first week of the month chasing clients for bank statements."),
    ("c", "Lee", "Every month I am chasing clients for their bank statements again."),
]


def test_themes_are_named_by_shared_keyphrases_with_one_quote_per_participant(tmp_path: Any) -> None:
    ws = _ws(tmp_path)
    for iid, who, s in CHASE:
        _add(ws, iid, who, [s])
    _add(ws, "d", "Kim", ["The office coffee machine broke down again on Tuesday."])
    [t] = themes(ws)
    assert (t.participants, t.interviews, len(t.insight_ids)) == (3, 3, 3)
    # The label is what the members share, not one member's sentence.
    assert "bank statement" in t.label.lower() and t.label not in {s for _, _, s in CHASE}
    assert len(t.quotes) == len({q.participant for q in t.quotes}) == 3 and all("bank statements" in q.quote for q in t.quotes)


def test_non_evidence_never_joins_a_theme(tmp_path: Any) -> None:
    ws = _ws(tmp_path)
    for iid, who, s in CHASE[:2]:
        _add(ws, iid, who, [s])
    # The same words from an unlabelled speaker, the interviewer, or as a compliment: not evidence.
    _add(ws, "u", "Speaker 1", [CHASE[2][2]], speaker_role=Role.unknown)
    _add(ws, "i", "Nadia", ["So chasing clients for bank statements eats your first week every month?"],
         speaker_role=Role.interviewer)
    _add(ws, "p", "Pat", ["That sounds like a great idea."])
    _add(ws, "q", "Quinn", ["Sounds like a great idea, really cool."])
    [t] = themes(ws)
    assert t.participants == 2
    found = {i.id: i for i in ws.insights()}
    assert {found[i].interview_id for i in t.insight_ids} == {"a", "b"}


def test_evidence_rules() -> None:
    assert is_compliment("I think that sounds like a great idea")
    assert is_compliment("I would definitely use that!")
    assert not is_compliment("Sounds like a great idea, but we lost three clients last year over late bank statements.")
    assert is_hypothetical("If you built that, I would pay for it in the future.")
    assert not is_hypothetical("Last month I paid forty dollars for it.")
    ins = Insight(id="I1", interview_id="x", kind=InsightKind.pain, summary="s", participant="p", confidence=0.5,
                  quotes=[Quote(text="t", interview_id="x", turn_index=0, start=0, end=1)], unattributed=True)
    assert not_evidence(ins, {}) == "unattributed speaker"
    assert not_evidence(ins.model_copy(update={"unattributed": False}), {0: Role.unknown}) == "unknown speaker"
    assert not_evidence(ins.model_copy(update={"unattributed": False}), {0: Role.interviewer}) == "interviewer speech"
    assert not_evidence(ins.model_copy(update={"unattributed": False, "flagged": ["instruction"]}), {}) == "flagged"
    assert not_evidence(ins.model_copy(update={"unattributed": False}), {0: Role.participant}) == ""


def test_vectors_come_from_the_index_and_only_missing_ones_are_embedded(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from synth.embed import get_embedder
    from synth.index import index_insights

    ws = _ws(tmp_path)
    sets = []
    for iid, who, s in CHASE:
        _add(ws, iid, who, [s])
        sets.append(ws.insight_set(iid))
    index_insights(ws, sets[:2])  # the third interview's insights are not in the index
    embedder = get_embedder(ws.config.embedding)
    seen: list[list[str]] = []
    real = type(embedder).embed

    def counting(self: Any, texts: list[str]) -> np.ndarray:
        seen.append(list(texts))
        return real(self, texts)

    monkeypatch.setattr(type(embedder), "embed", counting)
    [t] = themes(ws)
    assert len(t.insight_ids) == 3
    assert len(seen) == 1 and len(seen[0]) == 1 and CHASE[2][2] in seen[0][0]


class FakeSession:
    enabled = True

    def __init__(self, labels: dict[int, str]) -> None:
        self.labels = labels
        self.calls = 0

    def structured(self, step: str, prompt: str, variables: dict[str, Any], model: Any, **kw: Any) -> Any:
        self.calls += 1
        assert step == "themes" and prompt == "extract_themes"
        return model.model_validate({"labels": [{"theme": n, "label": lb} for n, lb in self.labels.items()]})


@pytest.mark.parametrize(("answer", "engine"), [("Chasing clients for bank statements", "llm"),
                                                ("Enterprise procurement cycles", "offline")])
def test_an_llm_label_is_kept_only_when_the_members_quotes_back_it(tmp_path: Any, answer: str, engine: str) -> None:
    ws = _ws(tmp_path, provider="openai:gpt-4.1-mini")
    for iid, who, s in CHASE:
        _add(ws, iid, who, [s])
    session = FakeSession({0: answer})
    [t] = themes(ws, llm=session)  # type: ignore[arg-type]
    assert session.calls == 1 and t.label_engine == engine
    assert (t.label == answer) is (engine == "llm")
    assert label_is_grounded("bank statements", [s for _, _, s in CHASE])
    assert keyphrases([s for _, _, s in CHASE])[0] in t.label.lower() or engine == "llm"


def test_near_duplicate_piles_end() -> None:
    """Insights from templated speech (the scale benchmark's 200-interview workspace, as stored) are exact
    duplicates and dense near-duplicates: similarities that tie up to rounding once made the
    nearest-neighbour chain run in a circle for ever."""
    import json
    import threading
    from pathlib import Path

    from synth.config import EmbeddingSettings
    from synth.embed import get_embedder
    from synth.theme_cluster import cluster

    fixture = Path(__file__).parents[1] / "fixtures" / "themes" / "templated_insights.json"
    texts: list[str] = json.loads(fixture.read_text(encoding="utf-8"))
    vecs = get_embedder(EmbeddingSettings()).embed(texts)
    out: list[list[list[int]]] = []
    worker = threading.Thread(target=lambda: out.append(cluster(vecs, 0.55)), daemon=True)
    worker.start()
    worker.join(120)
    assert out, "clustering did not finish"
    assert sorted(i for group in out[0] for i in group) == list(range(len(texts)))
    twins = [n for n in range(1, len(texts)) if texts[n] == texts[0]]
    assert all(any(0 in g and n in g for g in out[0]) for n in twins), "identical insights land in one theme"
