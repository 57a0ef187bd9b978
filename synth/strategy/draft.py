"""Drafts: a proposed update to strategy.md, section by section, from the evidence since the last one.

Snapshot sections (North Star, Customer and problem, Hypotheses) are rewritten
from the current state; dated sections (What we learned, What changes, Open
questions, Next experiments) get a new `### <date>` entry appended below what
is there, so nothing the founder wrote is replaced. A draft records every
section as it was (`base_sections`) so applying it later can tell a hand edit
from its own change.
"""

from __future__ import annotations

import difflib
import hashlib
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from synth import atomic
from synth.errors import NotFoundError, UserError
from synth.models import Claim, StrategyDraft, utcnow
from synth.strategy.citations import claim_markdown, footnote
from synth.strategy.offline import Entry, templates
from synth.strategy.sections import SECTIONS, Document, normalise, parse, render
from synth.workspace import Workspace

SNAPSHOT = ("North Star", "Customer and problem", "Hypotheses")
DATED = ("What we learned", "What changes", "Open questions", "Next experiments")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- reading and writing drafts ---------------------------------------------


def draft_paths(ws: Workspace, draft_id: str) -> dict[str, Path]:
    d = ws.drafts_dir
    return {
        "json": d / f"{draft_id}.json",
        "proposed": d / f"{draft_id}.proposed.md",
        "diff": d / f"{draft_id}.diff",
        "previous": d / f"{draft_id}.previous.md",
    }


def list_drafts(ws: Workspace) -> list[StrategyDraft]:
    if not ws.drafts_dir.is_dir():
        return []
    out = []
    for p in sorted(ws.drafts_dir.glob("*.json")):
        try:
            out.append(StrategyDraft.model_validate_json(p.read_bytes()))
        except (ValidationError, OSError):
            continue
    return sorted(out, key=lambda d: (d.created, d.id))


