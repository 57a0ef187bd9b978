"""Is this a speaker's name? The guard against `Note:` or a sentence becoming a speaker."""

from __future__ import annotations

import re
from functools import lru_cache

_PARTICLES = frozenset(
    ["de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "del", "della", "dos", "das", "bin", "al", "el", "y", "of", "and", "&", "st.", "jr.", "jr", "sr", "sr."]
)
# Labels that precede a colon in prose but are never speakers.
STOP_LABELS = frozenset(
    ["note", "notes", "nb", "ps", "p.s", "tip", "warning", "important", "summary", "title", "date", "time", "location", "place", "subject", "agenda", "topic", "topics", "action", "actions", "action", "items", "next", "steps", "source", "sources", "transcript", "transcription", "recording", "duration", "attendees", "participants", "link", "links", "url", "http", "https", "re", "fw", "fwd", "example", "e.g", "i.e", "update", "status", "goal", "goals", "todo", "edit", "edited", "details", "description", "keywords", "tags"]
) | {"action items", "next steps", "to do", "key takeaways", "meeting notes"}
_TOKEN = re.compile(r"^[\w.\-'’@]+$")
_TERMINAL = ".?!,;…"


@lru_cache(maxsize=8192)
def clean_label(label: str) -> str:
    label = label.strip().strip("*_").strip()
    if label.startswith("[") and label.endswith("]"):
        label = label[1:-1].strip()
    return " ".join(label.split())


@lru_cache(maxsize=8192)
def name_like(label: str) -> bool:
    """True for `Jane Doe`, `Speaker 2`, `Q`, `Dr. A. Smith`, `john.smith`; False for prose."""
    if not label or len(label) > 48 or label[-1] in _TERMINAL:
        return False
    if label.lower() in STOP_LABELS or label.isdigit():
        return False
    words = label.split()
    if len(words) > 5:
        return False
    if len(words) == 1:
        # Meeting tools show handles too (`jsmith`, `john.smith`): one token of name characters.
        return bool(_TOKEN.match(label)) and any(c.isalpha() for c in label)
    for i, word in enumerate(words):
        if word.lower() in _PARTICLES and i > 0:
            continue
        first = word[0]
        if first.isdigit() and i > 0 and word.isdigit():
            continue  # `Speaker 2`
        if not (first.isupper() or first == "(" or (not first.isascii() and first.isalpha())):
            return False
        if not all(c.isalpha() or c in ".-'’()" for c in word):
            return False
    return True
