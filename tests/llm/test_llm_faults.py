"""Transport failures and bad answers from a real HTTP server on loopback (tests/llm/llm_fault_server.py).

The full stack runs: LLMClient -> instructor -> OpenAI SDK (max_retries=0) -> HTTP.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import instructor  # noqa: F401  (a hard dependency: missing is a failure, not a skip)
import llm_fault_server as fs
import pytest
from llm_models import Quoted, Topic

from synth.errors import LLMError
from synth.llm import get_client

GOOD = json.dumps({"topic": "pricing", "mentions_money": True})
NOTE = {"note": "We pay 40 dollars a month."}


@pytest.fixture
def server() -> Iterator[fs.FaultServer]:
    with fs.running() as srv:
        yield srv


@pytest.fixture
def client_for(server: fs.FaultServer, make_llm_workspace: Any) -> Any:
    def make(**llm: Any) -> Any:
        llm.setdefault("max_retries", 3)
        llm.setdefault("timeout", 5.0)
        ws = make_llm_workspace(provider=f"openai-compatible:fault@{server.url}", **llm)
        client = get_client(ws, no_cache=True, env={})
        waits: list[float] = []
        client.sleep = waits.append
        client.waits = waits
        return client

    return make


def test_429_honours_retry_after_then_succeeds(server: fs.FaultServer, client_for: Any) -> None:
    server.script(fs.error(429, retry_after="7"), fs.tool_call("Topic", GOOD))
    client = client_for()
    answer = client.structured("t", "llm_selftest", NOTE, Topic)
    assert answer.model_dump() == {"topic": "pricing", "mentions_money": True}
    assert len(server.requests) == 2
    assert client.waits == [7.0]


def test_5xx_retried_with_bounded_jittered_backoff(server: fs.FaultServer, client_for: Any) -> None:
    server.script(fs.error(500), fs.error(503), fs.tool_call("Topic", GOOD))
    client = client_for()
    assert client.structured("t", "llm_selftest", NOTE, Topic).topic == "pricing"
    assert len(server.requests) == 3
    assert len(client.waits) == 2
    assert 0 <= client.waits[0] <= 0.5 and 0 <= client.waits[1] <= 1.0


def test_5xx_exhausted_raises_one_line_llm_error(server: fs.FaultServer, client_for: Any) -> None:
    server.script(*[fs.error(500)] * 5)
    client = client_for(max_retries=2)
    with pytest.raises(LLMError) as info:
        client.structured("extract", "llm_selftest", NOTE, Topic)
    err = info.value
    assert len(server.requests) == 3  # 1 + 2 retries: the SDK retried nothing on its own
    assert err.attempts == 3 and err.status_code == 500 and err.exit_code == 4
    line = err.line()
    assert "\n" not in line
    assert line.startswith(f"openai-compatible:fault@{server.url}: server error (HTTP 500)")
    assert "3 attempts" in line


def test_timeout_retried_then_typed_error(server: fs.FaultServer, client_for: Any) -> None:
    server.script(fs.stall(1.5), fs.tool_call("Topic", GOOD))
    client = client_for(timeout=0.3)
    assert client.structured("t", "llm_selftest", NOTE, Topic).mentions_money is True
    assert len(server.requests) == 2

    server.script(fs.stall(1.5))
    client = client_for(timeout=0.3, max_retries=0)
    with pytest.raises(LLMError, match="timed out"):
        client.structured("t", "llm_selftest", {"note": "another note"}, Topic)


def test_truncated_json_is_reasked_with_the_error(server: fs.FaultServer, client_for: Any) -> None:
    server.script(fs.tool_call("Topic", GOOD[:15]), fs.tool_call("Topic", GOOD))
    client = client_for()
    assert client.structured("t", "llm_selftest", NOTE, Topic, max_reasks=1).topic == "pricing"
    assert len(server.requests) == 2
    reask = json.dumps(server.requests[1]["messages"])
    assert len(server.requests[1]["messages"]) > len(server.requests[0]["messages"])
    assert "json" in reask.lower() or "valid" in reask.lower()
    assert client.usage_totals() == (1, 120, 0.0)  # usage summed over both attempts


def test_schema_invalid_answer_exhausts_reasks_without_transport_retries(server: fs.FaultServer, client_for: Any) -> None:
    bad = json.dumps({"topic": "pricing", "mentions_money": "perhaps"})
    server.script(*[fs.tool_call("Topic", bad)] * 4)
    client = client_for(max_retries=3)
    with pytest.raises(LLMError, match="no valid answer") as info:
        client.structured("t", "llm_selftest", NOTE, Topic, max_reasks=1)
    assert len(server.requests) == 2
    assert info.value.attempts == 2
    assert client.waits == []


def test_validation_context_drives_the_reask(server: fs.FaultServer, client_for: Any) -> None:
    transcript = "Dana: We pay 40 dollars a month for Xero."
    server.script(
        fs.tool_call("Quoted", json.dumps({"quote": "We pay forty dollars", "speaker": "Dana"})),
        fs.tool_call("Quoted", json.dumps({"quote": "We pay 40 dollars a month for Xero.", "speaker": "Dana"})),
    )
    client = client_for()
    answer = client.structured(
        "t", "llm_quote", {"transcript": transcript, "interview_id": "i1"}, Quoted, context={"transcript": transcript}
    )
    assert answer.quote == "We pay 40 dollars a month for Xero."
    assert "'We pay forty dollars' is not in the transcript" in json.dumps(server.requests[1]["messages"])


def test_client_errors_are_not_retried_and_never_show_the_key(server: fs.FaultServer, make_llm_workspace: Any) -> None:
    canary = "sk-canary-0123456789abcdef"
    server.script(fs.error(401), fs.error(401))
    ws = make_llm_workspace(provider=f"openai-compatible:fault@{server.url}", max_retries=3, api_key_env="FAULT_KEY")
    client = get_client(ws, no_cache=True, env={"FAULT_KEY": canary})
    with pytest.raises(LLMError) as info:
        client.structured("t", "llm_selftest", NOTE, Topic)
    assert len(server.requests) == 1
    assert "HTTP 401" in str(info.value) and "FAULT_KEY" in str(info.value)
    assert canary not in str(info.value) and canary not in repr(client.provider)
    assert server.headers[0]["authorization"] == f"Bearer {canary}"


def test_compatible_server_without_key_gets_a_placeholder(server: fs.FaultServer, client_for: Any) -> None:
    server.script(fs.tool_call("Topic", GOOD))
    client_for().structured("t", "llm_selftest", NOTE, Topic)
    assert server.headers[0]["authorization"] == "Bearer not-needed"


def test_connection_refused_is_a_typed_error(make_llm_workspace: Any) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ws = make_llm_workspace(provider=f"openai-compatible:m@http://127.0.0.1:{port}/v1", max_retries=1)
    client = get_client(ws, no_cache=True, env={})
    waits: list[float] = []
    client.sleep = waits.append
    with pytest.raises(LLMError, match="could not connect") as info:
        client.structured("t", "llm_selftest", NOTE, Topic)
    # Nothing listens there: no retry (it would only delay the news), and every later call stops unsent.
    assert info.value.attempts == 1 and waits == []
    with pytest.raises(LLMError, match="could not connect") as again:
        client.structured("t", "llm_selftest", {"note": "another"}, Topic)
    assert again.value.attempts == 0


def test_async_twin_retries_too(server: fs.FaultServer, client_for: Any) -> None:
    import asyncio

    server.script(fs.error(502), fs.tool_call("Topic", GOOD))
    client = client_for()
    answer = asyncio.run(client.astructured("t", "llm_selftest", NOTE, Topic))
    assert answer.topic == "pricing" and len(server.requests) == 2
