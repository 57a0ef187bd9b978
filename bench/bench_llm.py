"""LLM extraction cost on the demo corpus, measured offline: `python -m bench llm`.

Runs the real LLM extraction engine through the real LLMClient (prompt
rendering, data blocks, cache, usage log) with the provider replaced by a stub
that answers "no insights" and counts the tokens of exactly what would be sent
(messages + response schema, tiktoken o200k as for gpt-4.1-mini). Reports
prompt tokens per transcript token, calls, estimated dollars, and a second
(cached) run's calls, which must be zero.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MODEL = "gpt-4.1-mini"


class CountingStub:
    mode = "TOOLS"

    def __init__(self) -> None:
        self.calls = 0
        self.tokens_in = 0

    def complete(self, messages: list[dict[str, Any]], response_model: type[Any], *, context: Any, max_reasks: int) -> Any:
        from synth.llm.provider_openai import Answer
        from synth.tokens import count_tokens

        self.calls += 1
        sent = sum(count_tokens(m["content"], MODEL) + 4 for m in messages)
        sent += count_tokens(json.dumps(response_model.model_json_schema()), MODEL)
        self.tokens_in += sent
        return Answer(response_model.model_validate({"insights": []}, context=context), sent, 0)


def main() -> int:
    from synth.config import LLMSettings, WorkspaceConfig
    from synth.extract.llm_engine import LLMExtractor
    from synth.ingest import ingest_paths
    from synth.llm import get_client
    from synth.llm.pricing import cost
    from synth.tokens import count_tokens
    from synth.workspace import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.create(Path(tmp) / "ws", WorkspaceConfig(llm=LLMSettings(provider=f"openai:{MODEL}")))
        ingest_paths(ws, [ROOT / "corpus" / "demo" / "transcripts"])
        interviews = ws.interviews()
        transcript_tokens = sum(count_tokens("\n".join(t.text for t in iv.turns), MODEL) for iv in interviews)
        runs = []
        for _ in range(2):
            client = get_client(ws, env={"OPENAI_API_KEY": "bench-no-network"})
            assert client is not None
            stub = CountingStub()
            client.provider = stub
            engine = LLMExtractor(client, context_tokens=ws.config.llm.context_tokens, max_reasks=0)
            for iv in interviews:
                engine.extract(iv)
            runs.append((stub.calls, stub.tokens_in, client.cache_hits, cost("openai", MODEL, stub.tokens_in, 0)))
    (calls, sent, _, usd), (calls2, _, hits2, _) = runs
    lines = [
        f"LLM extraction on the demo corpus ({len(interviews)} interviews, {transcript_tokens} transcript tokens, "
        f"{MODEL}, context_tokens 8000): {calls} calls, {sent} prompt tokens sent = "
        f"{sent / max(transcript_tokens, 1):.2f} per transcript token (instructions, turn labels, data blocks, schema), "
        f"input ~${usd:.4f}; cached re-run: {calls2} calls, {hits2} cache hits.",
    ]
    print("\n".join(lines))
    if "--no-write" not in sys.argv:
        with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as fh:
            fh.write("\n## LLM layer (`python -m bench llm`)\n\n" + "\n".join(lines) + "\n")
    return 0 if calls2 == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
