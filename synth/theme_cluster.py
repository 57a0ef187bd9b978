"""Average-linkage clustering at a similarity threshold, without an n-by-n matrix.

Why it scales. For L2-normalised vectors, the average cosine similarity between
the members of two clusters is the dot product of their mean vectors, so a
cluster is just a sum vector and a size: merging is exact and costs one vector
addition. Two clusters whose average similarity reaches the threshold must hold
at least one pair of members that reaches it (an average is never above its
maximum), so a cluster only ever needs to compare itself with clusters holding a
threshold-or-better neighbour of one of its members. Those neighbours come from
one pass of chunked matrix products, keeping each row's `NEIGHBOURS` best.

Merges follow the nearest-neighbour chain, which is valid for average linkage
(a reducible linkage): it yields the same clusters as the classic greedy loop
(merge the most similar pair, repeat) without rescanning a matrix per merge.
Time is one O(n²·d) BLAS pass plus near-linear bookkeeping; memory is O(n·(d+k)).
The result is exact unless a member has more than NEIGHBOURS neighbours above
the threshold (then only its best NEIGHBOURS are candidate links), or a merged
cluster gathers more than 4 x NEIGHBOURS candidates (then it keeps its most
similar ones, which bounds each step's cost when near-duplicates pile up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

NEIGHBOURS = 64
"""Candidate links kept per member: far more than a theme's members usually have above the threshold."""
TIE = 1e-9
"""Similarities this close are equal (the same dot product summed in another order)."""
CHUNK_CELLS = 1 << 23
"""Similarity cells computed per chunk (8M float32 = 32 MB), whatever the number of rows."""


def neighbour_graph(vecs: np.ndarray, threshold: float, k: int = NEIGHBOURS) -> list[set[int]]:
    """For each row, the rows (up to `k`, the most similar) whose cosine similarity reaches `threshold`."""
    import numpy as np

    n = len(vecs)
    if n < 2:
        return [set() for _ in range(n)]
    v = np.ascontiguousarray(vecs, dtype=np.float32)
    step = max(16, min(2048, CHUNK_CELLS // n))
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for lo in range(0, n, step):
        hi = min(n, lo + step)
        sim = v[lo:hi] @ v.T
        sim[np.arange(hi - lo), np.arange(lo, hi)] = -np.inf  # not your own neighbour
        mask = sim >= threshold
        counts = mask.sum(axis=1)
        crowded = np.nonzero(counts > k)[0]
        if len(crowded):
            # Rows with more than k links keep their k most similar.
            keep = np.argpartition(-sim[crowded], k - 1, axis=1)[:, :k]
            mask[crowded] = False
            mask[crowded[:, None], keep] = True
        r, c = np.nonzero(mask)
        rows.append(r.astype(np.int64) + lo)
        cols.append(c.astype(np.int64))
        del sim, mask
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    # Symmetric: a link kept from either side is a candidate for both.
    a = np.concatenate([r, c])
    b = np.concatenate([c, r])
    order = np.lexsort((b, a))
    a, b = a[order], b[order]
    starts = np.searchsorted(a, np.arange(n + 1))
    return [set(b[starts[i] : starts[i + 1]].tolist()) for i in range(n)]


def cluster(vecs: np.ndarray, threshold: float, k: int = NEIGHBOURS) -> list[list[int]]:
    """Average-linkage clusters of L2-normalised rows, cut where the average similarity drops below `threshold`.

    Every row is in exactly one cluster (singletons included); members ascend,
    clusters come largest first (ties: lowest first member). Deterministic.
    """
    import numpy as np

    n = len(vecs)
    if n == 0:
        return []
    adj = neighbour_graph(vecs, threshold, k)
    sums = np.asarray(vecs, dtype=np.float64).copy()
    sizes = np.ones(n, dtype=np.float64)
    members: list[list[int]] = [[i] for i in range(n)]
    alive = np.ones(n, dtype=bool)
    """Not merged into another cluster."""
    open_ = np.array([bool(a) for a in adj])
    """Alive and still able to merge (has a candidate at or above the threshold)."""

    def nearest(a: int, prev: int) -> tuple[int, float]:
        cand = [x for x in adj[a] if open_[x]]
        if len(cand) != len(adj[a]):
            adj[a] = set(cand)  # forget clusters that can no longer merge
        if not cand:
            return -1, -np.inf
        idx = np.array(cand, dtype=np.int64)
        sims = (sums[idx] @ sums[a]) / (sizes[idx] * sizes[a])
        top = float(sims.max())
        # The chain's previous element wins a tie (the chain algorithm needs it); else the lowest id.
        # "Tie" allows for rounding: sim(a, b) computed from a's side and from b's side can differ in
        # the last bits, and an exact comparison then lets the chain run in a circle for ever.
        if prev >= 0:
            at = np.nonzero(idx == prev)[0]
            if len(at) and top - float(sims[at[0]]) <= TIE:
                return prev, float(sims[at[0]])
        ties = idx[sims >= top - TIE]
        return int(ties.min()), top

    def merge(a: int, b: int) -> None:
        keep, gone = (a, b) if (len(adj[a]), -a) >= (len(adj[b]), -b) else (b, a)
        sums[keep] += sums[gone]
        sizes[keep] += sizes[gone]
        members[keep] += members[gone]
        members[gone] = []
        alive[gone] = open_[gone] = False
        for x in adj[gone]:
            if x != keep:
                adj[x].discard(gone)
                adj[x].add(keep)
        adj[keep] |= adj[gone]
        adj[keep] -= {keep, gone}
        adj[gone] = set()
        if len(adj[keep]) > cap:
            prune(keep)
        if not adj[keep]:
            open_[keep] = False

    def prune(c: int) -> None:
        # A cluster of thousands of near-duplicates inherits every member's candidates; scanning them all
        # at each step made clustering quadratic in Python. Keep its `cap` most similar candidates, and drop
        # it from the others' sets too: the candidate graph stays symmetric, which the chain relies on.
        idx = np.fromiter(adj[c], dtype=np.int64, count=len(adj[c]))
        sims = (sums[idx] @ sums[c]) / (sizes[idx] * sizes[c])
        best = idx[np.argpartition(-sims, cap - 1)[:cap]]
        kept = set(best.tolist())
        for x in adj[c] - kept:
            adj[x].discard(c)
        adj[c] = kept

    cap = 4 * k
    chain: list[int] = []
    on_chain: set[int] = set()
    start = 0
    while True:
        if not chain:
            # Any cluster still open starts a new chain; those before `start` are all closed for good.
            while start < n and not open_[start]:
                start += 1
            if start == n:
                break
            chain = [start]
            on_chain = {start}
        while chain:
            a = chain[-1]
            prev = chain[-2] if len(chain) > 1 else -1
            b, sim = nearest(a, prev)
            if b < 0 or sim < threshold:
                # Nothing reaches the threshold now, and merges elsewhere only average
                # similarities down from members below it: this cluster is final.
                open_[a] = False
                on_chain.discard(chain.pop())
                continue
            if b == prev or (b in on_chain and prev >= 0):
                # Back to where it came from: a and prev are each other's nearest, merge them. (A member
                # further back can only come round again through rounding; merging with prev ends it.)
                chain.pop()
                on_chain.discard(a)
                on_chain.discard(chain.pop())
                merge(a, prev)
                continue
            chain.append(b)
            on_chain.add(b)
    out = [sorted(members[i]) for i in range(n) if alive[i]]
    return sorted(out, key=lambda m: (-len(m), m[0]))
