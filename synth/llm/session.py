"""One LLM session per command: engine, dry run, cost ceiling, cache and usage log, built once.

    session = Session(ws, dry_run=True, max_cost=0.50, no_cache=False)
    with session.active():
        extract_interviews(ws, llm=session)   # every step gets the same session

The command builds the session from `synth.toml` and its flags and passes it
to every step that may call a model (extraction, linking, theme labels,
drafts, guides). There is one client behind it, so one budget, one list of
planned calls, one usage log and one "provider is down" switch for the whole
command: nothing below can bypass a dry run or the ceiling by building its
own client. `Session.current(ws)` finds the active session for code that was
not handed one (a step called from a place that predates sessions); without
an active one it is a plain session from the workspace's settings.

A dry run needs no API key and loads no model: the client gets a stand-in
provider that refuses to send, so planning works for every provider.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from synth.errors import ConfigError
from synth.llm.budget import Budget
from synth.llm.client import LLMClient, StepSpend
from synth.llm.plan import PlannedCall
from synth.llm.spec import ProviderSpec, parse_provider

if TYPE_CHECKING:
    from synth.workspace import Workspace

T = TypeVar("T", bound=BaseModel)

CACHE_FILE = "llm_cache.sqlite"
USAGE_FILE = "usage.sqlite"

_ACTIVE: ContextVar[Session | None] = ContextVar("synth_llm_session", default=None)


class DryProvider:
    """Stands in for the real provider in a dry run: the same cache mode, and it never sends."""

    def __init__(self, mode: str) -> None:
        self.mode = mode

    def __repr__(self) -> str:
        return f"DryProvider(mode={self.mode})"

    def complete(self, *args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a dry run never sends")  # pragma: no cover - _begin stops first

    async def acomplete(self, *args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a dry run never sends")  # pragma: no cover


def provider_mode(spec: ProviderSpec, settings: Any) -> str:
    """The mode the real provider would use (part of the cache key), without building it."""
    if spec.kind == "llamacpp":
        from synth.llm.provider_llamacpp import LlamaCppProvider

        return LlamaCppProvider.mode
    from synth.llm.provider_openai import mode_name

    return mode_name(settings)


def make_provider(spec: ProviderSpec, ws: Workspace, env: dict[str, str] | None = None) -> object:
    settings = ws.config.llm
    env = dict(os.environ) if env is None else env
    if spec.kind == "llamacpp":
        from synth.llm.provider_llamacpp import LlamaCppProvider

        return LlamaCppProvider(spec, settings)
    from synth.llm.provider_openai import OpenAIProvider

    return OpenAIProvider(spec, settings, env)


class Session:
    def __init__(
        self,
        ws: Workspace,
        *,
        dry_run: bool = False,
        max_cost: float | None = None,
        no_cache: bool = False,
        env: dict[str, str] | None = None,
    ) -> None:
        self.ws = ws
        self.settings = ws.config.llm
        self.spec: ProviderSpec = parse_provider(self.settings.provider)
        self.dry_run = dry_run
        self.no_cache = no_cache
        self.max_cost = max_cost if max_cost is not None else self.settings.max_cost
        self.budget = Budget(self.max_cost)
        self._env = env
        self._client: LLMClient | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Session({self.spec.label!r}, dry_run={self.dry_run}, max_cost={self.max_cost})"

    @property
    def enabled(self) -> bool:
        """False when `[llm] provider = "none"`: steps use their offline engines."""
        return self.spec.kind != "none"

    @property
    def engine(self) -> str:
        """The engine label steps store on what they make (`llm:<provider>` or `offline`)."""
        return f"llm:{self.settings.provider}" if self.enabled else "offline"

    def client(self) -> LLMClient | None:
        """The one client of this session (built on first use), or None without a provider."""
        if not self.enabled:
            return None
        with self._lock:
            if self._client is None:
                self._client = self._build()
            return self._client

    def require(self) -> LLMClient:
        client = self.client()
        if client is None:
            raise ConfigError("no LLM provider configured; set [llm] provider or use the offline engine")
        return client

    def _build(self) -> LLMClient:
        from synth.llm.cache import ResponseCache
        from synth.llm.usage import UsageLog

        ws = self.ws
        provider = (
            DryProvider(provider_mode(self.spec, self.settings)) if self.dry_run else make_provider(self.spec, ws, self._env)
        )
        return LLMClient(
            provider,
            self.spec,
            self.settings,
            cache=None if self.no_cache else ResponseCache(ws.derived_dir / CACHE_FILE),
            usage_log=None if self.dry_run else UsageLog(ws.derived_dir / USAGE_FILE),
            dry_run=self.dry_run,
            budget=self.budget,
            redact_names=ws.config.privacy.names,
        )

    # --- the client's calls, so a session can be handed to anything that takes a client ---

    def structured(
        self,
        step: str,
        prompt: str,
        variables: dict[str, Any],
        response_model: type[T],
        *,
        context: dict[str, Any] | None = None,
        max_reasks: int | None = None,
    ) -> T:
        return self.require().structured(step, prompt, variables, response_model, context=context, max_reasks=max_reasks)

    async def astructured(
        self,
        step: str,
        prompt: str,
        variables: dict[str, Any],
        response_model: type[T],
        *,
        context: dict[str, Any] | None = None,
        max_reasks: int | None = None,
    ) -> T:
        return await self.require().astructured(
            step, prompt, variables, response_model, context=context, max_reasks=max_reasks
        )

    # --- what the command reports ---

    @property
    def planned(self) -> list[PlannedCall]:
        client = self._client
        return list(client.planned) if client is not None else []

    def spend(self) -> dict[str, StepSpend]:
        client = self._client
        return client.spend() if client is not None else {}

    def usage_totals(self) -> tuple[int, int, float]:
        client = self._client
        return client.usage_totals() if client is not None else (0, 0, 0.0)

    def spend_line(self) -> str:
        """One line for stderr: each step's calls, tokens and dollars; empty when nothing was asked."""
        parts = []
        for step, s in sorted(self.spend().items()):
            if not (s.calls or s.cache_hits):
                continue  # a step whose every call failed has said so already
            cached = f", {s.cache_hits} cached" if s.cache_hits else ""
            failed = f", {s.errors} failed" if s.errors else ""
            parts.append(f"{step} {s.calls} call(s){cached}{failed}, {s.tokens_in + s.tokens_out} tokens, ${s.usd:.4f}")
        return ("LLM: " + "; ".join(parts)) if parts else ""

    # --- the session in force ---

    @contextmanager
    def active(self) -> Iterator[Session]:
        """Make this the session `Session.current()` finds while the block runs (this thread)."""
        token = _ACTIVE.set(self)
        try:
            yield self
        finally:
            _ACTIVE.reset(token)

    @classmethod
    def current(cls, ws: Workspace) -> Session:
        """The active session for this workspace, else a session from its settings alone."""
        found = _ACTIVE.get()
        if found is not None and found.ws.root == ws.root:
            return found
        return cls(ws)
