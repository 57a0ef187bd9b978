"""Cues to an `Interview`: merge a speaker's consecutive cues, pick the interviewer, lay out the text.

`Interview.text` is `Speaker: text` turns joined by blank lines; each `Turn`'s
offsets point at its text, not its label.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from synth.errors import ParseError
from synth.models import Interview, InterviewMeta, Role, Turn
from synth.parsing.roles import guess_interviewer
from synth.parsing.types import Cue, ParsedTranscript

UNKNOWN = "Unknown"
# Labels a transcriber gives when it does not know who spoke: never a participant's name.
GENERIC_SPEAKER = re.compile(r"(?i)(?:unknown(?: speaker)?|(?:speaker|spk|guest)[ _-]?\d+|[A-Z])")


def is_generic_speaker(name: str) -> bool:
    return bool(GENERIC_SPEAKER.fullmatch(name))
_CAPTION_FORMATS = frozenset({"webvtt", "srt", "json"})


@dataclass(slots=True)
class TurnSpec:
    speaker: str
    text: str
    t_start: float | None = None
    t_end: float | None = None
    role: Role = Role.participant


def _speaker_name(raw: str | None, canon: dict[str | None, str]) -> str:
    if raw in canon:
        return canon[raw]
    name = " ".join((raw or "").replace(":", " ").split()) or UNKNOWN
    # The first spelling seen wins: `ann` later in the file is the same person as `Ann`.
    canon[raw] = canon.setdefault(name.casefold(), name)
    return canon[raw]


PAUSE_SECONDS = 2.0
"""A longer silence inside one speaker's captions starts a new paragraph of the turn."""


def merge_cues(cues: list[Cue], joiner: str = " ") -> list[TurnSpec]:
    """Consecutive cues of one speaker become one turn; timestamps span them."""
    canon: dict[str | None, str] = {}
    out: list[TurnSpec] = []
    parts: list[str] = []
    for cue in cues:
        text = cue.text.strip()
        if not text:
            continue
        speaker = _speaker_name(cue.speaker, canon)
        last = out[-1] if out else None
        if last is not None and last.speaker == speaker:
            pause = cue.t_start is not None and last.t_end is not None and cue.t_start - last.t_end >= PAUSE_SECONDS
            parts.append(("\n" if pause and joiner == " " else "") + text)
            if cue.t_end is not None:
                last.t_end = cue.t_end if last.t_end is None else max(last.t_end, cue.t_end)
            continue
        if last is not None:
            last.text = _join(parts, joiner)
        parts = [text]
        out.append(TurnSpec(speaker, text, cue.t_start, cue.t_end))
    if out:
        out[-1].text = _join(parts, joiner)
    return out


def _join(parts: list[str], joiner: str) -> str:
    return joiner.join(parts).replace(" \n", "\n")


def _names(value: str) -> list[str]:
    return [n.strip() for n in re.split(r",|;|&|\band\b", value) if n.strip()]


def _match_speaker(name: str, speakers: list[str]) -> str | None:
    key = name.casefold()
    for s in speakers:
        if s.casefold() == key:
            return s
    for s in speakers:  # `--interviewer Jonas` for `Jonas Rosland`
        if s.casefold().split()[0] == key.split()[0]:
            return s
    return None


def pick_interviewers(turns: list[TurnSpec], given: str | None) -> list[str]:
    return _pick(turns, given)[0]


def _pick(turns: list[TurnSpec], given: str | None) -> tuple[list[str], float | None]:
    """(interviewers, confidence of the guess; None when the founder named them)."""
    speakers = list(dict.fromkeys(t.speaker for t in turns))
    if given:
        found = [_match_speaker(n, speakers) for n in _names(given)]
        return [s for s in found if s], None
    unnamed = frozenset(s for s in speakers if s.casefold() in ("unknown", "unknown speaker"))
    guess = guess_interviewer([(t.speaker, t.text) for t in turns], exclude=unnamed)
    return ([guess.interviewer, *guess.also] if guess.interviewer else []), guess.confidence


def main_participant(turns: list[TurnSpec]) -> str:
    words: dict[str, int] = {}
    for t in turns:
        if t.role is Role.participant:
            words[t.speaker] = words.get(t.speaker, 0) + t.text.count(" ") + 1
    named = {s: n for s, n in words.items() if not is_generic_speaker(s)}
    return max(named, key=lambda s: named[s]) if named else ""


