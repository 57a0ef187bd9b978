"""ingest_paths: storing, dedupe, metadata, bad inputs that never corrupt the workspace, pseudonyms."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from synth import atomic, ingest
from synth.config import WorkspaceConfig
from synth.ingest import IngestOptions, ingest_paths
from synth.models import Interview
from synth.workspace import Workspace

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"


@pytest.fixture
def indexed(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Record what would be indexed: the index has its own tests, and Chroma is slow to start."""
    calls: list[list[str]] = []
    monkeypatch.setattr("synth.index.index_interviews", lambda ws, ivs: calls.append([i.id for i in ivs]))
    # Healing a half-indexed workspace is proven against the real index in tests/reliability/test_crashes.py.
    monkeypatch.setattr("synth.index.heal", lambda ws: 0)
    return calls


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace.create(tmp_path / "ws")


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def test_import_stores_original_and_interview_and_indexes_once(ws: Workspace, indexed: list[list[str]]) -> None:
    paths = [FIXTURES / "zoom.vtt", FIXTURES / "frontmatter.md"]
    results = ingest_paths(ws, paths)
    assert [r.status for r in results] == ["imported", "imported"]
    assert indexed == [[r.interview_id for r in results]]
    vtt_id, md_id = (r.interview_id for r in results)
    assert vtt_id is not None and md_id is not None
    folder = ws.interview_dir(vtt_id)
    assert (folder / "zoom.vtt").read_bytes() == (FIXTURES / "zoom.vtt").read_bytes()
    interview = ws.interview(vtt_id)
    assert interview.meta.participant == "Sam Ortiz" and interview.meta.source_format == "webvtt"
    md = ws.interview(md_id)
    assert md_id == f"2025-03-14-maria-lopez-{md.meta.content_hash[:6]}"
    assert (md.meta.company, md.meta.segment, md.meta.date) == ("Lopez Design Studio", "agency owners", dt.date(2025, 3, 14))
    assert md.meta.title == "Invoicing pains at a design studio"


def test_reingesting_the_same_content_is_a_duplicate(ws: Workspace, indexed: list[list[str]], tmp_path: Path) -> None:
    first = ingest_paths(ws, [FIXTURES / "otter.txt"])[0]
    copy = tmp_path / "renamed-copy.txt"
    shutil.copy(FIXTURES / "otter.txt", copy)
    again = ingest_paths(ws, [FIXTURES / "otter.txt", copy])
    assert [r.status for r in again] == ["duplicate", "duplicate"]
    assert all(r.interview_id == first.interview_id for r in again)
    assert ws.interview_ids() == [first.interview_id]
    assert len(indexed) == 1  # nothing new, nothing indexed


def test_options_override_file_metadata(ws: Workspace, indexed: list[list[str]]) -> None:
    opts = IngestOptions(participant="M. Lopez", company="Studio L", segment="freelancers",
                         date=dt.date(2024, 1, 2), interviewer="Dana Founder", title="Call 7")
    r = ingest_paths(ws, [FIXTURES / "frontmatter.md"], opts)[0]
    m = ws.interview(r.interview_id).meta  # type: ignore[arg-type]
    assert (m.participant, m.company, m.segment, m.date, m.title) == (
        "M. Lopez", "Studio L", "freelancers", dt.date(2024, 1, 2), "Call 7")
    assert r.interview_id is not None and r.interview_id.startswith("2024-01-02-m-lopez-")


def test_offsets_of_stored_interviews_point_at_the_right_text(ws: Workspace, indexed: list[list[str]]) -> None:
    results = ingest_paths(ws, [FIXTURES])
    assert results and all(r.status == "imported" for r in results if r.path.parent == FIXTURES)
    for iid in ws.interview_ids():
        raw = json.loads((ws.interview_dir(iid) / "interview.json").read_text())
        iv = Interview.model_validate(raw)
        for t in iv.turns:
            assert iv.text[t.start : t.end] == t.text
            assert iv.text[: t.start].endswith(f"{t.speaker}: ")


