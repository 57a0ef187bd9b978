from __future__ import annotations

import json

import pytest

from synth.evaluate import Gold, Span, cohen_kappa, evaluate, match, overlaps_enough, score_case
from synth.extract.build import interview_from_turns
from synth.models import EvidenceLink, Insight, InsightKind, InsightSet, Quote, Stance

TURNS = [
    ("Interviewer", "How do you close the month? Is it painful?"),
    ("Dana", "It takes five days. I copy every invoice into a spreadsheet by hand. We pay 40 dollars a month for Xero."),
    ("Interviewer", "Anything you'd want?"),
    ("Dana", "I wish it read the PDFs for me."),
]


def test_overlap_rule_is_half_of_the_shorter():
    assert overlaps_enough(Span(0, 10), Span(5, 100))  # 5 of the shorter 10
    assert not overlaps_enough(Span(0, 10), Span(6, 100))
    assert overlaps_enough(Span(10, 20), Span(0, 100))  # contained
    assert not overlaps_enough(Span(0, 10), Span(10, 20))


def test_match_is_one_to_one_and_kind_aware():
    gold = [(Span(0, 20), "pain"), (Span(30, 50), "need")]
    pred = [
        ([Span(0, 18)], "behaviour"),
        ([Span(2, 20)], "pain"),  # overlaps gold 0 too; only one of the two can take it
        ([Span(35, 50)], "need"),
        ([Span(90, 99)], "pain"),
    ]
    # Equal overlaps: the same-kind prediction wins the gold item.
    assert match(gold, pred, same_kind=False) == [(0, 1), (1, 2)]
    assert match(gold, pred[:1], same_kind=False) == [(0, 0)]
    assert match(gold, pred, same_kind=True) == [(0, 1), (1, 2)]
    assert match(gold, [([Span(100, 120), Span(1, 19)], "pain")], same_kind=False) == [(0, 0)]


def test_cohen_kappa():
    assert cohen_kappa([]) is None
    assert cohen_kappa([("a", "a"), ("b", "b")]) == 1.0
    # 2x2 table: observed .5, expected .5 -> 0
    assert cohen_kappa([("a", "a"), ("a", "b"), ("b", "a"), ("b", "b")]) == 0.0
    # Textbook example: po=0.7, pe=0.5 -> 0.4
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert cohen_kappa(pairs) == 0.4


def _pred(iv, text, kind):
    s = iv.text.index(text)
    q = Quote(text=text, interview_id=iv.id, turn_index=iv.turn_at(s).index, start=s, end=s + len(text))
    return Insight(id=Insight.make_id(iv.id, kind, s, s + len(text)), interview_id=iv.id, kind=InsightKind(kind),
                   summary=text, quotes=[q], participant="Dana", confidence=0.5)


def test_score_case_on_hand_made_predictions():
    iv = interview_from_turns("c1", TURNS)
    gold = Gold.model_validate({
        "hypotheses": [{"id": "H1", "statement": "Month-end close is manual"}],
        "insights": [
            {"kind": "workaround", "quote": "I copy every invoice into a spreadsheet by hand.", "hypotheses": {"H1": "supports"}},
            {"kind": "willingness_to_pay", "quote": "We pay 40 dollars a month for Xero."},
            {"kind": "feature_request", "quote": "I wish it read the PDFs for me.", "hypotheses": {"H1": "neutral"}},
        ],
    })
    p1 = _pred(iv, "I copy every invoice into a spreadsheet by hand.", "workaround")
    p2 = _pred(iv, "We pay 40 dollars a month", "need")  # right span, wrong kind
    p3 = _pred(iv, "It takes five days.", "pain")  # not in gold
    s = InsightSet(interview_id="c1", engine="test", insights=[p1, p2, p3], links=[
        EvidenceLink(insight_id=p1.id, hypothesis_id="H1", stance=Stance.supports, strength=0.9),
    ])
    sc, kinds, stances = score_case("c1", iv, gold, s)
    assert stances == [("supports", "supports")]
    assert (sc.gold, sc.predicted, sc.matched, sc.matched_kind) == (3, 3, 2, 1)
    assert sc.recall == round(2 / 3, 4) and sc.precision == round(2 / 3, 4)
    assert sc.recall_kind == round(1 / 3, 4)
    assert sc.grounding_rate == 1.0
    assert sc.stance_pairs == 1 and sc.stance_accuracy == 1.0
    assert sc.missed == ["I wish it read the PDFs for me."]
    assert sorted(kinds) == [("willingness_to_pay", "need"), ("workaround", "workaround")]
    # A quote whose offsets do not point at its text is not grounded.
    bad = p3.model_copy(update={"quotes": [p3.quotes[0].model_copy(update={"start": 0, "end": 19})]})
    sc2, _, _ = score_case("c1", iv, gold, s.model_copy(update={"insights": [p1, p2, bad]}))
    assert sc2.grounding_rate == round(2 / 3, 4)


def test_evaluate_end_to_end_offline(tmp_path):
    case = tmp_path / "cases" / "c1"
    case.mkdir(parents=True)
    (case / "transcript.txt").write_text("\n\n".join(f"{a}: {b}" for a, b in TURNS), encoding="utf-8")
    (case / "gold.json").write_text(json.dumps({
        "hypotheses": [{"id": "H1", "statement": "Finance teams copy invoices into spreadsheets by hand"}],
        "insights": [{"kind": "workaround", "quote": "I copy every invoice into a spreadsheet by hand.",
                      "hypotheses": {"H1": "supports"}}],
    }), encoding="utf-8")

    report = evaluate(tmp_path / "cases")
    o = report.overall
    assert report.engine == "offline" and o.gold == 1 and o.predicted >= 1
    assert o.grounding_rate == 1.0 and o.calls == 0
    assert o.matched == 1


def test_bad_gold_is_one_clear_error(tmp_path):
    from synth.errors import UserError

    case = tmp_path / "c"
    case.mkdir()
    (case / "gold.json").write_text('{"insights": [{"kind": "nope", "quote": "x"}]}')
    with pytest.raises(UserError, match="gold"):
        evaluate(tmp_path)


def test_find_cases_takes_a_split_or_the_parent_of_splits(tmp_path):
    from synth.evaluate import find_cases

    for split, name in (("tune", "a"), ("tune", "b"), ("test", "c")):
        (tmp_path / split / name).mkdir(parents=True)
        (tmp_path / split / name / "gold.json").write_text("{}")
    assert [p.name for p in find_cases(tmp_path / "tune")] == ["a", "b"]
    assert sorted(p.name for p in find_cases(tmp_path)) == ["a", "b", "c"]
    assert [p.name for p in find_cases(tmp_path / "test" / "c")] == ["c"]
