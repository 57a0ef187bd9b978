"""The usage log: one row per structured call, in `.synth/usage.sqlite`.

Provenance and cost: when, which step and prompt (name and version), which
provider and model, tokens in and out, whether the cache answered, dollars,
latency, and whether it worked. Append-only; `synth usage` reads it.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS calls (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    step TEXT NOT NULL,
    prompt TEXT NOT NULL,
    prompt_version TEXT NOT NULL,
    provider TEXT NOT NULL,
    model TEXT NOT NULL,
    tokens_in INTEGER NOT NULL,
    tokens_out INTEGER NOT NULL,
    cached INTEGER NOT NULL,
    usd REAL NOT NULL,
    latency_s REAL NOT NULL,
    ok INTEGER NOT NULL,
    error TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 1,
    tokens_cached INTEGER NOT NULL DEFAULT 0
)
"""
# Columns added after the first release, with their definitions: older logs gain them on open.
ADDED_COLUMNS = {"tokens_cached": "INTEGER NOT NULL DEFAULT 0"}


@dataclass
class CallRecord:
    step: str
    prompt: str
    prompt_version: str
    provider: str
    model: str
    tokens_in: int = 0
    tokens_out: int = 0
    cached: bool = False
    usd: float = 0.0
    latency_s: float = 0.0
    ok: bool = True
    error: str = ""
    attempts: int = 1
    tokens_cached: int = 0
    """Of tokens_in, those the provider served from its prompt cache (the static prefix)."""
    time: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))


class UsageLog:
    def __init__(self, path: Path) -> None:
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(SCHEMA)
        have = {r[1] for r in conn.execute("PRAGMA table_info(calls)")}
        for name, definition in ADDED_COLUMNS.items():
            if name not in have:
                conn.execute(f"ALTER TABLE calls ADD COLUMN {name} {definition}")
        return conn

    def record(self, rec: CallRecord) -> None:
        row = asdict(rec)
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        for attempt in range(3):
            try:
                with self._connect() as conn:
                    conn.execute(f"INSERT INTO calls ({cols}) VALUES ({marks})", tuple(row.values()))
                conn.close()
                return
            except sqlite3.OperationalError:
                # The log must never fail a paid call; a busy database gets two more tries.
                if attempt == 2:
                    return
                time.sleep(0.2)

    def rows(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        with self._connect() as conn:
            conn.row_factory = sqlite3.Row
            rows = [dict(r) for r in conn.execute("SELECT * FROM calls ORDER BY id")]
        conn.close()
        return rows

    def summary(self) -> dict[str, Any]:
        """Calls, tokens, cache hits and dollars: in total, per step and per day."""
        rows = self.rows()

        def add(bucket: dict[str, Any], r: dict[str, Any]) -> None:
            bucket["calls"] += 0 if r["cached"] else 1
            bucket["cache_hits"] += 1 if r["cached"] else 0
            bucket["errors"] += 0 if r["ok"] else 1
            bucket["tokens_in"] += r["tokens_in"]
            bucket["tokens_out"] += r["tokens_out"]
            bucket["tokens_cached"] += r.get("tokens_cached") or 0
            bucket["usd"] = round(bucket["usd"] + r["usd"], 6)

        def empty() -> dict[str, Any]:
            return {"calls": 0, "cache_hits": 0, "errors": 0, "tokens_in": 0, "tokens_out": 0, "tokens_cached": 0, "usd": 0.0}

        total = empty()
        by_step: dict[str, dict[str, Any]] = {}
        by_day: dict[str, dict[str, Any]] = {}
        for r in rows:
            add(total, r)
            add(by_step.setdefault(r["step"], empty()), r)
            add(by_day.setdefault(r["time"][:10], empty()), r)
        return {"total": total, "by_step": by_step, "by_day": by_day}
