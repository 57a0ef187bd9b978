"""The session a command builds once: one budget that holds under concurrency, dry runs with no key,
the active session found by steps that were not handed one, and quiet libraries."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable

import pytest
from llm_models import Topic

from synth.errors import CostLimitError
from synth.llm import DryRunStop, Session
from synth.llm.budget import Budget
from synth.llm.session import DryProvider
from synth.workspace import Workspace

NOTE = {"note": "We pay 40 dollars a month."}


def test_concurrent_reservations_never_promise_more_than_the_ceiling() -> None:
    budget = Budget(1.0)
    start = threading.Barrier(8)
    won: list[int] = []
    refused: list[int] = []

    def race(n: int) -> None:
        start.wait()
        try:
            budget.reserve(0.6, "extract")
            won.append(n)
        except CostLimitError:
            refused.append(n)

    threads = [threading.Thread(target=race, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(won) == 1 and len(refused) == 7
    assert budget.held == pytest.approx(0.6)


def test_settle_books_the_real_cost_and_a_refusal_closes_the_budget() -> None:
    budget = Budget(1.0)
    hold = budget.reserve(0.6, "extract")
    with pytest.raises(CostLimitError, match="held by calls in flight"):
        budget.reserve(0.5, "extract")
    budget.settle(hold, 0.1)
    budget.settle(hold, 0.1)  # settling twice books once
    assert budget.spent == pytest.approx(0.1) and budget.held == 0
    with pytest.raises(CostLimitError):
        budget.reserve(0.01, "link")  # it would fit now, but the run already reached its ceiling
    assert Budget(None).reserve(1e9, "x").usd == 1e9  # no ceiling, no limit


@pytest.mark.parametrize("provider", ["openai:gpt-4.1-mini", "llamacpp:/no/such/model.gguf"])
def test_a_dry_run_needs_no_key_and_no_model(provider: str, make_llm_workspace: Callable[..., Workspace]) -> None:
    ws = make_llm_workspace(provider=provider)
    session = Session(ws, dry_run=True, env={})
    client = session.require()
    assert isinstance(client.provider, DryProvider)
    with pytest.raises(DryRunStop):
        session.structured("s", "llm_selftest", NOTE, Topic)
    [plan] = session.planned
    assert plan.estimate.tokens_in > 0 and "We pay 40 dollars a month." in plan.messages[-1]["content"]
    assert plan.estimate.reserve_usd >= plan.estimate.usd >= 0


def test_steps_find_the_commands_session(make_llm_workspace: Callable[..., Workspace]) -> None:
    ws = make_llm_workspace(provider="openai:gpt-4.1-mini")
    session = Session(ws, dry_run=True, max_cost=0.5)
    with session.active():
        assert Session.current(ws) is session
        assert Session.current(make_llm_workspace(provider="none")) is not session  # another workspace
    assert Session.current(ws) is not session
    assert session.client() is session.client()  # one client per session


def test_library_log_lines_never_reach_the_terminal() -> None:
    line = "import logging; logging.getLogger('instructor.v2.retry').error('API call failed on attempt 1')"
    loud = subprocess.run([sys.executable, "-c", line], capture_output=True, text=True, timeout=60)
    assert "API call failed" in loud.stderr  # what a user saw before
    quiet = subprocess.run(
        [sys.executable, "-c", f"from synth.llm.provider_openai import quiet_libraries; quiet_libraries(); {line}"],
        capture_output=True, text=True, timeout=60, env={"PATH": ""},
    )  # fmt: skip
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_the_extraction_engine_uses_the_actions_session(make_llm_workspace: Callable[..., Workspace]) -> None:
    from synth.extract.llm_engine import LLMExtractor

    ws = make_llm_workspace(provider="openai:gpt-4.1-mini")
    session = Session(ws, dry_run=True, max_cost=0.5)
    with session.active():
        # A TUI worker builds the engine without flags: it must share the action's client and budget.
        assert LLMExtractor.for_workspace(ws).client is session.require()
        # Explicit flags still get a session of their own (a command's --no-cache, --max-cost).
        assert LLMExtractor.for_workspace(ws, use_cache=False, dry_run=True).client is not session.require()
