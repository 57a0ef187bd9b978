"""Transcript formats -> `ParsedTranscript` -> `Interview`.

    parse_bytes(data, filename) -> ParsedTranscript     detect the format by content and extension
    build_interview(parsed, meta, interviewer) -> Interview   turns, roles, offsets, id
"""

from __future__ import annotations

from synth.parsing.detect import TEXT_SUFFIXES, parse_bytes
from synth.parsing.turns import UNKNOWN, build_interview, slug
from synth.parsing.types import Cue, ParsedTranscript

__all__ = ["TEXT_SUFFIXES", "UNKNOWN", "Cue", "ParsedTranscript", "build_interview", "parse_bytes", "slug"]
