"""The README's LLM promises, measured the way a user meets them.

The `synth` CLI runs as its own process against a loopback stand-in for OpenAI
(tests/llm/llm_fault_server.py: a real HTTP server on 127.0.0.1 that counts
every request), with no API key in the environment unless a test sets one:

- `--dry-run` of extract, draft, guide, evidence --relink and themes sends
  nothing, needs no key, writes nothing, prints each request, exits 0;
- a ceiling worth one call, with four interviews extracted at once, lets one
  request out; the run stops with exit 5 and keeps what that call paid for;
- a dead provider or a refused key stops the run at the first failure: exit 4,
  at most three lines on stderr, no library log lines;
- every step's spend reaches the usage log.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import llm_fault_server as fs
import pytest

from synth.config import LLMSettings, WorkspaceConfig
from synth.evidence import hypotheses_hash
from synth.extract.build import interview_from_turns
from synth.models import (
    EvidenceLink,
    Hypothesis,
    HypothesisKind,
    Insight,
    InsightKind,
    InsightSet,
    Quote,
    Stance,
)
from synth.workspace import Workspace

DAY = date(2026, 11, 2)
ROOT = Path(__file__).resolve().parents[2]
SHARED = "It takes me three hours every week to put the numbers together by hand."
PEOPLE = [("Ada", "reporting"), ("Ben", "month-end"), ("Cho", "payroll"), ("Dev", "budgets")]
PRICED = "openai:gpt-4.1-mini"  # priced, so the ceiling binds; OPENAI_BASE_URL points it at the stand-in


def turns(name: str, topic: str) -> list[tuple[str, str]]:
    return [
        ("Interviewer", f"Walk me through the last time you did {topic}."),
        (name, f"{SHARED} The {topic} part is the worst of it."),
        ("Interviewer", "What have you tried?"),
        (name, "A spreadsheet, mostly. It breaks whenever someone adds a column."),
    ]


def extraction_reply() -> fs.Reply:
    args = {"insights": [{"kind": "pain", "summary": "Manual reporting eats hours", "quotes": [SHARED], "confidence": 0.8}]}
    return fs.tool_call("Extraction", json.dumps(args), prompt_tokens=900, completion_tokens=60)


def answer_by_tool(body: dict[str, Any]) -> fs.Reply:
    name = fs.tool_name(body)
    if name == "Extraction":
        return extraction_reply()
    if name == "Judgements":
        return fs.tool_call("Judgements", json.dumps({"judgements": []}))
    return fs.error(400)


@pytest.fixture
def server() -> Iterator[fs.FaultServer]:
    with fs.running() as srv:
        yield srv


def make_ws(tmp_path: Path, provider: str, *, linked: bool) -> Workspace:
    """Four similar interviews and one hypothesis; with `linked`, insights and links already stored."""
    root = tmp_path / "ws"
    Workspace.create(root, WorkspaceConfig(llm=LLMSettings(provider=provider, max_retries=1, timeout=120)))
    ws = Workspace(root, env={})
    ws.save_hypotheses([
        Hypothesis(id="H1", statement="Small teams spend hours every week putting numbers together by hand",
                   kind=HypothesisKind.problem, created=DAY, updated=DAY)
    ])
    for name, topic in PEOPLE:
        iv = interview_from_turns(name.lower(), turns(name, topic), participant=name)
        ws.save_interview(iv)
        if not linked:
            continue
        start = iv.text.index(SHARED)
        turn = iv.turn_at(start)
        assert turn is not None
        q = Quote(text=SHARED, interview_id=iv.id, turn_index=turn.index, start=start, end=start + len(SHARED))
        ins = Insight(id=Insight.make_id(iv.id, "pain", q.start, q.end), interview_id=iv.id, kind=InsightKind.pain,
                      summary="Putting the numbers together takes hours", quotes=[q], participant=name, confidence=0.8)
        link = EvidenceLink(insight_id=ins.id, hypothesis_id="H1", stance=Stance.supports, strength=0.7)
        ws.save_insight_set(InsightSet(interview_id=iv.id, engine="offline", insights=[ins], links=[link],
                                       hypotheses_hash=hypotheses_hash(ws.hypotheses())))
    return ws


def synth(ws: Workspace, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SYNTH_DEBUG")}
    base["HF_HUB_OFFLINE"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "synth", "-w", str(ws.root), *args],
        capture_output=True, text=True, cwd=ROOT, env={**base, **(env or {})}, timeout=300,
    )  # fmt: skip


def files(ws: Workspace) -> dict[str, str]:
    """Every file the founder owns (derived data in .synth/ aside), by content hash."""
    return {
        str(p.relative_to(ws.root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(ws.root.rglob("*"))
        if p.is_file() and ".synth" not in p.relative_to(ws.root).parts
    }


DRY_RUNS = {
    "extract": ["extract", "--all"],
    "draft": ["draft"],
    "guide": ["guide", "-H", "H1"],
    "evidence --relink": ["evidence", "--relink"],
    "themes": ["themes"],
}


@pytest.mark.parametrize("command", list(DRY_RUNS))
def test_dry_run_sends_nothing_needs_no_key_writes_nothing(command: str, server: fs.FaultServer, tmp_path: Path) -> None:
    ws = make_ws(tmp_path, PRICED, linked=command != "extract")
    before = files(ws)
    done = synth(ws, *DRY_RUNS[command], "--dry-run", "--json", env={"OPENAI_BASE_URL": server.url})
    assert done.returncode == 0, done.stderr
    assert server.requests == []
    out = json.loads(done.stdout)
    assert out["dry_run"] is True and out["would_send"] >= 1, out
    first = out["requests"][0]
    assert first["messages"] and first["schema"] and first["tokens_in"] > 0
    assert 0 < first["usd"] <= first["reserve_usd"]
    assert files(ws) == before
    assert not (ws.derived_dir / "usage.sqlite").exists()

    text = synth(ws, *DRY_RUNS[command], "--dry-run", env={"OPENAI_BASE_URL": server.url})
    assert text.returncode == 0 and server.requests == []
    assert "[response schema]" in text.stdout and "nothing sent" in text.stderr


@pytest.mark.parametrize(
    "provider",
    ["openai-compatible:some-model@{url}", "llamacpp:/no/such/model.gguf", "llamacpp:smollm2"],
)
def test_dry_run_works_for_every_provider(provider: str, server: fs.FaultServer, tmp_path: Path) -> None:
    ws = make_ws(tmp_path, provider.format(url=server.url), linked=False)
    done = synth(ws, "extract", "--all", "--dry-run", "--json")
    assert done.returncode == 0, done.stderr
    assert server.requests == []
    out = json.loads(done.stdout)
    assert out["would_send"] == len(PEOPLE) and out["usd"] == 0.0  # local models cost nothing


def test_a_ceiling_worth_one_call_lets_one_request_out(server: fs.FaultServer, tmp_path: Path) -> None:
    ws = make_ws(tmp_path, PRICED, linked=False)
    env = {"OPENAI_BASE_URL": server.url, "OPENAI_API_KEY": "sk-loopback"}
    planned = json.loads(synth(ws, "extract", "--all", "--dry-run", "--json", env=env).stdout)
    reserves = [r["reserve_usd"] for r in planned["requests"]]
    ceiling = max(reserves)
    assert len(reserves) == len(PEOPLE) and 2 * min(reserves) > ceiling  # worth one call, never two
    server.answer = answer_by_tool

    done = synth(ws, "extract", "--all", "--max-cost", repr(ceiling), env=env)

    assert done.returncode == 5, done.stderr
    assert len(server.requests) == 1
    assert "--max-cost" in done.stderr.strip().splitlines()[-1]
    saved = ws.insight_sets()
    assert len(saved) == 1 and len(saved[0].insights) == 1  # the one answer paid for is kept
    usage = json.loads(synth(ws, "usage", "--json").stdout)
    assert usage["total"]["calls"] == 1 and usage["total"]["usd"] <= ceiling


def test_every_steps_spend_is_reported(server: fs.FaultServer, tmp_path: Path) -> None:
    ws = make_ws(tmp_path, PRICED, linked=False)
    server.answer = answer_by_tool
    done = synth(ws, "extract", "--all", "--max-cost", "5", env={"OPENAI_BASE_URL": server.url, "OPENAI_API_KEY": "k"})
    assert done.returncode == 0, done.stderr
    steps = {fs.tool_name(r) for r in server.requests}
    assert steps == {"Extraction", "Judgements"}
    by_step = json.loads(synth(ws, "usage", "--json").stdout)["by_step"]
    link = by_step["link"]
    assert by_step["extract"]["calls"] == len(PEOPLE) and by_step["extract"]["usd"] > 0
    # The four link requests are the same request (same insight text, same hypothesis): asked once, then cached.
    assert link["calls"] == 1 and link["cache_hits"] == len(PEOPLE) - 1 and link["usd"] > 0
    assert "LLM: extract 4 call(s)" in done.stderr and "link 1 call(s), 3 cached" in done.stderr
    assert all(len(s.insights) == 1 and s.links for s in ws.insight_sets())


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_dead_provider_stops_the_run_at_once_and_quietly(tmp_path: Path) -> None:
    ws = make_ws(tmp_path, f"openai-compatible:m@http://127.0.0.1:{closed_port()}/v1", linked=False)
    done = synth(ws, "extract", "--all")
    assert done.returncode == 4
    lines = done.stderr.strip().splitlines()
    assert len(lines) <= 3, done.stderr
    assert "could not connect" in lines[-1] and "attempt" not in done.stderr.replace(lines[-1], "")
    assert ws.insight_sets() == []


def test_a_refused_key_is_found_by_one_request(server: fs.FaultServer, tmp_path: Path) -> None:
    ws = make_ws(tmp_path, PRICED, linked=False)
    server.answer = lambda body: fs.error(401)
    done = synth(ws, "extract", "--all", env={"OPENAI_BASE_URL": server.url, "OPENAI_API_KEY": "sk-wrong"})
    assert done.returncode == 4
    assert len(server.requests) == 1  # the first call finds out alone; the others never send
    lines = done.stderr.strip().splitlines()
    assert len(lines) <= 3 and "HTTP 401" in lines[-1] and "OPENAI_API_KEY" in lines[-1], done.stderr


def test_the_link_request_reads_the_whole_passage_in_the_order_it_was_said(server: fs.FaultServer, tmp_path: Path) -> None:
    # The engine lists its lead sentence first; a model asked for a stance must read what the founder will read.
    ws = make_ws(tmp_path, PRICED, linked=False)
    second = "The reporting part is the worst of it."

    def answer(body: dict[str, Any]) -> fs.Reply:
        if fs.tool_name(body) == "Extraction":
            args = {"insights": [{"kind": "pain", "summary": "Reporting eats hours", "quotes": [second, SHARED],
                                  "confidence": 0.8}]}
            return fs.tool_call("Extraction", json.dumps(args))
        return answer_by_tool(body)

    server.answer = answer
    done = synth(ws, "extract", "ada", env={"OPENAI_BASE_URL": server.url, "OPENAI_API_KEY": "k"})
    assert done.returncode == 0, done.stderr
    asked = [json.dumps(r) for r in server.requests if fs.tool_name(r) == "Judgements"]
    assert len(asked) == 1
    assert json.dumps(f"{SHARED} {second}")[1:-1] in asked[0]
