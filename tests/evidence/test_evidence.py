from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest

from synth.evidence import evidence_summary, hypotheses_hash, relink, suggest_status
from synth.extract.build import interview_from_turns
from synth.models import (
    EvidenceLink,
    Hypothesis,
    HypothesisKind,
    HypothesisStatus,
    Insight,
    InsightKind,
    InsightSet,
    Quote,
    Review,
    Stance,
)
from synth.stance import offline_stance
from synth.surprises import surprises
from synth.themes import cluster, participant_key, themes
from synth.workspace import Workspace

D = date(2026, 1, 1)


def hyp(hid, statement, falsified_if="", kind=HypothesisKind.problem, status=HypothesisStatus.open):
    return Hypothesis(id=hid, statement=statement, falsified_if=falsified_if, kind=kind, status=status, created=D, updated=D)


H1 = hyp("H1", "Small finance teams copy invoice data from PDFs into spreadsheets by hand",
         "They say an accountant or a tool already handles invoices")


def make_insight(iv, text, kind="pain", review=Review.new):
    start = iv.text.index(text)
    turn = iv.turn_at(start)
    q = Quote(text=text, interview_id=iv.id, turn_index=turn.index, start=start, end=start + len(text))
    return Insight(id=Insight.make_id(iv.id, kind, q.start, q.end), interview_id=iv.id, kind=InsightKind(kind),
                   summary=text, quotes=[q], participant=turn.speaker, confidence=0.8, review=review)


@pytest.fixture
def ws(tmp_path):
    return Workspace.create(tmp_path / "ws")


def add(ws, iid, participant, sentences, stances, hyps, reviews=None):
    iv = interview_from_turns(iid, [("Interviewer", "Tell me more?"), (participant, " ".join(sentences))],
                              participant=participant)
    ws.save_interview(iv)
    ins = [make_insight(iv, s, review=(reviews or {}).get(s, Review.new)) for s in sentences]
    links = [EvidenceLink(insight_id=i.id, hypothesis_id="H1", stance=st, strength=0.5 + n / 10)
             for n, (i, st) in enumerate(zip(ins, stances, strict=True)) if st is not None]
    ws.save_insight_set(InsightSet(interview_id=iid, engine="offline", insights=ins, links=links,
                                   hypotheses_hash=hypotheses_hash(hyps)))
    return ins


def test_suggest_status_rules():
    assert suggest_status(0, 0)[0] == "untested"
    assert suggest_status(3, 1) == (
        "supported", ">= 3 distinct participants support (3), more than twice as many as contradict (1)")
    assert suggest_status(5, 2)[0] == "supported"
    assert suggest_status(3, 2)[0] == "inconclusive"
    assert suggest_status(1, 4)[0] == "refuted"
    # Abstention: too few people is "not enough evidence yet", with what would settle it.
    status, rule = suggest_status(2, 0)
    assert status == "inconclusive" and rule.startswith("not enough evidence yet: 2 for, 0 against: talk to")
    assert suggest_status(0, 2)[0] == "refuted"  # falsification is asymmetric
    assert suggest_status(1, 2)[0] == "inconclusive"
    assert suggest_status(2, 2)[1].startswith("split")


def test_distinct_participants_not_insights_decide(ws):
    ws.save_hypotheses([H1])
    # One talkative participant across two interviews (name spelled two ways) gives four supporting insights.
    add(ws, "a1", "Dana K.", ["I copy invoices by hand.", "It takes hours every week.", "I hate it."],
        [Stance.supports] * 3, [H1])
    add(ws, "a2", "dana k", ["Still copying invoices into sheets."], [Stance.supports], [H1])
    add(ws, "b1", "Omar", ["Our accountant does all of that.", "We do type some numbers."],
        [Stance.contradicts, Stance.neutral], [H1])
    [e] = evidence_summary(ws)
    assert (e.supporting, e.contradicting) == (4, 1)
    assert (e.supporting_participants, e.contradicting_participants) == (1, 1)
    assert e.participants_for == ["dana k"]
    assert e.suggested_status == "inconclusive"
    # Strongest quotes: one per participant.
    assert len(e.top_supporting) == 1 and e.top_supporting[0].quote == "I hate it."
    assert e.top_contradicting[0].participant == "Omar"
    add(ws, "c1", "Lee", ["Same here, manual invoice entry."], [Stance.supports], [H1])
    add(ws, "d1", "Sam", ["We retype every PDF."], [Stance.supports], [H1])
    [e] = evidence_summary(ws)
    assert e.supporting_participants == 3 and e.suggested_status == "supported"
    assert e.status is HypothesisStatus.open  # Synth only suggests


