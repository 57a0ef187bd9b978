"""Reciprocal rank fusion: merge ranked lists without comparing their scores.

bm25 and cosine similarity live on different scales; RRF only uses ranks
(Cormack et al. 2009), so a doc that is first for the exact words and one
that is first for the meaning both surface, and one near the top of both wins.
"""

from __future__ import annotations

RRF_K = 60


def rrf(
    ranked: dict[str, list[str]], k: int = RRF_K, weights: dict[str, float] | None = None
) -> list[tuple[str, float, dict[str, int]]]:
    """Fuse named ranked lists of ids into (id, score, {list name: 1-based rank}), best first.

    `weights` scales an id's fused score (default 1.0): search uses it to rank interviewer
    lines below participant speech that is as relevant.
    """
    scores: dict[str, float] = {}
    ranks: dict[str, dict[str, int]] = {}
    for name, ids in ranked.items():
        for pos, doc_id in enumerate(ids, start=1):
            scores[doc_id] = scores.get(doc_id, 0.0) + 1.0 / (k + pos)
            ranks.setdefault(doc_id, {})[name] = pos
    if weights:
        for doc_id, w in weights.items():
            if doc_id in scores:
                scores[doc_id] *= w
    order = sorted(scores, key=lambda d: (-scores[d], d))
    return [(d, scores[d], ranks[d]) for d in order]
