"""The founder's link decisions survive recomputation: relinking and re-extraction never undo them."""

from __future__ import annotations

from synth.models import EvidenceLink


def merge_link_decisions(
    old_links: list[EvidenceLink], new_links: list[EvidenceLink], insight_ids: set[str] | None = None
) -> list[EvidenceLink]:
    """`new_links` with every founder decision in `old_links` carried over by (insight_id, hypothesis_id).

    A decision on a pair the engine no longer links is kept as the founder's own
    link. With `insight_ids`, decisions on insights that no longer exist are dropped.
    Pure: no workspace, no lock; callers save the result under `ws.locked()`.
    """
    decided = {
        (lk.insight_id, lk.hypothesis_id): lk
        for lk in old_links
        if lk.founder_stance is not None and (insight_ids is None or lk.insight_id in insight_ids)
    }
    out: list[EvidenceLink] = []
    for lk in new_links:
        old = decided.pop((lk.insight_id, lk.hypothesis_id), None)
        out.append(lk if old is None else lk.model_copy(update={"founder_stance": old.founder_stance}))
    out.extend(decided.values())
    return out
