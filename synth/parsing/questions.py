"""Does a sentence ask something? Punctuation when there is any, wording when there is none.

The role guess (synth.parsing.roles) needs it for transcripts whose speech-to-text left no question marks at
all; the extractor needs it to keep an unlabelled speaker's questions out of the evidence.
"""

from __future__ import annotations

import re

from synth.models import Role, Turn

_INTERROGATIVE = re.compile(
    r"^(?:(?:so|and|but|okay|ok|well|now|right|yeah|um+|uh+)[,.]?\s+)*"
    r"(?:who|what|when|where|why|how|which|whose|whom|"
    r"do|does|did|is|are|was|were|can|could|would|will|should|shall|have|has|had|may|might|"
    r"isn't|aren't|don't|doesn't|didn't|won't|wouldn't|can't|couldn't|haven't|hasn't)\b",
    re.I,
)
_ASKS_YOU = re.compile(r"\b(?:you|your|yours|you've|you're|you'd|y'all)\b", re.I)
_PROMPT = re.compile(
    r"^(?:(?:so|and|okay|ok|well|now|great|right)[,.]?\s+)*(?:(?:could|can|would)\s+you\s+)?"
    r"(?:(?:tell|walk|talk|take)\s+(?:me|us)\b|describe\b|explain\b|say\s+more\b|go\s+on\b)",
    re.I,
)


def is_question(text: str) -> bool:
    """A question: ends with "?", is a prompt ("Tell me about..."), or opens like a question
    (interrogative or auxiliary) and asks about "you".

    "What I really need is..." opens with "what" but is a statement, so an opening
    alone is not enough: the sentence must also address the other speaker.
    """
    t = text.strip().rstrip("\"'\u201d\u2019)")
    if t.endswith("?") or _PROMPT.match(t):
        return True  # a question, or an interviewer's prompt: "Tell me about...", "Walk me through..."
    m = _INTERROGATIVE.match(t)
    if not m:
        return False
    first = m.group(0).split()[-1].lower()
    # "What I need is..." / "How we do it is...": a wh-word followed by a subject pronoun is a clause.
    if first in {"what", "how", "why", "when", "where", "which", "who"} and re.match(
        r"\s+(?:i|we|they|he|she|it|that|this)\b", t[m.end() :], re.I
    ):
        return False
    return bool(_ASKS_YOU.search(t[m.end() :]))


SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
"""Where one sentence of a turn ends and the next begins (enough to find a turn's first and last sentence)."""


def ends_asking(text: str) -> bool:
    """A turn that hands over with a question: its last sentence asks something ("Right, that makes sense. And how
    often do they query a return?"). In a transcript without speaker labels it is the interviewer's, and the turn
    after it an answer ("Every couple of months. If that.")."""
    parts = [p for p in SENTENCE_END.split(text.strip()) if p]
    return bool(parts) and is_question(parts[-1])


def unlabelled_answer(prev: Turn, turn: Turn) -> bool:
    """Without speaker labels, is `turn` an answer to `prev`? Both unlabelled, `prev` ends asking, and `turn` does
    not open with a question of its own (the interviewer asking on over two cues)."""
    if prev.role is not Role.unknown or turn.role is not Role.unknown or not ends_asking(prev.text):
        return False
    first = next((p for p in SENTENCE_END.split(turn.text.strip()) if p), "")
    return bool(first) and not is_question(first)
