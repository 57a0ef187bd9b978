"""Say who spoke, after import: name and role a speaker, a range of turns, or merge two speakers.

A transcript without speaker labels (Whisper, a recording) imports as turns by
`Unknown` whose words count as nobody's evidence. These functions are how a founder
fixes that, from the CLI (`synth interview speakers ID`) or the TUI:

    list_speakers(interview) -> list[SpeakerInfo]
    assign(ws, interview_id, speaker, name, role=None) -> SpeakerChange        every turn of `speaker`
    assign_range(ws, interview_id, first, last, name, role=None) -> SpeakerChange   turns first..last (Turn.index)
    merge(ws, interview_id, source, target) -> SpeakerChange                    `source`'s turns become `target`'s
    parse_label("Jane:participant") -> ("Jane", Role.participant)

Turns are never joined or split, so every turn keeps its index; the labels in
`Interview.text` change length, so every offset after a change moves, and stored
insights are moved with them (still verbatim). Quotes that now fall in an interviewer's
turn are dropped: interviewer speech is never customer evidence. The interview is
re-indexed; re-extraction (`synth extract ID --force`, or `extract=True`) then redoes
its insights with the new roles, keeping the founder's decisions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from synth.errors import UserError
from synth.models import EvidenceLink, Insight, InsightSet, Interview, Quote, Role, Turn
from synth.parsing.roles import question_rule
from synth.parsing.turns import UNKNOWN, TurnSpec, assemble, main_participant
from synth.workspace import Workspace


@dataclass(frozen=True, slots=True)
class SpeakerInfo:
    name: str
    role: Role
    turns: int
    words: int
    questions: int
    """Turns that ask something (by their question marks, or their wording when the transcriber left none):
    who asks the questions is who interviews."""
    first_turn: int
    """`Turn.index` of the speaker's first turn."""
    confidence: float | None
    """How sure the role is: the interviewer guess's confidence; 1.0 once a founder said; None for unknown."""


@dataclass(slots=True)
class SpeakerChange:
    interview: Interview
    turns_changed: int
    quotes_moved: int = 0
    insights_dropped: int = 0
    """Insights whose every quote is now in an interviewer's turn."""
    extracted: bool = False
    notes: list[str] = field(default_factory=list)


def list_speakers(interview: Interview) -> list[SpeakerInfo]:
    """Every speaker with role, turns, words and how sure the role is, in order of first turn."""
    stats: dict[str, list[int]] = {}
    roles: dict[str, Role] = {}
    asks = question_rule([t.text for t in interview.turns])
    for t in interview.turns:
        s = stats.setdefault(t.speaker, [0, 0, 0, t.index])
        s[0] += 1
        s[1] += len(t.text.split())
        s[2] += asks(t.text)
        roles.setdefault(t.speaker, t.role)
    labelled = "speakers_labelled" in interview.meta.extra or interview.meta.role_confidence is None
    guess = interview.meta.role_confidence
    out: list[SpeakerInfo] = []
    for name, (turns, words, questions, first) in stats.items():
        role = roles[name]
        if role is Role.unknown:
            confidence = None
        elif labelled:
            confidence = 1.0
        else:
            # The guess picked one interviewer; everyone else is a participant by the same guess.
            confidence = guess
        out.append(SpeakerInfo(name, role, turns, words, questions, first, confidence))
    return out


def parse_label(value: str) -> tuple[str, Role | None]:
    """`Jane`, `Jane:participant`, `Jonas Rosland:interviewer` -> (name, role or None)."""
    name, sep, role_text = value.rpartition(":")
    if not sep:
        name, role_text = value, ""
    name = " ".join(name.split())
    role: Role | None = None
    if role_text.strip():
        try:
            role = Role(role_text.strip().lower())
        except ValueError:
            valid = ", ".join(r.value for r in Role)
            raise UserError(f"unknown role {role_text.strip()!r} (one of: {valid})") from None
    if not name or ":" in name or "\n" in name:
        raise UserError(f"not a speaker name: {value!r}")
    return name, role