def test_folder_with_mixed_good_and_bad_files(ws: Workspace, indexed: list[list[str]], tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    (folder / "sub").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    shutil.copy(FIXTURES / "teams.vtt", folder / "teams.vtt")
    shutil.copy(FIXTURES / "subtitles.srt", folder / "sub" / "subtitles.srt")
    shutil.copy(FIXTURES / "colon.txt", folder / ".hidden" / "colon.txt")
    shutil.copy(FIXTURES / "colon.txt", folder / ".secret.txt")
    for bad in ("prose.txt", "truncated.vtt", "empty.txt", "broken.json"):
        shutil.copy(FIXTURES / "bad" / bad, folder / bad)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not a transcript type: not even tried
    before = _files(ws.root)
    results = ingest_paths(ws, [folder])
    by_name = {r.path.name: r for r in results}
    assert set(by_name) == {"teams.vtt", "subtitles.srt", "prose.txt", "truncated.vtt", "empty.txt",
                            "broken.json", "binary.txt"}
    assert {n for n, r in by_name.items() if r.status == "imported"} == {"teams.vtt", "subtitles.srt"}
    messages = {n: r.message for n, r in by_name.items() if r.status == "error"}
    assert "malformed cue timing" in messages["truncated.vtt"] and "line 6" in messages["truncated.vtt"]
    assert "empty" in messages["empty.txt"] and "binary" in messages["binary.txt"]
    assert "no speaker turns" in messages["prose.txt"] and "JSON" in messages["broken.json"]
    assert all("\n" not in m for m in messages.values())
    new = _files(ws.root) - before
    assert {p.split("/")[1] for p in new if p.startswith("interviews/")} == set(ws.interview_ids())
    assert not [p for p in new if p.endswith(".tmp")]


def test_missing_path_and_oversized_file_are_refused_without_reading(
    ws: Workspace, indexed: list[list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = tmp_path / "huge.vtt"
    with huge.open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: costs no disk and no time to make
    opened: list[Path] = []
    real_open = Path.open

    def spy(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        opened.append(self)
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", spy)
    results = ingest_paths(ws, [tmp_path / "nope.txt", huge, FIXTURES / "paren_ts.txt"])
    assert [r.status for r in results] == ["error", "error", "imported"]
    assert results[0].message == "no such file or folder"
    assert results[1].message == "too large (200 MB; the limit is 50 MB)"
    assert huge not in opened


def test_failed_write_leaves_nothing_half_written(
    ws: Workspace, indexed: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(path: Path, data: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "write_json", boom)
    [result] = ingest_paths(ws, [FIXTURES / "zoom.vtt"])
    assert result.status == "error" and result.message == "cannot store the interview: No space left on device"
    assert list(ws.interviews_dir.iterdir()) == []
    assert indexed == []


def test_interview_json_as_a_source_name_does_not_clash(ws: Workspace, indexed: list[list[str]], tmp_path: Path) -> None:
    src = tmp_path / "interview.json"
    shutil.copy(FIXTURES / "otter.json", src)
    r = ingest_paths(ws, [src])[0]
    folder = ws.interview_dir(r.interview_id)  # type: ignore[arg-type]
    assert (folder / "original-interview.json").read_bytes() == src.read_bytes()
    assert ws.interview(r.interview_id).meta.source_file == "original-interview.json"  # type: ignore[arg-type]


def test_pseudonymise_replaces_names_everywhere_and_keeps_a_key(
    ws: Workspace, indexed: list[list[str]], tmp_path: Path
) -> None:
    src = tmp_path / "maria-lopez-call.md"
    src.write_text(
        (FIXTURES / "frontmatter.md").read_text().replace(
            "Not great.", "Maria said Lopez Design Studio nearly folded. Maria Lopez agrees. Studio work is slow."
        )
    )
    r = ingest_paths(ws, [src], IngestOptions(pseudonymise=True))[0]
    assert r.status == "imported" and "pseudonymised" in r.message
    assert r.interview_id is not None and r.interview_id.startswith("2025-03-14-participant-a-")
    folder = ws.interview_dir(r.interview_id)
    stored = "".join(p.read_text() for p in folder.iterdir())
    for secret in ("Maria", "Lopez", "maria-lopez"):
        assert secret not in stored
    iv = ws.interview(r.interview_id)
    assert iv.meta.pseudonymised and iv.meta.participant == "Participant A" and iv.meta.company == "Company A"
    assert "Participant A said Company A nearly folded. Participant A agrees." in iv.text
    assert "Studio work is slow." in iv.text  # a company's ordinary words are not masked alone
    assert {t.speaker for t in iv.turns} == {"Dana Founder", "Participant A"}
    assert (folder / "pseudonymised.txt").read_text() == iv.text
    key = json.loads((ws.derived_dir / "pseudonyms.json").read_text())
    assert key["participants"]["Maria Lopez"] == "Participant A"
    assert key["companies"]["Lopez Design Studio"] == "Company A"
    # The same person in another interview gets the same pseudonym; a new one gets the next letter.
    other = tmp_path / "other.txt"
    other.write_text("Dana Founder: Do you know Maria Lopez?\nKai Moe: Yes? Maria is great.\nDana Founder: Why?\n")
    r2 = ingest_paths(ws, [other], IngestOptions(pseudonymise=True))[0]
    iv2 = ws.interview(r2.interview_id)  # type: ignore[arg-type]
    assert "Participant A" in iv2.text and "Maria" not in iv2.text
    assert iv2.meta.participant == "Participant B"


def test_pseudonymise_follows_the_workspace_setting(tmp_path: Path, indexed: list[list[str]]) -> None:
    cfg = WorkspaceConfig()
    cfg.privacy.pseudonymise = True
    ws = Workspace.create(tmp_path / "private", cfg)
    r = ingest_paths(ws, [FIXTURES / "paren_ts.txt"])[0]
    assert ws.interview(r.interview_id).meta.pseudonymised  # type: ignore[arg-type]
    r = ingest_paths(ws, [FIXTURES / "zoom.vtt"], IngestOptions(pseudonymise=False))[0]
    assert not ws.interview(r.interview_id).meta.pseudonymised  # type: ignore[arg-type]


def test_progress_callback_sees_every_file(ws: Workspace, indexed: list[list[str]]) -> None:
    seen: list[str] = []
    ingest_paths(ws, [FIXTURES / "meet.txt", FIXTURES / "bad" / "empty.txt"], on_progress=lambda r: seen.append(r.status))
    assert seen == ["imported", "error"]


def test_size_limit_is_a_module_setting(ws: Workspace, indexed: list[list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_BYTES", 100)
    r = ingest_paths(ws, [FIXTURES / "teams.vtt"])[0]
    assert r.status == "error" and r.message.startswith("too large")


def test_unmatched_interviewer_is_reported(ws: Workspace, indexed: list[list[str]]) -> None:
    r = ingest_paths(ws, [FIXTURES / "meet.txt"], IngestOptions(interviewer="Zed"))[0]
    assert r.status == "imported" and "no speaker matches interviewer 'Zed'" in r.message
    iv = ws.interview(r.interview_id)  # type: ignore[arg-type]
    assert iv.meta.interviewer == "Zed" and all(t.role == "participant" for t in iv.turns)
