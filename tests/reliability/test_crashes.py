"""kill -9 during ingest and extract: the workspace stays whole and a re-run finishes the job."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from synth.workspace import Workspace

pytestmark = pytest.mark.slow

TOPICS = [
    ("Maria", "we chase receipts by email every month and it takes about six hours"),
    ("Tom", "I keep a spreadsheet of every client with a column for what is missing"),
    ("Hannah", "our partners sign off the close but the bookkeepers choose the tools"),
    ("Derek", "we pay forty dollars a month for a receipt app that nobody opens"),
    ("Aisha", "I send photos of receipts by text because I never log into the portal"),
    ("Greg", "the close slips to day twelve whenever one client goes quiet"),
]


def write_transcripts(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for n, (name, line) in enumerate(TOPICS):
        turns = []
        for i in range(6):
            turns.append(f"Founder: Tell me about the last time that happened, part {i}?")
            turns.append(f"{name}: Honestly {line}. Last month {i + 2} clients were late and {line}.")
        path = folder / f"{n:02d}-{name.lower()}.txt"
        path.write_text("\n".join(turns) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def synth(ws: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "synth", "-w", str(ws), *args], capture_output=True, text=True, timeout=600
    )


def spawn(ws: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "synth", "-w", str(ws), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def assert_whole(ws_path: Path) -> None:
    """Every workspace file parses; the domain model loads everything there is."""
    for path in ws_path.rglob("*.json"):
        if ".synth" in path.parts or path.name.startswith("."):
            continue
        json.loads(path.read_text(encoding="utf-8"))
    ws = Workspace.open(ws_path)
    ws.hypotheses()
    ws.interviews()
    ws.insight_sets()


def search_results(ws: Path) -> list[list[str]]:
    from synth.index import search

    opened = Workspace.open(ws)
    return [sorted(h.text for h in search(opened, q, k=5)) for q in ("receipts by email", "spreadsheet column", "day twelve")]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """An uninterrupted run to compare with."""
    base = tmp_path_factory.mktemp("reference")
    folder = base / "transcripts"
    write_transcripts(folder)
    ws = base / "ws"
    Workspace.create(ws)
    assert synth(ws, "ingest", str(folder)).returncode == 0
    assert synth(ws, "extract", "--all").returncode == 0
    return ws, folder


@pytest.mark.parametrize("seed", [1, 2])
def test_kill_during_ingest_then_rerun(tmp_path: Path, reference: tuple[Path, Path], seed: int) -> None:
    ref_ws, folder = reference
    ws = tmp_path / "ws"
    Workspace.create(ws)
    proc = spawn(ws, "ingest", str(folder))
    time.sleep(random.Random(seed).uniform(0.5, 3.0))
    proc.kill()
    proc.wait()
    assert_whole(ws)
    rerun = synth(ws, "ingest", str(folder))
    assert rerun.returncode == 0, rerun.stderr
    assert sorted(Workspace.open(ws).interview_ids()) == sorted(Workspace.open(ref_ws).interview_ids())
    # The re-run heals the index by itself; reindex gives the same results again.
    expected = search_results(ref_ws)
    extract = synth(ws, "extract", "--all")
    assert extract.returncode == 0, extract.stderr
    assert search_results(ws) == expected
    assert synth(ws, "reindex").returncode == 0
    assert search_results(ws) == expected


@pytest.mark.parametrize("seed", [4])
def test_kill_during_extract_then_rerun(tmp_path: Path, reference: tuple[Path, Path], seed: int) -> None:
    ref_ws, folder = reference
    ws = tmp_path / "ws"
    Workspace.create(ws)
    assert synth(ws, "ingest", str(folder)).returncode == 0
    proc = spawn(ws, "extract", "--all")
    time.sleep(random.Random(seed).uniform(1.0, 4.0))
    proc.kill()
    proc.wait()
    assert_whole(ws)
    rerun = synth(ws, "extract")
    assert rerun.returncode == 0, rerun.stderr
    ref = Workspace.open(ref_ws)
    got = Workspace.open(ws)
    assert {s.interview_id: [i.id for i in s.insights] for s in got.insight_sets()} == {
        s.interview_id: [i.id for i in s.insights] for s in ref.insight_sets()
    }
    assert synth(ws, "reindex").returncode == 0
    assert search_results(ws) == search_results(ref_ws)


def test_two_writers_one_waits_nothing_lost(tmp_path: Path) -> None:
    """Two processes add hypotheses to one workspace at once: every one lands, ids are unique."""
    ws = tmp_path / "ws"
    Workspace.create(ws)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", (
                "from synth.workspace import Workspace\n"
                f"ws = Workspace.open({str(ws)!r})\n"
                f"for i in range(15): ws.add_hypothesis('writer {w} hypothesis ' + str(i))\n"
            )],
            env={**os.environ, "SYNTH_LOCK_TIMEOUT": "60"},
        )
        for w in (1, 2)
    ]
    for p in procs:
        assert p.wait(timeout=120) == 0
    hyps = Workspace.open(ws).hypotheses()
    assert len(hyps) == 30
    assert len({h.id for h in hyps}) == 30


def test_busy_workspace_fails_with_a_clear_message(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    Workspace.create(ws)
    holder = subprocess.Popen(
        [sys.executable, "-c", (
            "import time\nfrom synth.workspace import Workspace\n"
            f"ws = Workspace.open({str(ws)!r})\n"
            "with ws.locked():\n    print('held', flush=True)\n    time.sleep(30)\n"
        )],
        stdout=subprocess.PIPE,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == b"held"
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "synth", "-w", str(ws), "hypothesis", "add", "blocked"],
            capture_output=True, text=True, env={**os.environ, "SYNTH_LOCK_TIMEOUT": "0.5"},
        )
    finally:
        holder.kill()
        holder.wait()
    assert proc.returncode == 3
    assert "workspace is busy" in proc.stderr and proc.stderr.count("\n") == 1
    assert Workspace.open(ws).hypotheses() == []
