"""Shares of a group against a hypothesis that claims one ("Most clients would consent")."""

from __future__ import annotations

from datetime import date

import pytest

from synth.linking.shares import claim_share, compare_shares, shares
from synth.linking.thresholds import Verdict
from synth.models import Hypothesis, InsightKind, Stance
from synth.stance import offline_stance

MOST = "Most clients would consent to sessions being recorded."


@pytest.mark.parametrize(("text", "value"), [
    ("I'd guess maybe half would say yes, if I asked.", 0.5),
    ("Nobody uses the portal.", 0.0),
    ("About 30 percent of them would pay.", 0.3),
    ("More than half of my clients said yes.", 0.6),
    ("Almost everyone would.", 0.9),
])
def test_shares_said(text: str, value: float) -> None:
    [s] = shares(text)
    assert s.value == pytest.approx(value)


@pytest.mark.parametrize("text", [
    "Most of the time it's fine.",
    "It takes half an hour.",
    "A year and a half ago we moved.",
])
def test_a_share_needs_people_doing_something(text: str) -> None:
    assert shares(text) == []


def test_claims_are_read_from_the_opening_quantifier_only() -> None:
    assert claim_share(MOST) == (0.5, True, True, "most")
    assert claim_share("Few owners read the reports.") == (0.25, False, False, "few")
    assert claim_share("Clients would consent, most of them.") is None


@pytest.mark.parametrize(("text", "statement", "want"), [
    ("I'd guess maybe half would say yes, if I asked.", MOST, Verdict.contradicts),  # half is not most
    ("Almost everyone would, honestly.", MOST, Verdict.supports),
    ("Nobody would, they're very private.", MOST, Verdict.contradicts),
    ("At least half of owners read the reports.", "At least half of owners read the weekly report.",
     Verdict.supports),
    ("Most of them read it every week.", "Few owners read the weekly report.", Verdict.contradicts),
    ("I'd guess maybe half would say yes.", "Clients would consent to recording.", Verdict.none),  # no share claimed
])
def test_shares_against_the_claimed_share(text: str, statement: str, want: Verdict) -> None:
    assert compare_shares(text, statement)[0] is want


def test_a_share_that_falls_short_contradicts_however_on_topic() -> None:
    d = date(2026, 1, 1)
    h = Hypothesis(id="H3", statement=MOST, falsified_if="Many clients would refuse to be recorded.", created=d,
                   updated=d)
    res = offline_stance("I'd guess maybe half would say yes, if I asked.", InsightKind.behaviour, h, 0.5, 0.2)
    assert res.stance is Stance.contradicts and "falls short of 'most'" in res.rationale


H_RATIO = "Small landscaping firms lose at least 1 in 4 of the jobs they quote because the quote is too late."


@pytest.mark.parametrize(("text", "want"), [
    ("Of the ones I lose, I'd guess maybe one in ten is because I was slow, if that.", Verdict.contradicts),
    ("That's one in four jobs gone because we were slow.", Verdict.supports),
    ("We lost 16 of 62 quotes last year to slow replies.", Verdict.supports),
    ("One of two partners said no.", Verdict.none),  # word numbers with "of" are not a ratio
    ("We quote about forty jobs a month.", Verdict.none),
])
def test_a_ratio_in_speech_against_a_ratio_in_the_claim(text: str, want: Verdict) -> None:
    assert compare_shares(text, H_RATIO)[0] is want


H_PCT = "At least 25% of a small online shop's customer emails are where's-my-order questions."


@pytest.mark.parametrize(("text", "want"), [
    ("But in January it's hardly any, maybe one email in ten, because nobody's ordering.", Verdict.contradicts),
    ("Last Monday fourteen out of forty-one emails were asking where their parcel was.", Verdict.supports),
    ("Over a normal month about a third of the inbox is where's-my-order.", Verdict.supports),
    # A share of something else than what the claim counts.
    ("We've got saved replies, and nine out of ten we can answer from a template.", Verdict.none),
])
def test_a_share_against_a_percentage_in_the_claim(text: str, want: Verdict) -> None:
    assert compare_shares(text, H_PCT)[0] is want


def test_a_share_of_who_they_are_is_not_a_share_of_what_the_claim_says_they_do() -> None:
    claim = "At least half of a tuner's regular customers would book their next tuning from a link."
    assert compare_shares("But most of my regulars are retired, and they'd ring me up to ask.", claim)[0] is Verdict.none
    assert compare_shares("Honestly most of them are happy to book from the link.", claim)[0] is Verdict.supports
    assert compare_shares("Half of them are booking by phone, the rest are not.", "Most clients would book by phone.")[0] \
        is Verdict.contradicts


def test_a_ratio_with_a_filler_before_its_whole() -> None:
    from synth.linking.shares import compare_shares
    from synth.linking.thresholds import Verdict

    st = "At least 5% of extras charges each term are missed or billed wrongly and have to be credited or chased."
    said = ("I went through every club register against the bills, and I found four mistakes in, oh, something like "
            "three hundred and ten lines.")
    assert compare_shares(said, st)[0] is Verdict.contradicts
