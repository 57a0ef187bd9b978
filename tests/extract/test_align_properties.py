"""Grounding never stores a quote that is not verbatim participant text, whatever the input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synth.extract.align import align_quote, is_grounded, normalise
from synth.extract.build import interview_from_turns

BLNS = Path(__file__).parents[2] / ".." / "shared" / "data" / "blns.txt"

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzÉéü’'", min_size=1, max_size=8)
sentences = st.lists(words, min_size=3, max_size=25).map(lambda ws: " ".join(ws) + ".")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    answer=st.lists(sentences, min_size=1, max_size=4).map(" ".join),
    question=sentences,
    data=st.data(),
)
def test_any_participant_substring_grounds_even_when_mangled(answer, question, data):
    iv = interview_from_turns("p", [("Interviewer", question), ("Pat", answer)])
    tokens = answer.split(" ")
    i = data.draw(st.integers(0, len(tokens) - 1))
    j = data.draw(st.integers(i + 1, len(tokens)))
    quote = " ".join(tokens[i:j])
    mangled = data.draw(st.sampled_from([quote, quote.upper(), "  " + quote.replace(" ", "  ") + " ", quote.replace("’", "'")]))
    hit = align_quote(iv, mangled)
    if normalise(mangled):
        assert hit is not None
        assert is_grounded(iv, hit.quote)
        assert normalise(hit.quote.text) == normalise(quote)


@settings(max_examples=60, deadline=None)
@given(answer=sentences, quote=st.text(min_size=0, max_size=80))
def test_whatever_is_returned_is_grounded(answer, quote):
    iv = interview_from_turns("p", [("Interviewer", "Why?"), ("Pat", answer)])
    hit = align_quote(iv, quote)
    assert hit is None or is_grounded(iv, hit.quote)


@pytest.mark.skipif(not BLNS.is_file(), reason="shared data not present")
def test_naughty_strings_never_crash_or_ground_falsely():
    lines = [ln for ln in BLNS.read_text(encoding="utf-8", errors="replace").splitlines() if ln and not ln.startswith("#")]
    iv = interview_from_turns("n", [("Interviewer", "Tell me."), ("Pat", " ".join(lines[:200]))])
    for ln in lines:
        hit = align_quote(iv, ln)
        assert hit is None or is_grounded(iv, hit.quote)
