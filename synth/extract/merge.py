"""De-duplication across chunks and carrying the founder's decisions across re-extraction."""

from __future__ import annotations

from synth.models import EvidenceLink, Insight, InsightSet, Quote, Review


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def spans_match(a: Quote, b: Quote) -> bool:
    """Two quotes are the same evidence when they overlap by at least half of the shorter one."""
    if a.interview_id != b.interview_id:
        return False
    shorter = min(a.end - a.start, b.end - b.start)
    return shorter > 0 and overlap(a.start, a.end, b.start, b.end) * 2 >= shorter


def _same(a: Insight, b: Insight) -> bool:
    if a.id == b.id:
        return True
    return a.kind == b.kind and any(spans_match(qa, qb) for qa in a.quotes for qb in b.quotes)


def _union_quotes(quotes: list[Quote]) -> list[Quote]:
    out: list[Quote] = []
    for q in sorted(quotes, key=lambda q: (q.start, q.end)):
        if not any(o.start == q.start and o.end == q.end for o in out):
            out.append(q)
    return out


def dedupe_insights(insights: list[Insight]) -> list[Insight]:
    """Merge insights that repeat (same id, or same kind on overlapping quotes), e.g. from chunk overlaps.

    The most confident copy wins; quotes are unioned; order is by first quote position.
    """
    kept: list[Insight] = []
    for ins in sorted(insights, key=lambda i: -i.confidence):
        twin = next((k for k in kept if _same(k, ins)), None)
        if twin is None:
            kept.append(ins)
            continue
        merged = _union_quotes([*twin.quotes, *ins.quotes])
        if len(merged) != len(twin.quotes):
            kept[kept.index(twin)] = twin.model_copy(update={"quotes": merged})
    return sorted(kept, key=lambda i: (i.quotes[0].start, i.id))


def carry_decisions(new: InsightSet, old: InsightSet | None) -> InsightSet:
    """Keep review decisions and hand edits, by insight id, when an interview is extracted again.

    Insights the founder accepted, rejected or edited survive even when the new run did
    not find them again: they are the founder's work, not the model's (a rejected one
    stays, hidden, so that hypothesis-driven retrieval never brings its sentence back).
    """
    if old is None:
        return new
    previous = {i.id: i for i in old.insights}
    out: list[Insight] = []
    for ins in new.insights:
        before = previous.pop(ins.id, None)
        if before is not None:
            update: dict[str, object] = {"review": before.review, "tags": before.tags}
            if before.edited:
                update.update(summary=before.summary, kind=before.kind, edited=True)
            ins = ins.model_copy(update=update)
        out.append(ins)
    out.extend(i for i in previous.values() if i.edited or i.review is not Review.new)
    return new.model_copy(update={"insights": sorted(out, key=lambda i: (i.quotes[0].start, i.id))})


def carry_link_decisions(new: InsightSet, old: InsightSet | None) -> list[EvidenceLink]:
    """`new.links` with the founder's stance decisions from `old` kept (see synth.linking.decisions)."""
    if old is None:
        return list(new.links)
    from synth.linking.decisions import merge_link_decisions

    return merge_link_decisions(old.links, new.links, {i.id for i in new.insights})
