"""Hostile files end in one clear error or a valid interview, within bounded time and memory."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from synth.errors import SynthError
from synth.models import Interview, InterviewMeta
from synth.parsing import build_interview, parse_bytes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "transcripts"
VTT = b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Ana>We chase receipts every Friday.\n\n00:00:05.000 --> 00:00:07.000\n<v Founder>Why Friday?\n"
SRT = b"1\n00:00:01,000 --> 00:00:04,000\nAna: We chase receipts every Friday.\n\n2\n00:00:05,000 --> 00:00:07,000\nFounder: Why Friday?\n"
JSON = json.dumps({"segments": [{"speaker": "Ana", "start": 1.0, "end": 4.0, "text": "We chase receipts."},
                                {"speaker": "Founder", "start": 5.0, "end": 7.0, "text": "Why?"}]}).encode()


def docx_bytes() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("Founder: When did you last chase receipts?")
    d.add_paragraph("Ana: Last Friday, for six hours.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def outcome(data: bytes, name: str) -> Interview | SynthError:
    """The only two acceptable ends: a valid interview, or a SynthError with one line."""
    try:
        parsed = parse_bytes(data, name)
        return build_interview(parsed, InterviewMeta(source_file=name))
    except SynthError as exc:
        line = exc.line()
        assert line and "\n" not in line and "Traceback" not in line
        return exc


@settings(max_examples=80, deadline=None)
@given(cut=st.integers(min_value=0, max_value=len(VTT)), junk=st.binary(max_size=40), which=st.sampled_from(["vtt", "srt", "json"]))
def test_truncated_and_mangled_subtitles(cut: int, junk: bytes, which: str) -> None:
    base = {"vtt": VTT, "srt": SRT, "json": JSON}[which]
    result = outcome(base[: cut % (len(base) + 1)] + junk, f"x.{which}")
    if isinstance(result, Interview):
        Interview.model_validate(result.model_dump())  # offsets still consistent


@settings(max_examples=40, deadline=None)
@given(cut=st.integers(min_value=1, max_value=4000), flip=st.integers(min_value=0, max_value=4000))
def test_truncated_and_flipped_docx(cut: int, flip: int) -> None:
    data = bytearray(docx_bytes())
    data = data[: max(1, len(data) - cut)]
    if data:
        data[flip % len(data)] ^= 0xFF
    outcome(bytes(data), "x.docx")


def test_zip_bomb_posing_as_docx_is_refused_fast_and_small() -> None:
    code = textwrap.dedent("""
        import io, resource, zipfile, sys
        from synth.parsing import parse_bytes
        from synth.errors import SynthError
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            with z.open("word/document.xml", "w", force_zip64=True) as f:
                chunk = b"A" * 2**20
                for _ in range(2048):  # 2 GiB of text in a ~2 MB file
                    f.write(chunk)
        # Parsing may not use more memory than a real document would need.
        resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))
        try:
            parse_bytes(buf.getvalue(), "bomb.docx")
            print("PARSED")
        except SynthError as e:
            print("REFUSED", e.line())
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("REFUSED"), proc.stdout


def test_deeply_nested_json() -> None:
    data = b'{"segments": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    assert isinstance(outcome(data, "deep.json"), SynthError)


def test_random_bytes_named_as_every_format() -> None:
    import random

    rng = random.Random(7)
    for _ in range(30):
        blob = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 3000)))
        for suffix in ("txt", "md", "vtt", "srt", "json", "docx"):
            outcome(blob, f"r.{suffix}")


@pytest.mark.slow
def test_a_million_tiny_cues_a_10mb_line_and_an_oversize_file_in_bounded_memory(tmp_path: Path) -> None:
    cues = ["WEBVTT", ""]
    for i in range(1_000_000):
        s = i % 86400
        stamp = f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}.000"
        cues += [f"{stamp} --> {stamp}", f"<v S{i % 3}>w{i}", ""]
    (tmp_path / "many.vtt").write_text("\n".join(cues), encoding="utf-8")
    (tmp_path / "line.txt").write_bytes(b"Ana: " + b"word " * (10 * 2**20 // 5))
    (tmp_path / "huge.txt").write_bytes(b"x" * (50 * 2**20 + 1))
    code = textwrap.dedent(f"""
        import resource, sys
        from pathlib import Path
        from synth.parsing import parse_bytes, build_interview
        from synth.models import InterviewMeta
        from synth.ingest import ingest_paths
        from synth.workspace import Workspace
        from synth.errors import SynthError
        for name in ("many.vtt", "line.txt"):
            p = Path({str(tmp_path)!r}) / name
            try:
                iv = build_interview(parse_bytes(p.read_bytes(), name), InterviewMeta(source_file=name))
                print(name, len(iv.turns))
            except SynthError as e:
                print(name, "error", e.line().replace(chr(10), " "))
        ws = Workspace.create(Path({str(tmp_path)!r}) / "ws")
        r, = ingest_paths(ws, [Path({str(tmp_path)!r}) / "huge.txt"])
        print("huge", r.status, r.message)
        print("peak_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = dict(line.split(" ", 1) for line in proc.stdout.strip().splitlines())
    assert int(lines["many.vtt"]) > 1000
    # One speaker line with no second turn is "no speaker turns found": an error, but a clear one.
    assert lines["line.txt"] == "1" or lines["line.txt"].startswith("error no speaker turns")
    assert lines["huge"].startswith("error too large")
    assert int(lines["peak_mb"]) < 6000
