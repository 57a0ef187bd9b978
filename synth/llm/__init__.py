"""The one LLM layer: providers, prompts, cache, cost, retries, redaction, usage log.

    session = Session(ws, dry_run=False, max_cost=0.50)   # one per command (synth.llm.session)
    answer = session.structured("extract", "extract", {"transcript": text}, Extraction,
                                context={"interview": iv}, max_reasks=2)

Importing this package imports no SDK (openai, instructor, llama_cpp load on first call).
See synth/llm/session.py and synth/llm/client.py for the contract and prompts/README.md for prompt files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from synth.llm.client import DryRunStop, LLMClient, StepSpend
from synth.llm.datablock import DATA_PREAMBLE, data_block
from synth.llm.plan import Estimate, PlannedCall
from synth.llm.session import CACHE_FILE, USAGE_FILE, Session, make_provider
from synth.llm.spec import ProviderSpec, parse_provider

if TYPE_CHECKING:
    from synth.workspace import Workspace

__all__ = [
    "CACHE_FILE",
    "DATA_PREAMBLE",
    "USAGE_FILE",
    "DryRunStop",
    "Estimate",
    "LLMClient",
    "PlannedCall",
    "ProviderSpec",
    "Session",
    "StepSpend",
    "data_block",
    "get_client",
    "make_provider",
    "parse_provider",
]


def get_client(
    ws: Workspace,
    *,
    no_cache: bool = False,
    use_cache: bool = True,
    dry_run: bool = False,
    max_cost: float | None = None,
    env: dict[str, str] | None = None,
) -> LLMClient | None:
    """A client of a fresh session (None when `[llm] provider = "none"`): for tests and benchmarks.

    Commands build one `Session` and hand it to every step instead, so all
    their calls share one dry run, one cost ceiling and one usage log.
    """
    session = Session(ws, dry_run=dry_run, max_cost=max_cost, no_cache=no_cache or not use_cache, env=env)
    return session.client()
