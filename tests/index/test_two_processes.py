"""Two writers and a searcher in separate processes on one embedded index stay consistent."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from synth import index
from synth.workspace import Workspace

WORKER = Path(__file__).parent / "_worker.py"


def test_concurrent_writers_and_searcher_on_one_workspace(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ws")
    stop = tmp_path / "stop"
    env = {**os.environ, "SYNTH_LOCK_TIMEOUT": "120"}
    run = [sys.executable, str(WORKER)]
    searcher = subprocess.Popen([*run, "search", str(ws.root), str(stop)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    writers = [
        subprocess.Popen([*run, "write", str(ws.root), tag, "6"], env=env, stderr=subprocess.PIPE, text=True)
        for tag in ("w1", "w2")
    ]
    for w in writers:
        _, err = w.communicate(timeout=300)
        assert w.returncode == 0, err
    stop.touch()
    out, err = searcher.communicate(timeout=300)
    assert searcher.returncode == 0, err
    assert int(out.strip()) >= 5

    # Every surviving interview is findable by its unique codeword, removed ones are gone.
    for tag in ("w1", "w2"):
        for i in range(6):
            hits = index.search(ws, f"{tag}x{i}", kind="chunks", k=3)
            removed = i in (1, 4)
            found = any(f"{tag}x{i} " in h.text for h in hits)
            assert found != removed, (tag, i)

    # Both stores agree on what is indexed, and Chroma reads back cleanly in a fresh process.
    code = (
        "import sys, chromadb; from chromadb.config import Settings; "
        "import synth.index.chroma_store; "
        "c = chromadb.PersistentClient(path=sys.argv[1], settings=Settings(anonymized_telemetry=False)); "
        "col = c.get_collection('synth_chunks'); "
        "print(col.count(), len(col.get(include=['embeddings'])['embeddings']))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(ws.derived_dir / "chroma")], capture_output=True, text=True, check=True)
    from synth.index.writer import keyword_store

    store = keyword_store(ws)
    with store.connect() as conn:
        n_sql = store.counts(conn)["chunk"]
    assert out.stdout.split() == [str(n_sql), str(n_sql)]
    assert n_sql == 2 * 4 * 2  # two writers x four surviving interviews x two chunks


def test_opening_a_new_index_waits_out_another_process_that_holds_it(tmp_path: Path) -> None:
    # Switching a new database to WAL needs every other connection gone. When another process holds it at that
    # moment, SQLite may answer "database is locked" without waiting; the setup waits its turn instead.
    import sqlite3
    import threading

    from synth.index.keyword import _set_up

    path = tmp_path / "keyword.sqlite"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE t (x)")
    other.execute("BEGIN")
    other.execute("SELECT * FROM t").fetchall()  # a read transaction: a shared lock that blocks the switch
    released = threading.Event()

    def finish() -> None:
        other.execute("COMMIT")
        released.set()

    release = threading.Timer(0.5, finish)
    release.start()
    mine = sqlite3.connect(path, timeout=0.05, isolation_level=None)  # SQLite's own wait alone gives up at once
    try:
        _set_up(mine)
        assert released.is_set()  # it waited for the other reader rather than failing
        assert mine.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert mine.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() is not None
    finally:
        release.join()
        mine.close()
        other.close()
