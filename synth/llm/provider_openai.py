"""OpenAI and OpenAI-compatible servers, through instructor over the OpenAI SDK.

One attempt per `complete()` as far as transport goes (SDK `max_retries=0`;
the client retries transport failures itself). Validation failures are
re-asked by instructor up to `max_reasks` times, with the validation error
sent back to the model.

Modes (`[llm] mode`, empty = `tools`):
- `tools`        function calling. OpenAI, llama.cpp's server (`llama_cpp.server`, `llama-server
                 --jinja`), vLLM (with `--enable-auto-tool-choice` and a tool parser) and LM Studio.
- `json_schema`  OpenAI structured outputs; also vLLM and LM Studio, and Ollama >= 0.5 (which maps
                 it to its grammar-constrained `format`). Not llama-cpp-python's server (HTTP 500).
- `json`         JSON mode plus the schema in the prompt: the fallback for servers without tools.
- `md_json`      JSON in a Markdown fence, parsed leniently: for servers with neither.
For Ollama use `json_schema` (its tool calling depends on the model's template).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

from synth.config import LLMSettings
from synth.errors import ConfigError
from synth.llm.plan import max_output_tokens
from synth.llm.spec import ProviderSpec

MODES = {"": "TOOLS", "tools": "TOOLS", "json_schema": "JSON_SCHEMA", "json": "JSON", "md_json": "MD_JSON"}
NO_KEY = "not-needed"
NOISY_LOGGERS = ("instructor", "openai", "httpx", "httpx2", "httpcore")
"""Libraries that log each failed attempt; the client reports failures itself, in one line."""


def quiet_libraries() -> None:
    """Keep library log lines off the terminal (SYNTH_DEBUG=1 lets them through)."""
    if os.environ.get("SYNTH_DEBUG"):
        return
    for name in NOISY_LOGGERS:
        log = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
            log.addHandler(logging.NullHandler())
        log.propagate = False


@dataclass
class Answer:
    value: Any
    tokens_in: int
    tokens_out: int
    tokens_cached: int = 0
    """Prompt tokens the provider served from its prompt cache (OpenAI: usage.prompt_tokens_details)."""


def mode_name(settings: LLMSettings) -> str:
    mode = settings.mode.strip().lower()
    if mode not in MODES:
        raise ConfigError(f"llm.mode {settings.mode!r} is not one of: tools, json_schema, json, md_json")
    return MODES[mode]


def api_key(spec: ProviderSpec, settings: LLMSettings, env: dict[str, str]) -> str:
    key = env.get(settings.api_key_env, "").strip()
    if spec.kind == "openai" and not key:
        raise ConfigError(f"{spec.label} needs an API key in the environment variable {settings.api_key_env}")
    return key or NO_KEY


class OpenAIProvider:
    def __init__(self, spec: ProviderSpec, settings: LLMSettings, env: dict[str, str]) -> None:
        self.spec = spec
        self.settings = settings
        self.mode = mode_name(settings)
        self._key = api_key(spec, settings, env)
        quiet_libraries()
        self._sync: Any = None
        self._async: Any = None

    def __repr__(self) -> str:  # never show the key
        return f"OpenAIProvider({self.spec.label!r}, mode={self.mode})"

    def _openai_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"api_key": self._key, "timeout": self.settings.timeout, "max_retries": 0}
        if self.spec.base_url:
            kwargs["base_url"] = self.spec.base_url
        return kwargs

    def sync_client(self) -> Any:
        if self._sync is None:
            import instructor
            from openai import OpenAI

            self._sync = instructor.from_openai(OpenAI(**self._openai_kwargs()), mode=instructor.Mode[self.mode])
        return self._sync

    def async_client(self) -> Any:
        if self._async is None:
            import instructor
            from openai import AsyncOpenAI

            self._async = instructor.from_openai(AsyncOpenAI(**self._openai_kwargs()), mode=instructor.Mode[self.mode])
        return self._async

    def _request(self, messages: list[dict[str, Any]], response_model: type[Any], context: Any, max_reasks: int) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "model": self.spec.model,
            "messages": messages,
            "response_model": response_model,
            "context": context,
            "max_retries": max_reasks,
        }
        # A hard cap on every answer: the cost ceiling reserves exactly this much output.
        if self.spec.kind == "openai":
            kwargs["max_completion_tokens"] = max_output_tokens(self.settings)
        else:
            # Local servers: greedy decoding makes answers (and recorded cassettes) repeatable;
            # `max_tokens` is the name every OpenAI-compatible server knows.
            kwargs["max_tokens"] = max_output_tokens(self.settings)
            kwargs["temperature"] = 0
        return kwargs

    def complete(self, messages: list[dict[str, Any]], response_model: type[Any], *, context: Any, max_reasks: int) -> Answer:
        value, completion = self.sync_client().chat.completions.create_with_completion(
            **self._request(messages, response_model, context, max_reasks)
        )
        return _answer(value, completion)

    async def acomplete(
        self, messages: list[dict[str, Any]], response_model: type[Any], *, context: Any, max_reasks: int
    ) -> Answer:
        value, completion = await self.async_client().chat.completions.create_with_completion(
            **self._request(messages, response_model, context, max_reasks)
        )
        return _answer(value, completion)

    def ping(self, timeout: float = 5.0) -> str:
        """List the server's models (no tokens spent); returns a short description."""
        from openai import OpenAI

        client = OpenAI(**{**self._openai_kwargs(), "timeout": timeout})
        ids = [m.id for m in client.models.list()]
        if self.spec.model not in ids and ids:
            return f"answers; {len(ids)} model(s) listed, {self.spec.model!r} not among them"
        return f"answers; {len(ids)} model(s) listed"


def _answer(value: Any, completion: Any) -> Answer:
    usage = getattr(completion, "usage", None)
    details = getattr(usage, "prompt_tokens_details", None)
    return Answer(
        value,
        int(getattr(usage, "prompt_tokens", 0) or 0),
        int(getattr(usage, "completion_tokens", 0) or 0),
        int(getattr(details, "cached_tokens", 0) or 0),
    )
