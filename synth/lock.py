"""The workspace write lock: one writer at a time, across processes *and* threads.

An advisory `flock` on `.synth/write.lock`. The kernel drops it when the
holder dies, so a `kill -9` never leaves a stale lock. The file records who
holds it, so the waiting process can say so in its error.

`flock` locks belong to an open file description, so each thread opens its own
descriptor: two threads of one process (the TUI's workers) exclude each other
exactly as two processes do. Re-entry is counted per thread, so a function that
takes the lock can call another that takes it too.
"""

from __future__ import annotations

import fcntl
import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from synth.errors import WorkspaceBusyError

_local = threading.local()


def _depths() -> dict[str, int]:
    depths: dict[str, int] | None = getattr(_local, "depths", None)
    if depths is None:
        depths = _local.depths = {}
    return depths


def held(lock_path: Path) -> bool:
    """True when the calling thread holds the lock."""
    return _depths().get(str(lock_path), 0) > 0


@contextmanager
def write_lock(lock_path: Path, *, timeout: float = 30.0) -> Iterator[None]:
    key = str(lock_path)
    depths = _depths()
    if depths.get(key):
        depths[key] += 1
        try:
            yield
        finally:
            depths[key] -= 1
        return
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _read_holder(lock_path)
                    raise WorkspaceBusyError(
                        f"workspace is busy: another synth process ({holder}) is writing; "
                        "try again when it finishes",
                        path=lock_path.parent.parent,
                    ) from None
                time.sleep(0.02)
        os.ftruncate(fd, 0)
        who = f"pid {os.getpid()}: {' '.join(sys.argv[:3])}"
        if threading.current_thread() is not threading.main_thread():
            who += f" ({threading.current_thread().name})"
        os.write(fd, who.encode())
        depths[key] = 1
        try:
            yield
        finally:
            depths[key] = 0
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _read_holder(lock_path: Path) -> str:
    try:
        return lock_path.read_text(errors="replace").strip() or "unknown"
    except OSError:
        return "unknown"
