"""The offline engine's learned selector: the shipped weights match the code's features, fitting is
deterministic, flagged sentences survive selection, and a real-length interview yields a bounded number."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bench.fit_selector import LONG_FIT_MIN, LONG_MIN, CaseData, fit, fit_logistic, fit_long, simulate
from synth.extract.offline import MIN_BUDGET, _merge_neighbours, _Scored, budget, select_sentences
from synth.extract.selector import (
    FEATURES,
    RELEVANCE_FEATURES,
    Selector,
    feature_matrix,
    load_selector,
    selector_path,
)
from synth.extract.sentences import Sentence
from synth.models import Interview, Turn

ROOT = Path(__file__).parents[2]


def test_shipped_weights_load_and_name_exactly_the_features_the_code_computes() -> None:
    sel = load_selector()
    # Adding, removing or renaming a feature without re-fitting (python -m bench.fit_selector corpus/eval/tune)
    # fails here: the model with hypotheses uses every feature, the other every one but relevance.
    assert sel.with_hypotheses.features == FEATURES
    assert sel.without_hypotheses.features == tuple(f for f in FEATURES if f not in RELEVANCE_FEATURES)
    for model in (sel.with_hypotheses, sel.without_hypotheses):
        assert 0.0 < model.threshold < 1.0
        assert all(s > 0 for s in model.scale)
        assert all(np.isfinite(model.weights))
    assert sel.cap_factor >= 1.0 and 0.0 <= sel.floor_factor <= sel.cap_factor


def test_shipped_weights_were_fitted_on_the_tuning_split_only() -> None:
    raw = json.loads(selector_path().read_text(encoding="utf-8"))
    prov = raw["provenance"]
    assert "corpus/eval/tune" in prov["command"] and "test" not in prov["command"].split("tune")[-1]
    tune = {p.name for p in (ROOT / "corpus" / "eval" / "tune").iterdir()}
    test = {p.name for p in (ROOT / "corpus" / "eval" / "test").iterdir()}
    assert set(prov["cases"]) <= tune
    assert not set(prov["cases"]) & test


def test_the_long_interview_model_is_shipped_fitted_on_long_tuning_cases_and_used_only_for_long_interviews() -> None:
    sel = load_selector()
    assert sel.long_interviews is not None and sel.long_interviews.features == FEATURES
    assert sel.long_min == LONG_MIN and 0.0 < sel.long_floor_factor <= sel.cap_factor
    assert sel.model(True, LONG_MIN) is sel.long_interviews and sel.floor(True, LONG_MIN) == sel.long_floor_factor
    assert sel.model(True, LONG_MIN - 1) is sel.with_hypotheses and sel.floor(True, LONG_MIN - 1) == sel.floor_factor
    # Without hypotheses there is nothing for the long model's relevance features to read.
    assert sel.model(False, 10 * LONG_MIN) is sel.without_hypotheses
    raw = json.loads(selector_path().read_text(encoding="utf-8"))
    cases = raw["provenance"]["long_interviews"]["cases"]
    tune = {p.name for p in (ROOT / "corpus" / "eval" / "tune").iterdir()}
    assert cases and set(cases) <= tune and all(c["sentences"] >= LONG_FIT_MIN for c in cases.values())
    assert set(raw["cross_validation"]["long_interviews"]["held_out"]) <= set(cases)


def test_a_selector_file_without_a_long_model_uses_its_one_model_at_any_length() -> None:
    sel = load_selector()
    plain = Selector(sel.with_hypotheses, sel.without_hypotheses, sel.cap_factor, sel.floor_factor, {})
    assert plain.model(True, 10_000) is sel.with_hypotheses and plain.floor(True, 10_000) == sel.floor_factor


def _case(seed: int, n: int) -> CaseData:
    """A tiny labelled case: one informative feature and noise, two sentences per turn."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, len(FEATURES)))
    y = (x[:, FEATURES.index("kind_lead")] + 0.3 * rng.normal(size=n) > 0.8).astype(float)
    spans = [(i * 50, i * 50 + 49) for i in range(n)]
    gold = [s for s, label in zip(spans, y, strict=True) if label]
    return CaseData(f"case{seed}", x, y, spans, [i // 2 for i in range(n)], ["pain"] * n, [False] * n, gold, "x")


def test_fitting_is_deterministic_and_learns_the_informative_feature() -> None:
    cases = [_case(s, 24) for s in range(3)]
    a, b = fit(cases), fit(cases)
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    model = a["models"]["with_hypotheses"]
    weights = dict(zip(model["features"], model["weights"], strict=True))
    assert max(weights, key=lambda f: abs(weights[f])) == "kind_lead" and weights["kind_lead"] > 0


def test_the_floor_is_chosen_on_the_real_recordings_it_exists_for() -> None:
    # A long real recording whose evidence ranks first but looks unlikely, sentence by sentence, to a model fitted
    # on short written cases: only a floor yields any of it, and the floor is judged on that recording alone.
    written = [_case(s, 24) for s in range(3)]
    rng = np.random.default_rng(9)
    n = 400
    x = rng.normal(size=(n, len(FEATURES)))
    y = np.zeros(n)
    top = rng.choice(n, 12, replace=False)
    y[top] = 1.0
    x[:, FEATURES.index("kind_lead")] = -3.0 + 0.1 * rng.normal(size=n)
    x[top, FEATURES.index("kind_lead")] = -2.0
    spans = [(i * 50, i * 50 + 49) for i in range(n)]
    real = CaseData("real", x, y, spans, list(range(n)), ["pain"] * n, [False] * n,
                    [spans[int(i)] for i in sorted(top)], "x", real=True)
    cv = fit([*written, real])["cross_validation"]["with_hypotheses"]
    assert cv["floor_cases"] == ["real"]
    assert cv["floor_factor"] > 0.0


def _long_case(seed: int, n: int, informative: str) -> CaseData:
    """A case whose evidence only `informative` singles out."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, len(FEATURES)))
    y = (x[:, FEATURES.index(informative)] + 0.3 * rng.normal(size=n) > 1.5).astype(float)
    spans = [(i * 50, i * 50 + 49) for i in range(n)]
    gold = [s for s, label in zip(spans, y, strict=True) if label]
    return CaseData(f"{informative}{seed}", x, y, spans, list(range(n)), ["pain"] * n, [False] * n, gold, "x")


def test_the_long_model_learns_from_long_cases_only_and_is_scored_on_the_ones_it_applies_to() -> None:
    # Short cases where kind_lead marks the evidence, long ones where rel_top does: the long model must learn
    # rel_top, and its held-out score is reported for the cases at least LONG_MIN long, each left out of its fit.
    short = [_long_case(s, 40, "kind_lead") for s in range(4)]
    long_ = [_long_case(10 + s, LONG_MIN + 20, "rel_top") for s in range(3)] + [_long_case(20, LONG_FIT_MIN, "rel_top")]
    model, cv = fit_long([*short, *long_], FEATURES)
    weights = dict(zip(model.features, model.weights, strict=True))
    assert max(weights, key=lambda f: abs(weights[f])) == "rel_top" and weights["rel_top"] > 0
    assert cv["fitted_on"] == [c.name for c in long_]
    assert cv["held_out"] == [c.name for c in long_[:3]]
    assert cv["recall"] > 0.3


def test_logistic_fit_matches_a_separable_direction_and_the_penalty_shrinks_it() -> None:
    x = np.array([[-2.0], [-1.0], [-0.5], [0.5], [1.0], [2.0]])
    y = np.array([0.0, 0.0, 1.0, 0.0, 1.0, 1.0])
    w_small, _ = fit_logistic(x, y, lam=0.1)
    w_big, _ = fit_logistic(x, y, lam=100.0)
    assert w_small[0] > w_big[0] > 0


def _scored(probs: list[float], flagged: set[int] = frozenset()) -> list[_Scored]:  # type: ignore[assignment]
    turn = Turn(index=1, speaker="p", text="", start=0, end=0)
    out = []
    for i, p in enumerate(probs):
        # A gap of 10 characters: no two of these merge.
        sent = Sentence(turn, i * 20, i * 20 + 10, f"s{i}", ("attack",) if i in flagged else ())
        out.append(_Scored(sent, "pain", 0.0, 0.5, p))
    return out


def test_selection_keeps_flagged_sentences_whatever_their_probability() -> None:
    scored = _scored([0.9, 0.8, 0.01, 0.7, 0.02], flagged={2})
    kept = select_sentences(scored, threshold=0.5, cap_factor=1.0)
    assert [s.sentence.text for s in kept] == ["s0", "s1", "s2", "s3"]
    assert kept[2].sentence.flags == ("attack",)


def test_selection_keeps_what_passes_the_threshold_within_the_cap_and_at_least_the_floor() -> None:
    n = 400
    probs = [0.99 - i / (2 * n) for i in range(n)]  # every one passes 0.4
    kept = select_sentences(_scored(probs), threshold=0.4, cap_factor=1.5)
    assert len(kept) == round(1.5 * budget(n))
    low = [0.01] * n
    assert len(select_sentences(_scored(low), threshold=0.4, cap_factor=1.5)) == MIN_BUDGET
    assert len(select_sentences(_scored(low), threshold=0.4, cap_factor=1.5, floor_factor=1.0)) == budget(n)


def test_kept_neighbours_merge_into_quotes_of_at_most_two_sentences_whatever_their_kinds() -> None:
    turn = Turn(index=1, speaker="p", text="", start=0, end=0)
    scored = [_Scored(Sentence(turn, i * 11, i * 11 + 10, f"s{i}"), k, 0.0, 0.5, 0.9)
              for i, k in enumerate(["pain", "behaviour", "pain"])]
    groups = _merge_neighbours(scored)
    assert [len(g) for g in groups] == [2, 1]


def test_simulated_selection_counts_a_two_sentence_quote_once() -> None:
    case = _case(0, 6)
    case.gold = [(0, 90)]  # covers the first two sentences (one turn)
    probs = np.array([0.9, 0.9, 0.0, 0.0, 0.0, 0.0])
    matched, predicted, gold = simulate(case, probs, threshold=0.5, cap_factor=1.5)
    assert (matched, gold) == (1, 1)
    assert predicted == MIN_BUDGET - 1  # the two merge; the floor adds one more sentence


def _two_answers(q1: str, a1: str, q2: str, a2: str) -> tuple[Interview, list[Sentence]]:
    """An interview of two questions and two answers, and its candidate sentences."""
    from synth.extract.build import interview_from_turns
    from synth.extract.sentences import candidate_sentences

    iv = interview_from_turns("x", [("Interviewer", q1), ("Pat", a1), ("Interviewer", q2), ("Pat", a2)])
    return iv, candidate_sentences(iv)


def test_features_are_finite_with_and_without_hypotheses() -> None:
    from synth.extract.selector import HypothesisVectors

    iv, sents = _two_answers(
        "How do you plan the week?",
        "Every Monday I spend two hours on the rota. It never works out. We tried an app once.",
        "Anything else?", "Honestly it would be nice if it was quicker, maybe.")
    rng = np.random.default_rng(1)
    vecs = rng.normal(size=(len(sents), 8))
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    kinds = rng.normal(size=(len(sents), 4))
    hv = HypothesisVectors([("Rotas take hours every week", ""), ("Teams try apps", "Nobody tried an app")],
                           vecs[:2].copy(), np.vstack([np.zeros(8), vecs[2]]))
    for hyps in (hv, None):
        x = feature_matrix(iv, sents, kinds, 3, vecs, hyps)
        assert x.shape == (len(sents), len(FEATURES))
        assert np.isfinite(x).all()
    x = feature_matrix(iv, sents, kinds, 3, vecs, hv)
    assert x[0, FEATURES.index("answers_question")] == 1.0 and x[0, FEATURES.index("first_in_turn")] == 1.0
    assert x[1, FEATURES.index("first_in_turn")] == 0.0


def test_direction_features_mark_speech_that_settles_a_hypothesis_not_speech_on_its_topic() -> None:
    from synth.extract.selector import HypothesisVectors

    iv, sents = _two_answers(
        "How long does the rota take you?",
        "The rota is something we talk about a lot. Honestly it's an hour a month, if that.",
        "Would you pay for help with it?", "Forty pounds a month is more than the whole booking system costs us.")
    texts = [s.text for s in sents]
    hv = HypothesisVectors([("Managers spend at least 3 hours a week on the rota.", "It takes under an hour a week."),
                            ("Managers would pay £40 a month for a rota app.", "They would pay under £20 a month.")],
                           np.eye(2, 4), np.eye(2, 4))
    # Every sentence equally close to both hypotheses: only what the words say can tell them apart.
    vecs = np.tile(np.array([0.6, 0.6, 0.0, 0.0]) / np.linalg.norm([0.6, 0.6]), (len(sents), 1))
    x = feature_matrix(iv, sents, np.zeros((len(sents), 3)), 2, vecs, hv)
    amount, strength = FEATURES.index("dir_amount"), FEATURES.index("dir_strength")
    topic = texts.index("The rota is something we talk about a lot.")
    hour = next(i for i, t in enumerate(texts) if t.startswith("Honestly it's an hour a month"))
    price = next(i for i, t in enumerate(texts) if t.startswith("Forty pounds"))
    assert x[topic, amount] == 0.0 and x[topic, strength] == 0.0
    assert x[hour, amount] == 1.0 and x[hour, strength] > 0.5  # an hour a month against 3 hours a week
    assert x[price, strength] > 0.0  # a price above what another tool costs: a refusal
    # Without hypotheses there is nothing to settle.
    x0 = feature_matrix(iv, sents, np.zeros((len(sents), 3)), 2, vecs, None)
    assert not x0[:, [amount, strength]].any()


@pytest.mark.slow
def test_a_real_length_interview_yields_a_bounded_number_of_insights(tmp_path: Path) -> None:
    from synth.config import WorkspaceConfig
    from synth.evaluate import load_gold, run_case

    case = ROOT / "corpus" / "eval" / "tune" / "13-real-indie-team-convention"  # ~16k words, ~700 candidates
    scores, _, _ = run_case(case, WorkspaceConfig(), load_gold(case))
    sel = load_selector()
    assert MIN_BUDGET <= scores.predicted <= round(sel.cap_factor * budget(700)) + 5
    assert scores.grounding_rate == 1.0


def test_two_kinds_side_by_side_give_one_insight_quoting_the_more_probable_sentence_first() -> None:
    from synth.extract.build import interview_from_turns
    from synth.extract.offline import OfflineExtractor
    from synth.extract.sentences import candidate_sentences

    iv = interview_from_turns("x", [("Interviewer", "How was month-end?"),
                                    ("Pat", "We closed on day eleven again. I spent six hours chasing three clients.")])
    a, b = candidate_sentences(iv)
    ext = OfflineExtractor(embedder=None, kinds={})  # type: ignore[arg-type]  # _insight embeds nothing
    mixed = ext._insight(iv, [_Scored(a, "behaviour", 0.0, 0.5, 0.3), _Scored(b, "pain", 0.0, 0.5, 0.8)])
    assert mixed.kind.value == "pain"
    assert [q.text for q in mixed.quotes] == [b.text, a.text]
    assert all(iv.text[q.start : q.end] == q.text for q in mixed.quotes)
    same = ext._insight(iv, [_Scored(a, "pain", 0.0, 0.5, 0.3), _Scored(b, "pain", 0.0, 0.5, 0.8)])
    assert [q.text for q in same.quotes] == [iv.text[a.start : b.end]]


def test_two_kept_sentences_with_a_short_one_between_make_one_insight_quoting_only_what_was_kept() -> None:
    from synth.extract.offline import quote_spans

    turn = Turn(index=1, speaker="p", text="", start=0, end=0)
    # Kept, not kept (a short aside), kept: one thought, told on.
    a = _Scored(Sentence(turn, 0, 60, "a"), "pain", 0.0, 0.5, 0.9)
    c = _Scored(Sentence(turn, 90, 150, "c"), "pain", 0.0, 0.5, 0.7)
    groups = _merge_neighbours([a, c])
    assert [len(g) for g in groups] == [1 + 1]
    # The aside between them is not quoted: a quote per kept sentence, the more probable first.
    assert quote_spans(groups[0]) == [(0, 60), (90, 150)]
    # Side by side, one kind: one quote.
    b = _Scored(Sentence(turn, 61, 80, "b"), "pain", 0.0, 0.5, 0.6)
    assert quote_spans([a, b]) == [(0, 80)]
    # Far apart in one long answer: two insights.
    far = _Scored(Sentence(turn, 400, 460, "far"), "pain", 0.0, 0.5, 0.9)
    assert [len(g) for g in _merge_neighbours([a, far])] == [1, 1]
