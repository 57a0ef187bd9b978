"""Short answers read with the question they answer (synth.linking.answers), and what that does to a link's
direction. Each answer says nothing alone."""

from __future__ import annotations

import pytest

from synth.linking.answers import resolve
from synth.models import Hypothesis, InsightKind, Stance
from synth.stance import offline_stance

from .conftest import hyp

H_PRICE = hyp("H3", "A dog groomer would pay £40 a month for a booking tool.",
              "The owner names a price well under £40 a month (about £25 or less).")
H_SHARE = hyp("H2", "At least half of a florist's wedding couples would pay the deposit from a link.",
              "Fewer than half would pay from a link.")
H_CALLS = hyp("H1", "Customers ring the shop for updates at least 8 times a day.", "Fewer than 8 calls a day.")
H_MISSED = hyp("H1", "A locksmith misses a paying job at least once a week because he cannot answer the phone.",
               "He misses one less than once a week.")


@pytest.mark.parametrize(("answer", "question", "meant"), [
    ("Closer to the first, honestly.", "Would you think more like fifteen pounds a month, or could you see forty?",
     "Would you think more like fifteen pounds a month"),
    ("The second, probably.", "Is it twenty a month, or nearer fifty a month?", "nearer fifty a month"),
    ("Fewer, I'd say.", "Do you think more than half would pay from the link, or fewer?",
     "fewer than half would pay from the link"),
    ("Less than either, honestly.", "Is that once a week, or once a month?", "less than once a month"),
    ("About that, maybe a bit less.", "So that's, what, five or six a day?", "a bit less than five or six a day"),
    # Not short, not an answer to an either/or, or no question at all: left to the ordinary cues.
    ("Closer to the first, because the second one never really happens in winter when the shop is quiet and"
     " the lads are all out on jobs.", "Is it twenty, or fifty?", ""),
    ("Yes.", "Is it twenty a month, or fifty?", ""),
    ("The second one.", "", ""),
    # a bare amount answering a question about price is the price they would pay
    ("Thirty, maybe? If it did the reminders as well.", "What sort of number would feel fair to you?", "I'd pay Thirty"),
    ("Forty quid, tops.", "And how much would that be worth to you?", "I'd pay Forty quid"),
    ("Thirty, maybe.", "How many families are on the books?", ""),  # a count, not a price
    ("Thirty is what we pay now.", "What would you pay for it?", ""),  # says something else about the amount
    # agreeing, then correcting: the correction is the answer
    ("Yeah, about that... well, actually, nearer four.", "So that's about ten cancellations a week?",
     "about four cancellations a week"),
    # naming one of two alternatives in its own words, after a question back
    ("Outside the summer? The hour. If that.", "Is it more like an hour a week on the bookings, or more like five?",
     "Is it more like an hour a week on the bookings"),
    # ... with a leaning word and a hedge after it; and where both alternatives share the word, the very word
    ("Nearer the hour, I suppose. It's lumpy.", "Is it nearer an hour a week or nearer half a day a week?",
     "Is it nearer an hour a week"),
    ("Closer to the hour, most weeks.", "Is that more like an hour, or more like five hours?", "Is that more like an hour"),
])
def test_a_short_answer_stands_for_what_it_picks(answer: str, question: str, meant: str) -> None:
    assert resolve(answer, question) == meant


@pytest.mark.parametrize(("answer", "question", "h", "want"), [
    ("Closer to the first, honestly.", "Would you think more like fifteen pounds a month, or could you see forty?",
     H_PRICE, Stance.contradicts),
    ("Fewer, I'd say, a good bit fewer.", "Do you think more than half would pay from the link, or fewer?", H_SHARE,
     Stance.contradicts),
    ("More, if anything.", "Do you think more than half would pay from the link, or fewer?", H_SHARE, Stance.supports),
    ("About that, yeah, maybe a bit less.", "So the phone goes, what, four or five times a day?", H_CALLS,
     Stance.contradicts),
    ("Less than either of those.", "Would you say once a week, or once a month?", H_MISSED, Stance.contradicts),
    ("Twenty, maybe? If it took the deposits too.", "Is there a number that would feel okay?", H_PRICE,
     Stance.contradicts),
    ("Yeah, about that. Well, no, actually, nearer three.", "So the phone goes, what, ten times a day?", H_CALLS,
     Stance.contradicts),
])
def test_the_question_gives_a_short_answer_its_direction(answer: str, question: str, h: Hypothesis, want: Stance) -> None:
    alone = offline_stance(answer, InsightKind.behaviour, h, 0.4, 0.4)
    assert "answering the question" not in alone.rationale
    read = offline_stance(answer, InsightKind.behaviour, h, 0.4, 0.4, asked=question)
    assert read.stance is want and "answering the question" in read.rationale
