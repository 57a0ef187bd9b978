"""Property: for any transcript text and any quote spans, export selects exactly the quotes and import gives them back.

Text is drawn from all of Unicode but surrogates and CR (Interview.text is LF-normalised by
contract): astral emoji, combining marks, RTL, NEL/LS/PS separators, XML-illegal controls.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synth.evidence import hypotheses_hash
from synth.exchange.qdpx_export import build_qdpx
from synth.exchange.qdpx_import import import_qdpx
from synth.exchange.qdpx_verify import verify_qdpx
from synth.extract.build import interview_from_turns
from synth.models import EvidenceLink, Insight, InsightKind, InsightSet, Quote, Stance
from synth.workspace import Workspace

from .conftest import hyp

TEXT = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\r"), min_size=1, max_size=60)
SPEAKER = st.sampled_from(["Interviewer", "Zo\u00eb", "\u674e\u96f7", "Ana-Maria O'Neil"])


@st.composite
def transcripts(draw: st.DrawFn) -> tuple[list[tuple[str, str]], list[tuple[int, int, int]]]:
    turns = draw(st.lists(st.tuples(SPEAKER, TEXT), min_size=1, max_size=5))
    spans = []
    for i, (_, text) in enumerate(turns):
        if draw(st.booleans()):
            a = draw(st.integers(0, len(text) - 1))
            b = draw(st.integers(a + 1, len(text)))
            spans.append((i, a, b))
    return turns, spans


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transcripts())
def test_export_then_import_keeps_every_quote(case: tuple[list[tuple[str, str]], list[tuple[int, int, int]]]) -> None:
    turns, spans = case
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.create(Path(tmp) / "a")
        hyps = [hyp("H1", "People say things")]
        ws.save_hypotheses(hyps)
        iv = interview_from_turns("iv-1", turns)
        iv = iv.model_copy(update={"meta": iv.meta.model_copy(update={"imported_at": datetime(2026, 1, 1, tzinfo=UTC)})})
        ws.save_interview(iv)
        insights, links, kinds = [], [], list(InsightKind)
        for n, (ti, a, b) in enumerate(spans):
            t = iv.turns[ti]
            quote = Quote(text=iv.text[t.start + a : t.start + b], interview_id=iv.id, turn_index=ti,
                          start=t.start + a, end=t.start + b)
            kind = kinds[n % len(kinds)]
            ins = Insight(id=Insight.make_id(iv.id, kind.value, quote.start, quote.end), interview_id=iv.id, kind=kind,
                          summary=t.text[a:b], quotes=[quote], participant=t.speaker, confidence=0.5)
            insights.append(ins)
            links.append(EvidenceLink(insight_id=ins.id, hypothesis_id="H1",
                                      stance=Stance.supports if n % 2 else Stance.contradicts, strength=0.5))
        ws.save_insight_set(InsightSet(interview_id=iv.id, engine="offline", insights=insights, links=links,
                                       hypotheses_hash=hypotheses_hash(hyps)))
        data, _ = build_qdpx(ws)
        assert verify_qdpx(data, ws) == []

        path = Path(tmp) / "p.qdpx"
        path.write_bytes(data)
        fresh = Workspace.create(Path(tmp) / "b")
        import_qdpx(fresh, path, index=False)
        assert [i.text for i in fresh.interviews()] == [iv.text]
        got = fresh.insight_set(iv.id)
        want = {(q.start, q.end, q.text) for i in insights for q in i.quotes}
        assert {(q.start, q.end, q.text) for i in (got.insights if got else []) for q in i.quotes} == want
        if got:
            assert {(lk.stance, lk.hypothesis_id) for lk in got.links} == {(lk.stance, lk.hypothesis_id) for lk in links}
