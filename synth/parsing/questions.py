"""Does a sentence ask something? Punctuation when there is any, wording when there is none.

The role guess (synth.parsing.roles) needs it for transcripts whose speech-to-text left no question marks at
all; the extractor needs it to keep an unlabelled speaker's questions out of the evidence.
"""

from __future__ import annotations

import re

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
