"""What one call would send and what it may cost, worked out offline before anything is sent.

`plan_call` renders the named prompt, counts tokens with tiktoken's offline
encodings and prices the call twice: the likely cost (one attempt, a typical
answer) for people reading a dry run, and the worst case the cost ceiling
reserves (every re-ask, each sent back with the whole prompt, the previous
answer and the error, and each answer as long as `max_tokens` allows).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from synth import prompts
from synth.llm.datablock import DATA_PREAMBLE
from synth.llm.pricing import cost
from synth.llm.spec import ProviderSpec

PER_MESSAGE_TOKENS = 4
REASK_NOTE_TOKENS = 300
"""Room for the validation error a re-ask sends back with the previous answer."""


@dataclass(frozen=True)
class Estimate:
    tokens_in: int
    tokens_out_est: int
    usd: float
    """Likely dollars: one attempt with a typical answer."""
    attempts: int = 1
    """1 + re-asks: how many times the request may be sent."""
    max_tokens_out: int = 0
    """The `max_tokens` cap sent with each attempt."""
    reserve_usd: float = 0.0
    """The worst case over every attempt: what the cost ceiling holds while the call is in flight."""


@dataclass
class PlannedCall:
    """Exactly what one call would send, for `--dry-run`."""

    step: str
    prompt: str
    prompt_version: str
    provider: str
    model: str
    messages: list[dict[str, Any]]
    schema: dict[str, Any]
    estimate: Estimate
    cached: bool = False

    def as_text(self) -> str:
        e = self.estimate
        head = (
            f"--- {self.step}: prompt {self.prompt} v{self.prompt_version} -> {self.provider}:{self.model} "
            f"(~{e.tokens_in} tokens in, ~{e.tokens_out_est} out, ~${e.usd:.4f}; "
            f"at most {e.attempts} attempt(s) of <= {e.max_tokens_out} tokens out, <= ${e.reserve_usd:.4f}"
            f"{'; answered from the cache, free' if self.cached else ''})"
        )
        body = [f"[{m['role']}]\n{m['content']}" for m in self.messages]
        return "\n".join([head, *body, f"[response schema]\n{json.dumps(self.schema)}"])

    def as_dict(self) -> dict[str, Any]:
        e = self.estimate
        return {
            "step": self.step,
            "prompt": self.prompt,
            "prompt_version": self.prompt_version,
            "provider": self.provider,
            "model": self.model,
            "messages": self.messages,
            "schema": self.schema,
            "tokens_in": e.tokens_in,
            "tokens_out_est": e.tokens_out_est,
            "usd": e.usd,
            "attempts": e.attempts,
            "max_tokens_out": e.max_tokens_out,
            "reserve_usd": e.reserve_usd,
            "cached": self.cached,
        }


def plan_call(
    spec: ProviderSpec,
    step: str,
    prompt: str,
    variables: dict[str, Any],
    response_model: type[BaseModel],
    *,
    reasks: int,
    max_tokens_out: int,
) -> PlannedCall:
    rendered = prompts.render(prompt, variables)
    messages = rendered.messages(DATA_PREAMBLE)
    schema = response_model.model_json_schema()
    return PlannedCall(
        step=step,
        prompt=rendered.name,
        prompt_version=rendered.version,
        provider=spec.kind,
        model=spec.model,
        messages=messages,
        schema=schema,
        estimate=estimate(spec, messages, schema, reasks=reasks, max_tokens_out=max_tokens_out),
    )


def estimate(
    spec: ProviderSpec, messages: list[dict[str, Any]], schema: dict[str, Any], *, reasks: int, max_tokens_out: int
) -> Estimate:
    from synth.tokens import count_tokens

    model = spec.model
    tokens_in = sum(count_tokens(str(m["content"]), model) + PER_MESSAGE_TOKENS for m in messages)
    tokens_in += count_tokens(json.dumps(schema), model)
    # Answers are short next to transcripts; this errs high.
    typical_out = min(max_tokens_out, 200 + tokens_in // 4)
    attempts = 1 + max(0, reasks)
    # Attempt k (0-based) resends the prompt plus k earlier answers and their errors.
    worst_in = attempts * tokens_in + (max_tokens_out + REASK_NOTE_TOKENS) * attempts * (attempts - 1) // 2
    worst_out = attempts * max_tokens_out
    return Estimate(
        tokens_in=tokens_in,
        tokens_out_est=typical_out,
        usd=cost(spec.kind, model, tokens_in, typical_out),
        attempts=attempts,
        max_tokens_out=max_tokens_out,
        reserve_usd=cost(spec.kind, model, worst_in, worst_out),
    )


MAX_OUTPUT_TOKENS = 2048
"""The default `max_tokens` sent with every request: the bound the cost ceiling relies on."""


def max_output_tokens(settings: object) -> int:
    """`[llm] max_output_tokens` when the settings have it, else the default."""
    value = getattr(settings, "max_output_tokens", None)
    return int(value) if isinstance(value, int) and value > 0 else MAX_OUTPUT_TOKENS