def test_rejected_insights_are_not_evidence(ws):
    ws.save_hypotheses([H1])
    add(ws, "a1", "Dana", ["I copy invoices by hand."], [Stance.supports], [H1],
        reviews={"I copy invoices by hand.": Review.rejected})
    [e] = evidence_summary(ws)
    assert e.supporting == 0 and e.suggested_status == "untested"


def test_stance_offline_cues():
    near = offline_stance("Our accountant already handles all our invoices.", InsightKind.behaviour, H1, 0.40, 0.70)
    assert near.stance is Stance.contradicts and "falsify" in near.rationale
    neg = offline_stance("We don't copy invoice data by hand, it's all automatic.", InsightKind.behaviour, H1, 0.55, 0.30)
    assert neg.stance is Stance.contradicts and "negates" in neg.rationale
    dismiss = offline_stance("Honestly it's not really a problem for us, but sure.", InsightKind.pain, H1, 0.40, 0.20)
    assert dismiss.stance is Stance.contradicts
    sup = offline_stance("Every Friday I copy numbers from PDFs into our spreadsheet.", InsightKind.workaround, H1, 0.6, 0.3)
    assert sup.stance is Stance.supports and sup.strength > 0.4
    negative_h = hyp("H2", "Founders don't track churn before launch")
    agree = offline_stance("We don't track churn at all yet.", InsightKind.behaviour, negative_h, 0.7, 0.0)
    assert agree.stance is Stance.supports
    wtp_h = hyp("H3", "Teams would pay 50 dollars a month for automatic invoice entry", kind=HypothesisKind.value)
    refuse = offline_stance("I wouldn't pay for that, our tool is free.", InsightKind.willingness_to_pay, wtp_h, 0.5, 0.0)
    assert refuse.stance is Stance.contradicts


def test_links_recomputed_when_hypotheses_change_but_reads_never_write(ws):
    ws.save_hypotheses([H1])
    iv = interview_from_turns("a1", [("Interviewer", "How?"), ("Dana", "Every Friday I copy numbers from PDF invoices into our spreadsheet by hand.")])
    ws.save_interview(iv)
    ins = make_insight(iv, "Every Friday I copy numbers from PDF invoices into our spreadsheet by hand.", "workaround")
    ws.save_insight_set(InsightSet(interview_id="a1", engine="offline", insights=[ins]))
    before = (ws.insights_dir / "a1.json").read_bytes()
    [e] = evidence_summary(ws)  # hash differs from "": links computed in memory, reported stale
    assert e.supporting == 1 and e.stale
    surprises(ws)
    assert (ws.insights_dir / "a1.json").read_bytes() == before  # reads never write
    assert relink(ws) == 1
    assert ws.insight_set("a1").hypotheses_hash == hypotheses_hash([H1])
    [e] = evidence_summary(ws)
    assert e.supporting == 1 and not e.stale
    assert relink(ws) == 0  # up to date
    ws.save_hypotheses([H1, hyp("H2", "Teams want a mobile app for receipts")])
    assert relink(ws) == 1


def test_surprises(ws):
    supported = H1.model_copy(update={"status": HypothesisStatus.supported})
    ws.save_hypotheses([supported])
    add(ws, "a1", "Omar", ["Our accountant does all of that."], [Stance.contradicts], [supported])
    add(ws, "b1", "Lee", ["Onboarding new sales reps takes us two months."], [None], [supported])
    add(ws, "c1", "Sam", ["It takes two months to onboard a new sales rep."], [None], [supported])
    add(ws, "d1", "Kim", ["The office coffee machine is broken again."], [None], [supported])
    found = surprises(ws)
    reasons = sorted(s.reason for s in found)
    assert reasons == ["contradicts_supported", "recurring"]
    rec = next(s for s in found if s.reason == "recurring")
    assert rec.participants == 2 and len(rec.insight_ids) == 2


