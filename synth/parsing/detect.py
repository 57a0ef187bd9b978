"""Which format is this? Decided by content first, the extension second."""

from __future__ import annotations

from pathlib import PurePath

from synth.errors import ParseError
from synth.parsing import encodings
from synth.parsing.types import Cue, ParsedTranscript

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".vtt", ".srt", ".json", ".docx", ".sbv", ".tsv"})


def parse_bytes(data: bytes, filename: str) -> ParsedTranscript:
    """Parse a transcript file's bytes; ParseError (one clear line) when it is not one."""
    suffix = PurePath(filename).suffix.lower()
    if not data.strip():
        raise ParseError("empty file")
    if data.startswith(b"PK\x03\x04"):
        from synth.parsing.docx import is_docx, parse_docx

        if is_docx(data):
            return _checked(ParsedTranscript(parse_docx(data), "docx"))
        raise ParseError("a zip archive, not a transcript")
    reason = encodings.sniff_binary(data)
    if reason:
        raise ParseError(f"not a transcript: {reason}")
    if suffix == ".docx":
        raise ParseError("not a Word document (.docx) although named like one")
    text, encoding = encodings.decode(data)
    if encodings.control_ratio(text) > 0.02:
        raise ParseError("a binary file, not a transcript")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ParseError("empty file")
    fmt, cues, meta = _parse_text(text, suffix)
    return _checked(ParsedTranscript(cues, fmt, encoding, meta))


def _parse_text(text: str, suffix: str) -> tuple[str, list[Cue], dict[str, str]]:
    from synth.parsing import webvtt

    if suffix == ".vtt" or webvtt.has_header(text):
        return "webvtt", webvtt.parse_webvtt(text), {}
    if suffix == ".json" or text.lstrip()[:1] in ("{", "["):
        from synth.parsing.jsonfmt import parse_json

        try:
            cues, meta = parse_json(text)
            return "json", cues, meta
        except ParseError:
            if suffix == ".json":
                raise
    from synth.parsing import srt

    if suffix == ".srt" or srt.looks_like_srt(text):
        return "srt", srt.parse_srt(text), {}
    from synth.parsing.markdown import parse_markdown

    cues, meta = parse_markdown(text)
    is_md = suffix in (".md", ".markdown") or text.startswith("---") or "**" in text[:5000]
    return ("markdown" if is_md else "text"), cues, meta


def _checked(parsed: ParsedTranscript) -> ParsedTranscript:
    if not any(c.text.strip() for c in parsed.cues):
        raise ParseError("no transcript text found")
    return parsed
