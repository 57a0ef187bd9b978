"""Non-speech marks in transcripts: `{vocalsound}`, `[laughter]`, `(inaudible)`, `<noise>`, `[BLANK_AUDIO]`.

Transcribers and corpora write what was heard but not said. The marks stay in the
stored text (offsets into `Interview.text` stay true and the transcript reads as the
tool wrote it) but they are not speech: they are never indexed, quoted or shown as
what someone said. Only marks whose words name a sound or a gap count, so an
editorial `[the company]` or a `(that is, the tax office)` aside stays speech.

    nonspeech_spans(text) -> [(start, end), ...]    the marks, end exclusive
    speech_only(text) -> str                          text with the marks removed, spaces tidied
    speech_spans(text, start, end) -> [(s, e), ...]   the pieces of text[start:end] between marks
    speech_quotes(text, quote) -> [Quote, ...]        a quote cut free of marks (verbatim pieces)
    without_nonspeech(interview, insight_set)         every quote of a set cut free of marks
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from synth.models import Insight, InsightSet, Interview, Quote

# Words that name a sound, a gap or a recording event, as transcription tools and corpora write them.
_SOUNDS = (
    r"laugh(?:s|ing|ter)?|chuckles?|giggles?|crosstalk|cross-talk|overlapping(?: speech| talk)?|inaudible"
    r"|unintelligible|indiscernible|incomprehensible|inaud|unclear|music(?: playing)?|applause|silence|silent"
    r"|pause[sd]?|long pause|noise|background noise|static|coughs?|coughing|sighs?|sniffs?|clears throat"
    r"|throat clearing|breath(?:es|ing)?|inhales?|exhales?|blank_audio|no speech|no audio|beep(?:s|ing)?"
    r"|ringing|phone rings|door closes|typing|clapping|sneezes?|yawns?|groans?|gasps?|mumbl(?:es|ing)"
    r"|audio (?:cuts out|drops|glitch)|technical difficulties|off mic|off-mic|recording (?:starts|stops|ends)"
    r"|vocalsound|nonvocalsound|disfmarker|gap|unk|sil|sp|spn|nsn|pau|um|uh|hesitation|foreign(?: language)?"
)
_SOUND_RE = rf"(?:{_SOUNDS})"
# An optional time or a short qualifier after the sound: `[inaudible 00:12:03]`, `(laughs softly)`.
_TAIL = r"(?:[ ,:;-]+[\w:.' -]{0,24})?"

MARK_RE = re.compile(
    r"\{[A-Za-z_][\w -]{0,30}\}"  # QMSum/AMI: {vocalsound}, {disfmarker}, {gap}, {comment}
    rf"|\[\s*{_SOUND_RE}{_TAIL}\s*\]"
    rf"|\(\s*{_SOUND_RE}{_TAIL}\s*\)"
    rf"|<\s*/?{_SOUND_RE}\s*/?>"
    r"|\[[A-Z][A-Z_ ]{2,30}\]"  # Whisper and caption tools shout them: [MUSIC], [BLANK_AUDIO], [APPLAUSE]
    r"|[♪♫]+(?:[^♪♫\n]{0,80}[♪♫]+)?",  # sung or background music
    re.IGNORECASE,
)
_BRACKET_SOUND = re.compile(rf"\[\s*{_SOUND_RE}{_TAIL}\s*\]", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_PUNCT = re.compile(r" +([,.;:!?])")


def nonspeech_spans(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of every non-speech mark in `text`, in order, not overlapping."""
    if not any(c in text for c in "{[(<♪♫"):
        return []
    spans: list[tuple[int, int]] = []
    for m in MARK_RE.finditer(text):
        mark = m.group(0)
        # Other bracketed words are a mark only in capitals (`[MUSIC]`): `[Acme Corp]` is an editor's insertion.
        if mark.startswith("[") and not _BRACKET_SOUND.fullmatch(mark) and not mark[1:-1].isupper():
            continue
        spans.append((m.start(), m.end()))
    return spans


def has_nonspeech(text: str) -> bool:
    return bool(nonspeech_spans(text))


def speech_only(text: str) -> str:
    """`text` without its non-speech marks: what was said, for indexing and display as speech."""
    spans = nonspeech_spans(text)
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for s, e in spans:
        parts.append(text[pos:s])
        parts.append(" ")
        pos = e
    parts.append(text[pos:])
    out = "".join(parts)
    out = _SPACE_BEFORE_PUNCT.sub(r"\1", _SPACES.sub(" ", out))
    return "\n".join(line.strip() for line in out.split("\n")).strip()


def speech_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The pieces of `text[start:end]` between non-speech marks, with surrounding whitespace and
    stray punctuation trimmed; empty pieces dropped. Offsets are into `text`.

    A quote spanning `[laughter]` becomes the speech before and after it: each piece is still
    verbatim, and none contains a mark.
    """
    end = len(text) if end is None else end
    marks = [(s, e) for s, e in nonspeech_spans(text) if e > start and s < end]
    pieces: list[tuple[int, int]] = []
    pos = start
    for s, e in marks:
        pieces.append((pos, max(pos, s)))
        pos = max(pos, e)
    pieces.append((pos, end))
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        while s < e and (text[s].isspace() or text[s] in ",;:-–—"):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:-–—"):
            e -= 1
        if e > s and any(c.isalnum() for c in text[s:e]):
            out.append((s, e))
    return out


MIN_PIECE_WORDS = 3
"""A piece of a quote cut around a mark must still say something to stand as a quote."""


def speech_quotes(text: str, quote: Quote) -> list[Quote]:
    """`quote` (a span of `text`, the interview's text) without non-speech marks: itself when it has none,
    else the pieces between marks that still say something (each verbatim), possibly none."""
    if not nonspeech_spans(quote.text):
        return [quote]
    out: list[Quote] = []
    for s, e in speech_spans(text, quote.start, quote.end):
        if len(text[s:e].split()) >= MIN_PIECE_WORDS:
            out.append(quote.model_copy(update={"text": text[s:e], "start": s, "end": e}))
    return out


def without_nonspeech(interview: Interview, insight_set: InsightSet) -> InsightSet:
    """The set with every quote cut free of non-speech marks; an insight left with no quote is dropped
    (with its links). Stored quotes stay verbatim and never hold `[laughter]` or `{vocalsound}`."""
    if not any(nonspeech_spans(q.text) for ins in insight_set.insights for q in ins.quotes):
        return insight_set
    kept: list[Insight] = []
    for ins in insight_set.insights:
        quotes = [piece for q in ins.quotes for piece in speech_quotes(interview.text, q)]
        if quotes:
            kept.append(ins if quotes == ins.quotes else ins.model_copy(update={"quotes": quotes}))
    ids = {ins.id for ins in kept}
    return insight_set.model_copy(
        update={"insights": kept, "links": [link for link in insight_set.links if link.insight_id in ids]}
    )