def load_draft(ws: Workspace, draft_id: str) -> StrategyDraft:
    """A saved draft by id (a unique prefix is enough; `latest` is the newest)."""
    drafts = list_drafts(ws)
    if draft_id == "latest" and drafts:
        return drafts[-1]
    matches = [d for d in drafts if d.id == draft_id] or [d for d in drafts if d.id.startswith(draft_id)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(f"no draft {draft_id!r}", path=ws.drafts_dir)
    raise UserError(f"draft id {draft_id!r} is ambiguous: {', '.join(d.id for d in matches[:5])}")


def last_applied(ws: Workspace) -> StrategyDraft | None:
    applied = [d for d in list_drafts(ws) if d.applied]
    return applied[-1] if applied else None


def save_draft(ws: Workspace, draft: StrategyDraft) -> dict[str, Path]:
    """drafts/<id>.json, the proposed strategy.md and its unified diff against the current one."""
    paths = draft_paths(ws, draft.id)
    with ws.locked():
        atomic.write_text(paths["proposed"], proposed_text(ws, draft))
        atomic.write_text(paths["diff"], draft_diff(ws, draft))
        atomic.write_json(paths["json"], draft)
    return {k: v for k, v in paths.items() if k != "previous"}


# --- composing ----------------------------------------------------------------


def _line(entry: Entry) -> str:
    return f"- {claim_markdown(entry)}" if isinstance(entry, Claim) else f"- {entry}"


def snapshot_body(name: str, entries: list[Entry], ws: Workspace) -> str:
    t = templates()
    if name == "North Star":
        ns = ws.config.north_star
        if not ns.metric.strip():
            return str(t["north_star"]["unset"])
        lines = [t["north_star"]["metric"].format(metric=ns.metric.strip())]
        if ns.inputs:
            lines += ["", t["north_star"]["inputs"], "", *(f"- {i}" for i in ns.inputs)]
        return "\n".join(lines)
    return "\n".join(_line(e) for e in entries) if entries else t["placeholder"]


def dated_body(base: str, entries: list[Entry], today: date) -> str:
    """`base` with a `### today` entry of the lines it does not already hold."""
    placeholder = templates()["placeholder"]
    have = {normalise(ln) for ln in base.splitlines()}
    lines = [ln for ln in (_line(e) for e in entries) if normalise(ln) not in have]
    if not lines:
        return base if base.strip() else placeholder
    kept = "\n".join(ln for ln in base.splitlines() if ln.strip() != placeholder).strip("\n")
    heading = f"### {today.isoformat()}"
    last_heading = next((ln.strip() for ln in reversed(kept.splitlines()) if ln.startswith("### ")), "")
    if last_heading == heading:
        return kept + "\n" + "\n".join(lines)
    return (kept + "\n\n" if kept else "") + heading + "\n\n" + "\n".join(lines)


def compose(
    ws: Workspace, doc: Document, entries: dict[str, list[Entry]], today: date, written: dict[str, str] | None = None
) -> dict[str, str]:
    """Every standard section's proposed body, built on the current document.

    `written` is what Synth last wrote into each section (the applied drafts); a
    snapshot section the founder edited since is merged line by line, so every
    line they wrote stays (synth.strategy.merge).
    """
    from synth.strategy.merge import merge_section

    written = written or {}
    placeholder = templates()["placeholder"]
    out: dict[str, str] = {}
    for name in SECTIONS:
        base = doc.sections.get(name, "")
        metric = ws.config.north_star.metric.strip().lower()
        if name == "Customer and problem" and base.strip() and normalise(base) != placeholder:
            out[name] = base  # the founder's own words about who and what; drafts only fill it when empty
        elif name == "North Star" and base.strip() and (not metric or metric in " ".join(base.lower().split())):
            out[name] = base  # already names the metric in the founder's words: nothing to correct
        elif name in SNAPSHOT:
            proposed = snapshot_body(name, entries.get(name, []), ws)
            out[name] = merge_section(written.get(name), base, proposed, placeholder)
        else:
            out[name] = dated_body(base, entries.get(name, []), today)
    return out


def written_sections(ws: Workspace) -> dict[str, str]:
    """Section -> the text Synth last put there (the latest applied draft that applied it)."""
    out: dict[str, str] = {}
    for d in list_drafts(ws):
        if not d.applied:
            continue
        for name in d.applied_sections or list(d.sections):
            if name in d.sections:
                out[name] = d.sections[name]
    return out


def make_draft(
    ws: Workspace,
    since: date | None = None,
    llm: Any = None,
    *,
    now: datetime | None = None,
    use_cache: bool = True,
    dry_run: bool = False,
    themes: bool = True,
) -> StrategyDraft:
    """A draft update from the evidence since `since` (default: the last applied draft's day).

    Nothing is written; `save_draft` keeps it, `apply_draft` applies it. `llm` is
    the command's LLM session (or any object with `structured()`); without one,
    the active session, else the workspace's. In a dry run the session raises
    `synth.llm.DryRunStop` carrying the planned call.
    """
    from synth.strategy.facts import gather
    from synth.strategy.offline import offline_entries, recommends_change

    now = now or utcnow()
    current = ws.strategy_text()
    doc = parse(current)
    if since is None:
        prev = last_applied(ws)
        since = prev.created.date() if prev else None
    session = llm if llm is not None else _session(ws, use_cache=use_cache, dry_run=dry_run)
    facts = gather(ws, since, themes=themes, llm=session if _is_session(session) else None)
    if session is not None:
        from synth.strategy.llm import llm_entries

        entries, dropped = llm_entries(session, facts)
        engine = str(getattr(session, "engine", "")) if _is_session(session) else "llm"
        engine = engine or f"llm:{ws.config.llm.provider}"
    else:
        entries, dropped = offline_entries(facts)
        engine = "offline"
    proposed = compose(ws, doc, entries, now.date(), written_sections(ws))
    changed = {k: v for k, v in proposed.items() if normalise(v) != normalise(doc.sections.get(k, ""))}
    claims = [e for name in changed for e in entries.get(name, []) if isinstance(e, Claim)]
    claims = [c for c in claims if claim_markdown(c) in changed.get(c.section, "")]
    statuses = {h.id: h.status.value for h in facts.hypotheses}
    status_changes = {
        hid: str(e.suggested_status)
        for hid, e in facts.evidence.items()
        if recommends_change(e, statuses.get(hid, ""))
    }
    return StrategyDraft(
        id=f"{now:%Y%m%d-%H%M%S}",
        created=now,
        since=since,
        engine=engine,
        base_sha256=sha256(current),
        base_sections=dict(doc.sections),
        sections=changed,
        claims=claims,
        status_changes=status_changes,
        dropped_claims=dropped,
    )


def _is_session(obj: Any) -> bool:
    try:
        from synth.llm import Session
    except ImportError:
        return False
    return isinstance(obj, Session)


def _session(ws: Workspace, *, use_cache: bool = True, dry_run: bool = False) -> Any:
    """The active LLM session (or one from the workspace's settings); None when no provider is set."""
    if ws.config.llm.provider.strip().lower() in ("", "none"):
        return None
    try:
        from synth.llm import Session
    except ImportError:  # an LLM layer without sessions
        from synth.llm import get_client

        return get_client(ws, use_cache=use_cache, dry_run=dry_run)
    session = Session.current(ws)
    if (dry_run and not session.dry_run) or (not use_cache and not session.no_cache):
        session = Session(ws, dry_run=dry_run, no_cache=not use_cache)
    return session if session.enabled else None


# --- the proposed document and its diff --------------------------------------


def merged_document(
    current: Document, draft: StrategyDraft, sections: set[str] | None = None, *, title: str = "# Strategy"
) -> Document:
    """`current` with the draft's sections (all, or those named) put in, new ones in standard order."""
    chosen = set(draft.sections) if sections is None else set(sections)
    new_sections = dict(current.sections)
    for name in SECTIONS:
        if name in chosen and name in draft.sections:
            new_sections[name] = draft.sections[name]
    for name in chosen - set(SECTIONS):
        if name in draft.sections:
            new_sections[name] = draft.sections[name]
    order = [n for n in current.sections]
    for name in SECTIONS:
        if name in new_sections and name not in order:
            # After the nearest standard section that precedes it, else first.
            before = [n for n in SECTIONS[: SECTIONS.index(name)] if n in order]
            order.insert(order.index(before[-1]) + 1 if before else 0, name)
    notes = dict(current.footnotes)
    for claim in draft.claims:
        if claim.section in chosen:
            for c in claim.citations:
                notes.setdefault(c.insight_id, footnote(c))
    if not current.title.strip():
        title += "\n\n_The living strategy document. `synth draft` proposes updates from the evidence; every claim cites its quotes._"
    else:
        title = current.title
    return Document(title=title, sections={n: new_sections[n] for n in order}, footnotes=notes, sources_note=current.sources_note)


def proposed_text(ws: Workspace, draft: StrategyDraft, sections: set[str] | None = None) -> str:
    return render(merged_document(parse(ws.strategy_text()), draft, sections, title=doc_title(ws)))


def doc_title(ws: Workspace) -> str:
    return f"# Strategy: {ws.config.name}"


def draft_diff(ws: Workspace, draft: StrategyDraft, sections: set[str] | None = None) -> str:
    """Unified diff of strategy.md now against strategy.md with the draft applied."""
    before = ws.strategy_text()
    after = proposed_text(ws, draft, sections)
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), "a/strategy.md", "b/strategy.md"
        )
    )
