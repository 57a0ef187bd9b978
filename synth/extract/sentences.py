"""Candidate sentences from participant turns, with absolute offsets, and their cleaning."""

from __future__ import annotations

import re
from dataclasses import dataclass

from synth.models import Interview, Role, Turn


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())

_SENTENCE = re.compile(r"[^.!?\u2026]+(?:[.!?\u2026]+[\"'\u201d\u2019)]*|$)")
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f0-9$€£']+")
BACKCHANNEL = _wordset(
    "yeah yes yep yup no nope ok okay right sure uh um umm hmm mm mhm mm-hmm uh-huh huh oh ah "
    "so well like and but i mean totally exactly absolutely cool great nice got it thanks thank you "
    "sorry you know true fair definitely"
)
FILLERS = re.compile(r"\b(?:um+|uh+|erm+|er|ah|hmm+|mm+)\b[,.]?\s*|\byou know,?\s*|\bI mean,\s*|,\s*like,\s*", re.I)
LEADING = re.compile(r"^(?:(?:so|and|but|yeah|yes|well|okay|ok|oh|right|um+|uh+)\b[,.]?\s+)+", re.I)
MIN_WORDS = 5


@dataclass(frozen=True)
class Sentence:
    turn: Turn
    start: int
    end: int
    text: str


def split_sentences(interview: Interview, turn: Turn) -> list[Sentence]:
    out = []
    for m in _SENTENCE.finditer(turn.text):
        raw = m.group()
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if not body:
            continue
        s = turn.start + m.start() + lead
        out.append(Sentence(turn, s, s + len(body), body))
    return out


def content_words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def is_filler(text: str) -> bool:
    words = content_words(FILLERS.sub(" ", text))
    if len(words) < MIN_WORDS:
        return True
    substantive = [w for w in words if w not in BACKCHANNEL]
    return len(substantive) < 3


def candidate_sentences(interview: Interview) -> list[Sentence]:
    """Every participant sentence with enough content to be evidence."""
    out = []
    for turn in interview.turns:
        if turn.role is not Role.participant:
            continue
        out.extend(s for s in split_sentences(interview, turn) if not is_filler(s.text))
    return out


def clean_summary(text: str) -> str:
    """The sentence as a summary: fillers and leading discourse markers removed, capitalised."""
    s = FILLERS.sub("", text)
    s = re.sub(r"\s+", " ", s).strip()
    s = LEADING.sub("", s).strip(" ,;-")
    if not s:
        s = text.strip()
    s = s[0].upper() + s[1:]
    if s[-1] not in ".!?\u2026\"'\u201d":
        s += "."
    return s
