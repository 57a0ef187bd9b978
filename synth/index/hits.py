"""A search result, as the CLI (`--json`), the TUI and other engines see it."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel


class SearchHit(BaseModel):
    id: str
    kind: Literal["chunk", "insight", "hypothesis"]
    text: str
    """Verbatim: the transcript words (`Interview.text[start:end]` for chunks), an insight's quotes."""
    score: float
    """Reciprocal-rank-fusion score: only the order means something."""
    interview_id: str | None = None
    speaker: str = ""
    role: str = ""
    participant: str = ""
    company: str = ""
    segment: str = ""
    date: dt.date | None = None
    t_start: float | None = None
    """Seconds from the start of the recording, when the transcript had timestamps."""
    t_end: float | None = None
    start: int | None = None
    end: int | None = None
    turn_start: int | None = None
    turn_end: int | None = None
    insight_id: str | None = None
    insight_kind: str | None = None
    summary: str = ""
    review: str | None = None
    semantic_rank: int | None = None
    keyword_rank: int | None = None
