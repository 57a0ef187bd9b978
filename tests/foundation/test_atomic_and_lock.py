from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from synth import atomic
from synth.errors import WorkspaceBusyError
from synth.lock import write_lock


def test_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "f.json"
    atomic.write_json(target, {"a": 1})
    atomic.write_json(target, {"a": 2, "b": "é"})
    assert target.read_text(encoding="utf-8") == '{\n  "a": 2,\n  "b": "é"\n}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


def test_interrupted_write_leaves_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "strategy.md"
    atomic.write_text(target, "old")

    def boom(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError, match="disk full"):
        atomic.write_text(target, "new text that never lands")
    monkeypatch.undo()
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["strategy.md"]


def test_killed_writer_leaves_old_or_new(tmp_path: Path) -> None:
    """kill -9 in the middle of many writes: the file is always one whole version."""
    target = tmp_path / "data.txt"
    atomic.write_text(target, "A" * 100_000)
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from synth import atomic
        print("ready", flush=True)
        i = 0
        while True:
            atomic.write_text(Path({str(target)!r}), str(i % 10) * 100_000)
            i += 1
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.readline()
    import time

    time.sleep(0.3)
    proc.kill()
    proc.wait()
    text = target.read_text()
    assert len(text) == 100_000 and len(set(text)) == 1
    leftovers = [p for p in tmp_path.iterdir() if p.name != "data.txt"]
    assert atomic.sweep_temp_files(tmp_path) == len(leftovers)
    assert [p.name for p in tmp_path.iterdir()] == ["data.txt"]


def test_lock_is_reentrant_and_exclusive_across_processes(tmp_path: Path) -> None:
    lock = tmp_path / ".synth" / "write.lock"
    with write_lock(lock), write_lock(lock):
        code = textwrap.dedent(f"""
            import sys
            from pathlib import Path
            from synth.lock import write_lock
            from synth.errors import WorkspaceBusyError
            try:
                with write_lock(Path({str(lock)!r}), timeout=0.3):
                    print("got it")
            except WorkspaceBusyError as e:
                print("busy:", e)
        """)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        assert out.startswith("busy:") and f"pid {os.getpid()}" in out
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "got it"


def test_lock_released_when_holder_is_killed(tmp_path: Path) -> None:
    lock = tmp_path / "write.lock"
    code = f"""
import time
from pathlib import Path
from synth.lock import write_lock
with write_lock(Path({str(lock)!r})):
    print("held", flush=True)
    time.sleep(60)
"""
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == b"held"
    with pytest.raises(WorkspaceBusyError), write_lock(lock, timeout=0.2):
        pass
    proc.kill()
    proc.wait()
    with write_lock(lock, timeout=2):
        pass


def test_lock_excludes_threads_of_one_process(tmp_path: Path) -> None:
    """TUI workers are threads: two of them must never be inside the lock at once."""
    import threading

    lock = tmp_path / ".synth" / "write.lock"
    inside = 0
    most = 0
    guard = threading.Lock()
    start = threading.Barrier(4)

    def worker() -> None:
        nonlocal inside, most
        start.wait()
        for _ in range(25):
            with write_lock(lock, timeout=30), write_lock(lock, timeout=30):  # re-entrant per thread
                with guard:
                    inside += 1
                    most = max(most, inside)
                os.sched_yield()
                with guard:
                    inside -= 1

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most == 1


def test_a_second_thread_waits_then_reports_busy(tmp_path: Path) -> None:
    import threading

    lock = tmp_path / ".synth" / "write.lock"
    errors: list[BaseException] = []

    def other() -> None:
        try:
            with write_lock(lock, timeout=0.2):
                pass
        except WorkspaceBusyError as e:
            errors.append(e)

    with write_lock(lock):
        t = threading.Thread(target=other, name="worker-1")
        t.start()
        t.join()
    assert len(errors) == 1 and "workspace is busy" in str(errors[0])
    with write_lock(lock, timeout=0.2):  # released: the next one gets in
        pass
