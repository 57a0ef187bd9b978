"""The share of prompt tokens a provider served from its prompt cache, in the usage log and `synth usage`."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import SimpleNamespace

from synth.llm.provider_openai import _answer
from synth.llm.usage import CallRecord, UsageLog


def test_cached_prompt_tokens_are_read_from_the_provider_usage() -> None:
    usage = SimpleNamespace(prompt_tokens=1000, completion_tokens=50, prompt_tokens_details=SimpleNamespace(cached_tokens=768))
    answer = _answer("value", SimpleNamespace(usage=usage))
    assert (answer.tokens_in, answer.tokens_out, answer.tokens_cached) == (1000, 50, 768)
    bare = _answer("value", SimpleNamespace(usage=SimpleNamespace(prompt_tokens=10, completion_tokens=1)))
    assert bare.tokens_cached == 0


def test_usage_summary_totals_cached_tokens_and_old_logs_gain_the_column(tmp_path: Path) -> None:
    path = tmp_path / "usage.sqlite"
    old = sqlite3.connect(path)  # a log written before the column existed
    old.execute(
        "CREATE TABLE calls (id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, step TEXT NOT NULL, "
        "prompt TEXT NOT NULL, prompt_version TEXT NOT NULL, provider TEXT NOT NULL, model TEXT NOT NULL, "
        "tokens_in INTEGER NOT NULL, tokens_out INTEGER NOT NULL, cached INTEGER NOT NULL, usd REAL NOT NULL, "
        "latency_s REAL NOT NULL, ok INTEGER NOT NULL, error TEXT NOT NULL DEFAULT '', attempts INTEGER NOT NULL DEFAULT 1)"
    )
    old.execute(
        "INSERT INTO calls (time, step, prompt, prompt_version, provider, model, tokens_in, tokens_out, cached, usd, "
        "latency_s, ok) VALUES ('2026-01-01T00:00:00', 'extract', 'extract', '1', 'openai', 'm', 100, 5, 0, 0, 0, 1)"
    )
    old.commit()
    old.close()
    log = UsageLog(path)
    log.record(CallRecord("extract", "extract", "2", "openai", "m", tokens_in=900, tokens_out=10, tokens_cached=600))
    total = log.summary()["total"]
    assert (total["calls"], total["tokens_in"], total["tokens_cached"]) == (2, 1000, 600)
