"""Import a REFI-QDA project: text sources become interviews, coded selections become insights.

Codes named for a Synth insight kind set the insight's kind; codes Synth wrote
for a hypothesis (or named for one's id or statement) become evidence links,
creating the hypothesis when the workspace lacks it; any other code is kept
as a tag. A project Synth exported round-trips: same texts, quotes and links.
The whole file is read and checked, and every object built and validated,
before the first write, all under the workspace lock.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from pydantic import ValidationError

from synth import atomic
from synth.errors import SynthError, UserError
from synth.evidence import hypotheses_hash
from synth.exchange.interview_build import UNKNOWN, OffsetMap, normalise_newlines, source_interview
from synth.exchange.qdpx_common import (
    FOUNDER_SET,
    HYPOTHESIS_MARK,
    INSIGHT_MARK,
    INTERVIEW_MARK,
    split_fields,
)
from synth.exchange.qdpx_read import CodeInfo, Project, Selection, Source, read_qdpx
from synth.models import (
    EvidenceLink,
    Hypothesis,
    HypothesisKind,
    HypothesisStatus,
    Insight,
    InsightKind,
    InsightSet,
    Interview,
    Quote,
    Review,
    Stance,
    short_hash,
    utcnow,
)
from synth.workspace import Workspace

_STANCE = re.compile(r"^(supports|contradicts) (H\d+) \(strength ([01](?:\.[0-9]+)?)\)\s*(.*)$")
_HYP_NAME = re.compile(r"^(H\d+)\b")


@dataclass
class ImportSummary:
    path: str
    interviews: list[str] = field(default_factory=list)
    insights: int = 0
    links: int = 0
    hypotheses_created: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    already_present: list[str] = field(default_factory=list)
    dropped_quotes: int = 0
    indexed: bool = False
    strategy: bool = False
    """True when strategy.md was written from the project's Synth strategy note."""
    notes: list[str] = field(default_factory=list)
    """Things not imported, in words (for stderr)."""


@dataclass
class _Plan:
    hypotheses: list[Hypothesis]
    new_hypotheses: bool
    interviews: list[tuple[Interview, bytes]]
    sets: list[InsightSet]
    strategy: str | None = None


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _kind_of(code: CodeInfo) -> InsightKind | None:
    key = re.sub(r"[\s\-]+", "_", code.name.strip().lower())
    if key in InsightKind.__members__:
        return InsightKind(key)
    if code.description.startswith("Synth insight kind: "):
        value = code.description.removeprefix("Synth insight kind: ").strip()
        return InsightKind(value) if value in InsightKind.__members__ else None
    return None


def _map_hypotheses(project: Project, existing: list[Hypothesis], today: date) -> tuple[dict[str, str], dict[str, str], list[Hypothesis]]:
    """({code guid: workspace hypothesis id}, {original Synth id: workspace id}, hypotheses to create)."""
    by_statement = {_norm(h.statement): h.id for h in existing}
    by_id = {h.id.upper(): h.id for h in existing}
    taken = set(by_id)
    code_map: dict[str, str] = {}
    orig_map: dict[str, str] = {}
    created: list[Hypothesis] = []
    synth_codes: list[tuple[CodeInfo, str, str, dict[str, str]]] = []
    for code in project.codes.values():
        statement, orig_id, fields = split_fields(code.description, HYPOTHESIS_MARK)
        if orig_id:
            synth_codes.append((code, statement, orig_id, dict(fields)))
        elif code.codable:
            m = _HYP_NAME.match(code.name)
            hid = by_statement.get(_norm(code.name)) or (by_id.get(m.group(1).upper()) if m else None)
            if hid:
                code_map[code.guid] = hid
    for code, statement, orig_id, meta in sorted(synth_codes, key=lambda c: int(c[2][1:]) if c[2][1:].isdigit() else 0):
        hid = by_statement.get(_norm(statement or code.name))
        if hid is None:
            hid = orig_id if re.fullmatch(r"H\d+", orig_id) and orig_id.upper() not in taken else (
                f"H{max((int(t[1:]) for t in taken), default=0) + 1}")
            kind, status = meta.get("Kind", "problem"), meta.get("Status", "open")
            created.append(Hypothesis(
                id=hid, statement=(statement or code.name).strip(),
                kind=HypothesisKind(kind) if kind in HypothesisKind.__members__ else HypothesisKind.problem,
                status=HypothesisStatus(status) if status in HypothesisStatus.__members__ else HypothesisStatus.open,
                falsified_if=meta.get("Falsified if", ""), created=today, updated=today,
            ))
            taken.add(hid.upper())
            by_statement[_norm(statement or code.name)] = hid
        code_map[code.guid] = hid
        orig_map[orig_id] = hid
    return code_map, orig_map, created


