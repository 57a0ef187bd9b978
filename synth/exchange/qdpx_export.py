"""Export a workspace as a REFI-QDA project (`.qdpx`) that NVivo, ATLAS.ti, MAXQDA or QualCoder can open.

One TextSource per interview holds exactly `Interview.text` (UTF-8, LF), and
one PlainTextSelection per (insight, quote) selects exactly that verbatim
quote: Synth's offsets are code points, end exclusive, which is what REFI-QDA
counts. Insight kinds and hypotheses become codes; the strategy document
becomes a project note. Everything derives from the workspace's data (GUIDs
from ids, dates from import times, fixed zip timestamps), so exporting an
unchanged workspace twice gives the same bytes.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from synth import __version__, atomic
from synth.errors import UserError
from synth.exchange.qdpx_common import (
    FOUNDER_SET,
    HYPOTHESES_PARENT,
    HYPOTHESIS_MARK,
    INSIGHT_MARK,
    INTERVIEW_MARK,
    KINDS_PARENT,
    NS,
    TAGS_PARENT,
    coder_name,
    fields_block,
    guid,
    iso,
    one_line,
    q,
    schema_errors,
    source_name,
    unique,
    workspace_namespace,
    xml_safe,
)
from synth.grounded import check_grounded
from synth.models import Hypothesis, Insight, InsightKind, InsightSet, Interview, Review, Stance
from synth.workspace import Workspace

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Zip entries carry no real time, so the archive depends only on its content."""
FALLBACK_TIME = datetime(2000, 1, 1, tzinfo=UTC)

CANNOT_CARRY = [
    "turn timestamps (t_start/t_end) and speaker roles are not in REFI-QDA; the text keeps `Speaker:` labels",
    "confidence, review status, engine and link strength/rationale have no REFI-QDA field: "
    "they are written into each selection's Description",
    "interview metadata (company, segment, date, source file) goes into each source's Description",
    "themes, surprises, guides and strategy drafts are not exported (use `synth export md`)",
]


@dataclass
class ExportSummary:
    path: str
    format: str
    interviews: int = 0
    insights: int = 0
    selections: int = 0
    codes: int = 0
    hypotheses: int = 0
    notes: int = 0
    bytes: int = 0
    left_out: list[str] = field(default_factory=list)
    """What the format cannot carry, or what was not exported, in words (for stderr)."""


@dataclass
class _Data:
    interviews: list[Interview]
    sets: dict[str, InsightSet]
    hypotheses: list[Hypothesis]
    strategy: str
    project_name: str
    ns: uuid.UUID
    coder: str

    def guid(self, kind: str, *parts: str) -> str:
        return guid(kind, *parts, ns=self.ns)


def _load(ws: Workspace) -> _Data:
    interviews = ws.interviews()
    sets = {s.interview_id: s for s in ws.insight_sets()}
    for iv in interviews:
        if iv.id in sets:
            check_grounded(sets[iv.id], iv, ws.insights_dir / f"{iv.id}.json")
    return _Data(interviews, sets, ws.hypotheses(), ws.strategy_text(), ws.config.name or ws.root.name,
                 workspace_namespace(ws), coder_name(ws))


