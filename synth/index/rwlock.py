"""A readers-writer lock on the index files (`.synth/index.lock`), across processes.

Chroma's embedded store takes one writer process and no reader while it
writes. Writers (already holding the workspace lock) take it exclusively for
each batch they write; searches take it shared for the duration of a query.
So a TUI can search while a CLI `reindex` runs: it waits at most one batch.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from synth.errors import WorkspaceBusyError

# flock is per open file: serialise this process's own threads with a plain lock first.
_local = threading.RLock()
_depth = 0  # nesting depth of the holder thread: an inner call reuses the outer lock


@contextmanager
def index_lock(path: Path, *, exclusive: bool, timeout: float | None = None) -> Iterator[None]:
    if timeout is None:
        timeout = float(os.environ.get("SYNTH_LOCK_TIMEOUT", "30"))
    global _depth
    with _local:
        if _depth:
            _depth += 1
            try:
                yield
            finally:
                _depth -= 1
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fd, mode | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise WorkspaceBusyError(
                            "the search index is busy (another synth process is writing it); try again",
                            path=path.parent.parent,
                        ) from None
                    time.sleep(0.02)
            _depth = 1
            try:
                yield
            finally:
                _depth = 0
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
