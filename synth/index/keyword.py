"""The keyword side of the index, and the index's catalogue: SQLite in `.synth/index.sqlite`.

`docs` holds every indexed item with its metadata columns and its vector
(float32 bytes), `docs_fts` is an FTS5 index over `docs.body` ranked with
bm25, and `meta` records the embedding model and a write generation that
readers in other processes use to notice the index changed under them.
Metadata filters resolve here, with ordinary B-tree indexes, so the vector
side never has to run a filtered query.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from synth.index.documents import IndexDoc

SCHEMA_VERSION = "1"

_COLUMNS = [
    "id", "kind", "text", "body", "interview_id", "speaker", "role", "participant", "company",
    "segment", "date", "turn_start", "turn_end", "start", "end", "t_start", "t_end",
    "insight_id", "insight_kind", "review", "summary",
]  # fmt: skip

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    rid INTEGER PRIMARY KEY,
    id TEXT UNIQUE NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, body TEXT NOT NULL,
    interview_id TEXT NOT NULL DEFAULT '', speaker TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT '', participant TEXT NOT NULL DEFAULT '',
    company TEXT NOT NULL DEFAULT '', segment TEXT NOT NULL DEFAULT '' COLLATE NOCASE, date TEXT NOT NULL DEFAULT '',
    turn_start INTEGER, turn_end INTEGER, start INTEGER, "end" INTEGER, t_start REAL, t_end REAL,
    insight_id TEXT NOT NULL DEFAULT '', insight_kind TEXT NOT NULL DEFAULT '',
    review TEXT NOT NULL DEFAULT '', summary TEXT NOT NULL DEFAULT ''
);
-- Vectors apart from the text: filtered candidate sets read only these small rows.
CREATE TABLE IF NOT EXISTS vecs (rid INTEGER PRIMARY KEY, vec BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS docs_interview ON docs(kind, interview_id);
CREATE INDEX IF NOT EXISTS docs_segment ON docs(kind, segment, date);
CREATE INDEX IF NOT EXISTS docs_date ON docs(kind, date);
CREATE INDEX IF NOT EXISTS docs_role ON docs(kind, role, date);
CREATE VIRTUAL TABLE IF NOT EXISTS docs_fts USING fts5(
    body, content='docs', content_rowid='rid', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS docs_terms USING fts5vocab('docs_fts', 'row');
CREATE TRIGGER IF NOT EXISTS docs_ai AFTER INSERT ON docs BEGIN
    INSERT INTO docs_fts(rowid, body) VALUES (new.rid, new.body);
END;
CREATE TRIGGER IF NOT EXISTS docs_ad AFTER DELETE ON docs BEGIN
    INSERT INTO docs_fts(docs_fts, rowid, body) VALUES ('delete', old.rid, old.body);
    DELETE FROM vecs WHERE rid = old.rid;
END;
INSERT OR IGNORE INTO meta VALUES ('schema', '{SCHEMA_VERSION}');
INSERT OR IGNORE INTO meta VALUES ('generation', '0');
INSERT OR IGNORE INTO meta VALUES ('instance', lower(hex(randomblob(8))));
"""

# Words too common to say anything in a keyword query (the semantic side still sees them).
_STOPWORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "but", "by", "do", "does", "did", "for", "from", "had", "has", "have", "i", "if", "in", "is", "it", "its", "me", "my", "of", "on", "or", "our", "so", "that", "the", "their", "them", "then", "there", "they", "this", "to", "was", "we", "were", "what", "when", "which", "who", "why", "will", "with", "you", "your", "how", "can", "could", "would", "should", "about", "into", "just", "not", "no", "yes"]
)
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...] = ("chunk", "insight")
    role: str | None = None
    interview: str | None = None
    segment: str | None = None
    since: date | None = None

    def narrows(self) -> bool:
        """True when anything beyond the kind restricts the candidates."""
        return any(v is not None for v in (self.role, self.interview, self.segment, self.since))

    def sql(self, kind: str, alias: str = "", *, unindexed: bool = False) -> tuple[str, list[Any]]:
        """A WHERE condition; `unindexed` stops SQLite from scanning a metadata index for it
        (right when the rows are already picked by id: `+col` is SQLite's way to say so)."""
        p = ("+" if unindexed else "") + (f"{alias}." if alias else "")
        clauses = [f"{p}kind = ?"]
        args: list[Any] = [kind]
        if kind == "insight":
            clauses.append(f"{p}review != 'rejected'")
        if self.role:
            clauses.append(f"{p}role = ?")
            args.append(self.role)
        if self.interview:
            clauses.append(f"{p}interview_id = ?")
            args.append(self.interview)
        if self.segment:
            clauses.append(f"{p}segment = ?")  # the column collates NOCASE, so its index serves this
            args.append(self.segment)
        if self.since:
            clauses.append(f"{p}date >= ?")
            args.append(self.since.isoformat())
        return " AND ".join(clauses), args


