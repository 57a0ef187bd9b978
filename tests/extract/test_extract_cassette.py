"""Extraction over HTTP through the real LLM layer, replayed from a cassette recorded against
SmolLM2-135M on `python -m llama_cpp.server` (the recording server of tests/conftest.py,
127.0.0.1:8765; re-record with `python tests/llm/record_cassettes.py tests/extract/test_extract_cassette.py`
after deleting its cassette).

What it proves, and what it does not. SmolLM2-135M is a protocol test model. Its first answer
here quotes two "sentences": one is the participant's words behind a made-up speaker label
(it grounds), the other is invented (it does not). The grounding validator checks both real
quotes, and the re-ask names only the invented one. The model's second answer rambles until
`max_tokens` cuts it off mid-JSON, so the call fails with one typed error after two attempts:
nothing is stored, the run goes on (exit code from the caller), and the tokens of both attempts
reach the usage log. It does NOT prove that a grounded answer is stored: that is proved offline
with real SDK objects in tests/extract/test_llm_engine.py; a cassette of a model able to quote
verbatim needs a bigger model than any shipped in a package.
"""

from __future__ import annotations

import json
from typing import Any

import instructor  # noqa: F401  (a hard dependency: missing is a failure, not a skip)
import pytest

from synth.extract import extract_interviews
from synth.extract.align import align_quote
from synth.extract.build import interview_from_turns
from synth.llm import USAGE_FILE
from synth.llm.usage import UsageLog

from .conftest import DANA, hyp

SERVER = "http://127.0.0.1:8765/v1"  # tests/conftest.py RECORDING_SERVER


def _tool_args(body: str) -> dict[str, Any]:
    data = json.loads(body)
    call = data["choices"][0]["message"]["tool_calls"][0]
    args: dict[str, Any] = json.loads(call["function"]["arguments"])
    return args


@pytest.fixture(scope="module")
def vcr_config(vcr_config: dict[str, Any]) -> dict[str, Any]:
    # Without a fixed record_mode the command line decides (`none` unless --record-mode is given).
    return {k: v for k, v in vcr_config.items() if k != "record_mode"}


@pytest.mark.vcr
def test_llm_extraction_over_http_grounds_real_quotes_reasks_the_invented_one_and_stores_nothing_cut_off(
    make_llm_workspace: Any, vcr: Any
) -> None:
    ws = make_llm_workspace(provider=f"openai-compatible:smollm2@{SERVER}", max_retries=0, max_reasks=1, timeout=600,
                            max_output_tokens=320)  # SmolLM2 rambles until the cap: recording stays short
    ws.save_hypotheses([hyp("H1", "Small finance teams copy invoice data from PDFs into spreadsheets by hand")])
    iv = interview_from_turns("dana", DANA[:2])
    ws.save_interview(iv)

    report = extract_interviews(ws)

    assert report.engine == f"llm:openai-compatible:smollm2@{SERVER}"
    bodies = [json.loads(r.body.decode()) for r in vcr.requests]
    assert len(bodies) == 1 + ws.config.llm.max_reasks  # one call: the first answer and its re-ask
    assert all(b["tool_choice"]["function"]["name"] == "Extraction" for b in bodies)
    assert all(b["max_tokens"] == 320 and b["temperature"] == 0 for b in bodies)
    # The first answer's quotes are real strings; the validator grounded one and not the other.
    first = _tool_args(vcr.responses[0]["body"]["string"])
    quotes = [q for i in first["insights"] for q in i["quotes"]]
    grounded = [q for q in quotes if align_quote(iv, q) is not None]
    invented = [q for q in quotes if align_quote(iv, q) is None]
    assert grounded and invented and all(q.strip() for q in quotes)
    # The re-ask names the invented quote, and only it.
    reask = json.dumps(bodies[1]["messages"][-1])
    assert "not verbatim participant text" in reask
    assert all(json.dumps(q)[1:-1] in reask for q in invented)
    assert not any(f"{json.dumps(q)[1:-1]} is not in the transcript" in reask for q in grounded)
    # The second answer was cut off at max_tokens: one typed failure, nothing stored.
    usage = [json.loads(r["body"]["string"])["usage"] for r in vcr.responses]
    assert usage[-1]["completion_tokens"] == 320
    [outcome] = report.outcomes
    assert outcome.status == "failed" and "no valid answer" in outcome.message and "2 attempts" in outcome.message
    assert ws.insight_set("dana") is None and report.failed == 1
    # Both attempts' tokens are in the usage log, on the failed call.
    total = UsageLog(ws.derived_dir / USAGE_FILE).summary()["total"]
    assert total["calls"] == 1 and total["errors"] == 1  # one call, and it failed
    assert total["tokens_in"] == sum(u["prompt_tokens"] for u in usage)
    assert total["tokens_out"] == sum(u["completion_tokens"] for u in usage)
