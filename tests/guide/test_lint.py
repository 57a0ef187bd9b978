"""The question linter on a table of good and bad questions, including the subtle ones."""

from __future__ import annotations

import pytest

from synth.guide.lint import lint_question, lint_text, questions_in_text

GOOD = [
    "How often do you reconcile invoices?",
    "Tell me about the last time you closed the month.",
    "What did you do then?",
    "What did it cost you?",
    "Walk me through your month-end close, step by step.",
    "Who else is involved when that happens?",
    "How do you handle invoices today?",
    "What have you tried to fix it?",
    "Why was that hard?",
    "When did that last happen?",
    "What was the hardest part about that?",
    "How much do you pay for Xero each month?",
    "What did you stop paying for in the last year, and why?",
    "Where did you look when it broke?",
    "Tell me about a time you switched accounting software.",
    "How did Sam from accounting find out?",
    "Tell me about the last time you recommended a tool or a service to someone.",
]

BAD = [
    ("Don't you think invoices are painful?", {"leading", "yes_no"}),
    ("Isn't it frustrating to copy numbers by hand?", {"leading", "yes_no"}),
    ("How much do you love spreadsheets?", {"leading"}),
    ("How frustrating is it when invoices are late?", {"leading"}),
    ("You'd agree that month-end is the worst, right?", {"leading", "hypothetical"}),
    ("How likely would you be to switch?", {"hypothetical"}),
    ("What would you pay for something like that?", {"hypothetical"}),
    ("Will you use it every week?", {"hypothetical", "yes_no"}),
    ("Imagine invoices entered themselves. What changes for you?", {"hypothetical"}),
    ("If we built a tool that reads PDFs, how much time would it save?", {"hypothetical", "pitch"}),
    ("Do you use Excel?", {"yes_no"}),
    ("Did you try anything else?", {"yes_no"}),
    ("So, are you the one who pays the bills?", {"yes_no"}),
    ("Have you ever lost an invoice?", {"yes_no"}),
    ("Could you walk me through it?", {"yes_no"}),
    ("What do you think about our idea?", {"pitch"}),
    ("What if there was an app that did it for you?", {"pitch", "hypothetical"}),
    ("We're building a reconciliation assistant; what stops you from trying new tools?", {"pitch"}),
    ("What tools do you use, and how much do you pay for them?", {"compound"}),
    ("What do you use? How much does it cost?", {"compound"}),
    ("Would you use it or would you stick with Excel?", {"hypothetical", "yes_no", "compound"}),
    ("How do you leverage synergy in your workflow orchestration?", {"jargon"}),
    ("What is the TAM for your ICP?", {"jargon"}),
    ("Where does the MVP fit into your process?", {"jargon"}),
]


@pytest.mark.parametrize("question", GOOD)
def test_good_questions_pass(question: str) -> None:
    assert lint_question(question) == []


@pytest.mark.parametrize(("question", "rules"), BAD)
def test_bad_questions_get_exactly_their_flags(question: str, rules: set[str]) -> None:
    flags = lint_question(question)
    assert {f.rule for f in flags} == rules
    for f in flags:
        assert f.why and f.suggestion


def test_jargon_flag_names_the_words_and_acronyms_only_in_capitals() -> None:
    [flag] = lint_question("How do you leverage the MVP?")
    assert "leverage" in flag.why and "MVP" in flag.why
    assert lint_question("How did Sam and Tam split the invoices last month?") == []


def test_curly_apostrophes_and_spacing_are_normalised() -> None:
    assert {f.rule for f in lint_question("Don\u2019t   you think  it\u2019s slow?")} == {"leading", "yes_no"}


def test_questions_in_text_reads_bullets_numbers_and_skips_notes() -> None:
    text = "\n".join(
        [
            "# My questions",
            "",
            "- Do you use Excel?",
            "1. Tell me about the last time you closed the month.",
            "   - Probe: What happened next?",
            "_Counts against H1: they never do it_",
            "> a note",
            "Some statement that is not a question.",
            "* [ ] Would you pay for it?",
        ]
    )
    found = questions_in_text(text)
    assert [n for n, _ in found] == [3, 4, 5, 9]
    assert found[0][1] == "Do you use Excel?"
    assert found[2][1] == "What happened next?"
    assert found[3][1] == "Would you pay for it?"
    flagged = [n for n, _, flags in lint_text(text) if flags]
    assert flagged == [3, 9]


