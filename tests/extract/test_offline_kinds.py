"""A dollar figure is not willingness to pay: current spend is a behaviour, a price someone would pay is
willingness to pay, a price someone refuses is an objection."""

from __future__ import annotations

import pytest

from synth.embed import get_embedder
from synth.extract.build import interview_from_turns
from synth.extract.kind_rules import has_money, is_price_talk, money_kind
from synth.extract.offline import offline_extractor

CASES = [
    # current spend or loss: what happens today
    ("I'd guess two and a half thousand a month all in.", "behaviour"),
    ("We pay about $1.5k a month for the scheduling tool.", "behaviour"),
    ("Our plan is 79 dollars a month and it covers three seats.", "behaviour"),
    ("We spent twelve thousand euros on the agency last year.", "behaviour"),
    ("We lose around three thousand dollars a month to cancellations.", "pain"),
    # a price they would pay
    ("I'd happily pay 50 a month if it saved me that time.", "willingness_to_pay"),
    ("Honestly? Maybe forty or fifty dollars a month.", "willingness_to_pay"),
    ("I'd guess the owners would be fine with around a hundred dollars a month per location.", "willingness_to_pay"),
    ("If it did that, I'd pay for it without thinking.", "willingness_to_pay"),
    ("We'd be willing to spend up to $200 a month on this.", "willingness_to_pay"),
    # a price they refuse
    ("I wouldn't pay more than ten dollars a month for it.", "objection"),
    ("If it was ninety-nine a month, it'd cost more than my whole system.", "objection"),
    ("At 30 bucks a month it's too expensive for a team of four.", "objection"),
]


@pytest.mark.parametrize(("text", "kind"), CASES, ids=[t[:40] for t, _ in CASES])
def test_money_sentences_get_the_kind_a_reader_would_give(text: str, kind: str) -> None:
    assert money_kind(text, "willingness_to_pay") == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Every Friday I copy the numbers by hand.", "behaviour"),
        ("It's a nightmare every month.", "pain"),
        ("I wish it could read the files automatically.", "need"),
        # time spent, not money: what someone won't spend their weekends on is no refused price
        ("I won't spend my weekends on bookkeeping again.", "pain"),
        ("I would spend most of my spare time working on my own projects.", "behaviour"),
    ],
)
def test_sentences_without_money_keep_their_kind(text: str, kind: str) -> None:
    assert not has_money(text)
    assert money_kind(text, kind) == kind


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("About a hundred and forty monthly clients.", False),
        ("We did about four hundred thousand in sales last year.", False),
        ("Maybe forty or fifty dollars a month.", True),
        ("The partners approve the spend.", True),
        ("I wouldn't pay for it on top.", True),
        # time spent is not money spent
        ("I had normal day jobs because I would spend most of my spare time on my own game projects.", False),
        ("I would happily spend a weekend setting it up.", False),
        ("I can't spend any more time chasing invoices.", False),
        ("I would spend 40 a month on it.", True),
        ("We wouldn't spend more than fifty dollars a month.", True),
    ],
)
def test_price_talk_needs_a_price_or_a_purchase(text: str, price: bool) -> None:
    assert is_price_talk(text) is price


def test_no_catch_all_for_dollar_figures_end_to_end() -> None:
    iv = interview_from_turns(
        "spend",
        [
            ("Interviewer", "What do you use today?"),
            ("Kim", "We pay about $1.5k a month, e.g. for the hosting and the support plan."),
            ("Interviewer", "And if something did it for you?"),
            ("Kim", "I'd happily pay fifty dollars a month if it saved me the Friday afternoon."),
            ("Interviewer", "Would you pay two hundred?"),
            ("Kim", "No, I wouldn't pay two hundred dollars a month for that, it's too expensive."),
        ],
    )
    s = offline_extractor(get_embedder()).extract(iv)
    kinds = {i.quotes[0].text.split(",")[0]: i.kind.value for i in s.insights}
    assert kinds.get("We pay about $1.5k a month") == "behaviour"
    assert kinds.get("I'd happily pay fifty dollars a month if it saved me the Friday afternoon.") == "willingness_to_pay"
    assert kinds.get("No") == "objection"
