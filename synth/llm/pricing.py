"""Prices per million tokens, in US dollars: the one table.

Local and OpenAI-compatible servers cost nothing. An OpenAI model missing here
is priced as the most expensive row, so a cost ceiling errs on the safe side.
Prices as listed by OpenAI for standard (non-batch) requests.
"""

from __future__ import annotations

# model prefix -> (input $/1M tokens, output $/1M tokens); the longest matching prefix wins.
PRICES: dict[str, tuple[float, float]] = {
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-5-nano": (0.05, 0.40),
    "gpt-5-mini": (0.25, 2.00),
    "gpt-5": (1.25, 10.00),
    "o4-mini": (1.10, 4.40),
    "o3-mini": (1.10, 4.40),
    "o3": (2.00, 8.00),
    "gpt-3.5-turbo": (0.50, 1.50),
}
UNKNOWN = max(PRICES.values(), key=lambda p: p[0] + p[1])


def price(kind: str, model: str) -> tuple[float, float]:
    if kind != "openai":
        return (0.0, 0.0)
    name = model.lower()
    best = max((p for p in PRICES if name.startswith(p)), key=len, default=None)
    return PRICES[best] if best else UNKNOWN


def cost(kind: str, model: str, tokens_in: int, tokens_out: int) -> float:
    pin, pout = price(kind, model)
    return (tokens_in * pin + tokens_out * pout) / 1_000_000


# model prefix -> context window in tokens (input + output), as OpenAI lists them; the longest prefix wins.
# Extraction sends whole interviews when they fit (synth.extract.llm_engine), so the window matters.
CONTEXT: dict[str, int] = {
    "gpt-4.1": 1_047_576,
    "gpt-4o": 128_000,
    "gpt-5": 400_000,
    "o4-mini": 200_000,
    "o3": 200_000,
    "gpt-3.5-turbo": 16_385,
}


def context_window(kind: str, model: str) -> int | None:
    """The model's context window, or None when unknown (local servers: their own n_ctx)."""
    if kind != "openai":
        return None
    name = model.lower()
    best = max((p for p in CONTEXT if name.startswith(p)), key=len, default=None)
    return CONTEXT[best] if best else None