def test_question_marks_inside_are_compound_but_emphasis_is_not() -> None:
    assert [f.rule for f in lint_question("What do you use? How much?")] == ["compound"]
    assert lint_question("What happened next?!") == [] and lint_question("What happened then??") == []


def test_naughty_strings_never_crash_the_linter() -> None:
    from pathlib import Path

    blns = Path(__file__).parents[2] / ".." / "shared" / "data" / "blns.txt"
    if not blns.is_file():
        pytest.skip("shared test data not available")
    lines = [ln for ln in blns.read_text(encoding="utf-8", errors="replace").splitlines() if not ln.startswith("#")]
    for line in lines:
        for flag in lint_question(line):
            assert flag.rule in {"leading", "hypothetical", "yes_no", "pitch", "compound", "jargon", "broken_slot"}
    assert isinstance(lint_text("\n".join(lines)), list)
    lint_question("?" * 20000 + "a")


# --- the strict rules: a broken slot, a pasted clause ---------------------------------------------

PHARMACY = ("Independent pharmacies run out of at least one commonly prescribed medicine every week because "
            "wholesaler deliveries arrive late.")

BROKEN = [
    # The questions the old generator wrote for other domains (issue 14), each now caught.
    "Tell me about the last time you dealt with three.",
    "Walk me through how you handle three, step by step.",
    "How do you handle trust today?",
    "What do you spend on route planning that cuts today, in money or hours?",
    # More shapes of the same fault.
    "How did you deal with late?",
    "What did you spend on the today?",
    "Tell me about the last time you run out of stock.",
    "Tell me about the last time you lost of appointments.",
    "What have you tried so far to avoid losing of rent?",
    "Tell me about the last time you dealt with a there.",
    "What does a normal week look like for you as a dentists, hygienist?",
    "Tell me about the last time you ran your own studio choose.",
    "How do you spend on stocktakes today?",
    "Tell me about the last time your tasting rooms closed at a pm.",
    "Tell me about the last time you saw.",
    "How many times did you ran out of stock?",
    "Tell me about the last time the the delivery arrived.",
]


@pytest.mark.parametrize("question", BROKEN)
def test_broken_slots_are_flagged(question: str) -> None:
    assert "broken_slot" in {f.rule for f in lint_question(question)}


def test_a_pasted_clause_and_pasted_quantities_are_flagged_against_their_hypothesis() -> None:
    pasted = ("What have you tried to make running out of at least one commonly prescribed medicine every week "
              "because wholesaler deliveries arrive late easier?")
    assert {"broken_slot", "pasted"} <= {f.rule for f in lint_question(pasted, PHARMACY)}
    # Eight words in a row from the hypothesis are allowed, nine are not.
    eight = "Tell me how independent pharmacies run out of at least one thing."
    nine = "Tell me how independent pharmacies run out of at least one commonly."
    assert "pasted" not in {f.rule for f in lint_question(eight.replace("at least ", ""), PHARMACY)}
    assert "pasted" in {f.rule for f in lint_question(nine, PHARMACY)}
    # Without the hypothesis there is nothing to paste from.
    assert "pasted" not in {f.rule for f in lint_question(pasted)}


@pytest.mark.parametrize(
    "question",
    [
        "Tell me about the last time you ran out of a commonly prescribed medicine.",
        "Tell me about the last time wholesaler deliveries arrived late.",
        "What did you pay for?",
        "How much time did you spend on admin last month?",
        "What does a normal week look like for you as an HR manager?",
        "Tell me about the last time the software budget came up at work.",
    ],
)
def test_whole_questions_built_from_a_hypothesis_pass(question: str) -> None:
    assert lint_question(question, PHARMACY) == []
