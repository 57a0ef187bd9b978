"""The one LLM layer: providers, prompts, cache, cost, retries, redaction, usage log.

    client = get_client(ws)            # None when `[llm] provider = "none"`
    answer = client.structured("extract", "extract", {"transcript": text}, Extraction,
                               context={"interview": iv}, max_reasks=2)

Importing this package imports no SDK (openai, instructor, llama_cpp load on first call).
See synth/llm/client.py for the contract and prompts/README.md for prompt files.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from synth.llm.client import DryRunStop, Estimate, LLMClient, PlannedCall
from synth.llm.datablock import DATA_PREAMBLE, data_block
from synth.llm.spec import ProviderSpec, parse_provider

if TYPE_CHECKING:
    from synth.workspace import Workspace

__all__ = [
    "DATA_PREAMBLE",
    "USAGE_FILE",
    "DryRunStop",
    "Estimate",
    "LLMClient",
    "PlannedCall",
    "ProviderSpec",
    "data_block",
    "get_client",
    "make_provider",
    "parse_provider",
]

CACHE_FILE = "llm_cache.sqlite"
USAGE_FILE = "usage.sqlite"


def make_provider(spec: ProviderSpec, ws: Workspace, env: dict[str, str] | None = None) -> object:
    settings = ws.config.llm
    env = dict(os.environ) if env is None else env
    if spec.kind == "llamacpp":
        from synth.llm.provider_llamacpp import LlamaCppProvider

        return LlamaCppProvider(spec, settings)
    from synth.llm.provider_openai import OpenAIProvider

    return OpenAIProvider(spec, settings, env)


def get_client(
    ws: Workspace,
    *,
    no_cache: bool = False,
    use_cache: bool = True,
    dry_run: bool = False,
    max_cost: float | None = None,
    env: dict[str, str] | None = None,
) -> LLMClient | None:
    """The workspace's LLM client, or None when no provider is configured (use the offline engines).

    `no_cache=True` (or `use_cache=False`) skips the response cache; `dry_run` sends nothing
    (each `structured()` records a PlannedCall and raises DryRunStop); `max_cost` (dollars,
    default `[llm] max_cost`) aborts with CostLimitError before a call that would exceed it.
    """
    from synth.llm.cache import ResponseCache
    from synth.llm.usage import UsageLog

    spec = parse_provider(ws.config.llm.provider)
    if spec.kind == "none":
        return None
    provider = make_provider(spec, ws, env)
    cached = use_cache and not no_cache
    return LLMClient(
        provider,
        spec,
        ws.config.llm,
        cache=ResponseCache(ws.derived_dir / CACHE_FILE) if cached else None,
        usage_log=None if dry_run else UsageLog(ws.derived_dir / USAGE_FILE),
        dry_run=dry_run,
        max_cost=max_cost,
        redact_names=ws.config.privacy.names,
    )
