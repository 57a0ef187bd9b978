"""Hand edits are never lost: apply, edit strategy.md by hand, `synth draft`, `synth draft apply` (at the CLI)."""

from __future__ import annotations

import json
import shlex
from datetime import date

import pytest

from synth.cli.main import main
from synth.models import Stance
from synth.strategy import parse
from synth.strategy.merge import merge_section
from synth.workspace import Workspace

from .conftest import add_interview

NOOR = [("I retype every supplier invoice into Excel.", "behaviour", {"H1": Stance.supports}),
        ("We would never pay for a tool like that, the budget is gone.", "objection", {"H2": Stance.contradicts})]
MINE_H = "- My own note: H3 matters most for the seed round."
MINE_L = "Our own note: talk to CFOs next."


def run(ws: Workspace, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["-w", str(ws.root), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def draft_id(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> str:
    code, out, _ = run(ws, capsys, "draft", "--no-themes", "--json")
    assert code == 0
    return str(json.loads(out)["draft"]["id"])


def hand_edit(ws: Workspace) -> None:
    """The founder adds a line to a snapshot section (Hypotheses), rewrites one of Synth's lines, and adds a note
    to a dated section."""
    text = ws.strategy_text()
    doc = parse(text)
    h_lines = doc.sections["Hypotheses"].splitlines()
    h1 = next(n for n, ln in enumerate(h_lines) if ln.startswith("- **H1**"))
    h_lines[h1] = "- **H1** Finance teams retype invoices: I have seen it myself, keep testing."
    h_lines.insert(h1 + 1, MINE_H)
    text = text.replace(doc.sections["Hypotheses"], "\n".join(h_lines), 1)
    text = text.replace("## What we learned\n", f"## What we learned\n\n{MINE_L}\n", 1)
    ws.strategy_path.write_text(text, encoding="utf-8")


def assert_edits_kept(ws: Workspace) -> None:
    text = ws.strategy_text()
    assert MINE_H in text and MINE_L in text
    assert "- **H1** Finance teams retype invoices: I have seen it myself, keep testing." in text


@pytest.mark.parametrize("new_evidence", [True, False], ids=["new-evidence", "nothing-new"])
def test_apply_hand_edit_redraft_apply_keeps_the_edit(ws: Workspace, capsys: pytest.CaptureFixture[str],
                                                      new_evidence: bool) -> None:
    first = draft_id(ws, capsys)
    assert run(ws, capsys, "draft", "apply", first)[0] == 0
    hand_edit(ws)
    if new_evidence:
        add_interview(ws, "noor", "Noor", date.today(), NOOR)
    assert run(ws, capsys, "draft", "--no-themes")[0] == 0
    code, _, err = run(ws, capsys, "draft", "apply")
    if new_evidence:
        assert code == 0, err
        text = ws.strategy_text()
        # The new evidence arrived (Noor is counted) and the founder's lines are where they wrote them.
        assert "Noor said" in text
        hyps = parse(text).sections["Hypotheses"].splitlines()
        assert hyps.index(MINE_H) == next(n for n, ln in enumerate(hyps) if ln.startswith("- **H1**")) + 1
        assert any(ln.startswith("- **H2**") for ln in hyps)
    else:
        # Nothing new: the latest draft is the one already applied, and applying it again is refused.
        assert code == 2 and "already applied" in err
    assert_edits_kept(ws)


def test_an_edit_after_the_draft_is_refused_and_the_advice_works(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(ws, capsys, "draft", "apply", draft_id(ws, capsys))[0] == 0
    add_interview(ws, "noor", "Noor", date.today(), NOOR)
    pending = draft_id(ws, capsys)
    hand_edit(ws)
    before = ws.strategy_text()
    code, _, err = run(ws, capsys, "draft", "apply", pending)
    assert code == 6
    assert "'Hypotheses'" in err and "'What we learned'" in err and "nothing was changed" in err
    assert ws.strategy_text() == before
    # The advice, followed literally: apply only the untouched sections...
    cmd = shlex.split(err[err.index("`synth draft apply"):].split("`")[1])[1:]
    assert run(ws, capsys, *cmd)[0] == 0
    assert_edits_kept(ws)
    # ...then `synth draft` again: the new draft builds on the edit, and applies cleanly.
    assert run(ws, capsys, "draft", "--no-themes")[0] == 0
    code, _, err = run(ws, capsys, "draft", "apply")
    assert code == 0, err
    assert_edits_kept(ws)
    assert "Noor said" in ws.strategy_text()


def test_merge_keeps_every_founder_line() -> None:
    written = "- **H1** a. Evidence: 1.\n- **H2** b. Evidence: 2."
    current = "- **H1** a, in my words.\n- mine\n- **H2** b. Evidence: 2."
    proposed = "- **H1** a. Evidence: 5.\n- **H2** b. Evidence: 6.\n- **H3** c. No evidence yet."
    merged = merge_section(written, current, proposed).splitlines()
    assert merged == ["- **H1** a, in my words.", "- mine", "- **H2** b. Evidence: 6.", "- **H3** c. No evidence yet."]
    # Untouched since Synth wrote it: Synth's new version; never written by Synth: the founder's text first.
    assert merge_section(written, written, proposed) == proposed
    assert merge_section(None, "My list.", proposed).splitlines()[:2] == ["My list.", ""]
    # A line of Synth's the founder deleted stays deleted.
    assert "**H1**" not in merge_section(written, "- **H2** b. Evidence: 2.", proposed)
