"""A readable Markdown report: each hypothesis with the evidence on both sides, themes, surprises.

Every quote carries who said it and in which interview, so a reader can go
back to the transcript. Counts and suggested statuses come from
`synth.evidence` (the same numbers `synth evidence` prints); themes and
surprises from `synth.themes` and `synth.evidence`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from synth import __version__, atomic
from synth.errors import SynthError, UserError
from synth.models import EvidenceLink, Insight, Interview, Review, Stance
from synth.themes import interview_participant, participant_key
from synth.workspace import Workspace

EXAMPLES = 5
"""Quotes shown per theme or surprise (distinct participants first); the rest are listed by id."""
_ENTITY = re.compile(r"&(#?[A-Za-z0-9]+;)")


@dataclass
class MdSummary:
    path: str
    format: str
    hypotheses: int = 0
    quotes: int = 0
    themes: int = 0
    surprises: int = 0
    bytes: int = 0
    left_out: list[str] = field(default_factory=list)


def inline(text: str) -> str:
    """Text that renders as itself: no HTML, no emphasis, links or headings by accident."""
    text = _ENTITY.sub(r"&amp;\1", text).replace("<", "&lt;")
    for ch in "\\`*_[]|":
        text = text.replace(ch, "\\" + ch)
    return " ".join(text.split())


def blockquote(text: str) -> str:
    lines = [inline(line) for line in text.strip().splitlines() if line.strip()]
    return "\n".join(f"> {line}" for line in lines) if lines else ">"


class _Ctx:
    def __init__(self, ws: Workspace) -> None:
        self.interviews: dict[str, Interview] = {iv.id: iv for iv in ws.interviews()}
        sets = ws.insight_sets()
        self.insights: dict[str, Insight] = {i.id: i for s in sets for i in s.insights if i.review is not Review.rejected}
        self.links: list[EvidenceLink] = [lk for s in sets for lk in s.links if lk.insight_id in self.insights]
        self.quotes = 0

    def who(self, ins: Insight, n: int = 0) -> str:
        iv = self.interviews.get(ins.interview_id)
        quote = ins.quotes[n]
        turn = iv.turns[quote.turn_index] if iv and 0 <= quote.turn_index < len(iv.turns) else None
        speaker = turn.speaker if turn else ins.participant
        title = iv.meta.title if iv and iv.meta.title and iv.meta.title != iv.id else ""
        where = f"interview `{ins.interview_id}`" + (f" ({inline(title)})" if title else "")
        return f"{inline(speaker or ins.participant or 'unknown')}, {where}"

    def examples(self, insight_ids: list[str]) -> list[str]:
        """Up to EXAMPLES insights, one per participant first, then a line naming the rest."""
        members = [self.insights[i] for i in insight_ids if i in self.insights]
        seen: set[str] = set()
        first = []
        for ins in members:
            iv = self.interviews.get(ins.interview_id)
            who = interview_participant(iv) if iv is not None else ""
            if (who or ins.participant) not in seen:
                seen.add(who or ins.participant)
                first.append(ins)
        chosen = (first + [m for m in members if m not in first])[:EXAMPLES]
        out = [line for ins in chosen for line in self.quote_item(ins)]
        rest = [f"`{m.id}`" for m in members if m not in chosen]
        if rest:
            out += [f"And {len(rest)} more: {', '.join(rest)}.", ""]
        return out

    def quote_item(self, ins: Insight, extra: str = "") -> list[str]:
        out = [f"- **{inline(ins.summary)}** ({ins.kind.value}, `{ins.id}`{extra})"]
        for n, quote in enumerate(ins.quotes):
            out.append("")
            out.append("  " + blockquote(f"\u201c{quote.text}\u201d").replace("\n", "\n  "))
            out.append(f"  \u2014 {self.who(ins, n)}")
            self.quotes += 1
        out.append("")
        return out


def render_md(ws: Workspace) -> tuple[str, MdSummary]:
    from synth.evidence import evidence_summary
    from synth.surprises import surprises
    from synth.themes import themes

    summary = MdSummary(path="", format="md")
    evidence = evidence_summary(ws)  # first: it refreshes stale links, which the rest then reads
    ctx = _Ctx(ws)
    hyps = {h.id: h for h in ws.hypotheses()}
    # A group interview brings each of its speakers; a one-to-one, the founder's name for its one participant.
    people = {participant_key(p) for iv in ctx.interviews.values()
              for p in ([interview_participant(iv)] if interview_participant(iv) else iv.participants()) if p}
    lines = [
        f"# {inline(ws.config.name)}: what the interviews say",
        "",
        f"{len(ctx.interviews)} interviews, {len(people)} participants, {len(ctx.insights)} insights "
        f"(rejected ones left out). Written by Synth {__version__}.",
        "",
        "## Hypotheses",
        "",
    ]
    if not evidence:
        lines += ["No hypotheses yet.", ""]
    for ev in evidence:
        h = hyps.get(ev.hypothesis_id)
        lines += [f"### {ev.hypothesis_id}: {inline(ev.statement)}", ""]
        lines.append(f"Status: **{ev.status.value}** (yours). Synth suggests: {ev.suggested_status} \u2014 {inline(ev.rule)}.")
        if h and h.falsified_if:
            lines.append(f"Wrong if: {inline(h.falsified_if)}")
        lines.append("")
        for stance, title, count, who in (
            (Stance.supports, "Supporting", ev.supporting, ev.participants_for),
            (Stance.contradicts, "Contradicting", ev.contradicting, ev.participants_against),
        ):
            # Exactly the insights the counts above are made of (founder stances included).
            counted = ev.supporting_ids if stance is Stance.supports else ev.contradicting_ids
            by_insight = {lk.insight_id: lk for lk in ctx.links if lk.hypothesis_id == ev.hypothesis_id}
            mine = [(by_insight[i], ctx.insights[i]) for i in counted if i in by_insight and i in ctx.insights]
            lines += [f"#### {title}: {count} insight(s) from {len(who)} participant(s)", ""]
            if not mine:
                lines += ["None yet.", ""]
            for lk, ins in mine:
                why = f", strength {lk.strength:.2f}" + (f": {inline(lk.rationale)}" if lk.rationale else "")
                lines += ctx.quote_item(ins, why)
    summary.hypotheses = len(evidence)

    lines += ["## Themes", ""]
    try:
        found = themes(ws)
    except SynthError as exc:
        found = []
        summary.left_out.append(f"themes not computed: {exc.line()}")
    if not found:
        lines += ["No theme has two or more insights yet.", ""]
    for t in found:
        lines += [f"### {t.id}: {inline(t.label)}", "",
                  f"{len(t.insight_ids)} insights from {t.participants} participant(s) in {t.interviews} interview(s); "
                  + ", ".join(f"{k} {n}" for k, n in t.kinds.items()) + ".", ""]
        lines += ctx.examples(t.insight_ids)
    summary.themes = len(found)

    lines += ["## Surprises", "", "What the hypotheses did not predict.", ""]
    try:
        odd = surprises(ws)
    except SynthError as exc:
        odd = []
        summary.left_out.append(f"surprises not computed: {exc.line()}")
    if not odd:
        lines += ["None so far.", ""]
    for s in odd:
        why = (f"contradicts {s.hypothesis_id}, which is marked supported" if s.reason == "contradicts_supported"
               else f"recurring, from {s.participants} participants, linked to no hypothesis")
        lines += [f"### {inline(s.summary)}", "", f"Why: {why}.", ""]
        lines += ctx.examples(s.insight_ids)
    summary.surprises = len(odd)

    lines += ["## Interviews", "", "| id | title | participant | company | date | insights |", "|---|---|---|---|---|---|"]
    for iv in ctx.interviews.values():
        n = sum(1 for i in ctx.insights.values() if i.interview_id == iv.id)
        lines.append(f"| `{iv.id}` | {inline(iv.meta.title)} | {inline(iv.meta.participant)} | {inline(iv.meta.company)} | "
                     f"{iv.meta.date.isoformat() if iv.meta.date else ''} | {n} |")
    lines.append("")
    summary.quotes = ctx.quotes
    return "\n".join(lines), summary


def export_md(ws: Workspace, out: Path) -> MdSummary:
    if out.is_dir():
        raise UserError("is a folder; give a file name ending in .md", path=out)
    text, summary = render_md(ws)
    data = text.encode("utf-8")
    atomic.write_bytes(out, data)
    summary.path, summary.bytes = str(out), len(data)
    return summary
