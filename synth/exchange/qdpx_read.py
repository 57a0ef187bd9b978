"""Read a `.qdpx` file defensively: everything is checked before anything is believed.

A `.qdpx` comes from someone else's machine, so: a zip with a cap on entries,
on declared and actual sizes and on the compression ratio (zip bombs); no
entry name that is absolute or climbs out with `..`; `project.qde` parsed by
lxml with entities unresolved, no network, no huge trees, and refused if it
declares a DTD at all; then validated against the official schema; every
selection must lie inside its source. The result is plain data.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from synth.errors import UserError
from synth.exchange.qdpx_common import q, schema_errors

MAX_ENTRIES = 10_000
MAX_ENTRY_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 100
"""Uncompressed/compressed; text compresses ~4-10x, a bomb ~1000x. Checked above RATIO_FLOOR."""
RATIO_FLOOR = 1024 * 1024

_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass
class CodeInfo:
    guid: str
    name: str
    description: str
    codable: bool
    parent: str = ""


@dataclass
class Selection:
    guid: str
    name: str
    start: int
    end: int
    description: str
    code_guids: list[str]
    created: str = ""


@dataclass
class Source:
    guid: str
    name: str
    text: str
    raw: bytes
    description: str
    created: str = ""
    selections: list[Selection] = field(default_factory=list)


@dataclass
class Project:
    name: str
    origin: str
    codes: dict[str, CodeInfo]
    sources: list[Source]
    notes: dict[str, str]
    skipped: list[str]


def read_qdpx(path: Path) -> Project:
    """The project in `path`, or a UserError (with path) saying in one line why it cannot be read."""
    if not path.is_file():
        raise UserError("no such file", path=path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise UserError(f"not a REFI-QDA project (a .qdpx is a zip archive): {exc}", path=path) from None
    try:
        with zf:
            return _read(zf, path)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise UserError(f"damaged or unsupported zip archive: {exc}", path=path) from None


def _read(zf: zipfile.ZipFile, path: Path) -> Project:
    infos = _checked_entries(zf, path)
    qde = next((i for i in infos if i.filename.lower() == "project.qde"), None)
    if qde is None:
        raise UserError("not a REFI-QDA project: no project.qde at the top of the archive", path=path)
    root = _parse(_read_entry(zf, qde, path), path)
    codes: dict[str, CodeInfo] = {}
    for top in root.iterfind(f"{q('CodeBook')}/{q('Codes')}/{q('Code')}"):
        _walk_codes(top, "", codes)
    skipped: list[str] = []
    sources: list[Source] = []
    by_name = {i.filename: i for i in infos}
    for el in root.iterfind(f"{q('Sources')}/*"):
        if el.tag != q("TextSource"):
            skipped.append(f"{etree.QName(el).localname} {el.get('name') or el.get('guid')}: only text sources are imported")
            continue
        if el.find(q("PlainTextContent")) is None and not el.get("plainTextPath"):
            skipped.append(f"source {el.get('name') or el.get('guid')!r} has no plain-text version: skipped")
            continue
        sources.append(_source(zf, el, by_name, path))
        if el.find(q("Coding")) is not None:
            skipped.append(f"codes on the whole source {el.get('name')!r} (not on a selection) are not imported")
    notes: dict[str, str] = {}
    for note in root.iterfind(f"{q('Notes')}/{q('Note')}"):
        content = note.find(q("PlainTextContent"))
        if content is not None and content.text:
            notes[note.get("name") or note.get("guid") or ""] = content.text
    return Project(root.get("name", ""), root.get("origin", ""), codes, sources, notes, skipped)


def _checked_entries(zf: zipfile.ZipFile, path: Path) -> list[zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise UserError(f"refused: {len(infos)} entries in the archive (limit {MAX_ENTRIES})", path=path)
    total = 0
    for info in infos:
        name = info.filename
        parts = re.split(r"[/\\]", name)
        if name.startswith(("/", "\\")) or _DRIVE.match(name) or ".." in parts or "\x00" in name:
            raise UserError(f"refused: archive entry {name!r} points outside the project folder", path=path)
        if info.file_size > MAX_ENTRY_BYTES:
            raise UserError(f"refused: {name!r} would unpack to {info.file_size:,} bytes (limit {MAX_ENTRY_BYTES:,})", path=path)
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UserError(f"refused: {name!r} is compressed {info.file_size // max(info.compress_size, 1)}:1, "
                            "which looks like a zip bomb", path=path)
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise UserError(f"refused: the archive would unpack to {total:,} bytes (limit {MAX_TOTAL_BYTES:,})", path=path)
    return infos


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> bytes:
    """At most the declared size: a header that lies about it does not get more out of us."""
    with zf.open(info) as fh:
        data = fh.read(min(info.file_size, MAX_ENTRY_BYTES) + 1)
    if len(data) != info.file_size:
        raise UserError(f"refused: {info.filename!r} does not hold the size its header declares", path=path)
    return data


def _parse(data: bytes, path: Path) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                             dtd_validation=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise UserError(f"project.qde is not well-formed XML: {exc}", path=path) from None
    docinfo = root.getroottree().docinfo
    if getattr(docinfo, "doctype", "") or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise UserError("refused: project.qde declares a DTD (entity declarations are not accepted)", path=path)
    errors = schema_errors(root)
    if errors:
        raise UserError(f"project.qde does not match the REFI-QDA schema: {errors[0]}", path=path)
    return root


def _walk_codes(el: etree._Element, parent: str, out: dict[str, CodeInfo]) -> None:
    desc = el.find(q("Description"))
    info = CodeInfo(el.get("guid", "").strip("{}").lower(), el.get("name", ""),
                    desc.text or "" if desc is not None else "", el.get("isCodable") in ("true", "1"), parent)
    out[info.guid] = info
    for child in el.iterfind(q("Code")):
        _walk_codes(child, info.name, out)


def _source(zf: zipfile.ZipFile, el: etree._Element, by_name: dict[str, zipfile.ZipInfo], path: Path) -> Source:
    name = el.get("name") or el.get("guid") or ""
    inline = el.find(q("PlainTextContent"))
    ref = el.get("plainTextPath")
    if inline is not None and inline.text is not None:
        raw = inline.text.encode("utf-8")
    else:
        raw = _read_entry(zf, _internal(ref or "", name, by_name, path), path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(f"source {name!r} is not UTF-8 text: {exc.reason} at byte {exc.start}", path=path) from None
    desc = el.find(q("Description"))
    src = Source(el.get("guid", "").strip("{}").lower(), name, text, raw,
                 desc.text or "" if desc is not None else "", el.get("creationDateTime", ""))
    for sel in el.iterfind(q("PlainTextSelection")):
        start, end = int(sel.get("startPosition", "0")), int(sel.get("endPosition", "0"))
        if not 0 <= start < end <= len(text):
            raise UserError(f"selection {sel.get('name') or sel.get('guid')!r} ({start}-{end}) lies outside its source "
                            f"{name!r} ({len(text)} characters)", path=path)
        sdesc = sel.find(q("Description"))
        src.selections.append(Selection(
            sel.get("guid", ""), sel.get("name", ""), start, end, sdesc.text or "" if sdesc is not None else "",
            [c.get("targetGUID", "").strip("{}").lower() for c in sel.iterfind(f"{q('Coding')}/{q('CodeRef')}")],
            sel.get("creationDateTime", ""),
        ))
    return src


def _internal(ref: str, name: str, by_name: dict[str, zipfile.ZipInfo], path: Path) -> zipfile.ZipInfo:
    # internal:// is the standard; a bare relative path (qc writes those) means the same folder.
    if ref.startswith("internal://"):
        rel = ref[len("internal://"):]
    elif "://" in ref or ref.startswith("file:"):
        raise UserError(f"refused: source {name!r} points outside the project ({ref!r}); only internal:// "
                        "sources inside the .qdpx are read", path=path)
    else:
        rel = ref
    parts = re.split(r"[/\\]", rel)
    if not rel or rel.startswith(("/", "\\")) or _DRIVE.match(rel) or ".." in parts:
        raise UserError(f"refused: source {name!r} path {ref!r} points outside the project folder", path=path)
    entry = by_name.get(str(PurePosixPath("sources", *parts)))
    if entry is None:
        raise UserError(f"source {name!r}: sources/{rel} is missing from the archive", path=path)
    return entry
