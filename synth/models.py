"""The domain model: one set of pydantic models for every engine, file and UI.

Offsets are Python string indices (Unicode code points) into `Interview.text`,
end exclusive, which is also what REFI-QDA counts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from datetime import date, datetime
from enum import StrEnum
from itertools import pairwise
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator


def utcnow() -> datetime:
    return datetime.now(dt.UTC).replace(microsecond=0)


def short_hash(*parts: str, n: int = 10) -> str:
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return h[:n]


class Model(BaseModel):
    # Unknown keys in a workspace file are an error, not silently dropped data.
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


# --- Hypotheses -------------------------------------------------------------


class HypothesisKind(StrEnum):
    customer = "customer"
    problem = "problem"
    solution = "solution"
    value = "value"
    growth = "growth"


class HypothesisStatus(StrEnum):
    open = "open"
    supported = "supported"
    refuted = "refuted"
    inconclusive = "inconclusive"


class Hypothesis(Model):
    id: Annotated[str, Field(pattern=r"^H[0-9]+$")]
    statement: Annotated[str, Field(min_length=1)]
    kind: HypothesisKind = HypothesisKind.problem
    falsified_if: str = ""
    """What we would have to hear to know we are wrong."""
    status: HypothesisStatus = HypothesisStatus.open
    created: date
    updated: date


# --- Interviews -------------------------------------------------------------


class Role(StrEnum):
    interviewer = "interviewer"
    participant = "participant"
    unknown = "unknown"
    """Nobody has said who spoke (a transcript without speaker labels): never counted as evidence."""


class Turn(Model):
    index: int
    speaker: str
    role: Role = Role.participant
    text: str
    start: int
    """Offset of `text` in `Interview.text` (the speaker label is not included)."""
    end: int
    t_start: float | None = None
    """Seconds from the start of the recording, when the source had timestamps."""
    t_end: float | None = None


class InterviewMeta(Model):
    title: str = ""
    participant: str = ""
    company: str = ""
    segment: str = ""
    date: dt.date | None = None
    interviewer: str = ""
    source_file: str = ""
    """Name of the original file, kept beside `interview.json`."""
    source_format: str = ""
    content_hash: str = ""
    """sha256 of the original bytes: re-ingesting the same file is a no-op."""
    imported_at: datetime = Field(default_factory=utcnow)
    pseudonymised: bool = False
    extra: dict[str, str] = Field(default_factory=dict)
    role_confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    """How clearly the guessed interviewer asks the questions (0..1); None when a founder said who is who."""


class Interview(Model):
    id: str
    meta: InterviewMeta
    text: str
    """The normalised transcript: `Speaker: text` turns separated by blank lines."""
    turns: list[Turn]

    @model_validator(mode="after")
    def _offsets_point_at_turns(self) -> Interview:
        for turn in self.turns:
            if self.text[turn.start : turn.end] != turn.text:
                raise ValueError(f"turn {turn.index} offsets do not match its text")
        return self

    def participants(self) -> list[str]:
        seen: dict[str, None] = {}
        for t in self.turns:
            if t.role is Role.participant:
                seen.setdefault(t.speaker)
        return list(seen)

    def turn_at(self, offset: int) -> Turn | None:
        for t in self.turns:
            if t.start <= offset < t.end or (t.start == t.end == offset):
                return t
        return None


# --- Insights and evidence --------------------------------------------------


class InsightKind(StrEnum):
    pain = "pain"
    behaviour = "behaviour"
    workaround = "workaround"
    need = "need"
    objection = "objection"
    willingness_to_pay = "willingness_to_pay"
    feature_request = "feature_request"
    quote_worthy = "quote_worthy"


class Quote(Model):
    text: str
    """Verbatim: always equal to `Interview.text[start:end]`."""
    interview_id: str
    turn_index: int
    start: int
    end: int


class Review(StrEnum):
    """The founder's decision on an insight; re-extraction keeps it."""

    new = "new"
    accepted = "accepted"
    rejected = "rejected"


PASSAGE_GAP = 3
"""Characters (whitespace) between two quotes that still read as one passage."""


