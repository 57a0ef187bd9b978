"""JSON exports: Whisper `segments`, QMSum `meeting_transcripts`, Rev `monologues`, Otter/AssemblyAI
`utterances`/`transcripts`, Zoom `timeline`, or a bare list of `{speaker, text}` records."""

from __future__ import annotations

import json
from typing import Any

from synth.errors import ParseError
from synth.parsing.timestamps import clock_seconds
from synth.parsing.types import Cue

_LIST_KEYS = (
    "segments", "meeting_transcripts", "monologues", "utterances", "transcripts", "transcript",
    "timeline", "results", "items", "entries", "captions", "turns", "paragraphs",
)
_TEXT_KEYS = ("text", "content", "transcript", "utterance", "sentence", "value", "body")
_SPEAKER_KEYS = ("speaker_name", "speakerName", "speaker", "name", "username", "user", "participant", "speaker_label")
_START_KEYS = ("start", "start_time", "startTime", "from", "ts", "offset", "start_offset", "begin")
_END_KEYS = ("end", "end_time", "endTime", "to", "end_ts", "end_offset")
_MS_KEYS = ("start_ms", "end_ms", "startMs", "endMs", "start_offset_ms")
_META_KEYS = ("title", "participant", "company", "segment", "date", "interviewer")


def parse_json(text: str) -> tuple[list[Cue], dict[str, str]]:
    try:
        data = json.loads(text)
        records, speakers = _find_records(data)
    except json.JSONDecodeError as exc:
        raise ParseError(f"not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        # No transcript export nests hundreds of levels deep; a file that does is hostile.
        raise ParseError("JSON nested too deeply to be a transcript export") from None
    if records is None:
        whole = _whole_text(data)
        if whole:
            return whole, _meta(data)
        raise ParseError("JSON without transcript segments (expected e.g. `segments`, `utterances` or `monologues`)")
    millis = _uses_millis(records)
    cues = []
    for rec in records:
        cue = _cue(rec, speakers, millis)
        if cue is not None:
            cues.append(cue)
    if not cues:
        raise ParseError("JSON transcript has no text")
    return cues, _meta(data) if isinstance(data, dict) else {}


def _whole_text(data: Any) -> list[Cue]:
    """A JSON holding the transcript as one string: speaker-labelled lines if it has them."""
    if not isinstance(data, dict):
        return []
    text = next((data[k] for k in ("transcript", "text", "content") if isinstance(data.get(k), str)), "").strip()
    if not text:
        return []
    from synth.parsing.plaintext import parse_labelled

    try:
        return parse_labelled(text)[0]
    except ParseError:
        return [Cue(None, " ".join(text.split()))]


def _meta(data: Any) -> dict[str, str]:
    if not isinstance(data, dict):
        return {}
    inner = data.get("metadata")
    src: dict[str, Any] = inner if isinstance(inner, dict) else data
    return {k: str(src[k]) for k in _META_KEYS if isinstance(src.get(k), (str, int, float)) and str(src[k]).strip()}


def _find_records(data: Any) -> tuple[list[dict[str, Any]] | None, dict[str, str]]:
    speakers: dict[str, str] = {}
    if isinstance(data, list):
        recs = [r for r in data if isinstance(r, dict)]
        return (recs or None), speakers
    if not isinstance(data, dict):
        return None, speakers
    table = data.get("speakers")
    if isinstance(table, list):
        for s in table:
            if isinstance(s, dict) and "id" in s and isinstance(s.get("name"), str):
                speakers[str(s["id"])] = s["name"]
    elif isinstance(table, dict):
        speakers = {str(k): str(v) for k, v in table.items() if isinstance(v, (str, int))}
    for key in _LIST_KEYS:
        value = data.get(key)
        if isinstance(value, list) and any(isinstance(r, dict) for r in value):
            return [r for r in value if isinstance(r, dict)], speakers
        if isinstance(value, dict):
            inner, more = _find_records(value)
            if inner:
                return inner, {**speakers, **more}
    return None, speakers


def _uses_millis(records: list[dict[str, Any]]) -> bool:
    if any(k in records[0] for k in _MS_KEYS):
        return True
    # AssemblyAI and others give integer milliseconds under plain `start`/`end`.
    last = records[-1]
    end = last.get("end", last.get("start"))
    return isinstance(end, int) and not isinstance(end, bool) and end > 10 * 3600


def _text(rec: dict[str, Any]) -> str:
    for key in _TEXT_KEYS:
        value = rec.get(key)
        if isinstance(value, str):
            return value
    for key in ("elements", "words"):  # Rev monologues, word-level exports
        value = rec.get(key)
        if isinstance(value, list):
            parts = [w.get("value", w.get("text", w.get("word", ""))) for w in value if isinstance(w, dict)]
            joined = "".join(p if key == "elements" else f" {p}" for p in parts if isinstance(p, str))
            return joined
    return ""


def _speaker(rec: dict[str, Any], table: dict[str, str]) -> str | None:
    for key in _SPEAKER_KEYS:
        value = rec.get(key)
        if isinstance(value, dict):
            value = value.get("name") or value.get("username")
        if isinstance(value, list) and value and isinstance(value[0], dict):  # Zoom: users[0].username
            value = value[0].get("username") or value[0].get("name")
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, int):
            return table.get(str(value), f"Speaker {value + 1 if value >= 0 else value}")
        if isinstance(value, str) and value.strip():
            return table.get(value, value).strip()
    users = rec.get("users")
    if isinstance(users, list) and users and isinstance(users[0], dict):
        name = users[0].get("username") or users[0].get("name")
        if isinstance(name, str) and name.strip():
            return name.strip()
    for key in ("speaker_id", "speakerId"):
        if key in rec:
            return table.get(str(rec[key]), f"Speaker {rec[key]}")
    return None


def _seconds(rec: dict[str, Any], keys: tuple[str, ...], millis: bool) -> float | None:
    for key in (*keys, *(k for k in _MS_KEYS if k.startswith(keys[0][:3]))):
        value = rec.get(key)
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, (int, float)):
            return float(value) / (1000 if millis or key in _MS_KEYS else 1)
        if isinstance(value, str):
            secs = clock_seconds(value)
            if secs is None:
                try:
                    secs = float(value)
                except ValueError:
                    continue
            return secs
    return None


def _cue(rec: dict[str, Any], table: dict[str, str], millis: bool) -> Cue | None:
    text = " ".join(_text(rec).split())
    if not text:
        return None
    return Cue(_speaker(rec, table), text, _seconds(rec, _START_KEYS, millis), _seconds(rec, _END_KEYS, millis))
