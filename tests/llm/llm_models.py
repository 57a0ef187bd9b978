"""Response models the LLM layer's tests ask for."""

from __future__ import annotations

from pydantic import BaseModel, Field, ValidationInfo, field_validator


class Topic(BaseModel):
    topic: str
    mentions_money: bool


class Quoted(BaseModel):
    """A quote that must appear verbatim in the transcript passed as validation context."""

    quote: str = Field(min_length=1)
    speaker: str = ""

    @field_validator("quote")
    @classmethod
    def _verbatim(cls, value: str, info: ValidationInfo) -> str:
        transcript = (info.context or {}).get("transcript")
        if transcript is not None and value not in transcript:
            raise ValueError(f"{value!r} is not in the transcript; copy the exact words")
        return value