def plan_import(ws: Workspace, project: Project, summary: ImportSummary, *, today: date | None = None) -> _Plan:
    """Every object the import would write, validated; the workspace is only read."""
    existing = ws.hypotheses()
    code_map, orig_map, created = _map_hypotheses(project, existing, today or date.today())
    hypotheses = existing + sorted(created, key=lambda h: int(h.id[1:]))
    summary.hypotheses_created = [h.id for h in created]
    hh = hypotheses_hash(hypotheses)
    # Already here: the same transcript text, or the same source bytes imported before.
    hashes: dict[str, str] = {}
    for iv in ws.interviews():
        hashes[short_hash(iv.text, n=64)] = iv.id
        if iv.meta.content_hash:
            hashes[iv.meta.content_hash] = iv.id
    ids = set(ws.interview_ids())
    plan = _Plan(hypotheses, bool(created), [], [])
    tags: set[str] = set()
    for src in project.sources:
        if not src.text.strip():
            summary.notes.append(f"source {src.name!r} has no text: skipped")
            continue
        text_hash = short_hash(normalise_newlines(src.text)[0], n=64)
        raw_hash = hashlib.sha256(src.raw).hexdigest()
        if text_hash in hashes or raw_hash in hashes:
            summary.already_present.append(hashes.get(text_hash) or hashes[raw_hash])
            continue
        _, orig_id, fields = split_fields(src.description, INTERVIEW_MARK)
        iid = _interview_id(src, orig_id, ids)
        iv, to_new = source_interview(iid, src.name, src.raw, src.text, dict(fields),
                                      [(s.start, s.end) for s in src.selections], keep_text=bool(orig_id))
        iv = iv.model_copy(update={"meta": iv.meta.model_copy(update={
            "content_hash": raw_hash, "imported_at": _when(src.created), "source_format": "refi-qda"})})
        insights, links = _insights(iv, src, to_new, project.codes, code_map, orig_map, tags, summary)
        plan.interviews.append((iv, src.raw))
        if insights:
            plan.sets.append(InsightSet(
                interview_id=iid, engine="refi-qda", extracted_at=max((_when(s.created) for s in src.selections), default=utcnow()),
                insights=insights, links=links, hypotheses_hash=hh))
        summary.interviews.append(iid)
        summary.insights += len(insights)
        summary.links += len(links)
        hashes[text_hash] = hashes[raw_hash] = iid
    summary.tags = sorted(tags)
    notes = dict(project.notes)
    # The strategy note Synth exported comes back only into a workspace that has no strategy yet.
    if project.origin.startswith("Synth ") and "Strategy" in notes and not ws.strategy_text().strip():
        plan.strategy = notes.pop("Strategy")
        summary.strategy = True
    if notes:
        summary.notes.append(f"{len(notes)} project note(s) not imported (e.g. {next(iter(notes))!r})")
    summary.notes.extend(project.skipped)
    return plan


def import_qdpx(ws: Workspace, path: Path, *, today: date | None = None, index: bool = True) -> ImportSummary:
    """Read and check `path`, then write interviews, insights and new hypotheses; nothing on any error.

    With `index`, the new interviews and insights are then added to the search index, as
    `synth ingest` does; an index failure leaves the import in place and says so in `notes`.
    """
    project = read_qdpx(path)
    summary = ImportSummary(path=str(path))
    with ws.locked():
        try:
            plan = plan_import(ws, project, summary, today=today)
        except ValidationError as exc:  # something in the file Synth's model cannot hold
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            raise UserError(f"cannot import: {exc.title} {where}: {err['msg']}", path=path) from None
        if plan.new_hypotheses:
            ws.save_hypotheses(plan.hypotheses)
        for iv, raw in plan.interviews:
            ws.save_interview(iv, original=raw)
        for s in plan.sets:
            ws.save_insight_set(s)
        if plan.strategy is not None:
            atomic.write_text(ws.strategy_path, plan.strategy)
    if index and plan.interviews:
        from synth import index as search_index

        try:
            search_index.index_interviews(ws, [iv for iv, _ in plan.interviews])
            search_index.index_insights(ws, plan.sets)
            summary.indexed = True
        except SynthError as exc:
            summary.notes.append(f"imported, but indexing failed: {exc.line()}; run `synth reindex`")
    return summary


