"""Candidate sentences from participant turns, with absolute offsets, and their cleaning."""

from __future__ import annotations

import re
from dataclasses import dataclass

from synth.injection import looks_like_injection
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
MAX_WORDS = 40
MIN_CLAUSE = 12


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
        for a, b in _clauses(body):
            out.append(Sentence(turn, s + a, s + b, body[a:b]))
    return out


def _clauses(body: str) -> list[tuple[int, int]]:
    """Unpunctuated speech (ASR output) runs on: cut sentences over MAX_WORDS at clause breaks."""
    if len(body.split()) <= MAX_WORDS:
        return [(0, len(body))]
    out: list[tuple[int, int]] = []
    start = 0
    words = 0
    for m in re.finditer(r"\S+", body):
        words += 1
        breaks = m.group().endswith((",", ";", ":")) or body[m.end() : m.end() + 3] == " - "
        if words >= MAX_WORDS or (breaks and words >= MIN_CLAUSE):
            out.append((start, m.end()))
            start, words = m.end(), 0
    if start < len(body) and body[start:].strip():
        if words < MIN_CLAUSE and out:
            out[-1] = (out[-1][0], len(body))
        else:
            out.append((start, len(body)))
    # Trim the spaces and punctuation a cut leaves at either end.
    trimmed = []
    for a, b in out:
        piece = body[a:b]
        a += len(piece) - len(piece.lstrip(" -"))
        b -= len(piece) - len(piece.rstrip(" ,;:-"))
        if b > a:
            trimmed.append((a, b))
    return trimmed


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
        out.extend(
            s for s in split_sentences(interview, turn) if not is_filler(s.text) and not looks_like_injection(s.text)
        )
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
