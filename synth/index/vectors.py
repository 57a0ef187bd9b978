"""Reading stored insight vectors back out of the index, so themes need not embed everything again.

The index keeps every insight's vector (float32) in `.synth/index.sqlite`
beside the text it was embedded from. A vector is reused only when that text
is exactly what the insight reads now and the index was built with the
workspace's embedding model; anything else counts as missing and the caller
embeds it. SQLite in WAL mode gives a consistent read without the index lock
(which only guards Chroma's files).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from synth.models import Insight
    from synth.workspace import Workspace


def insight_body(ins: Insight) -> str:
    """The text the index embeds for an insight (synth.index.documents.insight_doc)."""
    from synth.index.documents import insight_doc

    return insight_doc(ins, None).body


def stored_insight_vectors(ws: Workspace, insights: list[Insight], model: str) -> tuple[np.ndarray, np.ndarray]:
    """(vectors, found): row i is insight i's stored vector where `found[i]`, zeros elsewhere.

    `model` is the embedding model the caller would embed with; an index built
    with another one gives no vectors at all.
    """
    import numpy as np

    found = np.zeros(len(insights), dtype=bool)
    path = ws.derived_dir / "index.sqlite"
    if not insights or not path.is_file():
        return np.zeros((len(insights), 0), dtype=np.float32), found
    want = {f"{i.interview_id}#{i.id}": n for n, i in enumerate(insights)}
    rows: list[tuple[int, bytes]] = []
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30.0)
    except sqlite3.Error:
        return np.zeros((len(insights), 0), dtype=np.float32), found
    try:
        built = conn.execute("SELECT value FROM meta WHERE key = 'embedding_model'").fetchone()
        if not built or built[0] != model:
            return np.zeros((len(insights), 0), dtype=np.float32), found
        cur = conn.execute(
            "SELECT d.id, d.body, v.vec FROM docs d JOIN vecs v ON v.rid = d.rid WHERE d.kind = 'insight'"
        )
        for doc_id, body, blob in cur:
            n = want.get(doc_id)
            if n is not None and body == insight_body(insights[n]):
                rows.append((n, blob))
    except sqlite3.Error:
        return np.zeros((len(insights), 0), dtype=np.float32), found
    finally:
        conn.close()
    if not rows:
        return np.zeros((len(insights), 0), dtype=np.float32), found
    dim = len(rows[0][1]) // 4
    out = np.zeros((len(insights), dim), dtype=np.float32)
    for n, blob in rows:
        if len(blob) == dim * 4:
            out[n] = np.frombuffer(blob, dtype=np.float32)
            found[n] = True
    return out, found
