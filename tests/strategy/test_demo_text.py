"""What Synth writes about the demo (offline): every claim checkable against what it cites, and golden files.

The draft's claims are checked twice: by `synth.strategy.check` (each claim
matched back to its template and re-derived), and here independently from the
raw insight sets, the way a reader would check them: "heard from N
participants" cites N people; a claim about support for (or against) a
hypothesis cites only insights whose counted link to it says so; no
"K supporting from 0 participants"; no interviewer, unknown-speaker,
compliment or hypothetical quote as evidence.
"""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from synth.evidence import evidence_summary
from synth.models import Review, Role, StrategyDraft
from synth.strategy import make_draft, make_readout, proposed_text, render_readout
from synth.strategy.check import check_claims
from synth.strategy.eligible import is_compliment, is_hypothetical
from synth.strategy.facts import gather, link_counts
from synth.strategy.offline import recommends_change
from synth.themes import participant_key, themes
from synth.workspace import Workspace

from .golden import assert_golden

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]  # building the demo takes minutes on a busy machine

NOW = datetime(2026, 10, 20, 9, 0, tzinfo=UTC)
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "transcripts"
HELD_OUT = {"q-cubed-carolyn-lu.md", "wintermoor-tactics-club.md", "get-a-grip-chip.md"}
REAL = ("changelog/founders-talk-91.md", "hitsave/super-marxist-twins-group.md")
"""Real transcripts for the second golden: none of the held-out files."""


@pytest.fixture(scope="module")
def demo_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from synth.demo import create_demo_workspace
    from synth.extract import extract_interviews

    ws = create_demo_workspace(tmp_path_factory.mktemp("demo") / "ws")
    extract_interviews(ws, all_=True)
    return ws.root


@pytest.fixture
def demo(demo_source: Path, tmp_path: Path) -> Workspace:
    shutil.copytree(demo_source, tmp_path / "ws")
    return Workspace(tmp_path / "ws")


@pytest.fixture(scope="module")
def demo_draft(demo_source: Path) -> tuple[Workspace, StrategyDraft]:
    ws = Workspace(demo_source)
    return ws, make_draft(ws, now=NOW)


def _cited_people(ws: Workspace, ids: list[str]) -> set[str]:
    names = {iv.id: iv.meta.participant for iv in ws.interviews()}
    found = {i.id: i for i in ws.insights(include_rejected=True)}
    return {participant_key(names.get(found[i].interview_id) or found[i].participant) for i in ids}


def _links(ws: Workspace) -> dict[tuple[str, str], str]:
    """(insight, hypothesis) -> counted effective stance, from the stored insight sets."""
    from synth.strategy.facts import current_sets

    return {(lk.insight_id, lk.hypothesis_id): lk.effective_stance.value
            for s in current_sets(ws) for lk in s.links if link_counts(lk)}


_ABOUT = re.compile(r"\b(?:evidence (?P<side>for|against)|(?P<verb>supports?|contradicts?)) (?P<hid>H\d+)\b")


def test_every_claim_of_the_demo_draft_says_what_it_cites(demo_draft: tuple[Workspace, StrategyDraft]) -> None:
    ws, d = demo_draft
    assert len(d.claims) >= 20
    facts = gather(ws, d.since, themes=False)
    assert check_claims(d.claims, facts) == []
    links = _links(ws)
    summary = {e.hypothesis_id: e for e in evidence_summary(ws)}
    for claim in d.claims:
        ids = [c.insight_id for c in claim.citations]
        for m in re.finditer(r"(?:heard from|from) (\d+) participants?\b", claim.text):
            assert int(m.group(1)) == len(_cited_people(ws, ids)), claim.text
        assert not re.search(r"\b[1-9]\d* supporting from 0 participant", claim.text), claim.text
        m = _ABOUT.search(claim.text)
        if m and claim.section == "What we learned":
            want = "supports" if (m.group("side") == "for" or (m.group("verb") or "").startswith("support")) else "contradicts"
            assert all(links.get((i, m.group("hid"))) == want for i in ids), claim.text
        # "What we learned" never counts more people on a side than the hypothesis line does ("N participant(s)
        # for"); fewer when the draft will not cite someone's only quote (a hypothetical, say).
        if m := re.match(r"(\d+) participant\(s\) gave new evidence (for|against) (H\d+)", claim.text):
            e = summary[m.group(3)]
            side = e.participants_for if m.group(2) == "for" else e.participants_against
            assert int(m.group(1)) == len(_cited_people(ws, ids)) <= len(side), claim.text
        if m := re.match(r"Consider marking (H\d+) (supported|refuted)", claim.text):
            want = "supports" if m.group(2) == "supported" else "contradicts"
            assert all(links.get((i, m.group(1))) == want for i in ids), claim.text


