"""Stored insight vectors as a matrix, so themes need not embed everything again.

A thin adapter over `synth.index.stored_insight_vectors` (one SQLite read, no
model load, only vectors whose indexed text is what the insight reads now):
themes and surprises want rows in the order of their insights plus a mask of
what is missing, which they embed themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from synth.index.documents import insight_body

if TYPE_CHECKING:
    import numpy as np

    from synth.models import Insight
    from synth.workspace import Workspace

__all__ = ["insight_body", "stored_vector_matrix"]


def stored_vector_matrix(ws: Workspace, insights: list[Insight]) -> tuple[np.ndarray, np.ndarray]:
    """(vectors, found): row i is insight i's stored vector where `found[i]`, zeros elsewhere."""
    import numpy as np

    from synth.index import stored_insight_vectors

    got = stored_insight_vectors(ws, insights)
    found = np.array([i.id in got for i in insights], dtype=bool)
    if not got:
        return np.zeros((len(insights), 0), dtype=np.float32), np.zeros(len(insights), dtype=bool)
    dim = len(next(iter(got.values())))
    out = np.zeros((len(insights), dim), dtype=np.float32)
    for n, ins in enumerate(insights):
        vec = got.get(ins.id)
        if vec is not None and len(vec) == dim:
            out[n] = vec
        else:
            found[n] = False
    return out, found