class Insight(Model):
    id: str
    interview_id: str
    kind: InsightKind
    summary: str
    quotes: list[Quote] = Field(min_length=1)
    participant: str
    confidence: float = Field(ge=0.0, le=1.0)
    engine: str = "offline"
    review: Review = Review.new
    edited: bool = False
    """True once the founder changed the summary or kind by hand."""
    tags: list[str] = Field(default_factory=list)
    unattributed: bool = False
    """Quoted from a speaker nobody has labelled yet: shown, never counted as evidence until labelled."""
    flagged: list[str] = Field(default_factory=list)
    """Why a sentence looked suspicious (e.g. reads like an instruction to a model): marked, never silently dropped."""

    @staticmethod
    def make_id(interview_id: str, kind: str, quote_start: int, quote_end: int) -> str:
        return "I" + short_hash(interview_id, kind, str(quote_start), str(quote_end), n=8)

    @property
    def in_order(self) -> list[Quote]:
        """The quotes in the order they were said (an engine may list its lead sentence first)."""
        return sorted(self.quotes, key=lambda q: (q.interview_id, q.start))

    @property
    def passage(self) -> str:
        """Every quote as the founder should read it, in the order it was said, whitespace collapsed: sentences that
        stand next to each other in the transcript run on, a gap between two quotes shows as an ellipsis.

        The engine reads all of an insight's quotes to link it ("The client sends a photo ... If something did
        that, I'd pay for it."), so showing only the first would hide what a stance rests on."""
        quotes = self.in_order
        parts = [" ".join(quotes[0].text.split())]
        for prev, q in pairwise(quotes):
            adjacent = q.interview_id == prev.interview_id and 0 <= q.start - prev.end <= PASSAGE_GAP
            parts.append(("" if adjacent else "\u2026 ") + " ".join(q.text.split()))
        return " ".join(parts)


class Stance(StrEnum):
    supports = "supports"
    contradicts = "contradicts"
    neutral = "neutral"


class EvidenceLink(Model):
    insight_id: str
    hypothesis_id: str
    stance: Stance
    """What the engine concluded."""
    strength: float = Field(ge=0.0, le=1.0)
    """The engine's confidence in this link (0..1)."""
    rationale: str = ""
    engine: str = "offline"
    founder_stance: Stance | None = None
    """The founder's decision (confirm = same as `stance`, flip, or neutral = does not bear on it).
    When set it overrides the engine everywhere, and relinking and re-extraction keep it."""

    @property
    def effective_stance(self) -> Stance:
        return self.founder_stance if self.founder_stance is not None else self.stance

    @property
    def reviewed(self) -> bool:
        return self.founder_stance is not None


class InsightSet(Model):
    """Everything extracted from one interview: `insights/<interview-id>.json`."""

    interview_id: str
    engine: str
    extracted_at: datetime = Field(default_factory=utcnow)
    prompt_version: str = ""
    insights: list[Insight] = Field(default_factory=list)
    links: list[EvidenceLink] = Field(default_factory=list)
    dropped_quotes: int = 0
    """Quotes the model produced that could not be grounded, so were not stored."""
    hypotheses_hash: str = ""
    """Hash of the hypotheses `links` were computed against; links are recomputed when it differs."""


# --- Guides -----------------------------------------------------------------


class LintFlag(Model):
    rule: str
    why: str
    suggestion: str


class GuideQuestion(Model):
    text: str
    probes: list[str] = Field(default_factory=list)
    flags: list[LintFlag] = Field(default_factory=list)


class GuideSection(Model):
    hypothesis_id: str
    hypothesis: str
    questions: list[GuideQuestion]
    counts_against: str
    """What answer would count against the hypothesis."""
    minutes: int = 0
    """Time budget for the section in the interview (0: not planned)."""


class Guide(Model):
    id: str
    title: str
    created: date
    minutes: int = 30
    segment: str = ""
    engine: str = "offline"
    opening: list[str] = Field(default_factory=list)
    sections: list[GuideSection] = Field(default_factory=list)
    closing: list[str] = Field(default_factory=list)


# --- Strategy ---------------------------------------------------------------


class Citation(Model):
    insight_id: str
    quote: str
    participant: str
    interview_id: str


class Claim(Model):
    section: str
    text: str
    citations: list[Citation] = Field(min_length=1)


class StrategyDraft(Model):
    id: str
    created: datetime = Field(default_factory=utcnow)
    since: date | None = None
    engine: str = "offline"
    base_sha256: str
    """Hash of `strategy.md` when the draft was made, to detect hand edits."""
    base_sections: dict[str, str]
    """The sections as they were, so a merge can tell which ones changed since."""
    sections: dict[str, str]
    """The proposed text of every section the draft changes."""
    claims: list[Claim] = Field(default_factory=list)
    applied: bool = False
    status_changes: dict[str, str] = Field(default_factory=dict)
    """Hypothesis id -> the status the evidence suggests, where it differs from the one set."""
    dropped_claims: list[str] = Field(default_factory=list)
    """Claims not written because a citation was unknown or rejected, and why."""
    applied_sections: list[str] = Field(default_factory=list)
    """The sections actually applied (a subset when some hunks were rejected)."""
