"""Amounts said against a hypothesis's own thresholds: numbers, units, bounds, events and prices
(synth.linking.quantities parses them, synth.linking.thresholds compares)."""

from __future__ import annotations

import pytest

from synth.linking.numbers import number
from synth.linking.quantities import Dim, Op, quantities
from synth.linking.thresholds import Verdict, compare
from synth.models import HypothesisKind, InsightKind, Stance
from synth.stance import offline_stance

from .conftest import hyp


@pytest.mark.parametrize(("text", "value"), [
    ("1,500", 1500), ("1.5k", 1500), ("two and a half thousand", 2500), ("seven or eight", 7.5),
    ("5-10", 7.5), ("forty", 40), ("twenty five", 25), ("an", 1),
    # A hundred and a tail is one number: "two hundred and thirty clients" was read as thirty clients.
    ("a hundred and eighty", 180), ("two hundred and thirty", 230), ("two hundred thirty", 230),
    ("five hundred and twenty-five", 525), ("two thousand and fifty", 2050),
    # A scale said once covers both ends of a range: "two to three hundred quid" was read as 151.
    ("two to three hundred", 250), ("2-3k", 2500), ("two or three thousand", 2500), ("ten to fifteen hundred", 1250),
    ("a couple", 2), ("a few", 3), ("a dozen", 12),
    # A hyphenated number word is one number, not a range: "thirty-two" was read as 16, between thirty and two.
    ("thirty-two", 32), ("forty-five", 45), ("twenty-five to thirty", 27.5), ("one-two", 1.5),
])
def test_numbers(text: str, value: float | None) -> None:
    got = number(text)
    if value is None:
        assert got is None or got > 0  # "a hundred and eighty" is read as some positive amount, never crashes
    else:
        assert got == pytest.approx(value)


@pytest.mark.parametrize(("text", "dim", "value", "rate", "basis"), [
    ("an hour a month", Dim.hours, 12 / 52, True, ""),
    ("seven or eight hours a week", Dim.hours, 7.5, True, ""),
    ("about an hour and a half every afternoon", Dim.hours, 7.5, True, ""),
    ("half an hour a day", Dim.hours, 2.5, True, ""),
    ("forty minutes a week", Dim.hours, 40 / 60, True, ""),
    ("forty-five minutes a week", Dim.hours, 45 / 60, True, ""),
    ("We pay thirty-two pounds a month", Dim.money, 32, True, ""),
    ("two full days a month", Dim.hours, 16 * 12 / 52, True, ""),
    ("We pay about $1.5k a month", Dim.money, 1500, True, ""),
    ("I'd guess two and a half thousand a month all in", Dim.money, 2500, True, ""),
    ("forty bucks per seat per month", Dim.money, 40, True, "seat"),
    ("$10 per client", Dim.money, 10, False, "client"),
    ("$1,200 a year", Dim.money, 100, True, ""),
    ("we are 12 people", Dim.things, 12, False, ""),
    ("maybe twice a month", Dim.times, 2 * 12 / 52, True, ""),
    ("three times a week", Dim.times, 3, True, ""),
])
def test_quantities_normalise_units(text: str, dim: Dim, value: float, rate: bool, basis: str) -> None:
    [q] = [q for q in quantities(text) if q.dim is dim]
    assert q.value == pytest.approx(value, rel=0.01)
    assert (q.rate, q.basis) == (rate, basis)


def test_operators_are_read_around_the_amount() -> None:
    assert quantities("at least 4 hours a week")[0].op is Op.at_least
    assert quantities("more than $2,000 a month")[0].op is Op.at_least
    assert quantities("under an hour a week")[0].op is Op.at_most
    assert quantities("5 hours a week or more")[0].op is Op.at_least
    assert quantities("about 5 hours a week")[0].op is Op.about
    assert quantities("twelve days to close") == []  # a calendar duration, not time spent
    assert [q for q in quantities("on the front desk three days a week") if q.dim is Dim.hours] == []  # a rota


