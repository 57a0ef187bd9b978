"""The weekly readout: one page on what the week's interviews changed, `readouts/<YYYY-Www>.md`.

A week is an ISO week; an interview belongs to the week it was held (its
metadata date). An interview nobody dated is never counted as held in the week
it was imported: the page lists it apart, as undated, and counts none of its
evidence. Everything on the page comes from files in the workspace, so the same
workspace gives the same page.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from synth import atomic
from synth.errors import UserError
from synth.linking.verdict import is_split, settle
from synth.models import HypothesisStatus, Review, Stance
from synth.strategy.facts import interview_date
from synth.themes import interview_participant
from synth.workspace import Workspace

_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")


class ReadoutInterview(BaseModel):
    id: str
    date: date | None
    """When it was held; None for an undated interview."""
    participant: str = ""
    company: str = ""
    insights: int = 0


class Movement(BaseModel):
    hypothesis_id: str
    statement: str
    status: str
    suggested: str
    supporting: int = 0
    contradicting: int = 0


class ReadoutSurprise(BaseModel):
    hypothesis_id: str
    insight_id: str
    participant: str
    interview_id: str
    quote: str


class Readout(BaseModel):
    week: str
    start: date
    end: date
    interviews: list[ReadoutInterview] = Field(default_factory=list)
    """Interviews held this week (by their date)."""
    undated: list[ReadoutInterview] = Field(default_factory=list)
    """Interviews without a date, imported this week: listed, never counted as held."""
    insights_by_kind: dict[str, int] = Field(default_factory=dict)
    moved: list[Movement] = Field(default_factory=list)
    surprises: list[ReadoutSurprise] = Field(default_factory=list)
    focus: str = ""
    """What to spend time on."""
    value: str = ""
    """How the work drives value (the north-star metric)."""
    direction: str = ""
    """What we learned that could change direction."""


def week_bounds(week: str) -> tuple[date, date]:
    m = _WEEK.match(week.strip())
    if not m:
        raise UserError(f"week must look like 2026-W09, not {week!r}")
    try:
        start = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    except ValueError as exc:
        raise UserError(f"no such week {week!r}: {exc}") from None
    return start, start + timedelta(days=6)


def week_of(day: date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def make_readout(ws: Workspace, week: str | None = None, *, today: date | None = None) -> Readout:
    from synth.evidence import evidence_summary

    week = week or week_of(today or date.today())
    start, end = week_bounds(week)
    everything = ws.interviews()
    held = [iv for iv in everything if (d := interview_date(iv)) is not None and start <= d <= end]
    held.sort(key=lambda iv: (iv.meta.date, iv.id))
    undated = sorted(
        (iv for iv in everything if iv.meta.date is None and start <= iv.meta.imported_at.date() <= end),
        key=lambda iv: (iv.meta.imported_at, iv.id),
    )
    ids = {iv.id for iv in held}
    names = {iv.id: interview_participant(iv) for iv in held}
    evidence = {e.hypothesis_id: e for e in evidence_summary(ws)} if ws.hypotheses() else {}
    hyps = {h.id: h for h in ws.hypotheses()}
    kinds: Counter[str] = Counter()
    counts: dict[str, Counter[Stance]] = {}
    surprising: list[ReadoutSurprise] = []
    per_interview: Counter[str] = Counter()
    from synth.strategy.eligible import not_evidence, speaker_roles
    from synth.strategy.facts import current_sets, link_counts

    for s in current_sets(ws):
        if s.interview_id not in ids:
            continue
        live = {i.id: i for i in s.insights if i.review is not Review.rejected}
        per_interview[s.interview_id] = len(live)
        kinds.update(i.kind.value for i in live.values())
        roles = speaker_roles(next(iv for iv in held if iv.id == s.interview_id))
        for link in s.links:
            ins = live.get(link.insight_id)
            # Only counted links on customer evidence, read through the founder's decision.
            if ins is None or link.hypothesis_id not in hyps or not link_counts(link) or not_evidence(ins, roles):
                continue
            stance = link.effective_stance
            counts.setdefault(link.hypothesis_id, Counter())[stance] += 1
            if stance is Stance.contradicts and hyps[link.hypothesis_id].status is HypothesisStatus.supported:
                surprising.append(
                    ReadoutSurprise(
                        hypothesis_id=link.hypothesis_id, insight_id=ins.id, interview_id=ins.interview_id,
                        participant=names.get(ins.interview_id) or ins.participant, quote=ins.passage,
                    )
                )
    moved = [
        Movement(
            hypothesis_id=hid, statement=hyps[hid].statement, status=hyps[hid].status.value,
            suggested=evidence[hid].suggested_status if hid in evidence else "untested",
            supporting=c[Stance.supports], contradicting=c[Stance.contradicts],
        )
        for hid, c in sorted(counts.items(), key=lambda kv: int(kv[0][1:]))
    ]
    r = Readout(
        week=week, start=start, end=end,
        interviews=[
            ReadoutInterview(id=iv.id, date=interview_date(iv), participant=iv.meta.participant,
                             company=iv.meta.company, insights=per_interview[iv.id])
            for iv in held
        ],
        undated=[ReadoutInterview(id=iv.id, date=None, participant=iv.meta.participant, company=iv.meta.company)
                 for iv in undated],
        insights_by_kind=dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
        moved=moved,
        surprises=sorted(surprising, key=lambda s: (s.hypothesis_id, s.insight_id)),
    )
    return _answers(ws, r, evidence)


def _answers(ws: Workspace, r: Readout, evidence: dict[str, Any]) -> Readout:
    hyps = ws.hypotheses()
    ns = ws.config.north_star
    # Focus: a supported belief under attack first, then the most-split, then the least-tested.
    if r.surprises:
        hid = r.surprises[0].hypothesis_id
        focus = f"Re-test {hid}: it is marked supported, but {len(r.surprises)} insight(s) this week contradict it."
    else:
        split = [e for e in evidence.values() if e.suggested_status == "inconclusive"]
        untested = [h for h in hyps if h.status is HypothesisStatus.open
                    and evidence.get(h.id) is not None and evidence[h.id].suggested_status == "untested"]
        if split:
            e = max(split, key=lambda e: (e.supporting_participants + e.contradicting_participants, e.hypothesis_id))
            n_for, n_against = e.supporting_participants, e.contradicting_participants
            if is_split(n_for, n_against):
                focus = (f"Settle {e.hypothesis_id}: the evidence is split ({n_for} participant(s) for, "
                         f"{n_against} against); interview people like both sides.")
            else:  # too few to call it split: say how many more people would settle it
                focus = (f"Settle {e.hypothesis_id}: not enough evidence yet ({n_for} participant(s) for, "
                         f"{n_against} against); {settle(n_for, n_against)} with `synth guide -H {e.hypothesis_id}`.")
        elif untested:
            focus = f"Test {untested[0].id}, which has no evidence yet: `synth guide -H {untested[0].id}`."
        elif hyps:
            focus = "Every hypothesis has a direction: turn the supported ones into commitments (pilots, pre-orders)."
        else:
            focus = "Write down what you believe: `synth hypothesis add`."
    if ns.metric.strip():
        target = next((m for m in r.moved if m.suggested in ("supported", "inconclusive")), None)
        inputs = f" through {', '.join(ns.inputs)}" if ns.inputs else ""
        value = f"Our north star is {ns.metric.strip()}{inputs}."
        if target:
            value += (f" This week's interviews tested {target.hypothesis_id} ({target.statement.rstrip('.')}), "
                      "one of the beliefs that number rests on.")
    else:
        value = "No north-star metric yet: set `[north_star] metric` in synth.toml so the work ties to one number."
    against = [m for m in r.moved if m.contradicting]
    if r.surprises:
        s = r.surprises[0]
        direction = (f"{s.participant or 'A participant'} said \u201c{s.quote}\u201d "
                     f"(against {s.hypothesis_id}, which we marked supported).")
    elif against:
        m = max(against, key=lambda m: (m.contradicting, m.hypothesis_id))
        direction = f"{m.contradicting} insight(s) this week contradict {m.hypothesis_id} ({m.statement.rstrip('.')})."
    elif r.interviews:
        direction = "Nothing this week contradicts the current direction."
    else:
        direction = "No interviews this week, so nothing new could change direction."
    return r.model_copy(update={"focus": focus, "value": value, "direction": direction})


def render_readout(r: Readout) -> str:
    lines = [f"# Weekly readout {r.week}", "", f"_{r.start.isoformat()} to {r.end.isoformat()}_", ""]
    lines += ["## Three questions", "",
              f"1. **What should we spend time on?** {r.focus}",
              f"2. **How does the work drive value?** {r.value}",
              f"3. **What did we learn that could change direction?** {r.direction}", ""]
    lines += [f"## Interviews held ({len(r.interviews)})", ""]
    lines += [f"- {iv.date.isoformat() if iv.date else 'undated'} {iv.participant or iv.id}"
              f"{f' ({iv.company})' if iv.company else ''}: "
              f"{iv.insights} insight(s), `{iv.id}`" for iv in r.interviews] or ["- None this week."]
    if r.undated:
        lines += ["", f"## Undated interviews imported this week ({len(r.undated)})", "",
                  "_No date was given, so they are not counted as held in any week._", ""]
        lines += [f"- {iv.participant or iv.id}{f' ({iv.company})' if iv.company else ''}, `{iv.id}`" for iv in r.undated]
    lines += ["", "## New insights by kind", ""]
    lines += [f"- {k.replace('_', ' ')}: {n}" for k, n in r.insights_by_kind.items()] or ["- None."]
    lines += ["", "## Hypotheses whose evidence moved", ""]
    lines += [f"- **{m.hypothesis_id}** {m.statement.rstrip('.')}: +{m.supporting} supporting, +{m.contradicting} "
              f"contradicting (status {m.status}, suggested {m.suggested})" for m in r.moved] or ["- None."]
    lines += ["", "## Surprises", ""]
    lines += [f"- Against {s.hypothesis_id} (marked supported): \u201c{s.quote}\u201d \u2014 {s.participant}, "
              f"`{s.interview_id}` ({s.insight_id})" for s in r.surprises] or ["- None."]
    return "\n".join(lines) + "\n"


def readouts_dir(ws: Workspace) -> Path:
    return ws.root / "readouts"


def write_readout(ws: Workspace, r: Readout) -> Path:
    path = readouts_dir(ws) / f"{r.week}.md"
    with ws.locked():
        atomic.write_text(path, render_readout(r))
    return path
