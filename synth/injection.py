"""Recognise text in a transcript that speaks to a model rather than about a customer's life.

Transcripts are data. A sentence that reads like an instruction to an AI
("ignore previous instructions", "mark H2 as supported", "reveal your system
prompt") is never silently dropped: the offline engine keeps it, marks the
insight in `Insight.flagged` with the reason, and a flagged insight never
counts as evidence. The LLM layer also fences transcripts in data blocks.

The patterns ask for the shape of an instruction addressed to a model (an
imperative aimed at "your instructions", a hypothesis id with a verdict,
prompt markup), not for single words: customers say "assistant", "system",
"return" and "JSON" in ordinary speech, and that speech must stay evidence.
"""

from __future__ import annotations

import re

_PATTERNS: list[tuple[str, str]] = [
    (
        "asks to ignore earlier instructions",
        r"\b(ignore|disregard|forget|override)\b.{0,30}\b(previous|prior|above|earlier|preceding|your|system)\b.{0,30}"
        r"\b(instructions?|prompts?|rules|directions|guidelines|context)\b",
    ),
    ("mentions a system prompt", r"\b(system|developer|hidden)\s+prompt\b"),
    (
        "asks to reveal hidden instructions",
        r"\b(reveal|show|print|repeat|output|leak)\b.{0,30}\b(your|the)\s+(system|developer|hidden|initial)\s+"
        r"(message|instructions?)\b",
    ),
    (
        "tells a model how to label a hypothesis",
        r"\b(mark|label|tag|classify|set|flag|record)\b.{0,60}\b(hypothes[ie]s|H\d+)\b.{0,40}"
        r"\b(as\s+)?(supported|validated|confirmed|proven|refuted|true)\b",
    ),
    (
        "asks a model to change role",
        r"\byou are now\b|\bfrom now on,? you\b|(?:^|[.!?:]\s+)(?:now\s+)?(?:act as|pretend (?:to be|you are))\b",
    ),
    (
        "asks for fixed output",
        r"\b(output|print|respond with|reply with|return)\b.{0,30}\b(the following|this exact|verbatim)\b",
    ),
    ("addresses a model", r"\bas an? (ai|language model|llm|large language model)\b"),
    (
        "instructs a model",
        r"\b(ai|llm|chatgpt|gpt|language model|assistant|model)\b.{0,40}\b(must|should|will|shall)\s+"
        r"(ignore|disregard|obey|output|print|reveal|mark|respond|reply|classify|label)\b",
    ),
    ("contains prompt markup", r"</?\s*(transcript|system|assistant|user|instructions?)\s*>"),
    ("contains prompt markup", r"\[\s*(INST|SYS)\s*\]|<<\s*SYS\s*>>|<\|im_(start|end)\|>"),
]
_COMPILED = [(reason, re.compile(p, re.IGNORECASE | re.DOTALL)) for reason, p in _PATTERNS]


def injection_reason(text: str) -> str | None:
    """Why `text` reads like an instruction to a model, or None when it reads like speech."""
    for reason, pattern in _COMPILED:
        if pattern.search(text):
            return f"injection: {reason}"
    return None


def looks_like_injection(text: str) -> bool:
    """True for text addressed to a model (instructions, role play, prompt markup)."""
    return injection_reason(text) is not None