def query_words(text: str) -> list[str]:
    """The query's distinct words, stopwords dropped unless nothing else is left."""
    words = [w.lower() for w in _WORD.findall(text)]
    kept = [w for w in words if w not in _STOPWORDS] or words
    return list(dict.fromkeys(kept))


def fts_query(words: list[str]) -> str:
    """A safe FTS5 query: every word quoted (no operator syntax from users), OR-ed."""
    return " OR ".join('"' + w.replace('"', '""') + '"' for w in words)


COMMON_DOCS = 5_000
"""A word in more docs than this (and in over 5% of them) is left out of the keyword query:
its bm25 weight is near zero, but scoring its posting list costs tens of milliseconds at 100k."""


FEW_CANDIDATES = 300
"""Up to this many filtered docs, keyword scores are looked up per doc rather than per match."""

# Databases whose schema this process already ensured (the check costs more than a query).
_ready: set[str] = set()


BUSY_TIMEOUT = 30.0
"""Seconds a connection waits for another process's lock."""


def _set_up(conn: sqlite3.Connection) -> None:
    """WAL mode and the schema, once per process. Two processes that open a new index at the same moment
    can each hold a read lock while wanting the write lock to switch it to WAL: SQLite then answers "database
    is locked" at once rather than wait for a deadlock, so the setup is retried until the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT
    delay = 0.01
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")  # persistent: readers never block the writer
            conn.executescript(_SCHEMA)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + delay > deadline:
                raise
            if conn.in_transaction:
                conn.rollback()
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


class KeywordStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fresh = str(self.path) not in _ready or not self.path.exists()
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        try:
            conn.execute("PRAGMA synchronous=NORMAL")
            if fresh:
                _set_up(conn)
                _ready.add(str(self.path))
            yield conn
        finally:
            conn.close()

    # --- writes (callers hold the workspace lock) ----------------------------

    def upsert(self, conn: sqlite3.Connection, docs: list[IndexDoc], vectors: Any) -> None:
        cols = ", ".join(f'"{c}"' for c in _COLUMNS)
        marks = ", ".join("?" for _ in _COLUMNS)
        conn.executemany("DELETE FROM docs WHERE id = ?", [(d.id,) for d in docs])
        conn.executemany(f"INSERT INTO docs ({cols}) VALUES ({marks})", [[r[c] for c in _COLUMNS] for r in (d.row() for d in docs)])
        conn.executemany(
            "INSERT INTO vecs (rid, vec) SELECT rid, ? FROM docs WHERE id = ?",
            [(vec.astype("float32").tobytes(), d.id) for d, vec in zip(docs, vectors, strict=True)],
        )

    def ids_where(self, conn: sqlite3.Connection, where: str, args: Iterable[Any]) -> list[tuple[str, str]]:
        """(id, kind) of the docs matching a raw SQL condition."""
        return list(conn.execute(f"SELECT id, kind FROM docs WHERE {where}", list(args)))

    def delete_where(self, conn: sqlite3.Connection, where: str, args: Iterable[Any]) -> None:
        conn.execute(f"DELETE FROM docs WHERE {where}", list(args))

    def clear(self, conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM docs")
        conn.execute("DELETE FROM vecs")
        conn.execute("INSERT INTO docs_fts(docs_fts) VALUES ('rebuild')")

    def set_meta(self, conn: sqlite3.Connection, key: str, value: str) -> None:
        conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def recount(self, conn: sqlite3.Connection) -> None:
        """Store the per-kind counts in `meta`: counting 100k rows on every search costs milliseconds."""
        conn.execute("DELETE FROM meta WHERE key LIKE 'count:%'")
        conn.execute("INSERT INTO meta SELECT 'count:' || kind, COUNT(*) FROM docs GROUP BY kind")

    def bump_generation(self, conn: sqlite3.Connection) -> str:
        conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
        return self.generation(conn)

    # --- reads ----------------------------------------------------------------

    def get_meta(self, conn: sqlite3.Connection, key: str) -> str | None:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def generation(self, conn: sqlite3.Connection) -> str:
        """Changes with every write, and when `.synth/` is deleted and rebuilt (a new instance)."""
        return f"{self.get_meta(conn, 'instance')}:{self.get_meta(conn, 'generation')}"

    def counts(self, conn: sqlite3.Connection) -> dict[str, int]:
        rows = conn.execute("SELECT substr(key, 7), value FROM meta WHERE key LIKE 'count:%'").fetchall()
        return {kind: int(n) for kind, n in rows if int(n)}

    def count(self, conn: sqlite3.Connection, filters: Filters, kind: str) -> int:
        where, args = filters.sql(kind)
        return int(conn.execute(f"SELECT COUNT(*) FROM docs WHERE {where}", args).fetchone()[0])

    def keyword(
        self, conn: sqlite3.Connection, query: str, filters: Filters, kind: str, limit: int, candidates: int | None = None
    ) -> list[str]:
        """Ids of the best bm25 matches among the filtered docs, best first.

        For a few candidates (one interview), each is scored by rowid; otherwise the
        match list is joined with the filter, which costs the length of the posting lists.
        """
        words = self.prune(conn, query_words(query))
        if not words:
            return []
        q = fts_query(words)
        where, args = filters.sql(kind, "d")
        if candidates is not None and candidates <= FEW_CANDIDATES:
            sql = (
                "WITH c AS MATERIALIZED (SELECT d.id AS id, (SELECT rank FROM docs_fts "
                f"WHERE docs_fts MATCH ? AND rowid = d.rid) AS r FROM docs d WHERE {where}) "
                "SELECT id FROM c WHERE r IS NOT NULL ORDER BY r LIMIT ?"
            )
        else:
            sql = (
                "SELECT d.id FROM docs_fts JOIN docs d ON d.rid = docs_fts.rowid "
                f"WHERE docs_fts MATCH ? AND {where} ORDER BY docs_fts.rank LIMIT ?"
            )
        return [r[0] for r in conn.execute(sql, [q, *args, limit])]

    def prune(self, conn: sqlite3.Connection, words: list[str]) -> list[str]:
        """Drop very common words (see COMMON_DOCS), keeping at least the rarest one."""
        if not words:
            return words
        marks = ",".join("?" for _ in words)
        freq = dict(conn.execute(f"SELECT term, doc FROM docs_terms WHERE term IN ({marks})", words).fetchall())
        total = sum(self.counts(conn).values())
        limit = max(COMMON_DOCS, total // 20)
        kept = [w for w in words if freq.get(w, 0) <= limit]
        return kept or [min(words, key=lambda w: freq.get(w, 0))]

    def vectors(self, conn: sqlite3.Connection, filters: Filters, kind: str) -> tuple[list[int], Any]:
        """Row ids and stacked vectors of every doc that passes the filters.

        The filter runs on a covering index and only the slim `vecs` rows are read;
        ids are looked up afterwards for the few rows that win (`ids_of`).
        """
        import numpy as np

        where, args = filters.sql(kind)
        rows = conn.execute(
            f"SELECT rid, vec FROM vecs WHERE rid IN (SELECT rid FROM docs WHERE {where})", args
        ).fetchall()
        if not rows:
            return [], np.zeros((0, 0), dtype=np.float32)
        mat = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), -1)
        return [r[0] for r in rows], mat

    def ids_of(self, conn: sqlite3.Connection, rids: list[int]) -> list[str]:
        """Doc ids for row ids, in the same order."""
        marks = ",".join("?" for _ in rids)
        found = dict(conn.execute(f"SELECT rid, id FROM docs WHERE rid IN ({marks})", rids).fetchall())
        return [found[r] for r in rids if r in found]

    def keep(self, conn: sqlite3.Connection, ids: list[str], filters: Filters, kind: str) -> set[str]:
        """The subset of `ids` that passes the filters."""
        if not ids:
            return set()
        where, args = filters.sql(kind, unindexed=True)
        out: set[str] = set()
        for lo in range(0, len(ids), 500):
            part = ids[lo : lo + 500]
            marks = ",".join("?" for _ in part)
            out.update(r[0] for r in conn.execute(f"SELECT id FROM docs WHERE id IN ({marks}) AND {where}", [*part, *args]))
        return out

    def roles(self, conn: sqlite3.Connection, ids: list[str]) -> dict[str, str]:
        """The speaker role of each doc (empty for hypotheses)."""
        out: dict[str, str] = {}
        for lo in range(0, len(ids), 500):
            part = ids[lo : lo + 500]
            marks = ",".join("?" for _ in part)
            out.update(conn.execute(f"SELECT id, role FROM docs WHERE id IN ({marks})", part).fetchall())
        return out

    def rows(self, conn: sqlite3.Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
        if not ids:
            return {}
        cols = ", ".join(f'"{c}"' for c in _COLUMNS)
        out: dict[str, dict[str, Any]] = {}
        for lo in range(0, len(ids), 500):
            part = ids[lo : lo + 500]
            marks = ",".join("?" for _ in part)
            for r in conn.execute(f"SELECT {cols} FROM docs WHERE id IN ({marks})", part):
                out[r[0]] = dict(zip(_COLUMNS, r, strict=True))
        return out