H_TIME = ("Bookkeepers spend at least 4 hours a week chasing clients for documents.",
          "Most spend under an hour a week chasing clients.")
H_MONEY = ("No-shows cost a practice more than $2,000 a month.", "No-shows cost well under $1,000 a month.")
H_PRICE = ("Firms will pay $40 per client per month for the tool.", "Firms refuse per-client pricing.")
H_FREQ = ("Small practices run out of a medicine they need at least twice a month.", "It happens once a month or less.")
H_WAIT = ("Customers take more than 2 days on average to approve a proof.", "Most proofs come back within a day.")
H_TIME_2 = ("Parents spend at least 2 hours a week organising activities.", "It takes them under an hour a week.")
H_SEGMENT = ("Online shops with 5 to 20 staff have at least 2 people answering customer email.",
             "Only one person at the shop answers customer email.")
H_ARCH = ("Architects at practices of 20 to 50 people spend at least 1 hour a week on timesheets.",
          "Most staff spend well under an hour a week on them.")
H_SALON = ("A salon would pay £25 a month per salon for no-show protection.", "Owners say £25 a month is too much.")
H_APP = ("Parents would pay £4.99 a month for the family app.", "They would pay no more than about £2 a month.")
H_MONEY_LOW = ("Missed extras cost a sole trader at least £200 a month.", "They lose well under £100 a month.")
H_FLAT = ("A practice would pay 60 pounds a month for automatic ordering.", "They put its value under 30 pounds a month.")


H_EVENTS = ("Mobile groomers lose at least 3 appointments a week to no-shows.",
            "Fewer than 3 no-shows or late cancellations in a normal week.")
H_VAN = ("Mobile grooming businesses would pay $25 per van per month for online booking.",
         "The owner rejects per-van pricing, or would pay less than $50 a month for a two-van business.")
H_AGENCY = ("Tutoring agencies would pay $15 per tutor per month for scheduling and invoicing.",
            "The owner refuses per-tutor pricing, or would pay no more than about $100 a month for the whole agency.")
H_PRICE_BELOW = ("Firms will pay $40 per client per month for automated chasing",
                 "Firms would only pay a flat monthly fee well below $40 per client")