def test_cluster_is_deterministic_average_linkage():
    rng = np.random.default_rng(0)
    centres = np.eye(4, 16)
    pts = np.vstack([c + 0.05 * rng.standard_normal((5, 16)) for c in centres[:3]])
    pts /= np.linalg.norm(pts, axis=1, keepdims=True)
    groups = cluster(pts, 0.8)
    assert sorted(map(len, groups)) == [5, 5, 5]
    assert groups == cluster(pts, 0.8)
    assert all(sorted(g) == g for g in groups)
    assert len(cluster(pts, 1.01)) == 15


def test_participant_identity():
    assert participant_key("Dr. Dana  K.") == participant_key("dana k") == participant_key("Daña K")


def test_themes_count_participants_and_interviews(ws):
    ws.save_hypotheses([H1])
    add(ws, "a1", "Dana", ["Month-end close takes us five full days every month."], [None], [H1])
    add(ws, "b1", "Omar", ["Our month-end close takes about five days each month."], [None], [H1])
    add(ws, "c1", "Lee", ["I would love a mobile app to photograph receipts."], [None], [H1])
    ts = themes(ws)
    assert len(ts) == 1
    assert ts[0].participants == 2 and ts[0].interviews == 2
    assert "month" in ts[0].label.lower()


def test_negated_desire_is_not_a_denial():
    r = offline_stance("I don't want to copy invoice data by hand anymore.", InsightKind.pain, H1, 0.6, 0.3)
    assert r.stance is Stance.supports


def test_a_participant_on_both_sides_counts_once_where_their_evidence_leans(ws):
    ws.save_hypotheses([H1])
    add(ws, "a1", "Dana", ["I copy invoices by hand.", "It takes hours every week.", "Our tool does some of it."],
        [Stance.supports, Stance.supports, Stance.contradicts], [H1])
    [e] = evidence_summary(ws)
    assert (e.supporting, e.contradicting, e.mixed_insights) == (2, 0, 1)  # counts follow the participants
    assert e.participants_for == ["dana"] and e.participants_against == []
    assert e.participants_mixed == ["dana"]


def test_speech_a_hypothesis_relates_to_is_no_surprise_unless_the_founder_says_so(ws):
    """Two people on the same related topic whose direction the engine cannot read are that hypothesis's business
    (left for review), not 'not predicted by any hypothesis'; once the founder says neither bears on it, they are."""
    ws.save_hypotheses([H1])
    lee = add(ws, "b1", "Lee", ["Onboarding new sales reps takes us two months."], [Stance.neutral], [H1])
    sam = add(ws, "c1", "Sam", ["It takes two months to onboard a new sales rep."], [Stance.neutral], [H1])
    assert [s.reason for s in surprises(ws)] == []
    for iid, [ins] in (("b1", lee), ("c1", sam)):
        s = ws.insight_set(iid)
        links = [lk.model_copy(update={"founder_stance": Stance.neutral}) for lk in s.links]
        ws.save_insight_set(s.model_copy(update={"links": links}))
        assert links and links[0].insight_id == ins.id
    [rec] = surprises(ws)
    assert rec.reason == "recurring" and rec.participants == 2


def test_a_related_link_without_direction_says_why() -> None:
    res = offline_stance("We have about forty clients.", InsightKind.behaviour,
                         hyp("H9", "Firms will pay per client for a close tracker.", kind=HypothesisKind.value), 0.4, 0.1)
    assert res.stance is Stance.neutral and res.rationale == "related to H9, but nothing in it says which way"


