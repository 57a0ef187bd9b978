"""Offline guides: terms from hypotheses, the bank is lint-clean, time budgets, files on disk, the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from synth.cli.main import main
from synth.guide import generate_guide, load_guide, plan, render_markdown, save_guide
from synth.guide.bank import bank_questions, load_bank
from synth.guide.lint import lint_question, lint_text
from synth.guide.slots import slots
from synth.models import Hypothesis, HypothesisKind

from .conftest import HYPOTHESES, hyp

DEMO = Path(__file__).parents[2] / "corpus" / "demo" / "hypotheses.yaml"

MORE = [
    hyp("H6", "Finance leads spend more than 5 hours a week reconciling bank statements"),
    hyp("H7", "Freelancers hate chasing late payments"),
    hyp("H8", "Founders struggle to keep their cap table up to date"),
    hyp("H9", "Month-end close takes too long for agencies"),
    hyp("H10", "Operations managers own the vendor payment process", "customer"),
    hyp("H11", "Agencies lose money on late invoices", "value"),
    hyp("H12", "A shared inbox for receipts would replace their email threads", "solution"),
    hyp("H13", "Bookkeepers share templates in online communities", "growth"),
]


def demo_hypotheses() -> list[Hypothesis]:
    found = list(HYPOTHESES) + MORE
    if DEMO.is_file():
        raw = yaml.safe_load(DEMO.read_text(encoding="utf-8")) or []
        items = raw.get("hypotheses", []) if isinstance(raw, dict) else raw
        found += [Hypothesis.model_validate(i) for i in items]
    return found


@pytest.mark.parametrize(
    ("statement", "kind", "situation", "topic"),
    [
        ("Small finance teams copy invoice data from PDFs into spreadsheets by hand", "problem",
         "you copied invoice data from PDFs", "invoice data"),
        ("Finance leads spend more than 5 hours a week reconciling bank statements", "problem",
         "you reconciled bank statements", "bank statements"),
        ("Freelancers hate chasing late payments", "problem", "you chased late payments", "late payments"),
        ("Founders struggle to keep their cap table up to date", "problem", "you kept your cap table", "your cap table"),
        ("Month-end close takes too long for agencies", "problem", "", "a month-end close"),
        ("Teams would pay $50/month to skip manual reconciliation", "value", "you skipped manual reconciliation",
         "manual reconciliation"),
        ("Independent pharmacies run out of at least one commonly prescribed medicine every week because "
         "wholesaler deliveries arrive late.", "problem", "you ran out of a commonly prescribed medicine",
         "commonly prescribed medicine"),
        ("Closing books by day 5 instead of day 12 lets a firm take on more clients without hiring.", "value",
         "you took on more clients", "more clients"),
    ],
)
def test_claims_become_past_events_and_noun_phrases(statement: str, kind: str, situation: str, topic: str) -> None:
    values = slots(statement, kind)
    assert (values.get("situation", ""), values.get("topic", "")) == (situation, topic)


def test_reason_count_role_and_falsified_if_become_slots() -> None:
    values = slots("Office managers at dental practices with 3-10 chairs choose and pay for patient reminder software.",
                   "customer", falsified_if="The dentist who owns the practice picks the software.")
    assert values["situation"] == "you chose and paid for patient reminder software"
    assert (values["role"], values["org"], values["count_noun"]) == ("an office manager", "dental practice", "chairs")
    assert values["counter"] == "the dentist picked the software"
    cause = slots("Small law firms lose billable hours because lawyers record their time at the end of the week.",
                  "problem")
    # The reason is about lawyers, not the firms interviewed: it stays in the third person.
    assert cause["cause"] == "your lawyers recorded their time" and cause["fix"] == "avoid losing billable hours"


def test_every_bank_question_filled_for_demo_hypotheses_passes_the_strict_linter() -> None:
    bank = load_bank()
    for h in demo_hypotheses():
        questions = bank_questions(h, bank)
        assert len(questions) >= 5, (h.id, [q.text for q in questions])
        for q in questions:
            assert "{" not in q.text and lint_question(q.text, h.statement) == [], (h.id, q.text)
            assert all(lint_question(p, h.statement) == [] for p in q.probes), (h.id, q.probes)
    for line in (*bank.opening, *bank.closing, *bank.generic_probes):
        assert all(not flags for _, _, flags in lint_text(line)), line


def test_bank_questions_use_the_hypothesis_words() -> None:
    [first, second, *_] = bank_questions(HYPOTHESES[0])
    assert first.text == "Tell me about the last time you copied invoice data from PDFs."
    assert second.text == "How many times did you copy invoice data from PDFs in the last month?"
    value = [q.text for q in bank_questions(HYPOTHESES[2])]
    assert "What did you spend on manual reconciliation last month, in money or hours?" in value


def test_probes_fit_the_segment() -> None:
    h = hyp("H1", "Office managers at dental practices choose patient reminder software.", "customer")
    team = [p for q in bank_questions(h) for p in q.probes]
    assert "Who do you report to?" in team
    for segment in ("solo founders", "sole traders", "freelance designers"):
        probes = [p for q in bank_questions(h, segment=segment) for p in q.probes]
        assert not any("report to" in p or "team" in p for p in probes), segment
    owner = hyp("H2", "Gym owners choose their booking software.", "customer")
    assert not any("report to" in p for q in bank_questions(owner) for p in q.probes)


@pytest.mark.parametrize(("minutes", "sections", "questions"), [(10, 1, 3), (20, 1, 5), (30, 1, 6), (45, 2, 6), (60, 3, 5)])
def test_plan_fits_the_interview_length(minutes: int, sections: int, questions: int) -> None:
    p = plan(minutes, 5)
    assert (p.sections, p.questions) == (sections, questions)
    assert p.opening + p.closing + sum(p.section_minutes) == minutes


def test_short_interviews_get_fewer_hypotheses_and_questions(ws) -> None:
    short = generate_guide(ws, minutes=15, today=date(2026, 3, 9))
    long = generate_guide(ws, minutes=90, today=date(2026, 3, 9))
    # H5 is supported, so the default is the open ones, in order.
    assert [s.hypothesis_id for s in long.sections] == ["H1", "H2", "H3", "H4"]
    assert [s.hypothesis_id for s in short.sections] == ["H1"]
    assert len(short.sections[0].questions) == 3
    assert all(4 <= len(s.questions) <= 6 for s in long.sections)
    assert all(not q.flags for s in long.sections for q in s.questions)


def test_counts_against_uses_falsified_if_else_a_kind_default(ws) -> None:
    g = generate_guide(ws, ["H1", "H3"], minutes=45, today=date(2026, 3, 9))
    assert g.sections[0].counts_against == "They say an accountant or a tool already handles invoices"
    assert "manual reconciliation" in g.sections[1].counts_against


def test_save_writes_markdown_and_json_twin_and_keeps_hand_edits(ws) -> None:
    g = generate_guide(ws, ["H1"], minutes=30, segment="Agency finance", today=date(2026, 3, 9))
    path = save_guide(ws, g)
    assert path.name == "2026-03-09-agency-finance-h1.md"
    assert load_guide(path) == g
    md = path.read_text(encoding="utf-8")
    assert "## H1: Small finance teams copy" in md and "min)" in md
    assert "_Counts against H1: They say an accountant" in md
    # Saving the same guide again replaces it; after a hand edit, a new name keeps the edit.
    assert save_guide(ws, g) == path
    path.write_text(md + "\n- My own question: what did the last audit find?\n", encoding="utf-8")
    second = save_guide(ws, g)
    assert second.name == "2026-03-09-agency-finance-h1-2.md"
    assert "My own question" in path.read_text(encoding="utf-8")
    # A guide written by Synth lints clean as a file.
    assert all(not flags for _, _, flags in lint_text(render_markdown(g)))


def test_unknown_hypothesis_is_a_user_error(ws, capsys) -> None:
    assert main(["-w", str(ws.root), "guide", "-H", "H99"]) == 2
    assert "no hypothesis 'H99'" in capsys.readouterr().err


def test_cli_guide_json_and_files(ws, capsys) -> None:
    assert main(["-w", str(ws.root), "guide", "-H", "h1", "-H", "H4", "--minutes", "45", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [s["hypothesis_id"] for s in out["guide"]["sections"]] == ["H1", "H4"]
    assert Path(out["path"]).is_file() and Path(out["path"]).with_suffix(".json").is_file()


def test_cli_lint_file_exit_codes_and_json(tmp_path, capsys) -> None:
    good = tmp_path / "good.md"
    good.write_text("- How often do you close the books?\n- What did it cost you?\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text("How do you handle invoices today?\n\nWould you pay for our app?\n", encoding="utf-8")
    assert main(["guide", "lint", str(good)]) == 0
    capsys.readouterr()
    assert main(["guide", "lint", str(bad)]) == 1
    captured = capsys.readouterr()
    assert f"{bad}:3: Would you pay for our app?" in captured.out
    assert "hypothetical" in captured.out and "pitch" in captured.out
    assert main(["guide", "lint", str(bad), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["questions"], data["flagged"]) == (2, 1)
    assert [f["rule"] for f in data["results"][1]["flags"]] == ["hypothetical", "yes_no", "pitch"]
    assert main(["guide", "lint", str(tmp_path / "missing.md")]) == 2


def test_kind_without_bank_entry_falls_back_to_problem_questions() -> None:
    h = hyp("H1", "Teams copy receipts by hand")
    assert h.kind is HypothesisKind.problem and bank_questions(h)


def test_no_hypotheses_is_a_clear_user_error(tmp_path, capsys) -> None:
    from synth.workspace import Workspace

    ws = Workspace.create(tmp_path / "empty")
    assert main(["-w", str(ws.root), "guide"]) == 2
    assert "no hypotheses yet" in capsys.readouterr().err


def test_cli_without_hypotheses_names_the_ones_it_covers_and_the_ones_left_out(ws, capsys) -> None:
    assert main(["-w", str(ws.root), "guide", "--minutes", "30", "--json"]) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["covered"] == ["H1"] and out["left_out"] == ["H2", "H3", "H4"]
    assert "no -H given: covering the open hypotheses H1" in captured.err
    assert "left out for time (30 min): H2, H3, H4" in captured.err


def test_cli_dry_run_writes_nothing(ws, capsys) -> None:
    assert main(["-w", str(ws.root), "guide", "-H", "H1", "--dry-run"]) == 0
    assert "Interview guide" in capsys.readouterr().out
    assert not list(ws.guides_dir.glob("*.md"))


def test_library_generate_asks_for_a_choice_instead_of_defaulting(ws) -> None:
    from synth.errors import UserError
    from synth.guide import generate, open_hypotheses

    with pytest.raises(UserError, match="none is selected"):
        generate(ws, [])
    assert [h.id for h in open_hypotheses(ws)] == ["H1", "H2", "H3", "H4"]
    g = generate(ws, ["H3"], today=date(2026, 3, 9))
    assert [s.hypothesis_id for s in g.sections] == ["H3"]


def test_cli_dry_run_with_a_provider_shows_the_planned_request_and_sends_nothing(ws, capsys, monkeypatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    toml = ws.root / "synth.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace('provider = "none"', 'provider = "openai:gpt-4o-mini"'), encoding="utf-8")
    assert 'provider = "openai:gpt-4o-mini"' in toml.read_text(encoding="utf-8")
    assert main(["-w", str(ws.root), "guide", "-H", "H1", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "guide: prompt guide" in out and "openai:gpt-4o-mini" in out
    assert HYPOTHESES[0].statement in out
    assert not list(ws.guides_dir.glob("*"))