def test_no_interviewer_unknown_compliment_or_hypothetical_quote_as_evidence(
        demo_draft: tuple[Workspace, StrategyDraft]) -> None:
    ws, d = demo_draft
    roles = {iv.id: {t.index: t.role for t in iv.turns} for iv in ws.interviews()}
    found = {i.id: i for i in ws.insights(include_rejected=True)}
    cited = {c.insight_id for claim in d.claims for c in claim.citations}
    assert cited
    for iid in cited:
        ins = found[iid]
        assert ins.review is not Review.rejected and not ins.unattributed and not ins.flagged
        assert all(roles[ins.interview_id][q.turn_index] is Role.participant for q in ins.quotes)
        text = " ".join(q.text for q in ins.quotes)
        assert not is_compliment(text) and not is_hypothetical(text), text
    assert "Unknown said" not in proposed_text(ws, d)


def test_status_changes_only_where_the_verdict_rule_recommends_one(demo_draft: tuple[Workspace, StrategyDraft]) -> None:
    from synth.evidence import evidence_summary

    ws, d = demo_draft
    statuses = {h.id: h.status.value for h in ws.hypotheses()}
    want = {e.hypothesis_id: e.suggested_status for e in evidence_summary(ws) if recommends_change(e, statuses[e.hypothesis_id])}
    assert d.status_changes == want
    for hid in want:
        assert f"Consider marking {hid} {want[hid]}" in d.sections.get("What changes", "")


def test_demo_draft_golden(demo_draft: tuple[Workspace, StrategyDraft]) -> None:
    ws, d = demo_draft
    assert_golden("demo_draft.md", proposed_text(ws, d))


def test_demo_readout_golden(demo: Workspace) -> None:
    # Sophie's interview loses its date: it is listed as undated, never as held in its import week.
    iv = next(i for i in demo.interviews() if "sophie" in i.id)
    demo.save_interview(iv.model_copy(update={"meta": iv.meta.model_copy(update={
        "date": None, "imported_at": datetime(2026, 9, 16, 12, 0, tzinfo=UTC)})}))
    r = make_readout(demo, "2026-W38")
    assert iv.id not in {x.id for x in r.interviews} and [x.id for x in r.undated] == [iv.id]
    assert_golden("demo_readout_2026-W38.md", render_readout(r))


def _theme_lines(ws: Workspace) -> str:
    lines = []
    for t in themes(ws):
        lines.append(f"{t.id} {t.label} | {t.participants} participants, {t.interviews} interviews, "
                     f"{len(t.insight_ids)} insights")
        lines += [f"    \u201c{q.quote}\u201d \u2014 {q.participant}" for q in t.quotes]
    return "\n".join(lines) + "\n"


def test_demo_theme_labels_golden(demo_source: Path) -> None:
    ws = Workspace(demo_source)
    found = themes(ws)
    assert found
    for t in found:
        # Named by what members share: every label phrase occurs in at least two members' words; only when
        # they share no phrase at all is each named by one phrase of its own (synth.theme_labels.label_from).
        texts = [" ".join([i.summary, *(q.text for q in i.quotes)]).lower() for i in ws.insights() if i.id in t.insight_ids]
        uses = [sum(phrase.split()[0][:4] in x for x in texts) for phrase in t.keyphrases]
        assert all(n >= 2 for n in uses) or (all(n >= 1 for n in uses) and len(uses) <= len(texts)), (t.label, uses)
        assert len({q.participant for q in t.quotes}) == len(t.quotes)
    assert_golden("demo_theme_labels.txt", _theme_lines(ws))


@pytest.fixture(scope="module")
def real_ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    files = [SHARED / f for f in REAL]
    if not all(f.is_file() for f in files):
        pytest.skip("the shared real transcripts are not available (../shared/data/transcripts)")
    assert not {f.name for f in files} & HELD_OUT
    from datetime import date

    from synth.config import WorkspaceConfig
    from synth.extract import extract_interviews
    from synth.ingest import ingest_paths
    from synth.models import Hypothesis, HypothesisKind

    ws = Workspace.create(tmp_path_factory.mktemp("real") / "ws", WorkspaceConfig(name="real"))
    day = date(2026, 1, 5)
    ws.save_hypotheses([
        Hypothesis(id="H1", statement="Small teams struggle to pay for development until their product launches",
                   kind=HypothesisKind.problem, falsified_if="They say money was never what held the work back",
                   created=day, updated=day),
        Hypothesis(id="H2", statement="Founders decide what to build next by talking with their users",
                   kind=HypothesisKind.customer, created=day, updated=day),
    ])
    ingest_paths(ws, files)
    extract_interviews(ws, all_=True)
    return ws


def test_real_transcripts_goldens(real_ws: Workspace) -> None:
    d = make_draft(real_ws, now=NOW)
    facts = gather(real_ws, d.since, themes=False)
    assert check_claims(d.claims, facts) == []
    assert_golden("real_theme_labels.txt", _theme_lines(real_ws))
    assert_golden("real_draft.md", proposed_text(real_ws, d))
