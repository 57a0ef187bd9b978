"""The workspace write lock: one writer process at a time.

An advisory `flock` on `.synth/write.lock`. The kernel drops it when the
holder dies, so a `kill -9` never leaves a stale lock. The file records who
holds it, so the waiting process can say so in its error.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from synth.errors import WorkspaceBusyError

_held: dict[str, int] = {}  # lock path -> depth, so nested `with` in one process is fine


@contextmanager
def write_lock(lock_path: Path, *, timeout: float = 30.0) -> Iterator[None]:
    key = str(lock_path)
    if _held.get(key):
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
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
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}: {' '.join(sys.argv[:3])}".encode())
        _held[key] = 1
        try:
            yield
        finally:
            _held[key] = 0
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _read_holder(lock_path: Path) -> str:
    try:
        return lock_path.read_text(errors="replace").strip() or "unknown"
    except OSError:
        return "unknown"
