"""Candidate sentences from participant speech, with absolute offsets, and their cleaning.

Sentence boundaries come from pysbd (rule-based, offline), which keeps money,
decimals, times and abbreviations whole ("$1.5k", "3.5 hours", "10:30 a.m.",
"e.g.", "Dr. Smith", "U.S."). Its pieces are located back in the turn text so
offsets stay exact; a guard re-joins any cut that still lands inside a number
or after a known abbreviation, and a regex splitter with the same guards is
used when pysbd is not installed. Unpunctuated speech (ASR output) is then cut
at clause breaks so no candidate runs on for minutes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from synth.injection import injection_reason
from synth.models import Interview, Role, Turn
from synth.parsing.questions import is_question


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WORD = re.compile(r"[A-Za-z\u00c0-\u024f0-9$€£']+")
BACKCHANNEL = _wordset(
    "yeah yes yep yup no nope ok okay right sure uh um umm hmm mm mhm mm-hmm uh-huh huh oh ah "
    "so well like and but i mean totally exactly absolutely cool great nice got it thanks thank you "
    "sorry you know true fair definitely"
)
MIN_WORDS = 5
MAX_WORDS = 40
MIN_CLAUSE = 12

# Words after which a full stop is not a sentence end (lower-cased, without the final dot).
ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "vs", "etc", "e.g", "i.e", "a.m", "p.m", "approx", "dept", "est", "inc", "ltd", "co", "corp", "no", "nos", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "u.s", "u.k", "u.s.a", "e.u", "ph.d", "cf", "al", "ca", "min", "max"]
)
_ABBR_END = re.compile(r"(?:^|[\s(\"'])((?:[A-Za-z]\.){2,}|[A-Za-z]+\.)$")


@dataclass(frozen=True)
class Sentence:
    turn: Turn
    start: int
    end: int
    text: str
    flags: tuple[str, ...] = field(default=())
    """Why the sentence looks suspicious (kept and marked, never dropped)."""


# --- splitting ----------------------------------------------------------------


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    try:
        import pysbd
    except ImportError:  # pragma: no cover - pysbd is a declared dependency
        return None
    return pysbd.Segmenter(language="en", clean=False)


_REGEX_SENT = re.compile(r"[^.!?\u2026]+(?:[.!?\u2026]+[\"'\u201d\u2019)]*|$)")


def _regex_pieces(text: str) -> list[str]:
    return [m.group() for m in _REGEX_SENT.finditer(text)]


_AMBIGUOUS = re.compile(
    r"\.[^\s.]"  # a dot inside a token: "$1.5k", "e.g", "U.S", "node.js"
    r"|\b[A-Za-z]{1,4}\.\s+[a-z0-9]"  # a short word and a dot before lower case: "approx. 5", "Dr. x"
    r"|\b(?:" + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True)) + r")\.",
    re.IGNORECASE,
)


def _raw_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, stripped of surrounding space.

    pysbd is thorough but slow (tens of milliseconds a turn): it only sees turns
    where a full stop is ambiguous; elsewhere every [.!?] before a space ends a
    sentence and the regex splitter gives the same answer.
    """
    seg = _segmenter() if _AMBIGUOUS.search(text) else None
    pieces: list[str] = []
    if seg is not None:
        try:
            pieces = [str(p) for p in seg.segment(text)]
        except Exception:  # pysbd is third-party rule code: a crash must not lose the turn
            pieces = []
    if not pieces:
        pieces = _regex_pieces(text) if re.search(r"[.!?\u2026]", text) else [text]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in pieces:
        body = piece.strip()
        if not body:
            continue
        at = text.find(body, cursor)
        if at == -1:
            # pysbd changed the text: fall back to the regex splitter for the rest of the turn.
            spans.extend(_locate(text, _regex_pieces(text[cursor:]), cursor))
            break
        spans.append((at, at + len(body)))
        cursor = at + len(body)
    return _rejoin(text, spans)


def _locate(text: str, pieces: list[str], cursor: int) -> list[tuple[int, int]]:
    out = []
    for piece in pieces:
        body = piece.strip()
        if not body:
            continue
        at = text.find(body, cursor)
        if at == -1:
            continue
        out.append((at, at + len(body)))
        cursor = at + len(body)
    return out


def _wrong_cut(left: str, right: str) -> bool:
    """True when a cut between `left` and `right` is inside a number or after an abbreviation."""
    if not right:
        return False
    if re.search(r"\d[.,:]$", left) and right[0].isdigit():
        return True  # "$1." | "5k", "10:" | "30"
    m = _ABBR_END.search(left)
    if m:
        word = m.group(1).lower().rstrip(".")
        if word in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.){1,}[a-z]", word):
            # "e.g." | "for", "Dr." | "Smith": an abbreviation before a lower-case word or a name.
            return right[0].islower() or right[0].isdigit() or word in {"mr", "mrs", "ms", "dr", "prof", "st"}
        if len(word) == 1 and word.isalpha() and right[0].islower():
            return True  # an initial or a spelled letter: "plan B." is rare before lower case
    return False


