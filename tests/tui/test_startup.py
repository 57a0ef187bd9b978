"""Startup stays light: heavy libraries load in the warm-up worker, and the header says so."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from tui_helpers import settle

from synth.workspace import Workspace
from tui.app import make_app

HEAVY = ("chromadb", "onnxruntime", "openai", "instructor", "tiktoken", "llama_cpp", "docx")


def test_importing_the_app_and_its_screens_loads_no_heavy_library() -> None:
    code = f"import sys, json, tui.app, tui.screens; print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


@pytest.mark.anyio
async def test_warm_up_reports_what_it_loads_then_ready(ws: Workspace) -> None:
    app = make_app(ws, warm_up=True)
    seen: list[str] = []
    shown = app.set_status

    def record(text: str) -> None:  # recorded from the start: the worker may report before the first await
        seen.append(text)
        shown(text)

    app.set_status = record  # type: ignore[method-assign]
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        while app.sub_title != "ready":
            await pilot.pause()
        await settle(pilot)
    assert "loading embedding model…" in seen
    assert seen[-1] == "ready"