@pytest.mark.parametrize(("text", "h", "want"), [
    ("Missing documents maybe take me an hour a month across all eleven clients", H_TIME, Verdict.contradicts),
    ("It's five or six hours a week in the busy weeks", H_TIME, Verdict.supports),
    ("Maybe an hour a day, so that adds up", H_TIME, Verdict.supports),
    ("Maybe half an hour a day", H_TIME, Verdict.contradicts),  # 2.5 hours a week
    ("About 3.5 hours a week", H_TIME, Verdict.none),  # too close to call
    ("We lose around three thousand dollars a month to no-shows", H_MONEY, Verdict.supports),
    ("It's maybe $500 a month in lost slots", H_MONEY, Verdict.contradicts),
    ("Each slot is about a hundred and eighty dollars", H_MONEY, Verdict.none),  # a one-off sum, not a rate
    ("I'd pay maybe ten dollars per client", H_PRICE, Verdict.contradicts),
    ("Fifty bucks per client a month is fine", H_PRICE, Verdict.supports),
    ("Forty dollars per seat", H_PRICE, Verdict.none),  # per seat is not per client
    ("We have four people", H_TIME, Verdict.none),
    # How often something happens, against the hypothesis's own frequency.
    ("Something we need not being there, maybe twice a month, I guess", H_FREQ, Verdict.supports),
    ("It happens once a month, tops", H_FREQ, Verdict.contradicts),
    ("Honestly it's three times a week in flu season", H_FREQ, Verdict.supports),
    ("I checked twice and it was fine", H_FREQ, Verdict.none),  # no rate: not a frequency
    # A count over one calendar period the sentence names.
    ("Although, actually, last month I suppose we only had to borrow something the once", H_FREQ,
     Verdict.contradicts),
    ("We ran out three times last month", H_FREQ, Verdict.supports),
    ("I once ran out of it, last year", H_FREQ, Verdict.none),  # "once" as formerly: no count
    ("Once we ran out last month, we ordered double", H_FREQ, Verdict.none),  # "once" as as soon as
    # Current spend is a behaviour, not a price they would pay; "I'd guess" is no offer.
    ("We pay thirty-two pounds a month for the rota software", H_FLAT, Verdict.none),
    ("I'd guess we pay two and a half thousand a month all in", H_FLAT, Verdict.none),
    ("I'd pay sixty pounds a month for that without asking anyone", H_FLAT, Verdict.supports),
    # A price said without a currency, in speech about paying against a hypothesis with a price.
    ("If it was more like twenty, twenty-five a month, I could put that through", H_FLAT, Verdict.contradicts),
    ("If it saved me that, I'd see maybe three a month", H_FLAT, Verdict.none),  # a small count, not a price
    ("It takes twenty-five a month", H_TIME, Verdict.none),  # no price in the hypothesis: not read as money
    ("I was paying a lad two hundred a month to run the ads", H_EVENTS, Verdict.none),  # paid, not how often
    # How long something takes or waits, against a hypothesis about a wait: any unit, never a rate.
    ("Most of them come back the same afternoon, three or four hours, tops.", H_WAIT, Verdict.contradicts),
    ("The newsletter proof sat in somebody's inbox for nine days because it has to go past their board.", H_WAIT,
     Verdict.supports),
    ("I spent nine days on the website last year.", H_WAIT, Verdict.none),  # time spent, not a wait
    ("Honestly they answer within the hour.", H_TIME, Verdict.none),  # a wait says nothing about hours a week
    ("It came to just over thirty hours for the month, just the phone side", H_TIME, Verdict.supports),
    # How often, times how long each one takes, is time spent per period.
    ("It's more like fifteen a day, and each one takes a couple of minutes.", H_TIME, Verdict.contradicts),
    ("In winter it's three or four call-ins a week, and each one is two hours by the time I've rebuilt the run.",
     H_TIME, Verdict.supports),
    ("Maybe one a fortnight, and I can usually sort that in twenty minutes.", H_TIME, Verdict.contradicts),
    ("It's fifteen a day, and they take up the whole wait.", H_WAIT, Verdict.none),  # how often is not how long
    # "More than I'd like" is no price put forward: the count after it is read.
    ("More than I'd like, but it's down to maybe one a week.", H_EVENTS, Verdict.contradicts),
    # A typical day or weekday named with the time: "on a bad Monday" is weekly, "on a normal morning" daily.
    ("Between two and three hours on a bad Monday, nothing the rest of the week.", H_TIME, Verdict.contradicts),
    ("On a normal morning it's twenty minutes, maybe half an hour on the phone.", H_TIME, Verdict.contradicts),
    ("On a bad morning it's two hours on the phone.", H_TIME, Verdict.supports),
    ("Honestly the chasing takes under an hour in a normal term-time week.", H_TIME, Verdict.contradicts),
    # A second amount that is "another" adds to the first: nearly three hours a week, not forty minutes.
    ("Sunday night I sit down with the calendar for about forty minutes, and then the messages are another couple"
     " of hours across the week.", H_TIME_2, Verdict.supports),
    ("Sunday night I sit down with the calendar for about forty minutes.", H_WAIT, Verdict.none),  # no wait
    # A range of people says who the hypothesis is about: someone outside it is another segment.
    ("I spent most of Tuesday matching site visits for eleven people.", H_ARCH, Verdict.none),
    ("We're twelve, but only two of us touch the email.", H_SEGMENT, Verdict.supports),
    # A price per chair is not a price per salon; "a couple of pounds" is money.
    ("For the automatic rebooking on its own, I'd pay three pounds a chair a month.", H_SALON, Verdict.none),
    ("I'd pay for that, maybe a couple of pounds a month.", H_APP, Verdict.contradicts),
    ("My accountant reckons I'm leaving two to three hundred quid a month on the table", H_MONEY_LOW,
     Verdict.supports),
    # A period said later in the clause, and "a couple of hours" (two, not three).
    ("It takes me a couple of hours on the last Sunday of the month", H_TIME, Verdict.contradicts),
    ("Honestly it's five hours every Sunday, sometimes more", H_TIME, Verdict.supports),
    ("It took five hours, then on Sundays I rest", H_TIME, Verdict.none),  # no rate across the comma
    ("It was about six hours per bookkeeper in the first week of the month", H_TIME, Verdict.supports),
    # Events per period, against a hypothesis's own count per period; a bare "one a week" answers the question.
    ("No, honestly, it's more like one a week between both vans, two in a bad week", H_EVENTS, Verdict.contradicts),
    ("In summer we lose four or five appointments a week", H_EVENTS, Verdict.supports),
    ("We see fifty customers a week", H_EVENTS, Verdict.none),  # not what it counts
    ("The second van only goes out three days a week", H_EVENTS, Verdict.none),  # a rota, not events
    ("If it was more like twenty-five a month, I could put that through", H_FREQ, Verdict.none),  # a price put forward
    # An amount offered with no currency or period, against a monthly price; not one doubted.
    ("If it replaced PawPlanner, I'd go to forty, maybe forty-five for the whole business", H_VAN, Verdict.contradicts),
    ("Honestly, I don't know that we'd pay sixty, not every month", H_FLAT, Verdict.none),
    ("I'd go to sixty percent of that", H_VAN, Verdict.none),
    ("Honestly, if it did the invoices, maybe eighty, a hundred at a push, for the whole agency", H_AGENCY,
     Verdict.contradicts),  # the price for the whole, against "no more than about $100 a month for the whole agency"
    # On the line both name, the amount alone decides nothing: the reaction to the price does (stance cues).
    ("If it costs me forty bucks a client, I'd pay it without thinking", H_PRICE_BELOW, Verdict.none),
    ("If you came in at forty dollars per client, I wouldn't take it to the partners", H_PRICE_BELOW, Verdict.none),
    ("I'd pay ten bucks a client at most", H_PRICE_BELOW, Verdict.contradicts),
])
def test_amounts_against_the_hypothesis_thresholds(text: str, h: tuple[str, str], want: Verdict) -> None:
    assert compare(text, *h)[0] is want