def _find_speaker(interview: Interview, speaker: str) -> str:
    names = list(dict.fromkeys(t.speaker for t in interview.turns))
    if speaker in names:
        return speaker
    folded = [n for n in names if n.casefold() == speaker.casefold()]
    if len(folded) == 1:
        return folded[0]
    if speaker.strip() in ("?", "Speaker ?") and UNKNOWN in names:
        return UNKNOWN
    raise UserError(f"no speaker {speaker!r} in {interview.id} (speakers: {', '.join(names[:8])})")


def _role_for(interview: Interview, name: str, role: Role | None, previous: Role) -> Role:
    """An explicit role wins; else the role the name already has here; else participant (a name is a person)."""
    if role is not None:
        return role
    for t in interview.turns:
        if t.speaker == name and t.role is not Role.unknown:
            return t.role
    return previous if previous is not Role.unknown or name == UNKNOWN else Role.participant


def relabel(interview: Interview, changes: dict[int, tuple[str, Role]]) -> Interview:
    """The interview with turns (by `Turn.index`) given new speakers and roles, text and offsets rebuilt."""
    specs = []
    for t in interview.turns:
        name, role = changes.get(t.index, (t.speaker, t.role))
        specs.append(TurnSpec(name, t.text, t.t_start, t.t_end, role))
    interviewers = list(dict.fromkeys(s.speaker for s in specs if s.role is Role.interviewer))
    old_main = interview.meta.participant
    still_there = any(s.speaker == old_main and s.role is Role.participant for s in specs)
    extra = {**interview.meta.extra, "speakers_labelled": dt.date.today().isoformat()}
    meta = interview.meta.model_copy(
        update={
            "interviewer": ", ".join(interviewers),
            "participant": old_main if old_main and still_there else main_participant(specs),
            "role_confidence": None,
            "extra": extra,
        }
    )
    rebuilt = assemble(interview.id, meta, specs)
    return Interview.model_validate(rebuilt.model_dump())


def _moved_quote(q: Quote, old: list[Turn], new: list[Turn], text: str) -> Quote | None:
    if not 0 <= q.turn_index < len(new):
        return None
    shift = new[q.turn_index].start - old[q.turn_index].start
    moved = q.model_copy(update={"start": q.start + shift, "end": q.end + shift})
    return moved if text[moved.start : moved.end] == q.text else None


def move_insights(old: Interview, new: Interview, insight_set: InsightSet) -> tuple[InsightSet, int, int]:
    """The insight set with quotes moved to the relabelled text; (set, quotes moved, insights dropped).

    Quotes now in an interviewer's turn are dropped; an insight keeps its id unless the id was
    derived from its first quote's offsets, then it is re-derived (and its links follow) so that
    re-extraction recognises it and carries the founder's decisions over.
    """
    kept: list[Insight] = []
    renamed: dict[str, str] = {}
    moved_count = dropped = 0
    for ins in insight_set.insights:
        quotes: list[Quote] = []
        for q in ins.quotes:
            moved = _moved_quote(q, old.turns, new.turns, new.text)
            if moved is None or new.turns[q.turn_index].role is Role.interviewer:
                continue
            quotes.append(moved)
            moved_count += moved.start != q.start
        if not quotes:
            dropped += 1
            continue
        first_old = ins.quotes[0]
        new_id = ins.id
        if ins.id == Insight.make_id(ins.interview_id, ins.kind.value, first_old.start, first_old.end):
            new_id = Insight.make_id(ins.interview_id, ins.kind.value, quotes[0].start, quotes[0].end)
        turn = new.turns[quotes[0].turn_index]
        kept.append(
            ins.model_copy(
                update={
                    "id": new_id,
                    "quotes": quotes,
                    "participant": turn.speaker if turn.role is Role.participant else ins.participant,
                    "unattributed": any(new.turns[q.turn_index].role is Role.unknown for q in quotes),
                }
            )
        )
        renamed[ins.id] = new_id
    links: list[EvidenceLink] = [
        link.model_copy(update={"insight_id": renamed[link.insight_id]})
        for link in insight_set.links
        if link.insight_id in renamed
    ]
    updated = insight_set.model_copy(update={"insights": kept, "links": links})
    return InsightSet.model_validate(updated.model_dump()), moved_count, dropped


