"""The weekly readout with fixed dates: which interviews count, movement, surprises, the three answers."""

from __future__ import annotations

import json
from datetime import date

import pytest

from synth.cli.main import main
from synth.errors import UserError
from synth.evidence import evidence_summary
from synth.strategy import make_readout, render_readout, write_readout
from synth.strategy.readout import week_bounds, week_of


def test_week_bounds_are_iso_weeks() -> None:
    assert week_bounds("2026-W10") == (date(2026, 3, 2), date(2026, 3, 8))
    assert week_of(date(2026, 3, 8)) == "2026-W10" and week_of(date(2026, 3, 9)) == "2026-W11"
    assert week_bounds("2026-W01")[0] == date(2025, 12, 29)
    for bad in ("2026-10", "2026-W54", "W10"):
        with pytest.raises(UserError):
            week_bounds(bad)


def test_readout_for_a_week(ws) -> None:
    r = make_readout(ws, "2026-W10")
    assert [iv.id for iv in r.interviews] == ["omar", "lena"]
    assert sum(r.insights_by_kind.values()) == 4
    assert r.insights_by_kind == {"behaviour": 3, "objection": 1}
    moved = {m.hypothesis_id: (m.supporting, m.contradicting) for m in r.moved}
    assert moved == {"H1": (2, 1), "H2": (0, 1)}
    # Omar's objection contradicts H2, which the founder marked supported.
    [s] = r.surprises
    assert (s.hypothesis_id, s.participant, s.interview_id) == ("H2", "Omar", "omar")
    assert s.quote == "We would never pay for another tool, the budget is gone."
    assert r.focus.startswith("Re-test H2")
    assert "weekly reconciled invoices" in r.value and "teams onboarded" in r.value
    assert "Omar said" in r.direction and "H2" in r.direction


def test_other_weeks(ws) -> None:
    w09 = make_readout(ws, "2026-W09")
    assert [iv.id for iv in w09.interviews] == ["dana"] and w09.surprises == []
    assert w09.direction == "Nothing this week contradicts the current direction."
    empty = make_readout(ws, "2026-W11")
    assert empty.interviews == [] and empty.moved == []
    assert "No interviews this week" in empty.direction
    # Focus falls to the split hypothesis when nothing attacks a supported one.
    assert empty.focus.startswith("Settle H2")


def test_readout_page_and_cli(ws, capsys) -> None:
    r = make_readout(ws, "2026-W10")
    page = render_readout(r)
    assert page.startswith("# Weekly readout 2026-W10\n")
    for heading in ("## Three questions", "## Interviews held (2)", "## New insights by kind",
                    "## Hypotheses whose evidence moved", "## Surprises"):
        assert heading in page
    assert len(page.splitlines()) < 60  # one page
    path = write_readout(ws, r)
    assert path == ws.root / "readouts" / "2026-W10.md"
    assert main(["-w", str(ws.root), "readout", "--week", "2026-W10", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["readout"]["week"] == "2026-W10" and len(data["readout"]["surprises"]) == 1
    assert path.read_text(encoding="utf-8") == page
    assert main(["-w", str(ws.root), "readout", "--week", "bad"]) == 2


def test_an_undated_interview_is_listed_as_undated_never_as_held_in_its_import_week(ws) -> None:
    from datetime import UTC, datetime

    iv = ws.interview("omar")
    ws.save_interview(iv.model_copy(update={"meta": iv.meta.model_copy(update={
        "date": None, "imported_at": datetime(2026, 3, 4, 9, 0, tzinfo=UTC)})}))
    r = make_readout(ws, "2026-W10")
    assert [x.id for x in r.interviews] == ["lena"]
    assert [x.id for x in r.undated] == ["omar"] and r.undated[0].date is None
    # Its evidence is not this week's: Omar's objection to H2 no longer moves H2 or surprises anyone.
    assert {m.hypothesis_id for m in r.moved} == {"H1"} and r.surprises == []
    page = render_readout(r)
    assert "## Interviews held (1)" in page and "## Undated interviews imported this week (1)" in page
    assert "`omar`" in page.split("## Undated")[1]
    # No other week claims it either.
    for week in ("2026-W09", "2026-W11"):
        assert "omar" not in {x.id for x in make_readout(ws, week).interviews}


def test_focus_calls_evidence_split_only_when_both_sides_have_people(ws) -> None:
    # Two for and one against is too little to call a split: the founder is told how many more to talk to.
    e = {e.hypothesis_id: e for e in evidence_summary(ws)}
    focus = make_readout(ws, "2026-W11").focus
    top = max((x for x in e.values() if x.suggested_status == "inconclusive"),
              key=lambda x: (x.supporting_participants + x.contradicting_participants, x.hypothesis_id))
    n_for, n_against = top.supporting_participants, top.contradicting_participants
    assert not (n_for >= 2 and n_against >= 2), (n_for, n_against)  # the fixture's most-tested open question
    assert "split" not in focus
    assert focus.startswith(f"Settle {top.hypothesis_id}: not enough evidence yet ({n_for} participant(s) for, "
                            f"{n_against} against); talk to ")
    assert f"`synth guide -H {top.hypothesis_id}`" in focus
