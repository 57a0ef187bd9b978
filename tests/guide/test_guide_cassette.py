"""A guide through the real LLM layer, replayed from a cassette recorded against SmolLM2 on llama_cpp.server.

SmolLM2-135M is a protocol test model: it answers the guide request with no usable
section, so this proves the path (the guide prompt file, one structured call
through the command's session, the answer validated) and that the guide then
says honestly where its questions came from: the offline bank, not the model.
Re-record: tests/README.md (`python tests/llm/record_cassettes.py
tests/guide/test_guide_cassette.py` after deleting the cassette).
"""

from __future__ import annotations

import json
from datetime import date

import instructor  # noqa: F401  (a hard dependency: missing is a failure, not a skip)
import pytest

from synth.guide import generate_guide
from synth.llm.session import Session

from .conftest import HYPOTHESES


@pytest.mark.vcr
def test_guide_through_the_llm_layer(cassette_workspace, vcr) -> None:
    ws = cassette_workspace
    ws.save_hypotheses(HYPOTHESES[:1])
    session = Session(ws)
    g = generate_guide(ws, ["H1"], minutes=15, today=date(2026, 3, 9), session=session)
    # The request left through the layer with the guide prompt and the hypothesis as data.
    assert len(vcr.requests) >= 1
    body = json.loads(vcr.requests[0].body)
    sent = json.dumps(body["messages"])
    assert "Mom Test" in sent and HYPOTHESES[0].statement in sent
    assert session.spend()["guide"].calls >= 1
    # The model added nothing usable, and the label says so instead of claiming an LLM guide.
    assert g.engine == "offline (llm:openai-compatible:smollm2@http://127.0.0.1:8765/v1 answered nothing usable)"
    [section] = g.sections
    assert len(section.questions) == 3
    assert all(not q.flags for q in section.questions)
    assert section.counts_against == HYPOTHESES[0].falsified_if
