"""Build an `Interview` from (speaker, text) turns, laid out as Synth stores transcripts.

Used by tests and by `synth eval` for gold cases written as plain turns. Also
the speaker rules both extraction engines apply to what they find.
"""

from __future__ import annotations

from collections.abc import Iterable

from synth.models import Insight, Interview, InterviewMeta, Role, Turn


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


# --- who said it: the rules both engines apply to every insight -------------------


def speaker_attribution(turn: Turn) -> str:
    """`interviewer` (never an insight), `unattributed` (nobody labelled the speaker) or `participant`."""
    if turn.role is Role.interviewer:
        return "interviewer"
    return "unattributed" if turn.role is Role.unknown else "participant"


def attribute_insight(interview: Interview, insight: Insight) -> Insight | None:
    """The insight as it may be stored, or None when its speaker rules it out.

    Quotes from interviewer turns are never customer evidence; a question from
    an unlabelled speaker is most likely the interviewer's, so it is not stored;
    anything else said by an unlabelled speaker is kept but marked unattributed
    (shown, not counted until a founder says who spoke).
    """
    from synth.parsing.questions import is_question

    turns = {t.index: t for t in interview.turns}
    kept = []
    unknown = False
    for q in insight.quotes:
        turn = turns.get(q.turn_index)
        if turn is None:
            continue
        who = speaker_attribution(turn)
        if who == "interviewer" or (who == "unattributed" and is_question(q.text)):
            continue
        unknown = unknown or who == "unattributed"
        kept.append(q)
    if not kept:
        return None
    if kept == insight.quotes and unknown == insight.unattributed:
        return insight
    return insight.model_copy(update={"quotes": kept, "unattributed": unknown})
