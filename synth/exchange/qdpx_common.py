"""What the REFI-QDA exporter and importer share: GUIDs, names, the schema, description fields.

GUIDs are uuid5 of Synth's own ids in a namespace that is the workspace's own
UUID (`[project] id` in synth.toml), so exporting twice gives the same project,
and two workspaces' "H1" never share a GUID when another tool merges them. Synth-only facts
(stance, strength, review, confidence) travel as `Key: value` lines after a
marker in the element's Description, which every QDA tool shows and keeps.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, cast

from synth.errors import UserError

if TYPE_CHECKING:
    from lxml import etree

    from synth.workspace import Workspace

NS = "urn:QDA-XML:project:1.0"
SCHEMA_FILE = "Project-mrt2019.xsd"
SCHEMA_SHA256 = "a2cc1ffb4ab1c07c51d6c78e69f2c9968458a9f0ad3b317ddde27f1e86f15a15"
"""The official QDA-XML 1.0 schema (18 March 2019), vendored unchanged with its MIT header."""

SYNTH_NAMESPACE = uuid.UUID("5b1f3a57-6e0c-4f4e-9a52-2d1c2e7a9f10")

KINDS_PARENT = "Insight kinds"
HYPOTHESES_PARENT = "Hypotheses"
TAGS_PARENT = "Tags"

INSIGHT_MARK = "Synth insight: "
HYPOTHESIS_MARK = "Synth hypothesis: "
INTERVIEW_MARK = "Synth interview: "
FOUNDER_SET = "set by the founder"
"""A link's rationale in an export when the founder set its stance: a re-import keeps it as theirs."""

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BAD_NAME = re.compile(r"[/\\.\x00-\x1f]+")


def guid(kind: str, *parts: str, ns: uuid.UUID = SYNTH_NAMESPACE) -> str:
    """A stable GUID for one Synth object (`kind` keeps ids of different objects apart)."""
    return str(uuid.uuid5(ns, "\x1f".join((kind, *parts))))


def workspace_namespace(ws: Workspace) -> uuid.UUID:
    """The workspace's GUID namespace; a workspace made before it existed gets one now, kept in synth.toml."""
    raw = ws.config.project.id.strip()
    if not raw:
        with ws.locked():
            config = ws.config
            raw = config.project.id.strip()
            if not raw:
                raw = str(uuid.uuid4())
                ws.save_config(config.model_copy(update={"project": config.project.model_copy(update={"id": raw})}))
    try:
        return uuid.uuid5(SYNTH_NAMESPACE, str(uuid.UUID(raw)))
    except ValueError:
        raise UserError(f"[project] id is not a UUID: {raw!r}", path=ws.config_path) from None


def coder_name(ws: Workspace) -> str:
    """Who coded: `[project] coder`, else the operating system's user name."""
    name = ws.config.project.coder.strip()
    if name:
        return name
    import getpass

    try:
        return getpass.getuser() or "Founder"
    except (KeyError, OSError):
        return "Founder"


def q(tag: str) -> str:
    """Clark notation for a REFI-QDA element name."""
    return f"{{{NS}}}{tag}"


def xml_safe(text: str) -> str:
    """Drop the control characters XML 1.0 cannot hold at all (a transcript may carry stray ones)."""
    return _ILLEGAL_XML.sub("", text)


def one_line(text: str, limit: int = 80) -> str:
    text = " ".join(xml_safe(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def source_name(text: str) -> str:
    """A source name importers can use as a file name: no path separators, no dots."""
    name = one_line(_BAD_NAME.sub(" ", text), 80).strip(" -")
    return name or "Interview"


def unique(name: str, taken: set[str], suffix: str) -> str:
    out = name
    n = 2
    while out.lower() in taken:
        out = f"{name} {suffix}" if n == 2 else f"{name} {suffix} {n}"
        n += 1
    taken.add(out.lower())
    return out


def iso(moment: datetime) -> str:
    """xsd:dateTime in UTC with a Z, seconds precision (naive times are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def fields_block(mark: str, ident: str, fields: list[tuple[str, str]]) -> str:
    lines = [f"{mark}{ident}"] + [f"{k}: {one_line(v, 2000)}" for k, v in fields if v != ""]
    return "\n".join(lines)


def split_fields(description: str, mark: str) -> tuple[str, str, list[tuple[str, str]]]:
    """(free text, Synth id, [(key, value)]) from a Description; id is '' when Synth did not write it."""
    at = description.rfind(mark)
    if at == -1 or (at > 0 and description[at - 1] != "\n"):
        return description.strip(), "", []
    head, block = description[:at], description[at + len(mark) :]
    lines = block.splitlines()
    ident = lines[0].strip() if lines else ""
    pairs: list[tuple[str, str]] = []
    for line in lines[1:]:
        key, sep, value = line.partition(": ")
        if sep:
            pairs.append((key.strip(), value.strip()))
    return head.strip(), ident, pairs


def schema_bytes() -> bytes:
    return resources.files("synth.exchange").joinpath(SCHEMA_FILE).read_bytes()


@cache
def schema() -> etree.XMLSchema:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.fromstring(schema_bytes(), parser))


def schema_errors(doc: etree._Element | etree._ElementTree) -> list[str]:
    """Schema violations as `line N: message`; empty when the document is valid."""
    s = schema()
    if s.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in cast("Iterable[Any]", s.error_log)]