def slug(value: str, limit: int = 40) -> str:
    ascii_ = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:limit].strip("-")


def interview_id(meta: InterviewMeta, content_hash: str) -> str:
    day = meta.date.isoformat() if meta.date else "undated"
    stem = meta.source_file.rsplit(".", 1)[0] if meta.source_file else ""
    return f"{day}-{slug(meta.participant or stem) or 'interview'}-{content_hash[:6]}"


def assemble(interview_id: str, meta: InterviewMeta, specs: list[TurnSpec]) -> Interview:
    """Lay the turns out as text and compute every offset; built in one pass."""
    chunks: list[str] = []
    turns: list[Turn] = []
    pos = 0
    for i, spec in enumerate(specs):
        if chunks:
            chunks.append("\n\n")
            pos += 2
        label = f"{spec.speaker}: "
        chunks.append(label)
        pos += len(label)
        chunks.append(spec.text)
        turns.append(
            Turn(index=i, speaker=spec.speaker, role=spec.role, text=spec.text, start=pos,
                 end=pos + len(spec.text), t_start=spec.t_start, t_end=spec.t_end)
        )
        pos += len(spec.text)
    return Interview(id=interview_id, meta=meta, text="".join(chunks), turns=turns)


_TERMINAL = (".", "?", "!", "…", '."', '?"', '!"')
MAX_JOINED_WORDS = 80
"""An unlabelled segment that ends mid-sentence joins the next one, up to this many words."""


def split_unlabelled(cues: list[Cue]) -> list[TurnSpec]:
    """Turns for a transcript without speaker labels: one per segment of the source (caption, Whisper
    segment), a segment that ends mid-sentence joined with its continuation, never one giant turn:
    each turn is a unit a founder can later give to a speaker."""
    out: list[TurnSpec] = []
    for cue in cues:
        text = " ".join(cue.text.split())
        if not text:
            continue
        last = out[-1] if out else None
        if (
            last is not None
            and not last.text.endswith(_TERMINAL)
            and text[0].islower()
            and (cue.t_start is None or last.t_end is None or cue.t_start - last.t_end < PAUSE_SECONDS)
            and last.text.count(" ") + text.count(" ") + 2 <= MAX_JOINED_WORDS
        ):
            last.text = f"{last.text} {text}"
            if cue.t_end is not None:
                last.t_end = cue.t_end
            continue
        out.append(TurnSpec(UNKNOWN, text, cue.t_start, cue.t_end, Role.unknown))
    return out


def is_unlabelled(parsed: ParsedTranscript) -> bool:
    return all(c.speaker is None for c in parsed.cues)


def build_interview(parsed: ParsedTranscript, meta: InterviewMeta, interviewer: str | None = None) -> Interview:
    """The `Interview` for a parsed transcript: roles decided, metadata defaults filled, id derived."""
    if is_unlabelled(parsed):
        specs = split_unlabelled(parsed.cues)
    else:
        specs = merge_cues(parsed.cues, " " if parsed.format in _CAPTION_FORMATS else "\n")
    if not specs:
        raise ParseError("the transcript has no text")
    chosen, confidence = _pick(specs, interviewer or meta.interviewer or None)
    for spec in specs:
        # Nobody said who `Unknown` is: it is neither side until a founder labels it.
        spec.role = Role.interviewer if spec.speaker in chosen else Role.unknown if spec.speaker == UNKNOWN \
            else Role.participant
    updates: dict[str, object] = {"role_confidence": confidence}
    if chosen and not meta.interviewer:
        updates["interviewer"] = ", ".join(chosen)
    elif interviewer and not meta.interviewer:
        updates["interviewer"] = interviewer
    if not meta.participant:
        updates["participant"] = main_participant(specs)
    if not meta.source_format:
        updates["source_format"] = parsed.format
    meta = meta.model_copy(update=updates)
    body = "\n\n".join(f"{s.speaker}: {s.text}" for s in specs)
    content_hash = meta.content_hash or hashlib.sha256(body.encode("utf-8")).hexdigest()
    return assemble(interview_id(meta, content_hash), meta, specs)