def _when(value: str) -> datetime:
    """An xsd:dateTime as an aware UTC time (no zone means UTC); now when absent or unreadable."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00")) if value else utcnow()
    except ValueError:
        return utcnow()
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _interview_id(src: Source, orig_id: str, ids: set[str]) -> str:
    if orig_id and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}", orig_id) and orig_id not in ids:
        ids.add(orig_id)
        return orig_id
    slug = re.sub(r"[^a-z0-9]+", "-", src.name.lower()).strip("-")[:40] or "interview"
    iid = f"{slug}-{short_hash(src.text, n=6)}"
    n = 2
    while iid in ids:
        iid = f"{slug}-{short_hash(src.text, str(n), n=6)}"
        n += 1
    ids.add(iid)
    return iid


_Member = tuple[Selection, str, dict[str, str], list[tuple[str, str]]]


def _insights(iv: Interview, src: Source, to_new: OffsetMap, codes: dict[str, CodeInfo],
              code_map: dict[str, str], orig_map: dict[str, str], tags: set[str], summary: ImportSummary
              ) -> tuple[list[Insight], list[EvidenceLink]]:
    groups: dict[str, list[_Member]] = {}
    for sel in src.selections:
        head, orig, pairs = split_fields(sel.description, INSIGHT_MARK)
        # A Synth insight's quotes share its id; another tool's codings on one span make one insight.
        groups.setdefault(orig or f"{sel.start}:{sel.end}", []).append((sel, head, dict(pairs), pairs))
    insights: list[Insight] = []
    links: list[EvidenceLink] = []
    seen: set[str] = set()
    for members in groups.values():
        spans = {(s.start, s.end): s for s, *_ in members}
        quotes = [qt for s in spans.values() if (qt := _quote(iv, s, src, to_new)) is not None]
        summary.dropped_quotes += len(spans) - len(quotes)
        if not quotes:
            continue
        ins, hyp_ids = _insight(iv, members, quotes, codes, code_map)
        if ins.id in seen:
            continue
        seen.add(ins.id)
        tags.update(ins.tags)
        insights.append(ins)
        links += _links(ins.id, hyp_ids, members[0][3], orig_map)
    return insights, links


def _insight(iv: Interview, members: list[_Member], quotes: list[Quote], codes: dict[str, CodeInfo],
             code_map: dict[str, str]) -> tuple[Insight, list[str]]:
    sel0, head, fields, _ = members[0]
    code_infos = [codes[g] for s, *_ in members for g in s.code_guids if g in codes]
    kinds = [k for c in code_infos if (k := _kind_of(c)) is not None]
    if fields.get("Kind") in InsightKind.__members__:
        kinds.append(InsightKind(fields["Kind"]))
    kind = kinds[0] if kinds else InsightKind.quote_worthy
    hyp_ids = list(dict.fromkeys(code_map[c.guid] for c in code_infos if c.guid in code_map))
    # Other kinds on the same span, and every code that is neither kind nor hypothesis, stay as tags.
    tags = list(dict.fromkeys(c.name for c in code_infos if c.guid not in code_map and c.codable and _kind_of(c) != kind))
    turn = iv.turn_at(quotes[0].start)
    review = fields.get("Review", "accepted")  # coded by a person in a QDA tool
    try:
        confidence = min(max(float(fields.get("Confidence", "1")), 0.0), 1.0)
    except ValueError:
        confidence = 1.0
    return Insight(
        id=Insight.make_id(iv.id, kind.value, quotes[0].start, quotes[0].end), interview_id=iv.id, kind=kind,
        summary=head or sel0.name or quotes[0].text[:200], quotes=quotes,
        participant=fields.get("Participant") or (turn.speaker if turn else UNKNOWN),
        confidence=confidence, engine=fields.get("Engine", "refi-qda"),
        review=Review(review) if review in Review.__members__ else Review.accepted, tags=tags,
    ), hyp_ids


def _links(insight_id: str, hyp_ids: list[str], pairs: list[tuple[str, str]], orig_map: dict[str, str]) -> list[EvidenceLink]:
    stances: dict[str, tuple[Stance, float, str]] = {}
    for key, value in pairs:
        m = _STANCE.match(value) if key == "Stance" else None
        if m and m.group(2) in orig_map:
            stances[orig_map[m.group(2)]] = (Stance(m.group(1)), float(m.group(3)), m.group(4))
    out = []
    for hid in hyp_ids:
        stance, strength, why = stances.get(
            hid, (Stance.neutral, 0.5, "coded with this hypothesis in a QDA tool; stance not recorded"))
        founder = stance if why == FOUNDER_SET else None  # the founder's decision travels as theirs
        out.append(EvidenceLink(insight_id=insight_id, hypothesis_id=hid, stance=stance,
                                strength=min(max(strength, 0.0), 1.0), rationale=why, engine="refi-qda",
                                founder_stance=founder))
    return out


def _quote(iv: Interview, sel: Selection, src: Source, to_new: OffsetMap) -> Quote | None:
    span = to_new(sel.start, sel.end, src.text[sel.start : sel.end])
    if span is None:
        return None
    start, end = span
    turn = iv.turn_at(start)
    return Quote(text=iv.text[start:end], interview_id=iv.id, turn_index=turn.index if turn else 0, start=start, end=end)
