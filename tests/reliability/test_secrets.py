"""A canary API key never lands anywhere Synth writes or prints; redaction happens before a request leaves."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from synth.config import WorkspaceConfig
from synth.workspace import Workspace

CANARY = "sk-canary-" + "Zq8xW3vT9yL2mN5pR7sK1jH4"
TESTS = Path(__file__).resolve().parents[1]
TRANSCRIPT = """Founder: When did you last chase a client for receipts?
Maria Delgado: Last Tuesday. I emailed maria.delgado@example.com from my own account, then called +1 415 555 0199.
Founder: What did that cost you?
Maria Delgado: About six hours that week, honestly, and Maria Delgado is the only one who does it.
"""


def fault_server() -> ModuleType:
    spec = importlib.util.spec_from_file_location("llm_fault_server", TESTS / "llm" / "llm_fault_server.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("llm_fault_server", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def server() -> Iterator[Any]:
    fs = fault_server()
    with fs.running() as srv:
        srv.fs = fs
        yield srv


def synth(ws: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OPENAI_API_KEY": CANARY}
    env.pop("SYNTH_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "synth", "-w", str(ws), *args], capture_output=True, text=True, env=env, timeout=300)


def everything_written(root: Path) -> Iterator[tuple[Path, bytes]]:
    for path in root.rglob("*"):
        if path.is_file():
            yield path, path.read_bytes()


def test_canary_key_never_written_or_printed_and_requests_are_redacted(tmp_path: Path, server: Any) -> None:
    cfg = WorkspaceConfig(name="canary")
    cfg.llm.provider = f"openai-compatible:fault@{server.url}"
    cfg.llm.redact = True
    cfg.llm.max_retries = 0
    cfg.llm.max_reasks = 0
    cfg.privacy.names = ["Maria Delgado"]
    ws = Workspace.create(tmp_path / "ws", cfg)
    (tmp_path / "call.txt").write_text(TRANSCRIPT, encoding="utf-8")
    outputs = [synth(ws.root, "ingest", str(tmp_path / "call.txt"))]
    assert outputs[0].returncode == 0, outputs[0].stderr

    # The server fails every call: the error path must not leak the key either.
    server.script(*[server.fs.error(401) for _ in range(5)])
    outputs.append(synth(ws.root, "extract", "--no-cache"))
    assert outputs[-1].returncode != 0
    assert outputs[-1].stderr.strip() and "Traceback" not in outputs[-1].stderr
    outputs += [synth(ws.root, "doctor"), synth(ws.root, "doctor", "--json"), synth(ws.root, "usage", "--json")]

    for proc in outputs:
        assert CANARY not in proc.stdout and CANARY not in proc.stderr
    for path, data in everything_written(ws.root):
        assert CANARY.encode() not in data, path

    # What left the machine: the key only in the Authorization header, no e-mail, phone or name in any body.
    assert server.requests, "extract sent nothing"
    assert all(h.get("authorization") == f"Bearer {CANARY}" for h in server.headers)
    bodies = json.dumps(server.requests)
    for secret in ("maria.delgado@example.com", "415 555 0199", "Maria Delgado"):
        assert secret not in bodies
    assert "six hours" in bodies  # the transcript itself was sent, masked


def test_no_recorded_cassette_holds_a_key() -> None:
    for path, data in everything_written(TESTS / "cassettes"):
        text = data.decode("utf-8", errors="replace")
        assert "authorization" not in text.lower() or "Bearer sk-" not in text, path
        assert "sk-" + "proj" not in text, path
