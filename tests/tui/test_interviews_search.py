"""Interviews (extract with progress and cancel, metadata) and search (type, results, open a hit)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from textual.widgets import Input, OptionList
from tui_helpers import settle, static_text

import synth.extract
from synth.extract import ExtractReport, Outcome
from synth.workspace import Workspace
from tui.app import make_app
from tui.screens import search as search_screen
from tui.screens.interviews import InterviewsScreen
from tui.widgets.transcript import TranscriptView

pytestmark = pytest.mark.anyio


def record(seen: list[Any], value: Any) -> list[Any]:
    """A fake search: remember what was asked, find nothing."""
    seen.append(value)
    return []


async def test_extract_all_with_the_offline_engine(bare_ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from synth.llm.session import Session

    sessions: list[Session] = []
    real = synth.extract.extract_interviews

    def spy(ws: Workspace, ids: list[str], **kw: Any) -> ExtractReport:
        sessions.append(Session.current(ws))
        return real(ws, ids, **kw)

    monkeypatch.setattr(synth.extract, "extract_interviews", spy)
    app = make_app(bare_ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("X")
        await settle(pilot)
        assert len(bare_ws.insight_sets()) == 2
        assert static_text(app, "#status").startswith("extracted 2 interview(s):")
        assert not app.screen.query_one("#job-progress").display
    # Both batches of the one action (extraction, then linking) ran on one LLM session, as a CLI command's steps do.
    assert len(sessions) == 2 and sessions[0] is sessions[1]
    assert Session.current(bare_ws) is not sessions[0]  # it ended with the action


async def test_cancel_stops_extraction_after_the_current_interview(bare_ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    started = threading.Event()
    calls: list[list[str]] = []

    def slow_extract(ws: Workspace, ids: list[str], **_kw: Any) -> ExtractReport:
        calls.append(ids)
        started.set()
        release.wait(timeout=30)
        return ExtractReport(engine="fake", outcomes=[Outcome(ids[0], "extracted", 1)])

    monkeypatch.setattr(synth.extract, "extract_interviews", slow_extract)
    monkeypatch.setattr(synth.extract, "make_engine", lambda ws: object())
    app = make_app(bare_ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("X")
        while not started.is_set():
            await pilot.pause()
        assert app.screen.query_one("#job-progress").display
        await pilot.press("c")
        release.set()
        await settle(pilot)
        assert calls == [["maria-2026-11-02"]]
        assert static_text(app, "#status") == "cancelled after 1 of 2 interviews"


async def test_a_failing_extraction_is_a_notification(bare_ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from synth.errors import LLMError

    def broken(ws: Workspace) -> object:
        raise LLMError("provider returned 401: check OPENAI_API_KEY")

    monkeypatch.setattr(synth.extract, "make_engine", broken)
    app = make_app(bare_ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert "provider returned 401: check OPENAI_API_KEY" in [n.message for n in app._notifications]
        assert not app.screen.query_one("#job-progress").display
        await pilot.press("1")
        await settle(pilot)
        assert app.current_mode == "overview"


async def test_edit_interview_metadata(ws: Workspace) -> None:
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one("#f-segment", Input).value = "agency"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert ws.interview("maria-2026-11-02").meta.segment == "agency"
        assert ws.interview("maria-2026-11-02").meta.participant == "Maria Lopez"


async def test_search_and_open_a_hit(indexed_ws: Workspace) -> None:
    app = make_app(indexed_ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("6")
        await settle(pilot)
        await pilot.press(*"spreadsheet", "enter")
        await settle(pilot)
        results = app.screen.query_one("#search-results", OptionList)
        assert results.option_count >= 1
        hits = app.screen.hits  # type: ignore[attr-defined]
        chunk = next(n for n, h in enumerate(hits) if h.kind == "chunk")
        first = str(results.get_option_at_index(chunk).prompt)
        assert "spreadsheet" in first.lower()
        results.highlighted = chunk
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, InterviewsScreen)
        view = app.screen.query_one(TranscriptView)
        assert view.interview is not None and view.interview.id == hits[chunk].interview_id
        assert view.focus_span == (hits[chunk].start, hits[chunk].end)


async def test_typing_searches_once_after_a_pause(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    import synth.index

    queries: list[str] = []

    def fake_search(_ws: Workspace, query: str, **_kw: Any) -> list[Any]:
        queries.append(query)
        return []

    monkeypatch.setattr(synth.index, "search", fake_search)
    # A long pause: typing alone must not search per keystroke; enter searches at once.
    monkeypatch.setattr(search_screen, "DEBOUNCE", 30.0)
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("6")
        await settle(pilot)
        await pilot.press(*"close")
        await settle(pilot)
        assert queries == []
        assert app.screen._timer is not None  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        assert queries == ["close"]
        assert "no results" in static_text(app, "#status")


async def test_the_debounce_timer_fires_one_search(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    import synth.index

    queries: list[str] = []
    monkeypatch.setattr(synth.index, "search", lambda _ws, q, **_kw: record(queries, q))
    monkeypatch.setattr(search_screen, "DEBOUNCE", 0.01)
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("6")
        await settle(pilot)
        app.screen.query_one("#search-input", Input).value = "month-end"
        while not queries:
            await pilot.pause()
        await settle(pilot)
        assert queries == ["month-end"]


async def test_escape_leaves_the_query_so_number_keys_switch_screens(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    import synth.index

    monkeypatch.setattr(synth.index, "search", lambda _ws, _q, **_kw: [])
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("6")
        await settle(pilot)
        assert isinstance(app.focused, Input)
        await pilot.press("2")
        assert app.current_mode == "search", "a digit typed into the query stays there"
        await pilot.press("escape", "1")
        await settle(pilot)
        assert app.current_mode == "overview"


async def test_the_speaker_filter_reaches_search(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widgets import Select

    import synth.index

    calls: list[tuple[str, str]] = []
    monkeypatch.setattr(synth.index, "search", lambda _ws, q, **kw: record(calls, (q, kw["speaker"])))
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("6")
        await settle(pilot)
        await pilot.press(*"close", "enter")
        await settle(pilot)
        app.screen.query_one("#search-speaker", Select).value = "participant"
        await settle(pilot)
        assert calls == [("close", "any"), ("close", "participant")]


async def test_ctrl_f_returns_to_the_query_with_its_text_kept(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    import synth.index

    calls: list[str] = []

    def fake_search(_ws: Workspace, query: str, **_kw: Any) -> list[Any]:
        calls.append(query)
        return []

    monkeypatch.setattr(synth.index, "search", fake_search)
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("6")
        await settle(pilot)
        await pilot.press(*"month", "enter")
        await settle(pilot)
        field = app.screen.query_one("#search-input", Input)
        assert not field.has_focus
        await pilot.press("ctrl+f", *" end", "enter")
        await settle(pilot)
        assert field.value == "month end", "typing after ctrl+f adds to the query instead of replacing it"
        assert calls[-1] == "month end"


def test_a_hit_names_its_speaker_and_marks_interviewer_lines() -> None:
    from synth.index import SearchHit

    asked = SearchHit(id="c", kind="chunk", text="Can you say more about pricing?", score=0.1, interview_id="iv",
                      speaker="Nadia", role="interviewer", participant="Maria Lopez")
    said = SearchHit(id="d", kind="chunk", text="Pricing per client adds up.", score=0.1, interview_id="iv",
                     speaker="Maria Lopez", role="participant", participant="Maria Lopez")
    first = str(search_screen.hit_option(asked, "pricing", 0).prompt).splitlines()[0]
    assert "Nadia (interviewer)" in first and "Maria Lopez" not in first
    assert "Maria Lopez (participant)" in str(search_screen.hit_option(said, "pricing", 1).prompt).splitlines()[0]


async def test_a_group_interview_is_listed_as_one_person_and_the_others(ws: Workspace) -> None:
    from textual.widgets import DataTable

    from synth.extract.build import interview_from_turns

    ws.save_interview(interview_from_turns("group", [("Interviewer", "Who does the books?"), ("Ana", "I do, mostly."),
                                                     ("Ben", "And I check them."), ("Cy", "I sign them off.")],
                                           participant="Ana"))
    app = make_app(ws, warm_up=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        table = app.screen.query_one("#interview-table", DataTable)
        names = [str(getattr(table.get_row_at(n)[0], "plain", "")) for n in range(table.row_count)]
        assert any(n.startswith("Ana +2\ngroup") for n in names), names
