"""Direction cues read on the demo's misses and on blind cases 91-120 (each scored once before it was read):
what a statement says people do without, flat prices for the whole business, spend against offers, refusals in
other words. Each case fails without its rule."""

from __future__ import annotations

import pytest

from synth.models import Hypothesis, HypothesisKind, InsightKind, Stance
from synth.stance import offline_stance

from .conftest import hyp

H_CHANNEL = hyp("H3", "Customers would place their orders through an online portal.",
                "Customers keep ordering by message or phone even when offered a portal.")

H_NO_PORTAL = hyp("H5", "Members book classes faster when they can reply to a text, without logging into a portal.",
                  "Members happily use the portal we already have, or logging in is not what slows them down.",
                  HypothesisKind.solution)
H_PER_VAN = hyp("H6", "Groomers will pay $25 per van per month for automatic booking reminders.",
                "They refuse per-van pricing, or would only pay a flat monthly fee for the whole business.")


@pytest.mark.parametrize(("text", "why"), [
    ("We tried a portal back in 2021 and I cancelled it after six months.", "gave up what it says they do without"),
    ("I told the owners a new portal wouldn't fix the problem, what we need is better follow-up.",
     "says what it says they do without fails"),
])
def test_giving_up_or_doubting_what_the_statement_does_without_supports_it(text: str, why: str) -> None:
    # Read as a tool given up, or as an objection, both used to count against taking something up.
    res = offline_stance(text, InsightKind.objection, H_NO_PORTAL, 0.5, 0.4)
    assert res.stance is Stance.supports and why in res.rationale


def test_a_tool_given_up_that_the_statement_does_not_avoid_still_weighs_against() -> None:
    res = offline_stance("We had a texting app for a year and I cancelled it.", InsightKind.behaviour,
                         H_NO_PORTAL, 0.5, 0.4)
    assert res.stance is Stance.contradicts and "given up" in res.rationale


def test_we_dont_have_a_portal_is_a_person_saying_no_not_the_portal_failing() -> None:
    from synth.linking.terms import failing_terms

    assert failing_terms("A new portal wouldn't fix it.", {"portal"}) == ["portal"]
    assert failing_terms("We don't have a portal.", {"portal"}) == []
    # The calls going on is not calling failing: the thing did not stop doing what it does.
    assert failing_terms("We tried status texts, and the calls didn't really go down.", {"call"}) == []


def test_no_shows_are_missed_appointments_not_a_no() -> None:
    from synth.linking.terms import negated_terms

    assert negated_terms("The thing people assume is no-shows are killing me.", {"show", "noshow"}) == []


def test_a_flat_price_is_only_against_a_falsifier_that_names_one() -> None:
    h = hyp("H7", "Groomers will pay $25 per van per month for automatic booking reminders.",
            "They refuse per-van pricing.")
    res = offline_stance("Honestly, like a hundred a month for the business.", InsightKind.willingness_to_pay, h,
                         0.5, 0.4)
    assert "flat price" not in res.rationale


def test_a_price_that_does_not_bother_them_is_accepted_not_waved_away() -> None:
    h = hyp("H8", "A laundromat owner would pay $99 per store a month for machine alerts.",
            "They refuse per-store pricing.")
    res = offline_stance("Per store's how everybody charges, so that part doesn't bother me.",
                         InsightKind.willingness_to_pay, h, 0.5, 0.3)
    assert res.stance is Stance.supports and "dismissive" not in res.rationale


@pytest.mark.parametrize("text", [
    "We had a book-online button for eighteen months and half of them booked the wrong branch, so we took it off.",
    "The lads hated the inspection app, so we ripped it out after a month.",
])
def test_more_ways_of_giving_a_tool_up(text: str) -> None:
    res = offline_stance(text, InsightKind.behaviour, H_CHANNEL, 0.5, 0.4)
    assert res.stance is Stance.contradicts and "given up" in res.rationale


H_BY_CARD = hyp("H9", "Parents would pay for the term by card on a booking page instead of by bank transfer.",
                "Bank transfers already work smoothly, or parents kept paying by transfer when offered a page.",
                HypothesisKind.solution)


def test_what_a_statement_offers_instead_is_what_it_says_no_to() -> None:
    # "negates its key term 'bank'" read this as against paying by card.
    res = offline_stance("Three or four asked, can they just pay on a card online, because they don't do bank "
                         "transfers.", InsightKind.need, H_BY_CARD, 0.6, 0.4)
    assert res.stance is Stance.supports and "says no to what it says no to" in res.rationale


def test_going_back_to_what_the_statement_replaces_is_no_support() -> None:
    h = hyp("H10", "Translators would track jobs in an app instead of a spreadsheet.",
            "They try an app and go back to the spreadsheet.", HypothesisKind.solution)
    res = offline_stance("We tried it, and I was back in my spreadsheet by March.", InsightKind.behaviour, h, 0.5, 0.5)
    assert res.stance is not Stance.supports


def test_lacking_what_the_falsifier_says_they_lack_agrees_with_the_falsifier() -> None:
    h = hyp("H11", "Cleaners would tick off a checklist in a phone app instead of a paper sheet.",
            "The company tried an app and gave it up, because cleaners lack data or refuse to use it.",
            HypothesisKind.solution)
    res = offline_stance("I tried one of those inspection apps and cancelled it after two months, because half my "
                         "people didn't have data.", InsightKind.behaviour, h, 0.5, 0.5)
    assert res.stance is Stance.contradicts


def test_someone_elses_all_clear_reported_is_not_the_speaker_waving_it_away() -> None:
    h = hyp("H12", "At least 2 hire bikes a month come back damaged without the business being able to charge.",
            "Fewer than 2 a month, or customers own up and pay.")
    res = offline_stance("Four came back with bent gear hangers and I couldn't prove any of it, they'd all been out "
                         "with families who swore blind it was fine.", InsightKind.pain, h, 0.5, 0.3)
    assert "dismissive" not in res.rationale


