"""The learned link decision: the shipped weights match the code's features and were fitted on the tuning
split only; the probability becomes a confidence whose strong line is the fitted one; and on real speech
it links what bears on a hypothesis, leaves what does not, and keeps the cues' direction."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from bench.fit_linker import CaseData, counts, cross_validate, f_beta
from synth.errors import ConfigError
from synth.linking.model import LINK_FEATURES, LinkModel, linker_path, load_linker
from synth.linking.verdict import STRONG_MIN
from synth.models import Hypothesis, Stance

ROOT = Path(__file__).parents[2]


def test_shipped_weights_load_and_name_exactly_the_features_the_code_computes() -> None:
    model = load_linker()
    # Adding, removing or renaming a feature without re-fitting (python -m bench.fit_linker corpus/eval/tune)
    # fails here.
    assert model.features == LINK_FEATURES
    assert 0.0 < model.link_threshold <= model.strong_threshold < 1.0
    assert all(s > 0 for s in model.scale) and all(np.isfinite(model.weights))


def test_shipped_weights_were_fitted_on_the_tuning_split_only() -> None:
    prov = json.loads(linker_path().read_text(encoding="utf-8"))["provenance"]
    assert prov["command"].endswith("corpus/eval/tune")
    tune = {p.name for p in (ROOT / "corpus" / "eval" / "tune").iterdir()}
    test = {p.name for p in (ROOT / "corpus" / "eval" / "test").iterdir()}
    assert set(prov["cases"]) <= tune and not set(prov["cases"]) & test


def test_the_fitting_script_refuses_a_test_split(tmp_path: Path) -> None:
    from bench.fit_linker import main

    assert main([str(ROOT / "corpus" / "eval" / "test"), "--out", str(tmp_path / "x.json")]) == 2
    assert not (tmp_path / "x.json").exists()


def test_confidence_puts_the_strong_line_on_the_fitted_threshold_and_rises_with_probability() -> None:
    model = load_linker()
    assert model.confidence(model.strong_threshold) == pytest.approx(STRONG_MIN)
    assert model.confidence(model.link_threshold) == 0.0
    grid = np.linspace(model.link_threshold, 1.0, 50)
    values = [model.confidence(float(p)) for p in grid]
    assert values == sorted(values) and values[-1] == 1.0
    assert model.confidence(model.strong_threshold - 1e-3) < STRONG_MIN


@pytest.mark.parametrize(
    "change",
    [{"features": [*LINK_FEATURES[:-1], "made_up"]}, {"link_threshold": 0.9, "strong_threshold": 0.5},
     {"weights": [0.0]}],
)
def test_a_damaged_weights_file_is_a_config_error_naming_the_file(tmp_path: Path, change: dict[str, object]) -> None:
    raw = json.loads(linker_path().read_text(encoding="utf-8"))
    raw.update(change)
    path = tmp_path / "linker.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_linker(path)
    assert str(err.value.path) == str(path)


def _case(name: str, seed: int) -> CaseData:
    """Pairs where one feature says evidence; the direction is always "supports"."""
    rng = np.random.default_rng(seed)
    n = 60
    x = rng.normal(size=(n, len(LINK_FEATURES)))
    signal = x[:, LINK_FEATURES.index("relevance")] + 0.3 * rng.normal(size=n)
    gold = ["supports" if v > 0.7 else "-" for v in signal]
    return CaseData(name, x, gold, ["supports"] * n, "x", np.ones(n, dtype=bool))


def test_cross_validation_chooses_a_strong_line_at_or_above_the_link_line_and_learns_the_signal() -> None:
    cases = [_case(f"c{s}", s) for s in range(4)]
    cv = cross_validate(cases)
    assert cv["link_threshold"] <= cv["strong_threshold"]
    assert cv["at_strong"]["precision"] >= cv["at_link"]["precision"]
    assert cv["at_link"]["recall"] > 0.7  # the one informative feature is found on held-out cases


def test_a_pair_the_relevance_gate_shuts_never_links_in_fitting_either() -> None:
    from bench.fit_linker import predict, train

    cases = [_case(f"c{s}", s) for s in range(3)]
    cases[0].eligible[:] = False
    assert not predict(train(cases[1:], 3.0), cases[0]).any()


def test_f_beta_and_counts_score_only_links_with_the_right_direction() -> None:
    case = CaseData("c", np.zeros((3, len(LINK_FEATURES))), ["supports", "contradicts", "-"],
                    ["supports", "supports", "supports"], "x", np.ones(3, dtype=bool))
    k = counts([case], [np.array([0.9, 0.9, 0.9])], 0.5)
    assert (k["links"], k["right"], k["evidence"], k["stance_correct"]) == (3, 1, 2, 1)
    assert f_beta(k, 1.0) == pytest.approx(2 * (1 / 3) * 0.5 / (1 / 3 + 0.5))


def _hyp(hid: str, statement: str, falsified_if: str) -> Hypothesis:
    today = date(2026, 12, 1)
    return Hypothesis(id=hid, statement=statement, falsified_if=falsified_if, created=today, updated=today)


def test_real_speech_links_to_what_it_bears_on_with_the_cues_direction() -> None:
    from synth.embed import get_embedder
    from synth.evidence import offline_links
    from synth.extract.build import interview_from_turns
    from synth.models import Insight, InsightKind, Quote

    hyps = [
        _hyp("H1", "Bookkeepers spend at least 4 hours a week chasing clients for missing receipts",
             "Chasing receipts takes under an hour a week"),
        _hyp("H2", "Firms would pay $50 a month per client for automated receipt collection",
             "They refuse to pay per client"),
    ]
    turns = [
        ("Interviewer", "How long does chasing receipts take you?"),
        ("Dana", "Missing receipts maybe take me an hour a month across all eleven clients."),
        ("Interviewer", "What do you do on Fridays?"),
        ("Dana", "I walk the dog by the river after lunch."),
        ("Interviewer", "Would you pay for something that collected them?"),
        ("Dana", "I won't pay per client, no way, that adds up too fast."),
    ]
    iv = interview_from_turns("iv", turns)
    insights = []
    for n, (idx, kind) in enumerate([(1, InsightKind.behaviour), (3, InsightKind.behaviour),
                                     (5, InsightKind.objection)]):
        t = iv.turns[idx]
        q = Quote(text=t.text, interview_id="iv", turn_index=t.index, start=t.start, end=t.end)
        insights.append(Insight(id=f"I{n}", interview_id="iv", kind=kind, summary=t.text, quotes=[q],
                                participant="Dana", confidence=0.8))
    links = {(lk.insight_id, lk.hypothesis_id): lk for lk in offline_links(insights, hyps, get_embedder(None), iv)}
    assert links[("I0", "H1")].stance is Stance.contradicts  # an hour a month, against 4 hours a week
    assert links[("I2", "H2")].stance is Stance.contradicts  # refuses the per-client price
    assert not any(i == "I1" for i, _ in links)  # the dog walk bears on nothing
    for lk in links.values():
        assert 0.0 <= lk.strength <= 1.0 and "evidence" in lk.rationale


def test_the_model_file_round_trips() -> None:
    model = load_linker()
    again = LinkModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again == model
