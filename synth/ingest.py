"""Import transcripts into the workspace: parse, build the `Interview`, store it, index it.

Each file stands alone: a bad one is reported (status "error", one clear
message) and the others are still imported. An interview folder is complete
once its `interview.json` exists; a failed write leaves no folder behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from synth import atomic
from synth.errors import SynthError, UserError
from synth.models import Interview, InterviewMeta, Role
from synth.parsing import Cue, ParsedTranscript, build_interview, parse_bytes
from synth.transcribe import MAX_RECORDING_BYTES, is_recording
from synth.workspace import Workspace

MAX_BYTES = 50 * 1024 * 1024
"""Larger files are refused before they are read: no interview transcript is this big."""
FOLDER_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".vtt", ".srt", ".json", ".docx"})
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%d.%m.%Y")


@dataclass
class IngestOptions:
    participant: str | None = None
    company: str | None = None
    segment: str | None = None
    date: dt.date | None = None
    interviewer: str | None = None
    title: str | None = None
    pseudonymise: bool | None = None
    """None: follow `[privacy] pseudonymise` in synth.toml."""
    engine: str | None = None
    """Recordings: `local` or `api`; None follows `[audio] engine`."""
    model_dir: Path | None = None
    """Recordings: a CTranslate2 Whisper model folder; None follows `[audio] model` (or the bundled tiny.en)."""
    on_segment: Callable[[Path, Cue], None] | None = None
    """Recordings: called with each transcribed segment as it comes (progress)."""


@dataclass
class FileResult:
    path: Path
    status: Literal["imported", "duplicate", "error"]
    interview_id: str | None
    message: str
    warnings: list[str] = field(default_factory=list)
    """One line each, for stderr: e.g. the speakers are unlabelled and how to label them."""


def iter_files(paths: list[Path]) -> Iterator[Path]:
    """Named files as given; folders recursively, transcript suffixes only, hidden entries skipped."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if any(p.startswith(".") for p in rel) or not child.is_file() or _project_file(child):
                    continue
                # A recording beside its own transcript is the same interview: the transcript wins.
                own_transcript = is_recording(child) and any(child.with_suffix(s).is_file() for s in FOLDER_SUFFIXES)
                if child.suffix.lower() in FOLDER_SUFFIXES or (is_recording(child) and not own_transcript):
                    yield child
        else:
            yield path


_PROJECT_FILES = ("license", "licence", "copying", "readme", "changelog", "notice", "authors", "contributing")


def _project_file(path: Path) -> bool:
    """A folder's LICENSE or README is not an interview (named on the command line, it is still tried)."""
    return path.stem.lower() in _PROJECT_FILES


def parse_date(value: str) -> dt.date | None:
    value = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _meta(parsed: ParsedTranscript, options: IngestOptions, path: Path, content_hash: str) -> InterviewMeta:
    found = dict(parsed.metadata)
    day = options.date or (parse_date(found["date"]) if found.get("date") else None)
    if day is None:
        day = parse_date(path.name[:10])  # `2024-05-01-acme.vtt`
    name = path.name if path.name != "interview.json" else "original-interview.json"
    known = ("participant", "company", "segment", "interviewer", "title", "date")
    return InterviewMeta(
        title=options.title or found.get("title", ""),
        participant=options.participant or found.get("participant", ""),
        company=options.company or found.get("company", ""),
        segment=options.segment or found.get("segment", ""),
        interviewer=options.interviewer or found.get("interviewer", ""),
        date=day,
        source_file=name,
        source_format=parsed.format,
        content_hash=content_hash,
        extra={k: v for k, v in found.items() if k not in known or (k == "date" and day is None)},
    )


def _known_hashes(ws: Workspace) -> dict[str, str]:
    """content hash -> interview id, read leniently: a damaged file elsewhere must not block imports."""
    hashes: dict[str, str] = {}
    for iid in ws.interview_ids():
        try:
            meta = json.loads((ws.interview_dir(iid) / "interview.json").read_bytes()).get("meta", {})
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(meta, dict) and meta.get("content_hash"):
            hashes[str(meta["content_hash"])] = iid
    return hashes


def _read(path: Path) -> bytes:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise UserError("no such file or folder") from None
    except OSError as exc:
        raise UserError(f"cannot read: {exc.strerror}") from None
    if not path.is_file():
        raise UserError("not a regular file")
    if st.st_size > MAX_BYTES:
        raise UserError(f"too large ({st.st_size / 2**20:.4g} MB; the limit is {MAX_BYTES / 2**20:.4g} MB)")
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise UserError(f"cannot read: {exc.strerror}") from None
    if len(data) > MAX_BYTES:
        raise UserError(f"too large (over {MAX_BYTES / 2**20:.4g} MB)")
    return data


def _save(ws: Workspace, interview: Interview, original: bytes | None, recording: Path | None = None) -> None:
    folder = ws.interview_dir(interview.id)
    existed = folder.exists()
    try:
        if recording is not None:
            # The recording is kept beside its transcript, copied before interview.json marks the import done.
            with ws.locked():
                atomic.copy_file(recording, folder / interview.meta.source_file)
            original = None
        ws.save_interview(interview, original=original)
    except BaseException:
        if not existed:
            shutil.rmtree(folder, ignore_errors=True)
        raise


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise UserError(f"cannot read: {exc.strerror}") from None
    return digest.hexdigest()


