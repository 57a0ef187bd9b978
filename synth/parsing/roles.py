"""Who interviewed? A guess from who asks the questions, with how sure it is.

An interviewer asks most of the questions, asks them in most of their turns, speaks
in shorter turns than the people answering, and usually speaks first: on a podcast, to welcome
the audience and the guests, which names the host even when the guests ask each other as many
questions as the host asks them. A meeting has
no such speaker: questions are spread out and nobody's turns are markedly shorter, so
the guess comes out weak and nobody is marked interviewer (a `Marketing` voice in a
design meeting is a participant, not the host of an interview).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from statistics import median

from synth.parsing.questions import is_question

# How sure the guess must be before a speaker is marked interviewer. A meeting (three or
# more voices) needs more: there a wrong interviewer silences a real participant.
THRESHOLD_PAIR = 0.25
THRESHOLD_GROUP = 0.45

# A host opens the show: "welcome to another interview... I have with me...". Said in the first turn, it names the
# interviewer of a podcast-style group interview, where the guests ask each other questions too. A guest's
# "thanks for having me" is the other side of it and is not matched.
_HOST_OPENING = re.compile(
    r"\bwelcome (?:to|everyone|everybody|back)\b|\b(?:i'm|i am) here (?:today )?with\b|"
    r"\bi have (?:here )?with me\b|\bjoining (?:me|us) (?:today|now|here)\b|\bwith me (?:today|here)\b|"
    r"\bmy guests? (?:today|is|are)\b|\btoday (?:i'm|i am|we're|we are) (?:talking|speaking) (?:with|to)\b",
    re.IGNORECASE,
)
HOST_BONUS = 0.2


@dataclass(frozen=True, slots=True)
class RoleGuess:
    interviewer: str | None
    """The speaker taken as interviewer, or None when nobody clearly asks the questions."""
    confidence: float
    """0..1: how clearly `interviewer` (or the best candidate, when None) asks the questions."""
    candidate: str | None = None
    """The best candidate even when the guess was too weak to use."""
    also: tuple[str, ...] = ()
    """Others who interview alongside `interviewer` (two founders asking one customer)."""


@dataclass(slots=True)
class _Stats:
    turns: int = 0
    questions: int = 0
    words: int = 0
    first: int = 0


def guess_interviewer(turns: list[tuple[str, str]], exclude: frozenset[str] = frozenset()) -> RoleGuess:
    """`turns` as (speaker, text) in order; speakers in `exclude` (unlabelled) are not candidates."""
    stats: dict[str, _Stats] = {}
    asks = question_rule([text for _, text in turns])
    for i, (speaker, text) in enumerate(turns):
        if speaker in exclude:
            continue
        s = stats.get(speaker)
        if s is None:
            s = stats[speaker] = _Stats(first=i)
        s.turns += 1
        s.questions += asks(text)
        s.words += len(text.split())
    if len(stats) < 2:
        return RoleGuess(None, 0.0)
    total_q = sum(s.questions for s in stats.values())
    if not total_q:
        return RoleGuess(None, 0.0)
    first_turn = min(s.first for s in stats.values())
    scores = {name: _score(name, stats, total_q, first_turn) for name in stats}
    opener, opening = turns[first_turn]
    if opener in scores and scores[opener] > 0 and _HOST_OPENING.search(opening[:600]):
        scores[opener] += HOST_BONUS
    ranked = sorted(scores, key=lambda n: scores[n], reverse=True)
    best, second = ranked[0], ranked[1]
    # A close runner-up makes the guess weak: two speakers both look like the host.
    confidence = round(max(0.0, min(1.0, scores[best] - 0.5 * scores[second])), 2)
    threshold = THRESHOLD_PAIR if len(stats) == 2 else THRESHOLD_GROUP
    if confidence >= threshold:
        return RoleGuess(best, confidence, best, _co_interviewers(best, stats))
    if len(stats) >= 3 and _co_interviewers(best, stats, only=second):
        # Two founders asking one customer look alike, so each makes the other's guess weak; asked as one side,
        # against everyone else, they are plainly the ones interviewing.
        pair = _Stats(stats[best].turns + stats[second].turns, stats[best].questions + stats[second].questions,
                      stats[best].words + stats[second].words, min(stats[best].first, stats[second].first))
        joined = {n: st for n, st in stats.items() if n not in (best, second)} | {best: pair}
        joint = {n: _score(n, joined, total_q, first_turn) for n in joined}
        runner = max(v for n, v in joint.items() if n != best)
        pair_confidence = round(max(0.0, min(1.0, joint[best] - 0.5 * runner)), 2)
        if pair_confidence >= THRESHOLD_GROUP:
            return RoleGuess(best, pair_confidence, best, (second,))
    return RoleGuess(None, confidence, best)


CO_RATE = 0.5
"""A second interviewer asks something in at least half of their turns..."""
CO_LEAD = 2.0
"""...at least twice as often per turn as anyone who is not interviewing..."""
CO_SHARE = 0.25
"""...and at least a quarter as many questions as the first interviewer."""


def _co_interviewers(best: str, stats: dict[str, _Stats], only: str | None = None) -> tuple[str, ...]:
    """Speakers who interview alongside `best`: two founders asking one customer both ask most of their turns,
    in turns shorter than the customer's. In a group of customers who ask each other the odd question, or a meeting
    where questions are spread out, nobody asks twice as often as everyone else."""
    if len(stats) < 3:
        return ()
    rest = {n: s for n, s in stats.items() if n != best}
    out: list[str] = []
    for name, s in rest.items():
        if only is not None and name != only:
            continue
        others = [o for n, o in rest.items() if n != name]
        rate = s.questions / s.turns
        top_other = max(o.questions / o.turns for o in others)
        if (s.questions >= 3 and rate >= CO_RATE and rate >= CO_LEAD * top_other
                and s.questions >= CO_SHARE * stats[best].questions
                and s.words / s.turns <= median(o.words / o.turns for o in others)):
            out.append(name)
    return tuple(out)


def question_rule(texts: list[str]) -> Callable[[str], bool]:
    """How to tell that a turn asks something, for a transcript of these turns.

    Speech-to-text that left no question mark anywhere ("and what does a busy day look like for you") is read
    by its wording; one question mark means the transcriber punctuated, and punctuation is surer."""
    return _asks if any("?" in text for text in texts) else _asks_in_words


def _asks(text: str) -> bool:
    return "?" in text


def _asks_in_words(text: str) -> bool:
    return any(is_question(piece) for piece in _PIECES.split(text) if piece.strip())


_PIECES = re.compile(r"(?<=[.!;])\s+")


def _score(name: str, stats: dict[str, _Stats], total_q: int, first_turn: int) -> float:
    """How much `name` looks like the one who asks the questions, 0..1, against everyone else."""
    b = stats[name]
    if not b.questions:
        return 0.0  # whoever asks nothing is not the one asking the questions
    others = [s for n, s in stats.items() if n != name]
    share = b.questions / total_q
    even = 1 / len(stats)
    # Dominance: 0 when questions are spread evenly over the speakers (or this one asks fewer), 1 when only it asks.
    dominance = max(0.0, (share - even) / (1 - even))
    rate = b.questions / b.turns
    second_rate = max(s.questions / s.turns for s in others)
    rate_margin = max(0.0, 1 - second_rate / rate) if rate else 0.0
    wpt = b.words / b.turns
    other_wpt = median(s.words / s.turns for s in others)
    # Those who answer talk longer: 1 when the asker's turns are half as long as the others' or less.
    shorter = min(1.0, max(0.0, 2 * (1 - wpt / other_wpt))) if other_wpt else 0.0
    first = 1.0 if b.first == first_turn else 0.0
    return 0.35 * dominance + 0.2 * rate_margin + 0.3 * shorter + 0.15 * first