def _apply(ws: Workspace, interview_id: str, plan: dict[int, tuple[str, Role]], extract: bool) -> SpeakerChange:
    """Write the relabelled interview (and its moved insights) atomically under the lock, then re-index."""
    with ws.locked():
        interview = ws.interview(ws.resolve_interview_id(interview_id))
        changes = {i: v for i, v in plan.items() if (interview.turns[i].speaker, interview.turns[i].role) != v}
        if not changes:
            return SpeakerChange(interview, 0)
        new = relabel(interview, changes)
        change = SpeakerChange(new, len(changes))
        insight_set = ws.insight_set(new.id)
        moved_set = None
        if insight_set is not None:
            moved_set, change.quotes_moved, change.insights_dropped = move_insights(interview, new, insight_set)
        # interview.json first: insights that point into the new text are written only once it exists.
        ws.save_interview(new)
        if moved_set is not None:
            ws.save_insight_set(moved_set)
    from synth import index

    index.index_interviews(ws, [new])
    if moved_set is not None:
        index.index_insights(ws, [moved_set])
    if extract:
        from synth.extract import extract_interviews

        report = extract_interviews(ws, [new.id], force=True)
        change.extracted = not report.failed
        change.notes.extend(o.message for o in report.outcomes if o.message)
    elif insight_set is not None:
        change.notes.append(f"insights were found before the speakers were known: `synth extract {new.id} --force`")
    return change


def _turns_in(interview: Interview, first: int, last: int) -> list[Turn]:
    if first > last:
        first, last = last, first
    if first < 0 or last >= len(interview.turns):
        raise UserError(f"{interview.id} has turns 1-{len(interview.turns)}; no turn {max(first, last) + 1}")
    return interview.turns[first : last + 1]


def assign(
    ws: Workspace, interview_id: str, speaker: str, name: str, role: Role | None = None, *, extract: bool = False
) -> SpeakerChange:
    """Give every turn of `speaker` the name `name` (and `role`; default: kept, or participant if unknown)."""
    interview = ws.interview(ws.resolve_interview_id(interview_id))
    source = _find_speaker(interview, speaker)
    previous = next(t.role for t in interview.turns if t.speaker == source)
    new_role = _role_for(interview, name, role, previous)
    plan = {t.index: (name, new_role) for t in interview.turns if t.speaker == source}
    return _apply(ws, interview.id, plan, extract)


def assign_range(
    ws: Workspace, interview_id: str, first: int, last: int, name: str, role: Role | None = None,
    *, extract: bool = False,
) -> SpeakerChange:
    """Give turns `first`..`last` (inclusive, `Turn.index`) the speaker `name` and `role`."""
    interview = ws.interview(ws.resolve_interview_id(interview_id))
    turns = _turns_in(interview, first, last)
    new_role = _role_for(interview, name, role, turns[0].role)
    return _apply(ws, interview.id, {t.index: (name, new_role) for t in turns}, extract)


def merge(ws: Workspace, interview_id: str, source: str, target: str, *, extract: bool = False) -> SpeakerChange:
    """`source`'s turns become `target`'s (name and role): one person the transcriber split in two."""
    interview = ws.interview(ws.resolve_interview_id(interview_id))
    src, dst = _find_speaker(interview, source), _find_speaker(interview, target)
    if src == dst:
        raise UserError(f"{source!r} and {target!r} are the same speaker")
    role = next(t.role for t in interview.turns if t.speaker == dst)
    return _apply(ws, interview.id, {t.index: (dst, role) for t in interview.turns if t.speaker == src}, extract)