def build_qdpx(ws: Workspace, *, include_rejected: bool = False) -> tuple[bytes, ExportSummary]:
    """The `.qdpx` archive bytes and what went into it."""
    data = _load(ws)
    summary = ExportSummary(path="", format="qdpx", left_out=list(CANNOT_CARRY))
    qde, texts = _project(data, summary, include_rejected)
    errors = schema_errors(qde)
    if errors:  # a bug, not a user mistake: never hand out a file other tools would refuse
        raise AssertionError(f"exported project.qde fails the REFI-QDA schema: {errors[0]}")
    xml = etree.tostring(qde, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        _add(zf, "project.qde", xml)
        for name in sorted(texts):
            _add(zf, f"sources/{name}", texts[name].encode("utf-8"))
    payload = buf.getvalue()
    summary.bytes = len(payload)
    return payload, summary


def export_qdpx(ws: Workspace, out: Path, *, include_rejected: bool = False) -> ExportSummary:
    payload, summary = build_qdpx(ws, include_rejected=include_rejected)
    if out.is_dir():
        raise UserError("is a folder; give a file name ending in .qdpx", path=out)
    atomic.write_bytes(out, payload)
    summary.path = str(out)
    return summary


def _add(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3
    zf.writestr(info, data)


def _project(data: _Data, summary: ExportSummary, include_rejected: bool) -> tuple[etree._Element, dict[str, str]]:
    times = sorted(iv.meta.imported_at for iv in data.interviews) or [FALLBACK_TIME]
    created, modified = iso(times[0]), iso(times[-1])
    user = data.guid("user", "founder")
    root = etree.Element(q("Project"), nsmap={None: NS})  # type: ignore[dict-item]  # the default namespace
    root.set("name", one_line(data.project_name, 200) or "Synth project")
    root.set("origin", f"Synth {__version__}")
    root.set("creatingUserGUID", user)
    root.set("creationDateTime", created)
    root.set("modifyingUserGUID", user)
    root.set("modifiedDateTime", modified)

    users = etree.SubElement(root, q("Users"))
    etree.SubElement(users, q("User"), guid=user, name=one_line(data.coder, 200), id="founder")

    insights = _insights(data, include_rejected, summary)
    codes = _codebook(root, data, insights)
    summary.codes = sum(1 for _ in root.iter(q("Code")))
    summary.hypotheses = len(data.hypotheses)

    texts: dict[str, str] = {}
    if data.interviews:
        sources = etree.SubElement(root, q("Sources"))
        taken: set[str] = set()
        for iv in data.interviews:
            texts.update(_source(data, sources, iv, insights, codes, user, taken, summary))
        summary.interviews = len(data.interviews)

    strategy = xml_safe(data.strategy).strip()
    if strategy:
        notes = etree.SubElement(root, q("Notes"))
        note_id = data.guid("note", "strategy")
        # QualCoder imports a note only from a file (plainTextPath); other tools read the inline content.
        note = etree.SubElement(
            notes, q("Note"), guid=note_id, name="Strategy", plainTextPath=f"internal://{note_id}.txt",
            creatingUser=user, creationDateTime=modified, modifiedDateTime=modified,
        )
        etree.SubElement(note, q("PlainTextContent")).text = strategy + "\n"
        texts[f"{note_id}.txt"] = strategy + "\n"
        summary.notes = 1
    description = etree.SubElement(root, q("Description"))
    description.text = (
        f"Exported by Synth {__version__}: interviews as text sources, insights as coded selections "
        "(their summary, stance and review in each selection's description), hypotheses and insight kinds as codes"
        + (", the strategy document as a project note." if strategy else ".")
    )
    if strategy:
        etree.SubElement(root, q("NoteRef"), targetGUID=data.guid("note", "strategy"))
    return root, texts


def _insights(data: _Data, include_rejected: bool, summary: ExportSummary) -> dict[str, list[Insight]]:
    out: dict[str, list[Insight]] = {}
    rejected = 0
    for iid, s in data.sets.items():
        keep = [i for i in s.insights if include_rejected or i.review is not Review.rejected]
        rejected += len(s.insights) - len(keep)
        out[iid] = keep
        summary.insights += len(keep)
    if rejected:
        summary.left_out.append(f"{rejected} rejected insight(s) not exported (--include-rejected to keep them)")
    return out


def _codebook(root: etree._Element, data: _Data, insights: dict[str, list[Insight]]) -> dict[str, str]:
    """Write CodeBook/Codes; returns {"kind:<k>" | "hyp:<id>" | "tag:<t>": code guid}."""
    codes_el = etree.SubElement(etree.SubElement(root, q("CodeBook")), q("Codes"))
    out: dict[str, str] = {}
    taken: set[str] = set()

    def parent(name: str, description: str) -> etree._Element:
        el = etree.SubElement(codes_el, q("Code"), guid=data.guid("code-group", name), name=unique(name, taken, "(Synth)"))
        el.set("isCodable", "false")
        etree.SubElement(el, q("Description")).text = description
        return el

    kinds = parent(KINDS_PARENT, "What kind of customer evidence an insight is (Synth's insight kinds).")
    for kind in InsightKind:
        out[f"kind:{kind.value}"] = _code(kinds, data.guid("kind", kind.value), unique(kind.value, taken, "(kind)"),
                                          f"Synth insight kind: {kind.value}")
    if data.hypotheses:
        hyps = parent(HYPOTHESES_PARENT, "The founder's hypotheses. A selection coded with one is evidence for or "
                      "against it: its description says which (Stance: supports/contradicts). Neutral links are not coded.")
        for h in data.hypotheses:
            desc = xml_safe(h.statement) + "\n\n" + fields_block(HYPOTHESIS_MARK, h.id, [
                ("Status", h.status.value), ("Kind", h.kind.value), ("Falsified if", h.falsified_if)])
            name = unique(f"{h.id} {one_line(h.statement, 72)}", taken, f"({h.id})")
            out[f"hyp:{h.id}"] = _code(hyps, data.guid("hypothesis", h.id), name, desc)
    tags = sorted({t for ins in (i for v in insights.values() for i in v) for t in ins.tags if t.strip()})
    if tags:
        tag_el = parent(TAGS_PARENT, "Free tags on Synth insights.")
        for t in tags:
            out[f"tag:{t}"] = _code(tag_el, data.guid("tag", t), unique(one_line(t, 80), taken, "(tag)"), "Synth tag")
    return out


def _code(parent: etree._Element, code_guid: str, name: str, description: str) -> str:
    el = etree.SubElement(parent, q("Code"), guid=code_guid, name=name)
    el.set("isCodable", "true")
    etree.SubElement(el, q("Description")).text = description
    return code_guid


def _source(data: _Data, sources: etree._Element, iv: Interview, insights: dict[str, list[Insight]],
            codes: dict[str, str], user: str, taken: set[str], summary: ExportSummary) -> dict[str, str]:
    s = data.sets.get(iv.id)
    if "\r" in iv.text:  # offsets count the CRs, so the text cannot be fixed up here
        raise UserError(f"interview {iv.id} has carriage returns in its text; re-import it with `synth ingest`",
                        path=f"interviews/{iv.id}/interview.json")
    src_guid = data.guid("interview", iv.id)
    label = iv.meta.title or (f"Interview {iv.meta.participant}" if iv.meta.participant else iv.id)
    when = iso(iv.meta.imported_at)
    el = etree.SubElement(
        sources, q("TextSource"), guid=src_guid, name=unique(source_name(label), taken, source_name(iv.id)),
        plainTextPath=f"internal://{src_guid}.txt", creatingUser=user, creationDateTime=when,
        modifyingUser=user, modifiedDateTime=when,
    )
    m = iv.meta
    etree.SubElement(el, q("Description")).text = fields_block(INTERVIEW_MARK, iv.id, [
        ("Participant", m.participant), ("Company", m.company), ("Segment", m.segment),
        ("Date", m.date.isoformat() if m.date else ""), ("Interviewer", m.interviewer),
        ("Source file", m.source_file), ("Source format", m.source_format),
    ])
    links = s.links if s else []
    extracted = iso(s.extracted_at) if s else when
    for ins in insights.get(iv.id, []):
        mine = [lk for lk in links if lk.insight_id == ins.id and lk.effective_stance is not Stance.neutral]
        for n, quote in enumerate(ins.quotes):
            sel_guid = data.guid("selection", ins.id, str(n))
            sel = etree.SubElement(
                el, q("PlainTextSelection"), guid=sel_guid, name=f"{ins.id} {one_line(ins.summary, 60)}",
                startPosition=str(quote.start), endPosition=str(quote.end), creatingUser=user,
                creationDateTime=extracted,
            )
            fields = [("Kind", ins.kind.value), ("Participant", ins.participant), ("Review", ins.review.value),
                      ("Confidence", f"{ins.confidence:.2f}"), ("Engine", ins.engine), ("Quote", f"{n + 1} of {len(ins.quotes)}")]
            fields += [("Stance", f"{lk.effective_stance.value} {lk.hypothesis_id} (strength {lk.strength:.2f}) "
                        f"{FOUNDER_SET if lk.reviewed else lk.rationale}".strip())
                       for lk in mine]
            etree.SubElement(sel, q("Description")).text = xml_safe(ins.summary) + "\n\n" + fields_block(
                INSIGHT_MARK, ins.id, fields)
            refs = [codes[f"kind:{ins.kind.value}"]]
            refs += [codes[f"hyp:{lk.hypothesis_id}"] for lk in mine if f"hyp:{lk.hypothesis_id}" in codes]
            refs += [codes[f"tag:{t}"] for t in ins.tags if f"tag:{t}" in codes]
            for ref in dict.fromkeys(refs):
                coding = etree.SubElement(sel, q("Coding"), guid=data.guid("coding", sel_guid, ref),
                                          creatingUser=user, creationDateTime=extracted)
                etree.SubElement(coding, q("CodeRef"), targetGUID=ref)
            summary.selections += 1
    return {f"{src_guid}.txt": iv.text}
