"""Prompt tokens per transcript token for LLM extraction of real interviews: `python -m bench tokens`.

    python -m bench.bench_tokens [--model gpt-4.1-mini] [--context N] [--no-write]

Real transcripts from `../shared/data/transcripts` (the three held out for grading are
never read). Each is ingested into a temp workspace, then extracted by the real LLM
engine through the real LLMClient (prompt rendering, data blocks, cache, usage log)
with the provider replaced by a stub that answers "no insights" and counts exactly
what would be sent: every message plus the response schema (tiktoken, offline). No
network. Reports, against the transcript tokens (the turns' words, counted the same way):
- prompt tokens sent per transcript token, and calls;
- the static prefix (system message + schema, identical in every call: what a provider's
  prompt cache can serve) as a share of what was sent;
- a second, cached run's calls (must be 0).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "transcripts"
HELD_OUT = {"q-cubed-carolyn-lu.md", "wintermoor-tactics-club.md", "get-a-grip-chip.md"}
SUFFIXES = {".md", ".txt", ".vtt", ".srt", ".json", ".docx"}


class CountingStub:
    """A provider that sends nothing: counts the tokens of each request and answers with no insights."""

    mode = "TOOLS"

    def __init__(self, model: str) -> None:
        self.model = model
        self.calls = 0
        self.tokens_in = 0
        self.static = 0
        self.prefixes: set[str] = set()

    def _count(self, messages: list[dict[str, Any]], response_model: type[Any]) -> tuple[int, int]:
        from synth.tokens import count_tokens

        schema = count_tokens(json.dumps(response_model.model_json_schema()), self.model)
        sent = sum(count_tokens(str(m["content"]), self.model) + 4 for m in messages) + schema
        system = sum(count_tokens(str(m["content"]), self.model) + 4 for m in messages if m["role"] == "system")
        self.prefixes.add("".join(str(m["content"]) for m in messages if m["role"] == "system"))
        return sent, system + schema

    def complete(self, messages: list[dict[str, Any]], response_model: type[Any], *, context: Any, max_reasks: int) -> Any:
        from synth.llm.provider_openai import Answer

        sent, static = self._count(messages, response_model)
        self.calls += 1
        self.tokens_in += sent
        self.static += static
        return Answer(response_model.model_validate({"insights": []}, context=context), sent, 0)

    async def acomplete(self, messages: list[dict[str, Any]], response_model: type[Any], *, context: Any, max_reasks: int) -> Any:
        return self.complete(messages, response_model, context=context, max_reasks=max_reasks)


def transcripts() -> list[Path]:
    return sorted(p for p in DATA.rglob("*") if p.suffix.lower() in SUFFIXES and p.name not in HELD_OUT and not p.stem.upper().startswith("LICENSE") and p.is_file())


def run(model: str, context: int | None) -> dict[str, Any]:
    import os

    from synth.config import LLMSettings, WorkspaceConfig
    from synth.extract.llm_engine import LLMExtractor
    from synth.ingest import ingest_paths
    from synth.llm import get_client
    from synth.tokens import count_tokens
    from synth.workspace import Workspace

    os.environ.setdefault("OPENAI_API_KEY", "bench-no-network")  # the provider is replaced: nothing is sent
    files = transcripts()
    settings = LLMSettings(provider=f"openai:{model}") if context is None else LLMSettings(
        provider=f"openai:{model}", context_tokens=context
    )
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.create(Path(tmp) / "ws", WorkspaceConfig(llm=settings))
        ingest_paths(ws, files)
        interviews = ws.interviews()
        transcript_tokens = sum(count_tokens("\n".join(t.text for t in iv.turns), model) for iv in interviews)
        runs = []
        for _ in range(2):
            client = get_client(ws, env={"OPENAI_API_KEY": "bench-no-network"})
            assert client is not None
            stub = CountingStub(model)
            client.provider = stub
            engine = LLMExtractor.for_workspace(ws)
            engine.client = client
            engine.max_reasks = 0
            for iv in interviews:
                engine.extract(iv)
            runs.append((stub, client.cache_hits, engine.context_tokens))
    first, cache_hits_2 = runs[0][0], runs[1][1]
    return {
        "files": [p.name for p in files],
        "interviews": len(interviews),
        "transcript_tokens": transcript_tokens,
        "calls": first.calls,
        "sent": first.tokens_in,
        "ratio": first.tokens_in / max(transcript_tokens, 1),
        "static_share": first.static / max(first.tokens_in, 1),
        "static_prefixes": len(first.prefixes),
        "context_tokens": runs[0][2],
        "cached_calls": runs[1][0].calls,
        "cached_hits": cache_hits_2,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="gpt-4.1-mini")
    ap.add_argument("--context", type=int, default=None, help="[llm] context_tokens (default: the model's own window)")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"no real transcripts at {DATA}; skipped")
        return 0
    r = run(args.model, args.context)
    line = (
        f"LLM extraction of {r['interviews']} real interviews ({', '.join(r['files'])}; {r['transcript_tokens']:,} "
        f"transcript tokens, {args.model}, context {r['context_tokens']:,}): {r['calls']} calls, "
        f"{r['sent']:,} prompt tokens = **{r['ratio']:.3f} per transcript token**; static prefix (system + schema, "
        f"{r['static_prefixes']} distinct) {r['static_share']:.1%} of what was sent; "
        f"cached re-run: {r['cached_calls']} calls, {r['cached_hits']} cache hits."
    )
    print(line)
    if not args.no_write:
        print("(add the line to bench/RESULTS.md by hand: the section is shared)")
    return 0 if r["cached_calls"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
