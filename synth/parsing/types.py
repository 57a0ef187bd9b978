"""What every format parser returns: timed, attributed cues before they become turns."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Cue:
    """One attributed piece of speech as the source file had it (a caption, a line, a segment)."""

    speaker: str | None
    text: str
    t_start: float | None = None
    t_end: float | None = None


@dataclass
class ParsedTranscript:
    cues: list[Cue]
    format: str
    """`text`, `markdown`, `webvtt`, `srt`, `docx`, `json`, `zoom-txt`."""
    encoding: str = "utf-8"
    metadata: dict[str, str] = field(default_factory=dict)
    """Front matter or export metadata: participant, company, segment, date, interviewer, title."""

    def speakers(self) -> list[str]:
        seen: dict[str, None] = {}
        for cue in self.cues:
            if cue.speaker:
                seen.setdefault(cue.speaker)
        return list(seen)