def _check_recording(path: Path) -> None:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UserError("no such file or folder") from None
    if not path.is_file():
        raise UserError("not a regular file")
    if size > MAX_RECORDING_BYTES:
        raise UserError(f"too large ({size / 2**30:.3g} GB; the limit for a recording is 4 GB)")


def _import_one(
    ws: Workspace, path: Path, options: IngestOptions, hashes: dict[str, str], pseudo: bool
) -> tuple[FileResult, Interview | None]:
    recording = is_recording(path)
    if recording:
        _check_recording(path)
        data = b""
        content_hash = _hash_file(path)
    else:
        data = _read(path)
        content_hash = hashlib.sha256(data).hexdigest()
    if content_hash in hashes:
        iid = hashes[content_hash]
        return FileResult(path, "duplicate", iid, f"already imported as {iid}"), None
    if recording:
        from synth.transcribe import transcribe

        on_segment = options.on_segment
        parsed = transcribe(path, ws.config, engine=options.engine, model_dir=options.model_dir,
                            on_segment=(lambda cue: on_segment(path, cue)) if on_segment else None)
    else:
        parsed = parse_bytes(data, path.name)
    meta = _meta(parsed, options, path, content_hash)
    interview = build_interview(parsed, meta, options.interviewer)
    original: bytes | None = data
    note = ""
    if pseudo:
        from synth.pseudonym import pseudonymise

        interview = pseudonymise(ws, interview)
        original = interview.text.encode("utf-8")
        note = "; pseudonymised (the stored original is the pseudonymised text; key in .synth/pseudonyms.json)"
        if recording:  # the voices would still name everyone: keep the text only
            interview = interview.model_copy(
                update={"meta": interview.meta.model_copy(update={"source_file": f"{path.stem}.transcript.txt"})}
            )
    if (ws.interview_dir(interview.id) / "interview.json").exists():
        # Same readable id, different content: lengthen the hash part rather than overwrite.
        interview = interview.model_copy(update={"id": f"{interview.id}{content_hash[6:10]}"})
    _save(ws, interview, original, path if recording and not pseudo else None)
    hashes[content_hash] = interview.id
    names = list(dict.fromkeys(t.speaker for t in interview.turns))
    speakers = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
    if options.interviewer and not any(t.role == "interviewer" for t in interview.turns):
        note += f"; no speaker matches interviewer {options.interviewer!r}"
    message = f"{len(interview.turns)} turns, {parsed.format}, speakers: {speakers}{note}"
    return FileResult(path, "imported", interview.id, message, speaker_warnings(interview)), interview


def speaker_warnings(interview: Interview) -> list[str]:
    """The one line telling a founder that nobody knows who spoke, and how to fix it."""
    unknown = sum(1 for t in interview.turns if t.role is Role.unknown)
    if not unknown:
        named = list(dict.fromkeys(t.speaker for t in interview.turns))
        confidence = interview.meta.role_confidence
        if len(named) >= 2 and confidence is not None and not interview.meta.interviewer:
            return [
                f"nobody clearly asks the questions (guess confidence {confidence:.2f}), so every speaker counts "
                f"as a participant; if one interviewed: `synth interview speakers {interview.id} "
                f"--set \"{named[0]}={named[0]}:interviewer\"`"
            ]
        return []
    which = "speakers are unlabelled" if unknown == len(interview.turns) else f"{unknown} turns have no speaker"
    return [
        f"{which}: their words count as nobody's evidence until you say who spoke: "
        f"`synth interview speakers {interview.id}` (e.g. --turns 1-4 --as \"Name:interviewer\")"
    ]


def ingest_paths(
    ws: Workspace,
    paths: list[Path],
    options: IngestOptions | None = None,
    on_progress: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    """Import every transcript under `paths`; one result per file, in order."""
    options = options or IngestOptions()
    pseudo = ws.config.privacy.pseudonymise if options.pseudonymise is None else options.pseudonymise
    results: list[FileResult] = []
    imported: list[Interview] = []
    with ws.locked():
        hashes = _known_hashes(ws)
        for path in iter_files([Path(p) for p in paths]):
            try:
                result, interview = _import_one(ws, path, options, hashes, pseudo)
            except SynthError as exc:
                result, interview = FileResult(path, "error", None, str(exc)), None
            except OSError as exc:  # a failed write (disk full, permissions): nothing of it was kept
                reason = exc.strerror or type(exc).__name__
                result, interview = FileResult(path, "error", None, f"cannot store the interview: {reason}"), None
            results.append(result)
            if interview is not None:
                imported.append(interview)
            if on_progress is not None:
                on_progress(result)
    from synth import index

    if imported or any(r.status == "duplicate" for r in results):
        try:
            if imported:
                index.index_interviews(ws, imported)
            if any(r.status == "duplicate" for r in results):
                # A run killed between saving and indexing left interviews the index lacks.
                index.heal(ws)
        except SynthError as exc:
            wrapped = SynthError(
                f"imported {len(imported)} interview(s) but indexing failed: {exc}; run `synth reindex`",
                path=exc.path,
            )
            wrapped.exit_code = exc.exit_code
            raise wrapped from exc
    return results
