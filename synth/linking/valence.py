"""Valence: does the speaker describe their experience as going well or badly?

A problem hypothesis ("X is a recurring time sink", "limits slow them down")
predicts that people describe the experience as bad. "It's always worked
flawlessly" or "it was fun, little puzzles" says the opposite, about the same
topic, and an embedding sees only the shared topic. These short lists of
everyday English words for how something went are domain-general: they name
feelings and ease, never a trade or a product.

The clause after the last contrast marker decides ("it's a pain, but honestly
it works fine" is positive), and a negation just before a word flips it
("wasn't easy" is negative).
"""

from __future__ import annotations

import re

_POSITIVE = (
    r"flawless(?:ly)?|smooth(?:ly)?|easy|easily|effortless(?:ly)?|painless|straightforward|simple|a breeze"
    r"|fun|enjoy(?:s|ed|able)?|love(?:d|s)?|great|fine|happy|glad|no trouble|no problems?|no issues?"
    r"|(?:always|just) work(?:s|ed)?|worked (?:out )?(?:well|fine)|under control|manageable|calm|relaxed"
)
_NEGATIVE = (
    r"angry|upset|furious|annoy(?:ed|ing|s)?|frustrat(?:ed|ing|ion)|stress(?:ed|ful)?|anxious|worr(?:y|ied|ying)"
    r"|difficult|hard|painful|pain|nightmare|dread(?:ed)?|hate[ds]?|headaches?|struggl(?:e|ed|ing)|burden"
    r"|awful|terrible|horrible|miserable|exhausting|tedious|overwhelm(?:ed|ing)?|sick of|tired of|fed up"
    r"|lose|losing|lost|broke|broken|fail(?:s|ed|ing)?|mess|obstacles?|blockers?|time sinks?|slow(?:s|ed)? (?:\w+ )?down"
    r"|held back|holds? (?:\w+ )?back|can'?t sleep|trouble sleeping|expensive|costly|complain(?:s|ed|ing)?"
)
_WORD = re.compile(rf"\b(?:(?P<pos>{_POSITIVE})|(?P<neg>{_NEGATIVE}))\b", re.I)
_NEGATOR = re.compile(r"\b(?:not|never|no|isn'?t|wasn'?t|aren'?t|weren'?t|don'?t|doesn'?t|didn'?t|hardly|barely)\s+"
                      r"(?:\w+\s+)?$", re.I)
_CONTRAST = re.compile(r"\b(?:but|though|although|however|yet)\b", re.I)


def valence(text: str) -> int:
    """+1 when the speech says it went well, -1 when badly, 0 when neither or both."""
    parts = _CONTRAST.split(text)
    # The last clause with any valence decides: what follows "but" is what the speaker stands by.
    for part in reversed(parts):
        score = 0
        for m in _WORD.finditer(part):
            flipped = bool(_NEGATOR.search(part[: m.start()][-20:]))
            sign = 1 if m.group("pos") else -1
            score += -sign if flipped else sign
        if score:
            return 1 if score > 0 else -1
    return 0
