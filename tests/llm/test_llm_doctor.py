"""`synth doctor`: plain-words checks that never print the key (a canary proves it)."""

from __future__ import annotations

import json
from collections.abc import Callable

import llm_fault_server as fs
import pytest
from click.testing import CliRunner

from synth.cli.main import cli
from synth.llm.doctor import run_checks, scrub
from synth.workspace import Workspace

CANARY = "sk-canary-DOCTOR-7f3a9c2e51b84d06"


def by_name(checks: list) -> dict:
    return {c.name: c for c in checks}


def test_none_provider_says_offline_engines(make_llm_workspace: Callable[..., Workspace]) -> None:
    checks = by_name(run_checks(make_llm_workspace(provider="none"), env={}, embeddings=False))
    assert checks["provider"].ok and "offline engines" in checks["provider"].detail
    assert checks["token counting"].ok and "o200k_base" in checks["token counting"].detail
    assert "chroma" in checks["index"].detail


def test_openai_without_key_says_what_is_missing(make_llm_workspace: Callable[..., Workspace]) -> None:
    checks = by_name(run_checks(make_llm_workspace(provider="openai:gpt-4.1-mini"), env={}, embeddings=False))
    assert not checks["api key"].ok and "OPENAI_API_KEY is not set" in checks["api key"].detail


def test_doctor_never_prints_the_key(make_llm_workspace: Callable[..., Workspace], monkeypatch: pytest.MonkeyPatch) -> None:
    with fs.running() as server:
        ws = make_llm_workspace(provider=f"openai-compatible:m@{server.url}")
        monkeypatch.setenv("OPENAI_API_KEY", CANARY)
        monkeypatch.delenv("SYNTH_LLM", raising=False)
        for args in (["doctor", "--timeout", "2"], ["doctor", "--json", "--timeout", "2"]):
            out = CliRunner().invoke(cli, ["-w", str(ws.root), *args])
            assert out.exit_code == 0, out.output
            assert CANARY not in out.output and CANARY[:8] not in out.output and CANARY[-6:] not in out.output
        data = json.loads(out.output)
        checks = {c["name"]: c for c in data["checks"]}
        assert checks["api key"]["detail"] == "OPENAI_API_KEY is set"
        assert checks["answers"]["ok"] is True  # GET /v1/models answered
        assert checks["embeddings"]["ok"] and "384" in checks["embeddings"]["detail"]


def test_unreachable_server_is_reported(make_llm_workspace: Callable[..., Workspace]) -> None:
    ws = make_llm_workspace(provider="openai-compatible:m@http://127.0.0.1:9/v1")
    checks = by_name(run_checks(ws, env={}, timeout=1, embeddings=False))
    assert not checks["answers"].ok and "could not connect" in checks["answers"].detail


def test_scrub_masks_partial_echoes() -> None:
    assert CANARY not in scrub(f"key {CANARY}", [CANARY])
    assert "sk-canar" not in scrub("Incorrect key sk-canary-D...4d06", [CANARY])
