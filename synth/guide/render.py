"""Guides on disk: `guides/<date>-<slug>.md` for people, a JSON twin for the TUI to reload."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from synth import atomic
from synth.errors import UserError
from synth.models import Guide
from synth.workspace import Workspace


def render_markdown(guide: Guide) -> str:
    planned = sum(s.minutes for s in guide.sections)
    spare = max(0, guide.minutes - planned)
    opening_min = min(spare, max(2, round(guide.minutes * 0.1))) if planned else 0
    closing_min = spare - opening_min if planned else 0
    meta = [guide.created.isoformat(), f"{guide.minutes} minutes"]
    if guide.segment:
        meta.append(f"segment: {guide.segment}")
    meta.append(f"engine: {guide.engine}")
    lines = [f"# Interview guide: {guide.title}", "", f"_{' · '.join(meta)}_", ""]
    lines += [
        "> Ask about specific past events, not opinions about the future. Let silences run. "
        "Don't mention your idea until the end, if at all.",
        "",
    ]
    lines += [_heading("Opening", opening_min), ""]
    lines += [f"- {line}" for line in guide.opening] + [""]
    for section in guide.sections:
        lines += [_heading(f"{section.hypothesis_id}: {section.hypothesis}", section.minutes), ""]
        for n, q in enumerate(section.questions, start=1):
            lines.append(f"{n}. {q.text}")
            lines += [f"   - Probe: {p}" for p in q.probes]
            for f in q.flags:
                lines.append(f"   - _Linter ({f.rule}): {f.why} {f.suggestion}_")
        lines += ["", f"_Counts against {section.hypothesis_id}: {section.counts_against}_", ""]
    lines += [_heading("Closing", closing_min), ""]
    lines += [f"- {line}" for line in guide.closing] + [""]
    return "\n".join(lines)


def _heading(title: str, minutes: int) -> str:
    return f"## {title} ({minutes} min)" if minutes else f"## {title}"


def save_guide(ws: Workspace, guide: Guide) -> Path:
    """Write the Markdown and its JSON twin; returns the Markdown's path.

    The same guide (same day, same hypotheses) saved again replaces its files,
    unless the Markdown was edited by hand since: then it is kept and the new
    guide gets a new name (`-2`, `-3`…).
    """
    with ws.locked():
        gid = guide.id
        n = 1
        while _hand_edited(ws.guides_dir / f"{gid}.md"):
            n += 1
            gid = f"{guide.id}-{n}"
        if gid != guide.id:
            guide = guide.model_copy(update={"id": gid})
        md = ws.guides_dir / f"{gid}.md"
        atomic.write_json(ws.guides_dir / f"{gid}.json", guide)
        atomic.write_text(md, render_markdown(guide))
    return md


def _hand_edited(md: Path) -> bool:
    if not md.exists():
        return False
    try:
        stored = load_guide(md)
    except UserError:
        return True
    return md.read_text(encoding="utf-8") != render_markdown(stored)


def load_guide(path: Path) -> Guide:
    """A guide from its JSON twin (the `.md` path works too)."""
    path = Path(path)
    if path.suffix == ".md":
        path = path.with_suffix(".json")
    try:
        return Guide.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise UserError("no such guide (its JSON twin is missing)", path=path) from None
    except ValidationError as exc:
        raise UserError(f"damaged guide file: {str(exc).splitlines()[0]}", path=path) from None
