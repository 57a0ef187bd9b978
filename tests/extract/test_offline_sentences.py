"""Sentence splitting keeps money, decimals, times and abbreviations whole; summaries are clean sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from synth.extract.build import interview_from_turns
from synth.extract.sentences import candidate_sentences, clean_summary, split_text
from synth.parsing.questions import is_question

# (turn text, the sentences it must split into)
SPLITS = [
    (
        "We pay about $1.5k a month, e.g. for Xero. It's fine.",
        ["We pay about $1.5k a month, e.g. for Xero.", "It's fine."],
    ),
    ("It takes 3.5 hours every week. Then I stop.", ["It takes 3.5 hours every week.", "Then I stop."]),
    (
        "We start at 10:30 a.m. on Mondays. Nobody is late.",
        ["We start at 10:30 a.m. on Mondays.", "Nobody is late."],
    ),
    ("I asked Dr. Smith about it. She said no.", ["I asked Dr. Smith about it.", "She said no."]),
    ("Most clients are in the U.S. and Canada. A few are not.", ["Most clients are in the U.S. and Canada.", "A few are not."]),
    ("The fee went from €2.50 to €3.75 per order. That hurt.", ["The fee went from €2.50 to €3.75 per order.", "That hurt."]),
    ("Mr. Jones signs everything, i.e. the owner. Really!", ["Mr. Jones signs everything, i.e. the owner.", "Really!"]),
    ("Version 2.0 broke it. We rolled back.", ["Version 2.0 broke it.", "We rolled back."]),
    ("Is that normal? I think so.", ["Is that normal?", "I think so."]),
    ("no punctuation at all in this one", ["no punctuation at all in this one"]),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS, ids=[t[:30] for t, _ in SPLITS])
def test_splitter_keeps_numbers_times_and_abbreviations_whole(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in split_text(text)] == expected


_WORDS = st.sampled_from(
    ["we", "pay", "$1.5k", "3.5", "hours", "e.g.", "Dr.", "Smith", "10:30", "a.m.", "U.S.", "it", "works", "no"]
)
_SENTENCE = st.lists(_WORDS, min_size=1, max_size=12).map(lambda ws: " ".join(ws).capitalize())


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(_SENTENCE, st.sampled_from([".", "!", "?", ""])), min_size=1, max_size=6))
def test_spans_are_exact_ordered_and_never_cut_a_number(parts: list[tuple[str, str]]) -> None:
    text = " ".join(s + end for s, end in parts)
    spans = split_text(text)
    assert spans, text
    prev_end = 0
    for a, b in spans:
        assert prev_end <= a < b <= len(text)
        piece = text[a:b]
        assert piece == piece.strip()
        prev_end = b
    # Everything that is not space is covered by some span.
    covered = "".join(text[a:b] for a, b in spans)
    assert covered.replace(" ", "") == text.replace(" ", "")
    # No span boundary falls inside a word: "$1.5k", "3.5", "10:30", "e.g." stay whole.
    import re

    for m in re.finditer(r"\S+", text):
        assert any(a <= m.start() and m.end() <= b for a, b in spans), (m.group(), spans)


def test_candidates_keep_offsets_exact() -> None:
    iv = interview_from_turns(
        "x",
        [("Interviewer", "Tell me more."), ("Pat", "We pay about $1.5k a month, e.g. for the tool. It takes 3.5 hours.")],
    )
    sents = candidate_sentences(iv)
    assert [s.text for s in sents] == ["We pay about $1.5k a month, e.g. for the tool.", "It takes 3.5 hours."]
    for s in sents:
        assert iv.text[s.start : s.end] == s.text


SUMMARIES = [
    ("Which is, like, four steps per form.", "Which is four steps per form."),
    ("okay, um, I'm not sure it works", "I'm not sure it works."),
    ("So, yeah, I mean, the the problem is um the cost", "The problem is the cost."),
    ("I I think it's, you know, fine", "I think it's fine."),
    ("okayI'm done with it", "Okay I'm done with it."),
    ("we did it.Then we left", "We did it. Then we left."),
    ("- yes we do it every day", "We do it every day."),
    ("and honestly a lot of them are sick of it", "A lot of them are sick of it."),
    ("It costs $1.5k a month, e.g. for hosting.", "It costs $1.5k a month, e.g. for hosting."),
]


@pytest.mark.parametrize(("raw", "clean"), SUMMARIES, ids=[r[:25] for r, _ in SUMMARIES])
def test_summaries_are_clean_sentences(raw: str, clean: str) -> None:
    assert clean_summary(raw) == clean


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["um", "uh,", "like,", "you", "know,", "so", "the", "cost", "is", "high", "I", "mean,",
                                 "we", "pay", "$40", "a", "month."]), min_size=1, max_size=15))
def test_summary_never_glues_words_and_always_ends_a_sentence(words: list[str]) -> None:
    raw = " ".join(words)
    out = clean_summary(raw)
    if not out:
        return
    assert out[0] == out[0].upper()
    assert out[-1] in ".!?\u2026\"'\u201d"
    assert "  " not in out
    kept = set(out.lower().replace(",", " ").replace(".", " ").split())
    # Every word of the summary comes from the raw text (nothing glued, nothing invented).
    assert kept <= set(raw.lower().replace(",", " ").replace(".", " ").split())


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("How did you go about actually doing something?", True),
        ("Can you please tell us about what the big issue was", True),
        ("Do you use any portal", True),
        ("So what do you do when it breaks", True),
        ("Tell me a bit about the truck.", True),
        ("Walk me through the last time you applied for one.", True),
        ("Could you describe a normal week", True),
        ("I told my partner about it last week.", False),
        ("What I really need is one list of everything.", False),
        ("How we do it is by hand, every Friday.", False),
        ("We do it by hand every Friday.", False),
        ("Did it twice last week, and it broke both times.", False),
    ],
)
def test_questions_are_recognised(text: str, asked: bool) -> None:
    assert is_question(text) is asked
