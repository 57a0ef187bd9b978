"""Markdown transcripts: YAML front matter for metadata, a `# Title`, then speaker-labelled text."""

from __future__ import annotations

import re

import yaml

from synth.errors import ParseError
from synth.parsing.plaintext import parse_labelled
from synth.parsing.types import Cue

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>])")
_META_KEYS = ("participant", "company", "segment", "date", "interviewer", "title")


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """(metadata, body); metadata keys lower-cased, values as strings."""
    m = _FRONT.match(text)
    if not m:
        return {}, text
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        first = str(exc).strip().splitlines()[0]
        raise ParseError(f"front matter is not valid YAML: {first}") from None
    meta: dict[str, str] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            if value is None or isinstance(value, (dict, list)):
                if isinstance(value, list) and all(isinstance(v, str) for v in value):
                    meta[str(key).lower()] = ", ".join(value)
                continue
            meta[str(key).lower()] = str(value).strip()
    return meta, text[m.end():]


def parse_markdown(text: str) -> tuple[list[Cue], dict[str, str]]:
    meta, body = front_matter(text)
    if "\\" in body:
        body = _ESCAPE.sub(r"\1", body)
    cues, preamble = parse_labelled(body)
    if "title" not in meta:
        for line in preamble:
            if line.startswith("# ") and line[2:].strip():
                meta["title"] = line[2:].strip()
                break
    _from_preamble(preamble, meta)
    return cues, meta


_INTERVIEWER = re.compile(r"\bInterviewers? (?:is|are|was|were):? ([A-Z][^.\n]{1,80})")
_DATE = re.compile(r"\b(?:took place on|recorded on|Date:)\s*([A-Z][a-z]+ \d{1,2}, \d{4}|\d{4}-\d{2}-\d{2})")


def _from_preamble(preamble: list[str], meta: dict[str, str]) -> None:
    """Exports like Otter's put `Interviewer is X` and the date in a details paragraph."""
    text = "\n".join(preamble[:40])
    if "interviewer" not in meta and (m := _INTERVIEWER.search(text)):
        meta["interviewer"] = m.group(1).strip()
    if "date" not in meta and (m := _DATE.search(text)):
        meta["date"] = m.group(1)
