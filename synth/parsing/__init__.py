"""Transcript formats -> `ParsedTranscript` -> `Interview`.

    parse_bytes(data, filename) -> ParsedTranscript     detect the format by content and extension
    build_interview(parsed, meta, interviewer) -> Interview   turns, roles, offsets, id
    nonspeech_spans(text), speech_only(text), speech_spans(text, start, end)   `[laughter]` & co.
"""

from __future__ import annotations

from synth.parsing.detect import TEXT_SUFFIXES, parse_bytes
from synth.parsing.nonspeech import nonspeech_spans, speech_only, speech_spans
from synth.parsing.turns import UNKNOWN, build_interview, slug
from synth.parsing.types import Cue, ParsedTranscript

strip_non_speech = speech_only
"""The name the index looks for: text without non-speech marks."""

__all__ = [
    "TEXT_SUFFIXES", "UNKNOWN", "Cue", "ParsedTranscript", "build_interview", "nonspeech_spans", "parse_bytes",
    "slug", "speech_only", "speech_spans", "strip_non_speech",
]