def test_a_price_said_is_no_cost_or_loss() -> None:
    # "Twenty-five bucks a month ... but sixty, no" answers a price; against what reprints cost it says nothing.
    h = hyp("H1", "Reprints from bad customer files cost a print shop at least $500 a month.",
            "Reprints cost well under $200 a month.")
    text = "Twenty, twenty-five bucks a month I wouldn't even have to think about, but sixty, for a shop our size, no."
    assert compare(text, h.statement, h.falsified_if, price_talk=True)[0] is Verdict.none
    assert compare(text, h.statement, h.falsified_if)[0] is Verdict.contradicts  # read as a cost, it would
    res = offline_stance(text, InsightKind.behaviour, h, 0.3, 0.2)
    assert res.stance is not Stance.contradicts


@pytest.mark.parametrize(("h", "text", "kind", "want"), [
    # On the line both name, the reaction to the price decides the direction...
    (H_PRICE_BELOW, "If something costs me forty bucks a client, I'd pay it without thinking.",
     InsightKind.willingness_to_pay, Stance.supports),
    (H_PRICE_BELOW, "Forty dollars per client? I'd say no before you finished the sentence, we won't pay that.",
     InsightKind.objection, Stance.contradicts),
    # ...what they pay today decides nothing, and an offer without a period is read in the hypothesis's own.
    (H_FLAT, "TeamUp's about ninety quid a month, and that does the bookings and the direct debits both.",
     InsightKind.behaviour, Stance.neutral),
    (H_FLAT, "Thirty quid, forty at a stretch, I reckon, if it did the bookings.", InsightKind.willingness_to_pay,
     Stance.contradicts),
])
def test_the_reaction_to_a_price_decides_not_the_price_paid_today(
    h: tuple[str, str], text: str, kind: InsightKind, want: Stance
) -> None:
    assert offline_stance(text, kind, hyp("H3", *h, kind=HypothesisKind.value), 0.5, 0.4).stance is want


