"""What goes into the index: one `IndexDoc` per chunk, insight or hypothesis.

`body` is what is embedded and keyword-indexed; `text` is what a hit shows
(verbatim transcript words for chunks and insight quotes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from synth.index.chunking import Chunk, chunk_interview
from synth.models import Hypothesis, Insight, Interview

KINDS = ("chunk", "insight", "hypothesis")


@dataclass
class IndexDoc:
    id: str
    kind: str
    text: str
    body: str
    interview_id: str = ""
    speaker: str = ""
    role: str = ""
    participant: str = ""
    company: str = ""
    segment: str = ""
    date: str = ""
    """ISO `YYYY-MM-DD` (sorts as text), empty when unknown."""
    turn_start: int | None = None
    turn_end: int | None = None
    start: int | None = None
    end: int | None = None
    t_start: float | None = None
    t_end: float | None = None
    insight_id: str = ""
    insight_kind: str = ""
    review: str = ""
    summary: str = ""

    def row(self) -> dict[str, Any]:
        # Every field is a str, int, float or None: a shallow copy is what asdict's deep recursion gives,
        # at a tenth of its cost (asdict was ~4% of indexing a transcript).
        return dict(vars(self))

    def chroma_metadata(self) -> dict[str, str | int | float | bool]:
        # Chroma rejects None values; dates also go in as yyyymmdd ints so `$gte` works.
        meta: dict[str, str | int | float | bool] = {
            k: v for k, v in vars(self).items() if v is not None and k not in ("text", "body")
        }
        meta["date_int"] = int(self.date.replace("-", "")) if self.date else 0
        return meta


def chunk_docs(interview: Interview, max_tokens: int) -> list[IndexDoc]:
    m = interview.meta
    participant = m.participant or next(iter(interview.participants()), "")
    return [_chunk_doc(c, interview, participant) for c in chunk_interview(interview, max_tokens)]


def _chunk_doc(c: Chunk, interview: Interview, participant: str) -> IndexDoc:
    m = interview.meta
    return IndexDoc(
        id=c.id,
        kind="chunk",
        text=c.text,
        body=c.body or c.text,
        interview_id=c.interview_id,
        speaker=c.speaker,
        role=c.role,
        participant=participant,
        company=m.company,
        segment=m.segment,
        date=m.date.isoformat() if m.date else "",
        turn_start=c.turn_start,
        turn_end=c.turn_end,
        start=c.start,
        end=c.end,
        t_start=c.t_start,
        t_end=c.t_end,
    )


def insight_body(ins: Insight) -> str:
    """What the index embeds and keyword-indexes for an insight."""
    return ins.summary + "\n" + "\n".join(q.text for q in ins.quotes)


def insight_doc(ins: Insight, interview: Interview | None) -> IndexDoc:
    quotes = [q.text for q in ins.quotes]
    first = ins.quotes[0]
    turn = interview.turn_at(first.start) if interview else None
    m = interview.meta if interview else None
    return IndexDoc(
        id=f"{ins.interview_id}#{ins.id}",
        kind="insight",
        text=" … ".join(quotes),
        body=insight_body(ins),
        interview_id=ins.interview_id,
        # The role of the quoted turn itself: an unplaced quote is never credited to the participant.
        speaker=turn.speaker if turn else ins.participant,
        role=turn.role.value if turn else "unknown",
        participant=ins.participant,
        company=m.company if m else "",
        segment=m.segment if m else "",
        date=m.date.isoformat() if m and m.date else "",
        turn_start=first.turn_index,
        turn_end=ins.quotes[-1].turn_index,
        start=first.start,
        end=first.end,
        t_start=turn.t_start if turn else None,
        t_end=turn.t_end if turn else None,
        insight_id=ins.id,
        insight_kind=ins.kind.value,
        review=ins.review.value,
        summary=ins.summary,
    )


def hypothesis_doc(h: Hypothesis) -> IndexDoc:
    body = h.statement + (f"\nWrong if: {h.falsified_if}" if h.falsified_if else "")
    return IndexDoc(id=f"hyp#{h.id}", kind="hypothesis", text=h.statement, body=body, summary=h.statement)
