"""Build an `Interview` from (speaker, text) turns, laid out as Synth stores transcripts.

Used by tests and by `synth eval` for gold cases written as plain turns.
"""

from __future__ import annotations

from collections.abc import Iterable

from synth.models import Interview, InterviewMeta, Role, Turn


def interview_from_turns(
    interview_id: str,
    turns: Iterable[tuple[str, str]],
    *,
    interviewers: Iterable[str] = ("Interviewer",),
    participant: str = "",
) -> Interview:
    """`Speaker: text` turns separated by blank lines; speakers in `interviewers` get that role."""
    asking = {s.lower() for s in interviewers}
    parts: list[str] = []
    out: list[Turn] = []
    pos = 0
    for i, (speaker, text) in enumerate(turns):
        if parts:
            parts.append("\n\n")
            pos += 2
        label = f"{speaker}: "
        parts.append(label + text)
        start = pos + len(label)
        role = Role.interviewer if speaker.lower() in asking else Role.participant
        out.append(Turn(index=i, speaker=speaker, role=role, text=text, start=start, end=start + len(text)))
        pos = start + len(text)
    if not participant:
        participant = next((t.speaker for t in out if t.role is Role.participant), "")
    meta = InterviewMeta(title=interview_id, participant=participant)
    return Interview(id=interview_id, meta=meta, text="".join(parts), turns=out)
