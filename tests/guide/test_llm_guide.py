"""The LLM guide path through the client seam: flagged questions are rewritten once, then dropped."""

from __future__ import annotations

from datetime import date

from synth.guide import generate_guide

from .conftest import FakeLLM


def test_flagged_questions_are_regenerated_then_dropped_and_topped_up_from_the_bank(ws) -> None:
    first = {
        "sections": [
            {
                "hypothesis_id": "H1",
                "questions": [
                    {"text": "When did you last type invoice numbers into a spreadsheet?", "probes": ["What happened next?", "Would you pay to stop?"]},
                    {"text": "Would you use an app that reads PDFs?", "probes": []},
                    {"text": "Do you hate month-end?", "probes": []},
                ],
            },
            {"hypothesis_id": "H99", "questions": [{"text": "What is unrelated?"}]},
        ]
    }
    fixes = {
        "rewrites": [
            {"n": 1, "text": "Tell me about the last time PDFs slowed down your month-end."},
            {"n": 2, "text": "Isn't month-end awful?"},
        ]
    }
    llm = FakeLLM([first, fixes])
    g = generate_guide(ws, ["H1"], minutes=20, llm=llm, today=date(2026, 3, 9))
    assert [c[1] for c in llm.calls] == ["guide", "guide_fix"]
    assert llm.calls[0][2]["questions_per_hypothesis"] == 5
    # Only the two flagged questions went back, each with its flags.
    sent = llm.calls[1][2]["questions"]
    assert [q["n"] for q in sent] == [1, 2]
    assert any(f.startswith("pitch:") for f in sent[0]["flags"])
    texts = [q.text for q in g.sections[0].questions]
    assert texts[:2] == [
        "When did you last type invoice numbers into a spreadsheet?",
        "Tell me about the last time PDFs slowed down your month-end.",
    ]
    # The rewrite that still fails is dropped; the bank fills the section to its planned size.
    assert "Isn't month-end awful?" not in texts and len(texts) == 5
    assert g.sections[0].questions[0].probes == ["What happened next?"]
    assert all(not q.flags for q in g.sections[0].questions)
    # Two questions are the model's, three the bank's: the label says so.
    assert g.engine == "llm (2 of 5 questions; the rest from the offline bank)"


def test_a_model_that_answers_nothing_usable_leaves_an_offline_guide_labelled_as_such(ws) -> None:
    llm = FakeLLM([{"sections": []}])
    g = generate_guide(ws, ["H1"], minutes=20, llm=llm, today=date(2026, 3, 9))
    assert g.engine == "offline (llm answered nothing usable)"
    offline = generate_guide(ws, ["H1"], minutes=20, today=date(2026, 3, 9))
    assert g.sections == offline.sections and offline.engine == "offline"


def test_no_rewrite_call_when_everything_is_clean(ws) -> None:
    answer = {"sections": [{"hypothesis_id": "h4", "questions": [{"text": f"What happened the {n} time?"} for n in ("first", "second", "third")]}]}
    llm = FakeLLM([answer])
    g = generate_guide(ws, ["H4"], minutes=15, llm=llm, today=date(2026, 3, 9))
    assert len(llm.calls) == 1
    assert [q.text for q in g.sections[0].questions] == [f"What happened the {n} time?" for n in ("first", "second", "third")]
