"""A content-addressed response cache: the same request never costs twice.

The key is a hash of everything that decides the answer: provider, model,
mode, the exact messages (before redaction, plus whether redaction was on)
and the response schema. The value is the validated answer as JSON; on a hit
it is validated again with the caller's context, so validators that fill
private state (grounded quotes) run as they would on a fresh answer.

SQLite in `.synth/llm_cache.sqlite`: derived data, safe to delete.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    prompt TEXT NOT NULL,
    response TEXT NOT NULL,
    tokens_in INTEGER NOT NULL,
    tokens_out INTEGER NOT NULL,
    created REAL NOT NULL
)
"""


def cache_key(*, provider: str, model: str, mode: str, messages: list[dict[str, Any]], schema: dict[str, Any], redact: bool) -> str:
    payload = json.dumps(
        {"provider": provider, "model": model, "mode": mode, "messages": messages, "schema": schema, "redact": redact},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class ResponseCache:
    def __init__(self, path: Path) -> None:
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(SCHEMA)
        return conn

    def get(self, key: str) -> tuple[str, int, int] | None:
        if not self.path.exists():
            return None
        with self._connect() as conn:
            row = conn.execute("SELECT response, tokens_in, tokens_out FROM responses WHERE key = ?", (key,)).fetchone()
        conn.close()
        return (row[0], int(row[1]), int(row[2])) if row else None

    def put(self, key: str, *, model: str, prompt: str, response: str, tokens_in: int, tokens_out: int) -> None:
        with self._connect() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?, ?)",
                (key, model, prompt, response, tokens_in, tokens_out, time.time()),
            )
        conn.close()

    def __len__(self) -> int:
        if not self.path.exists():
            return 0
        with self._connect() as conn:
            (n,) = conn.execute("SELECT COUNT(*) FROM responses").fetchone()
        conn.close()
        return int(n)
