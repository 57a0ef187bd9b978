"""Drafts: sections, citations validated against the workspace, diff, apply, refusal on hand edits."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

import pytest

from synth.cli.main import main
from synth.errors import ConflictError, UserError
from synth.models import Review, Stance
from synth.strategy import (
    SECTIONS,
    apply_draft,
    draft_diff,
    load_draft,
    make_draft,
    parse,
    render,
    save_draft,
)
from synth.strategy.citations import CitedClaim, validate_claims

from .conftest import NOW, FakeLLM, add_interview

FOOTNOTE_DEF = re.compile(r"^\[\^(I[0-9a-f]{8})\]: \u201c(.+)\u201d \u2014 (.+), interview (\S+)$", re.M)
NOOR = [("I retype every supplier invoice into Excel.", "behaviour", {"H1": Stance.supports})]
LATER = datetime(2026, 3, 13, 9, 0, tzinfo=UTC)


def _draft(ws, **kw):
    return make_draft(ws, now=kw.pop("now", NOW), themes=kw.pop("themes", False), **kw)


def test_sections_parse_and_render_round_trip() -> None:
    text = (
        "# Strategy: X\n\nIntro.\n\n## north star\n\n**Metric:** y\n\n## My own notes\n\nKeep me.\n\n"
        "## Hypotheses\n\n- a claim[^I1234abcd]\n\n```\n## not a heading\n```\n\n## Sources\n\n"
        "[^I1234abcd]: \u201cq\u201d \u2014 Dana, interview dana\n[^Iunused00]: gone\n"
    )
    doc = parse(text)
    assert list(doc.sections) == ["North Star", "My own notes", "Hypotheses"]
    assert "## not a heading" in doc.sections["Hypotheses"]
    assert doc.footnotes["I1234abcd"].startswith("\u201cq")
    again = parse(render(doc))
    assert again.sections == doc.sections
    # Footnotes nothing refers to are not rendered.
    assert "Iunused00" not in render(doc) and "[^I1234abcd]: " in render(doc)


def test_first_draft_creates_every_section_with_cited_claims(ws) -> None:
    d = _draft(ws)
    assert list(d.sections) == list(SECTIONS)
    assert d.base_sections == {} and d.engine == "offline"
    # Lena speaks on both sides of H1, so she counts on neither: two supporters are not enough evidence
    # for the verdict rule to recommend any change of status.
    assert d.status_changes == {}
    assert "Consider marking" not in d.sections["What changes"]
    assert "weekly reconciled invoices" in d.sections["North Star"]
    apply_draft(ws, d)
    text = ws.strategy_text()
    assert text.startswith("# Strategy: Ledgerly")
    assert list(parse(text).sections) == list(SECTIONS)
    # Every footnote reference has a definition with the verbatim quote, participant and interview.
    refs = set(re.findall(r"\[\^(I[0-9a-f]{8})\](?!:)", text))
    defs = {m.group(1): m for m in FOOTNOTE_DEF.finditer(text)}
    assert refs and refs == set(defs)
    for iid, m in defs.items():
        _, ins = ws.find_insight(iid)
        assert m.group(2) == ins.quotes[0].text and m.group(4) == ins.interview_id
        assert m.group(3) == ws.interview(ins.interview_id).meta.participant
    # Every claim line in the dated evidence sections cites something.
    lines = [ln for ln in parse(text).sections["What we learned"].splitlines() if ln.startswith("- ")]
    assert lines and all("[^I" in ln for ln in lines)
    assert load_draft(ws, d.id).applied


def test_citation_validation_rejects_unknown_and_rejected_ids(ws) -> None:
    insights = {i.id: i for i in ws.insights()}
    good = next(iter(insights))
    with pytest.raises(ValueError, match="unknown or rejected insight id"):
        CitedClaim.model_validate({"section": "What changes", "text": "x", "insight_ids": ["Ideadbeef"]},
                                  context={"insights": insights})
    rejected = insights[good].model_copy(update={"review": Review.rejected})
    with pytest.raises(ValueError, match=good):
        CitedClaim.model_validate({"section": "What changes", "text": "x", "insight_ids": [good]},
                                  context={"insights": {good: rejected}})
    kept, problems = validate_claims(
        [
            {"section": "What we learned", "text": "Backed.", "insight_ids": [good, "Ideadbeef"]},
            {"section": "What we learned", "text": "Invented.", "insight_ids": ["Ideadbeef"]},
            {"section": "What we learned", "text": "Uncited.", "insight_ids": []},
        ],
        insights,
    )
    assert [c.text for c in kept] == ["Backed."]
    assert [c.insight_id for c in kept[0].citations] == [good]
    assert len(problems) == 2 and "Ideadbeef" in problems[0]


def test_rejected_insight_is_never_cited(ws) -> None:
    s = ws.insight_set("lena")
    contra = next(i for i in s.insights if "accountant" in i.summary)
    ws.save_insight_set(s.model_copy(update={"insights": [
        i.model_copy(update={"review": Review.rejected}) if i.id == contra.id else i for i in s.insights]}))
    d = _draft(ws)
    assert all(c.insight_id != contra.id for claim in d.claims for c in claim.citations)
    assert contra.id not in "".join(d.sections.values())


def test_llm_claims_with_unknown_ids_are_dropped(ws) -> None:
    good = ws.insight_set("omar").insights[0].id
    llm = FakeLLM([{"claims": [
        {"section": "What we learned", "text": "Omar copies invoice numbers weekly.", "insight_ids": [good]},
        {"section": "What changes", "text": "Pivot to accountants.", "insight_ids": ["Inotreal1"]},
    ]}])
    d = _draft(ws, llm=llm)
    assert llm.calls[0][1] == "draft"
    assert any(i["id"] == good for i in llm.calls[0][2]["insights"])
    assert d.engine == "llm"
    assert "Omar copies invoice numbers weekly[^" in d.sections["What we learned"]
    assert "Pivot" not in "".join(d.sections.values())
    assert len(d.dropped_claims) == 1 and "Inotreal1" in d.dropped_claims[0]


def test_diff_and_partial_apply_keep_the_rest(ws) -> None:
    apply_draft(ws, _draft(ws))
    add_interview(ws, "noor", "Noor", date(2026, 3, 12), NOOR)
    d = _draft(ws, now=LATER)
    assert d.since == NOW.date()
    assert {"What we learned", "Hypotheses"} <= set(d.sections)
    diff = draft_diff(ws, d)
    assert diff.startswith("--- a/strategy.md\n+++ b/strategy.md\n")
    assert "+### 2026-03-13" in diff and "Noor said" in diff
    before = parse(ws.strategy_text())
    apply_draft(ws, d, sections=["What we learned"])
    after = parse(ws.strategy_text())
    assert "Noor said" in after.sections["What we learned"]
    assert after.sections["What we learned"].startswith(before.sections["What we learned"])
    assert after.sections["Hypotheses"] == before.sections["Hypotheses"]
    assert (ws.drafts_dir / f"{d.id}.previous.md").read_text(encoding="utf-8") == render(before)
    assert load_draft(ws, d.id).applied_sections == ["What we learned"]
    with pytest.raises(UserError, match="already applied"):
        apply_draft(ws, load_draft(ws, d.id))


def test_hand_edit_in_a_changed_section_refuses_and_writes_nothing(ws) -> None:
    apply_draft(ws, _draft(ws))
    add_interview(ws, "noor", "Noor", date(2026, 3, 12), NOOR)
    d = _draft(ws, now=LATER)
    save_draft(ws, d)
    # The founder edits one section the draft changes, and one it does not.
    text = ws.strategy_text()
    text = text.replace("## What we learned\n", "## What we learned\n\nOur own note: talk to CFOs.\n", 1)
    text = text.replace("## North Star\n", "## North Star\n\nWe may switch metrics in Q3.\n", 1)
    ws.strategy_path.write_text(text, encoding="utf-8")
    with pytest.raises(ConflictError, match="'What we learned'") as err:
        apply_draft(ws, d)
    assert err.value.exit_code == 6
    assert ws.strategy_text() == text
    # Sections without a hand edit can still be accepted; the edits survive.
    apply_draft(ws, d, sections=["Hypotheses"])
    final = ws.strategy_text()
    assert "Our own note: talk to CFOs." in final and "We may switch metrics in Q3." in final
    # A new draft builds on the edit instead of overwriting it.
    again = _draft(ws, now=datetime(2026, 3, 13, 10, 0, tzinfo=UTC), since=date(2026, 3, 10))
    apply_draft(ws, again)
    assert "Our own note: talk to CFOs." in ws.strategy_text()


def test_nothing_new_means_nothing_to_apply(ws) -> None:
    apply_draft(ws, _draft(ws))
    again = _draft(ws, now=datetime(2026, 3, 6, 13, 0, tzinfo=UTC))
    assert again.sections == {}


def test_cli_draft_dry_run_apply_and_json(ws, capsys) -> None:
    root = str(ws.root)
    assert main(["-w", root, "draft", "--dry-run", "--no-themes"]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("--- a/strategy.md") and "nothing written" in out.err
    assert not ws.strategy_path.exists() and not list(ws.drafts_dir.glob("*.json"))
    assert main(["-w", root, "draft", "--no-themes", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    did = data["draft"]["id"]
    assert (ws.drafts_dir / f"{did}.diff").read_text(encoding="utf-8") == data["diff"]
    assert (ws.drafts_dir / f"{did}.proposed.md").is_file()
    assert main(["-w", root, "draft", "apply", did, "--section", "north star"]) == 0
    assert "applied draft" in capsys.readouterr().out
    assert list(parse(ws.strategy_text()).sections) == ["North Star"]
    assert main(["-w", root, "draft", "apply", "nope"]) == 2
    assert main(["-w", root, "draft", "--since", "March"]) == 2


def test_an_old_interview_imported_after_the_last_draft_is_news(ws) -> None:
    apply_draft(ws, _draft(ws))
    insights = add_interview(ws, "backlog", "Priya", date(2026, 1, 15), NOOR)
    iv = ws.interview("backlog")
    ws.save_interview(iv.model_copy(update={"meta": iv.meta.model_copy(update={"imported_at": LATER})}))
    d = _draft(ws, now=LATER)
    assert insights[0].id in d.sections["What we learned"]


def test_founder_written_strategy_is_built_on_not_replaced(ws) -> None:
    mine = (
        "# Ledgerly strategy\n\nWritten before any interview.\n\n"
        "## North Star\n\n**Weekly reconciled invoices.** If it works, teams stop retyping.\n\n"
        "## Customer and problem\n\nFinance leads at agencies, retyping invoices.\n\n"
        "## Risks\n\nWe might be too early.\n\n"
        "## What we learned\n\nNothing yet: no interviews so far.\n"
    )
    ws.strategy_path.write_text(mine, encoding="utf-8")
    d = _draft(ws)
    # The metric is already named in the founder's words; their problem statement is theirs.
    assert "North Star" not in d.sections and "Customer and problem" not in d.sections
    assert d.sections["What we learned"].startswith("Nothing yet: no interviews so far.\n\n### 2026-03-06\n")
    apply_draft(ws, d)
    doc = parse(ws.strategy_text())
    assert doc.title == "# Ledgerly strategy\n\nWritten before any interview."
    assert doc.sections["Risks"] == "We might be too early."
    # Missing standard sections are added in their standard place, the founder's own section kept where it was.
    assert list(doc.sections) == ["North Star", "Customer and problem", "Hypotheses", "Risks", "What we learned",
                                  "What changes", "Open questions", "Next experiments"]


def test_the_llm_drafter_reads_an_insight_whole_in_the_order_it_was_said(ws) -> None:
    # An insight the engine merged from two sentences, lead sentence first: the model must read both, as said.
    s = ws.insight_set("omar")
    first, second = s.insights
    merged = second.model_copy(update={"quotes": [second.quotes[0], first.quotes[0]]})
    ws.save_insight_set(s.model_copy(update={"insights": [merged], "links": [lk for lk in s.links if lk.insight_id == merged.id]}))
    llm = FakeLLM([{"claims": []}])
    _draft(ws, llm=llm)
    sent = next(i for i in llm.calls[0][2]["insights"] if i["id"] == merged.id)
    assert sent["quote"] == f"{first.quotes[0].text} {second.quotes[0].text}"
