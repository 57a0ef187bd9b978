"""The founder's review decisions as values: applied to the rows at once, written behind, undone in order.

A `Change` is one field of one insight (its review, its kind, or the founder's
stance on one of its links) going from `old` to `new`. The Insights screen applies
a change to its in-memory rows the moment a key is pressed, queues the write for a
thread worker, and keeps the change on an undo stack; undoing writes `old` back.
A failed write is rolled back the same way. Nothing here touches Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from synth.models import EvidenceLink, Insight, InsightKind, Review, Stance
from synth.workspace import Workspace

Field = Literal["review", "kind", "summary", "stance"]


@dataclass(frozen=True)
class Change:
    insight_id: str
    field: Field
    old: str | None
    new: str | None
    hypothesis_id: str = ""
    """For a stance change: the hypothesis the link points at."""

    def inverse(self) -> Change:
        return Change(self.insight_id, self.field, self.new, self.old, self.hypothesis_id)

    def describe(self) -> str:
        if self.field == "stance":
            return f"{self.insight_id} {self.new or 'engine'} {self.hypothesis_id}"
        return f"{self.insight_id} {self.new}"


@dataclass
class Decision:
    """What one key did (one change, or several for a bulk accept): undone together."""

    changes: list[Change] = field(default_factory=list)
    label: str = ""


def apply_to_insight(ins: Insight, change: Change, value: str | None) -> Insight:
    """`ins` with the change's field set to `value` (review and kind; stances live on links)."""
    if change.field == "review" and value is not None:
        return ins.model_copy(update={"review": Review(value)})
    if change.field == "kind" and value is not None:
        return ins.model_copy(update={"kind": InsightKind(value), "edited": True})
    if change.field == "summary" and value is not None:
        return ins.model_copy(update={"summary": value, "edited": True})
    return ins


def apply_to_links(links: list[EvidenceLink], change: Change, value: str | None) -> list[EvidenceLink]:
    """`links` with the founder's stance on `change.hypothesis_id` set to `value` (None: the engine's)."""
    if change.field != "stance":
        return links
    stance = Stance(value) if value is not None else None
    out, found = [], False
    for link in links:
        if link.hypothesis_id == change.hypothesis_id:
            link = link.model_copy(update={"founder_stance": stance})
            found = True
        out.append(link)
    if not found and stance is not None:
        out.append(
            EvidenceLink(
                insight_id=change.insight_id, hypothesis_id=change.hypothesis_id, stance=Stance.neutral,
                strength=0.0, rationale="linked by the founder", engine="founder", founder_stance=stance,
            )
        )
    return out


def flipped(stance: Stance) -> Stance:
    return {Stance.supports: Stance.contradicts, Stance.contradicts: Stance.supports}.get(stance, Stance.supports)


def write(ws: Workspace, change: Change) -> None:
    """Write one change through the library (runs in a thread worker; may reindex the insight)."""
    from synth.extract.review import edit_insight, set_link_stance, set_review

    if change.field == "review" and change.new is not None:
        set_review(ws, change.insight_id, Review(change.new))
    elif change.field == "kind" and change.new is not None:
        edit_insight(ws, change.insight_id, kind=change.new)
    elif change.field == "summary" and change.new is not None:
        edit_insight(ws, change.insight_id, summary=change.new)
    elif change.field == "stance":
        set_link_stance(ws, change.insight_id, change.hypothesis_id, Stance(change.new) if change.new else None)