@pytest.mark.parametrize(("text", "op"), [
    ("no more than about $100 a month", Op.at_most), ("not more than 3 hours a week", Op.at_most),
    ("no less than 3 hours a week", Op.at_least), ("more than about 4 hours a week", Op.at_least),
])
def test_a_bound_survives_a_hedge_and_a_negated_bound_flips(text: str, op: Op) -> None:
    assert [q.op for q in quantities(text)] == [op]


@pytest.mark.parametrize(("text", "value", "noun"), [
    ("we have two hundred and thirty clients", 230, "clients"),
    ("about a hundred and ten clients", 110, "clients"),
    ("hundred and fifty clients, give or take", 150, "clients"),  # said without its "a": was read as fifty
    ("a hundred a month", None, ""),  # "a" is not the tail of a compound number
])
def test_compound_number_words_are_one_amount(text: str, value: float | None, noun: str) -> None:
    counts = [q for q in quantities(text) if q.dim is Dim.things]
    if value is None:
        assert not counts
    else:
        assert [(q.value, q.noun) for q in counts] == [(value, noun)]


def test_between_two_amounts_is_a_range() -> None:
    [q] = quantities("somewhere between 200 and 300 dollars a month")
    assert (q.dim, q.value, q.rate) == (Dim.money, 250, True)
    [h] = quantities("between the vans and the shop it's two hours a week")
    assert h.value == 2


@pytest.mark.parametrize(("text", "dim", "value"), [
    # How often, said as "every N periods": one period of N.
    ("a real complaint is maybe once every couple of months", Dim.times, 1 / (2 * 52 / 12)),
    ("we restock twice every three weeks", Dim.times, 2 / 3),
    ("every other week somebody forgets", Dim.times, 0.5),
    ("every other day something goes off", Dim.times, 2.5),
    ("I'd say one a fortnight, if that", Dim.times, 0.5),  # a count under five in a hedge is still a count
    # Time said as a span of the day, in the period around it.
    ("I'm on the laptop from eight till half nine most evenings", Dim.hours, 7.5),
    ("Thursday nights from seven till gone ten, doing the rota", Dim.hours, 3.0),
    # A weekday said before the amount makes it weekly.
    ("On a Monday morning it's forty minutes on the phone, an hour at most", Dim.hours, 2 / 3),
    ("It's quiet apart from Saturdays, which are five hours easy", Dim.hours, 5.0),
    # "Another hour" adds to the amount before it, in its period.
    ("about two hours for the letters, and then another hour on the phone", Dim.hours, 3.0),
    ("Twenty minutes a day on the rota, and another half hour on the phone.", Dim.hours, 50 / 60 * 5),
    # Money in words people use: a tenner, fifty-odd.
    ("I'd go to a tenner a month", Dim.money, 10.0),
    ("fifty-odd quid a month", Dim.money, 50.0),
])
def test_more_ways_of_saying_how_often_how_long_and_how_much(text: str, dim: Dim, value: float) -> None:
    got = [q for q in quantities(text) if q.dim is dim]
    assert got and got[0].value == pytest.approx(value, rel=0.01), got