H_FORTY = hyp("H13", "A drama school would pay £40 a month for one tool for sign-up and payments.",
              "They name a price well under £40 a month, or would only pay in term time.")


@pytest.mark.parametrize(("text", "want", "why"), [
    # An offer said by a person, read as what they pay today.
    ("Honestly, twelve, fifteen pounds a month, maybe, and only in term time.", Stance.contradicts, "falsify"),
    # Paying someone the price itself to do the job: no "amount on the line" put to them.
    ("I paid her forty pounds a month, term time, to do the spreadsheet and chase the late ones.", Stance.supports,
     "already spends as much"),
    # Compared with what they pay for something that does more.
    ("So that's three hundred a month, and that's most of what we pay for the whole practice software.",
     Stance.contradicts, "unwilling to pay"),
])
def test_amounts_of_money_put_forward_paid_and_compared(text: str, want: Stance, why: str) -> None:
    res = offline_stance(text, InsightKind.behaviour, H_FORTY, 0.5, 0.4)
    assert res.stance is want and why in res.rationale


def test_a_one_off_sum_of_half_a_year_of_the_price_paid_for_the_job_supports_it() -> None:
    h = hyp("H14", "A practice would pay $100 per vet a month ($300 a month) for a charge-capture app.")
    res = offline_stance("We paid a billing consultant thirty-five hundred dollars last year to go through our "
                         "charge capture.", InsightKind.behaviour, h, 0.5, 0.3)
    assert res.stance is Stance.supports and "already paid" in res.rationale


def test_a_way_of_booking_given_up_is_against_a_present_tense_claim_that_people_do_without() -> None:
    # No "would" in the statement, and no kind: what it says people do without still makes it about taking
    # something up.
    h = hyp("H15", "Patients book their eye test from a link in a text, without ringing the practice.",
            "Most patients still ring, or self-booking online was tried and dropped.")
    res = offline_stance("We had a book-online button for eighteen months, and half of them booked the wrong branch, "
                         "so we took it off.", InsightKind.pain, h, 0.5, 0.4)
    assert res.stance is Stance.contradicts and "given up" in res.rationale


@pytest.mark.parametrize(("text", "h", "why"), [
    # A flat price for the whole, which a falsifier naming one predicts.
    ("Honestly, like a hundred, hundred and fifty a month for the business.", H_PER_VAN, "flat price for the whole"),
    ("If it was a hundred a month for the whole business and it got the dogs booked, I'd try it tomorrow.", H_PER_VAN,
     "flat price for the whole"),
    # The whole named before the amount, and a whole that is none of the usual nouns. The first also says what
    # they pay today, in its own sentence: that sentence's money alone is spend.
    ("I already pay the GPS people per van, it drives me nuts. For the whole thing, like, eighty bucks a month.",
     H_PER_VAN, "flat price for the whole"),
    ("One price for the business, twenty-five quid a month, thirty at a push.", H_PER_VAN, "flat price for the whole"),
    ("I'd be thinking maybe a hundred and fifty a year for the whole yard.", H_PER_VAN, "flat price for the whole"),
    # A price echoed in disbelief, called a lot, or kept from the people who decide.
    ("Forty a month to check stock? I'd rather buy the nursery lady a tin of chocolates at Christmas.", H_FORTY,
     "dismissive"),
    ("A hundred and fifty a month? For the extras?", H_FORTY, "dismissive"),
    ("Forty is a lot, for me. I pay twelve pound for the whole website.", H_FORTY, "unwilling to pay"),
    ("Forty a month? I'd struggle to get that past the finance committee.", H_FORTY, "unwilling to pay"),
    ("At forty a month for the whole thing, I wouldn't even take it to the partners' meeting.", H_FORTY,
     "unwilling to pay"),
])
def test_price_reactions_that_contradict(text: str, h: Hypothesis, why: str) -> None:
    res = offline_stance(text, InsightKind.willingness_to_pay, h, 0.5, 0.3)
    assert res.stance is Stance.contradicts and why in res.rationale


def test_paying_someone_the_price_to_do_the_job_reads_past_a_long_aside() -> None:
    text = ("I paid a virtual assistant, a girl up in Leeds, about a hundred and twenty pounds a month for the wedding "
            "season, just to answer the first messages.")
    res = offline_stance(text, InsightKind.behaviour, H_FORTY, 0.5, 0.3)
    assert res.stance is Stance.supports and "already spends as much" in res.rationale


H_DEPOSIT = hyp("H10", "Customers of a mobile mechanic would pay a deposit through an online booking link.",
                "Customers balk at paying a deposit up front.", HypothesisKind.solution)


@pytest.mark.parametrize("text", [
    "So now I take a tenner deposit by payment link when I confirm, and honestly nobody's argued.",
    "I took a twenty-dollar deposit through Square for the December slots, and no one complained.",
])
def test_nobody_balking_at_a_deposit_is_the_uptake_itself(text: str) -> None:
    # Read on blind case 117 (scored once before it was read): "nothing in it says which way".
    res = offline_stance(text, InsightKind.behaviour, H_DEPOSIT, 0.55, 0.45)
    assert res.stance is Stance.supports and ("nobody" in res.rationale or "no one" in res.rationale)


def test_nobody_balking_after_a_doubt_accepts_nothing() -> None:
    res = offline_stance("I doubt nobody's argued because they never read the email.", InsightKind.behaviour,
                         H_DEPOSIT, 0.55, 0.45)
    assert "nobody" not in res.rationale
