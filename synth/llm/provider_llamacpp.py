"""llama.cpp in this process (llama-cpp-python), with grammar-constrained JSON.

instructor's JSON_SCHEMA mode is silently ignored by llama-cpp-python, so this
provider talks to it directly: `response_format={"type": "json_object",
"schema": ...}` compiles the pydantic schema to a grammar, the answer is parsed
and validated with the caller's context, and a validation error is sent back
as a re-ask (the same protocol instructor uses). One call at a time: a llama.cpp
context is not safe to share between threads.
"""

from __future__ import annotations

import threading
from typing import Any

from synth.config import LLMSettings
from synth.errors import LLMError
from synth.llm.plan import max_output_tokens
from synth.llm.provider_openai import Answer
from synth.llm.spec import ProviderSpec, gguf_path

_LOCK = threading.Lock()
_MODELS: dict[tuple[str, int], Any] = {}


class ValidationFailed(Exception):
    def __init__(self, message: str, attempts: int, tokens_in: int, tokens_out: int) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.tokens_in = tokens_in
        self.tokens_out = tokens_out


def load_model(path: str, n_ctx: int) -> Any:
    with _LOCK:
        key = (path, n_ctx)
        if key not in _MODELS:
            try:
                from llama_cpp import Llama
            except ImportError:
                raise LLMError(
                    "llamacpp: llama-cpp-python is not installed (pip install 'synth[local]'; see the README)"
                ) from None
            _MODELS[key] = Llama(model_path=path, n_ctx=n_ctx, n_threads=2, verbose=False, seed=0)
        return _MODELS[key]


class LlamaCppProvider:
    mode = "JSON_OBJECT_SCHEMA"

    def __init__(self, spec: ProviderSpec, settings: LLMSettings) -> None:
        self.spec = spec
        self.settings = settings
        self.path = gguf_path(spec)
        self.max_tokens = max_output_tokens(settings)
        self.n_ctx = min(settings.context_tokens + self.max_tokens + 1024, 32768)

    def __repr__(self) -> str:
        return f"LlamaCppProvider({self.path.name!r})"

    def model(self) -> Any:
        return load_model(str(self.path), self.n_ctx)

    def complete(self, messages: list[dict[str, Any]], response_model: type[Any], *, context: Any, max_reasks: int) -> Answer:
        from pydantic import ValidationError

        llm = self.model()
        fmt = {"type": "json_object", "schema": response_model.model_json_schema()}
        convo = [dict(m) for m in messages]
        tokens_in = tokens_out = 0
        last = "invalid answer"
        for _ in range(max_reasks + 1):
            with _LOCK:
                out = llm.create_chat_completion(
                    messages=convo, response_format=fmt, temperature=0.0, max_tokens=self.max_tokens, seed=0
                )
            usage = out.get("usage") or {}
            tokens_in += int(usage.get("prompt_tokens", 0))
            tokens_out += int(usage.get("completion_tokens", 0))
            content = out["choices"][0]["message"].get("content") or ""
            try:
                value = response_model.model_validate_json(content, context=context)
            except ValidationError as exc:
                from synth.llm.errors import first_line

                last = first_line(exc)
                convo += [
                    {"role": "assistant", "content": content},
                    {"role": "user", "content": f"Correct your previous answer; it failed validation:\n{exc}"},
                ]
                continue
            return Answer(value, tokens_in, tokens_out)
        raise ValidationFailed(last, max_reasks + 1, tokens_in, tokens_out)

    async def acomplete(
        self, messages: list[dict[str, Any]], response_model: type[Any], *, context: Any, max_reasks: int
    ) -> Answer:
        import asyncio

        return await asyncio.to_thread(self.complete, messages, response_model, context=context, max_reasks=max_reasks)

    def ping(self, timeout: float = 5.0) -> str:
        llm = self.model()
        return f"loaded {self.path.name} (context {llm.n_ctx()} tokens)"
