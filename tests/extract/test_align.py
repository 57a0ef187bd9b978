from __future__ import annotations

import pytest

from synth.extract.align import align_quote, is_grounded
from synth.extract.build import interview_from_turns

TURNS = [
    ("Interviewer", "How do you handle invoices today? Do you hate the process?"),
    (
        "Dana",
        "Honestly, it\u2019s a nightmare. Every Friday I spend three hours copying numbers "
        "from PDFs into our spreadsheet, and then I check them twice because I don\u2019t trust myself.",
    ),
    ("Interviewer", "What have you tried?"),
    ("Dana", "We tried Expensify for a month. It was too expensive for a team of four, so we went back."),
]


@pytest.fixture
def iv():
    return interview_from_turns("iv1", TURNS)


def check(iv, al):
    assert al is not None
    assert al.quote.text == iv.text[al.quote.start : al.quote.end]
    assert is_grounded(iv, al.quote)
    return al


def test_exact(iv):
    al = check(iv, align_quote(iv, "We tried Expensify for a month."))
    assert al.method == "exact"
    assert al.quote.turn_index == 3


@pytest.mark.parametrize(
    "quote",
    [
        "honestly, it's a nightmare",  # casing + straight apostrophe
        "Honestly it's a nightmare!",  # punctuation
        "\u201cEvery Friday I spend three   hours copying numbers from PDFs\u201d",  # curly quotes, spaces
    ],
)
def test_normalised_near_miss_maps_to_source(iv, quote):
    al = check(iv, align_quote(iv, quote))
    assert al.method in {"normalised", "exact"}
    assert "\u2019" in al.quote.text or "Every Friday" in al.quote.text


def test_ellipsis_joins_two_parts(iv):
    al = check(iv, align_quote(iv, "Every Friday I spend three hours ... I check them twice"))
    assert al.method == "ellipsis"
    assert al.quote.text.startswith("Every Friday") and al.quote.text.endswith("check them twice")


def test_dropped_words_fuzzy(iv):
    al = check(iv, align_quote(iv, "It was too expensive for a team of four so we went back"))
    assert al.quote.text.startswith("It was too expensive")
    al = check(iv, align_quote(iv, "I spend three hours copying numbers from PDFs into the spreadsheet"))
    assert al.method == "fuzzy"
    assert al.quote.text.endswith("our spreadsheet")


def test_hallucinated_quote_is_not_grounded(iv):
    assert align_quote(iv, "We would happily pay fifty dollars a month for this") is None
    assert align_quote(iv, "It was too cheap for a team of forty, so we stayed") is None


def test_interviewer_words_never_ground(iv):
    assert align_quote(iv, "How do you handle invoices today?") is None
    al = align_quote(iv, "How do you handle invoices today?", include_interviewer=True)
    assert al is not None and al.quote.turn_index == 0


def test_word_boundaries(iv):
    # "rust" occurs only inside "trust": not a grounded quote.
    assert align_quote(iv, "rust myself") is None
