"""A guide through the real LLM layer, replayed from a cassette recorded against SmolLM2 on llama_cpp.server.

SmolLM2-135M is a protocol test model: its questions are often flagged, so this
checks the whole path (prompt file, structured call, lint, rewrite call, top-up)
rather than question quality. Re-record: tests/README.md (`--record-mode=once`
with the recording server on 127.0.0.1:8765).
"""

from __future__ import annotations

from datetime import date

import pytest

from synth.guide import generate_guide

from .conftest import HYPOTHESES

import instructor  # noqa: F401  (a hard dependency: missing is a failure, not a skip)


@pytest.mark.vcr
def test_guide_through_the_llm_layer(cassette_workspace, vcr) -> None:
    ws = cassette_workspace
    ws.save_hypotheses(HYPOTHESES[:1])
    g = generate_guide(ws, ["H1"], minutes=15, today=date(2026, 3, 9))
    assert g.engine == "llm:openai-compatible:smollm2@http://127.0.0.1:8765/v1"
    assert len(vcr.requests) >= 1
    [section] = g.sections
    assert len(section.questions) == 3
    assert all(not q.flags for q in section.questions)
    assert section.counts_against == HYPOTHESES[0].falsified_if
