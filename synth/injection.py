"""Recognise text in a transcript that speaks to a model rather than about a customer's life.

Transcripts are data. Both engines drop sentences that look like instructions to
an AI ("ignore previous instructions", "mark H2 as supported", "reveal your
system prompt"), so an attack line can never become evidence, whatever the
model does with it. The LLM layer also fences transcripts in data blocks; this
is the second wall, and the only one the offline engine needs.
"""

from __future__ import annotations

import re

_PATTERNS = [
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(previous|prior|above|earlier|all|any|your)\b.{0,30}"
    r"\b(instructions?|prompts?|rules|directions|guidelines|context)\b",
    r"\b(system|developer|hidden)\s+(prompt|message|instructions?)\b",
    r"\b(mark|label|tag|classify|set|flag|record)\b.{0,60}\b(hypothes[ie]s|H\d+)\b.{0,40}"
    r"\b(as\s+)?(supported|validated|confirmed|proven|refuted|true)\b",
    r"\b(you are now|act as|pretend to be|from now on,? you)\b",
    r"\b(output|print|return|respond with|reply with|include)\b.{0,30}\b(the following|this exact|verbatim|json)\b",
    r"\b(as an ai|language model|llm|chatgpt|assistant)\b.{0,40}\b(must|should|will|ignore|instructions?)\b",
    r"</?\s*(transcript|system|assistant|user|instructions?)\s*>",
    r"\[\s*(INST|SYS)\s*\]|<<\s*SYS\s*>>|<\|im_(start|end)\|>",
]
_RE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE | re.DOTALL)


def looks_like_injection(text: str) -> bool:
    """True for text addressed to a model (instructions, role play, prompt markup)."""
    return bool(_RE.search(text))