def test_the_cli_shows_what_a_surprise_sounds_like(ws):
    from click.testing import CliRunner

    from synth.cli.main import cli

    ws.save_hypotheses([H1])
    add(ws, "b1", "Lee", ["Onboarding new sales reps takes us two months."], [None], [H1])
    add(ws, "c1", "Sam", ["It takes two months to onboard a new sales rep."], [None], [H1])
    out = CliRunner().invoke(cli, ["-w", str(ws.root), "evidence", "--surprises"])
    assert out.exit_code == 0, out.output
    [line] = [ln for ln in out.output.splitlines() if ln.startswith("surprise (recurring, 2 participants)")]
    assert "e.g. \u201c" in line and ("Onboarding new sales reps" in line or "It takes two months" in line)


def test_a_group_interview_counts_each_speaker_and_names_who_said_each_quote(ws, capsys):
    # One interview, three people from the trade. The interview goes by Ana's name (she spoke most), but Ben's
    # words are Ben's: three customers for, and no quote put in Ana's mouth.
    from synth.exchange.report_csv import csv_rows

    ws.save_hypotheses([H1])
    said = {"Ana": "Every Friday I copy invoice numbers from the PDFs into our spreadsheet.",
            "Ben": "Same here, I type every invoice into the spreadsheet by hand.",
            "Cy": "Copying the PDF invoices into the sheet takes me all of Monday."}
    iv = interview_from_turns("group", [("Interviewer", "How do invoices reach the books?"), *said.items()],
                              participant="Ana")
    ws.save_interview(iv)
    insights = [make_insight(iv, text) for text in said.values()]
    links = [EvidenceLink(insight_id=i.id, hypothesis_id="H1", stance=Stance.supports, strength=0.8) for i in insights]
    ws.save_insight_set(InsightSet(interview_id="group", engine="offline", insights=insights, links=links,
                                   hypotheses_hash=hypotheses_hash([H1])))
    [e] = evidence_summary(ws)
    assert e.supporting == 3 and e.supporting_participants == 3
    assert {q.participant: q.quote for q in e.top_supporting} == said
    assert {(row[6], row[3]) for row in csv_rows(ws)} == set(said.items())
    # The interview list says it was a group, and the JSON names everyone.
    from synth.cli.main import main

    assert main(["-w", str(ws.root), "interviews"]) == 0
    assert "Ana +2" in capsys.readouterr().out
    assert main(["-w", str(ws.root), "interviews", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["participant"] == "Ana" and row["participants"] == ["Ana", "Ben", "Cy"]


@pytest.mark.parametrize("command", [["evidence"], ["insights"], ["draft"], ["readout"], ["export", "csv", "OUT"],
                                     ["export", "md", "OUT"], ["export", "qdpx", "OUT"], ["insight", "accept", "ID"],
                                     ["insight", "reject", "ID"]])
def test_a_quote_edited_by_hand_is_refused_not_shown(ws, tmp_path, capsys, command):
    # A quote whose words are no longer the transcript's at its offsets would show the founder words nobody said.
    from synth.cli.main import main

    ws.save_hypotheses([H1])
    [ins] = add(ws, "p0", "Ana", ["Every Friday I copy invoice numbers from the PDFs by hand."], [Stance.supports], [H1])
    path = ws.insights_dir / "p0.json"
    raw = path.read_text(encoding="utf-8").replace(ins.quotes[0].text, "An accountant handles all our invoices.")
    path.write_text(raw, encoding="utf-8")
    before = {p: p.read_bytes() for p in ws.root.rglob("*") if p.is_file() and ".synth" not in p.parts}
    args = [str(tmp_path / "out") if a == "OUT" else ins.id if a == "ID" else a for a in command]
    assert main(["-w", str(ws.root), *args]) == 2
    out, err = capsys.readouterr()
    lines = [line for line in err.strip().splitlines() if line.startswith("synth:")]  # progress lines aside
    assert len(lines) == 1 and str(path) in lines[0] and ins.id in lines[0] and "edited by hand" in lines[0], err
    assert "An accountant handles" not in out
    assert {p: p.read_bytes() for p in ws.root.rglob("*") if p.is_file() and ".synth" not in p.parts} == before
    assert not (tmp_path / "out").exists()