def _rejoin(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and _wrong_cut(text[out[-1][0] : out[-1][1]], text[a:b]):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def split_text(text: str) -> list[tuple[int, int]]:
    """Sentence and clause spans of one turn's text (offsets into `text`)."""
    out: list[tuple[int, int]] = []
    for a, b in _raw_spans(text):
        out.extend((a + x, a + y) for x, y in _clauses(text[a:b]))
    return out


def split_sentences(interview: Interview, turn: Turn) -> list[Sentence]:
    return [Sentence(turn, turn.start + a, turn.start + b, turn.text[a:b]) for a, b in split_text(turn.text)]


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


# --- which sentences are candidates ---------------------------------------------


_FILLER_WORDS = re.compile(r"\b(?:um+|uh+|erm+|er|ah|hmm+|mm+)\b[,.]?\s*|\byou know,?\s*|\bI mean,\s*", re.I)


def content_words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def is_filler(text: str) -> bool:
    words = content_words(_FILLER_WORDS.sub(" ", text))
    if len(words) < MIN_WORDS:
        return True
    substantive = [w for w in words if w not in BACKCHANNEL]
    return len(substantive) < 3


def speaker_turns(interview: Interview) -> list[Turn]:
    """Turns that may hold customer evidence: participants' and unlabelled ones, never the interviewer's."""
    return [t for t in interview.turns if t.role is not Role.interviewer]


_PITCH = re.compile(
    r"\bwhat (?:i'm|i am|we're|we are) (?:building|making)\b|\b(?:i'm|i am|we're|we are) building something\b|"
    r"\bwhere i'm coming from\b|\bi'm not (?:here|trying) to sell\b",
    re.IGNORECASE,
)
"""A founder introducing their own product: in a transcript without speaker labels, the interviewer's words."""


def pitching_turns(interview: Interview) -> set[int]:
    """Unlabelled turns that are the founder's pitch. (A cue cut mid-sentence, "...fills in the portal for you," /
    "with a check screen first... I'm thinking thirty-five pounds a month.", is one turn already: the parsers join
    it.)"""
    return {t.index for t in interview.turns if t.role is Role.unknown and _PITCH.search(t.text)}


def candidate_sentences(interview: Interview) -> list[Sentence]:
    """Every non-interviewer sentence with enough content to be evidence.

    A sentence that reads like an instruction to a model is kept and carries a
    flag; a question from an unlabelled speaker is most likely the interviewer's
    and is left out, and so is an unlabelled founder's pitch.
    """
    out = []
    pitch = pitching_turns(interview)
    for turn in speaker_turns(interview):
        if turn.index in pitch:
            continue
        for s in split_sentences(interview, turn):
            if is_filler(s.text):
                continue
            if turn.role is Role.unknown and is_question(s.text):
                continue
            reason = injection_reason(s.text)
            out.append(Sentence(s.turn, s.start, s.end, s.text, (reason,)) if reason else s)
    return out


# --- summaries ------------------------------------------------------------------

_FILLER_TOKEN = _wordset("um umm uh uhh erm er ah hmm hmmm mm mmm")
_LEADING = _wordset("so and but yeah yes well okay ok oh right like anyway also basically honestly")
_TOKEN = re.compile(r"\S+")


def _bare(token: str) -> str:
    return token.lower().strip(".,;:!?\"'\u201c\u201d\u2018\u2019()-\u2014\u2013")


def clean_summary(text: str) -> str:
    """The sentence as a clean summary: fillers, stutters and leading discourse markers removed,
    words always separated by one space, capitalised, ending with punctuation."""
    tokens = _TOKEN.findall(text.replace("\u2014", " \u2014 ").replace("--", " -- "))
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok, bare = tokens[i], _bare(tokens[i])
        nxt = _bare(tokens[i + 1]) if i + 1 < len(tokens) else ""
        if bare in _FILLER_TOKEN or (bare == "" and tok in {"-", "--", "\u2014"} and not out):
            _drop_filler(out, tok)
            i += 1
            continue
        if bare in {"you", "i"} and nxt in {"know", "mean"} and tokens[i + 1].endswith(","):
            _drop_filler(out, tokens[i + 1])  # "you know," / "I mean," as fillers
            i += 2
            continue
        if bare == "like" and tok.endswith(",") and out and out[-1].endswith(","):
            _drop_filler(out, tok)  # ", like," as a filler
            i += 1
            continue
        if out and bare and bare == _bare(out[-1]) and not re.search(r"[.!?]$", out[-1]) and len(bare) < 8:
            out[-1] = tok  # a stutter: "the the", "I I"
            i += 1
            continue
        out.append(tok)
        i += 1
    pairs = {("i", "mean"), ("you", "know")}
    while len(out) > 3 and (_bare(out[0]) in _LEADING or (_bare(out[0]), _bare(out[1])) in pairs):
        out = out[2:] if (_bare(out[0]), _bare(out[1])) in pairs else out[1:]
    s = " ".join(out)
    # Words a transcript glued together ("okayI'm", "done.Then") are separated again.
    s = re.sub(r"\b([a-z]{2,})(I'(?:m|ve|ll|d))\b", r"\1 \2", s)
    s = re.sub(r"\b([a-z]{2,}[.!?])([A-Z][a-z]+)", r"\1 \2", s)
    s = re.sub(r"\s+([,.;:!?])", r"\1", s)
    s = re.sub(r",(?:\s*,)+", ",", s)
    s = re.sub(r"^[\s,;:.\-\u2014]+", "", s).strip()
    s = re.sub(r"[\s,;:\-\u2014]+$", "", s)
    if not s:
        s = re.sub(r"\s+", " ", text).strip()
    if not s:
        return s
    s = s[0].upper() + s[1:]
    if s[-1] not in ".!?\u2026\"'\u201d":
        s += "."
    return s


def _drop_filler(out: list[str], tok: str) -> None:
    """Drop a filler without leaving its punctuation wrong: "is, um, four" -> "is four";
    a filler that closed a clause ("so, um.") leaves its full stop on the word before."""
    if not out:
        return
    if tok.endswith(",") and out[-1].endswith(","):
        out[-1] = out[-1][:-1]
    elif tok.endswith((".", "?", "!")):
        out[-1] = out[-1].rstrip(",;:") + tok[-1] if not out[-1].endswith((".", "?", "!")) else out[-1]