def test_ranges_of_numbers_are_not_times_of_day() -> None:
    assert not [q for q in quantities("On a scale from one to ten it's a seven.") if q.dim is Dim.hours]
    assert not [q for q in quantities("We're open from nine to five.") if q.dim is Dim.hours]
    assert not [q for q in quantities("It went from two to three hundred customers.") if q.dim is Dim.hours]


H_DISPUTES = ("Couriers' clients dispute a delivery at least twice a month.", "Disputes happen less than twice a month.")
H_LOST_TO = ("Studios lose at least 3 classes a week to no-shows.", "Fewer than 3 classes a week are lost.")
H_PRICE_150 = ("A lab would pay $150 a month for the portal.", "The lab says $150 a month is too much.")
H_PRICE_39 = ("A shop would pay £39 a month for the tool.", "The owner would pay well under £39 a month.")


@pytest.mark.parametrize(("text", "h", "want"), [
    ("A proper dispute is maybe once every couple of months, if that.", H_DISPUTES, Verdict.contradicts),
    # The hypothesis names what it counts ("to no-shows"), so a count of no-shows answers it.
    ("Since we took deposits it's one no-show a month, if that.", H_LOST_TO, Verdict.contradicts),
    ("Honestly it's four or five no-shows a week in January.", H_LOST_TO, Verdict.supports),
    # A bare amount against a monthly price is a price, and a ceiling under it, however close, says no.
    ("I wouldn't go past a hundred a month for it.", H_PRICE_150, Verdict.contradicts),
    ("Thirty, maybe thirty-five a month, for both shops.", H_PRICE_39, Verdict.contradicts),
    ("Two in a bad week, one in a good one.", H_PRICE_150, Verdict.none),  # a count, not a price
])
def test_more_amounts_against_thresholds(text: str, h: tuple[str, str], want: Verdict) -> None:
    assert compare(text, *h)[0] is want


def test_a_price_right_on_the_hypothesis_is_still_relevant_to_it() -> None:
    # "Twenty a month isn't much" against "£20 a month": the amount decides nothing (the reaction does), but it is
    # what makes the sentence bear on the price at all.
    from synth.linking.thresholds import names_an_amount

    s, f = "A tuner would pay £20 a month for reminders.", "He would only pay well under £20 a month (about £12 or less)."
    text = "Against that, I suppose twenty a month isn't much, if it actually brought them back."
    assert compare(text, s, f)[0] is Verdict.none
    assert names_an_amount(text, s, f)
    assert not names_an_amount("Against that, I suppose it isn't much, if it actually brought them back.", s, f)


def test_a_bare_number_far_past_a_counted_threshold_is_not_that_count() -> None:
    st = "Scaffolding firms fail to bill extended hire on at least 2 scaffolds a month."
    # Money said without a currency, and a clock time, were read as scaffolds.
    assert compare("So the hire software's about two hundred and forty a month, all users.", st)[0] is Verdict.none
    assert compare("I was doing notes till gone ten most nights.", st)[0] is Verdict.none
    # A bare count near the threshold still answers it.
    assert compare("We miss about five a month.", st)[0] is Verdict.supports


def test_hours_of_the_shift_are_hours_a_day() -> None:
    st = "The dispatcher spends at least 2 hours a day on where's-my-truck calls."
    # Read as four hours a week, this fell short of two a day.
    assert compare("On a Friday night I'd say three, four hours of the shift, easy.", st)[0] is Verdict.supports


@pytest.mark.parametrize(("text", "value"), [
    ("I reckon I lose a good day a week just chasing forms.", 8.0),  # "good" as "full": was no amount at all
    ("Honestly I lose a day a week to it.", 8.0),  # a day lost to something is time spent
    ("I'm on the front desk three days a week.", None),  # a rota, not time spent on one job
])
def test_days_a_week_lost_or_good_are_time_spent(text: str, value: float | None) -> None:
    hours = [q.value for q in quantities(text) if q.dim is Dim.hours]
    assert hours == ([value] if value is not None else [])
