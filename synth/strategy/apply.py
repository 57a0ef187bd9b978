"""Applying a draft: section by section, refusing to overwrite a hand edit, atomically.

A section the draft would change must still read as it did when the draft was
made; if the founder edited it since, applying stops with a ConflictError that
names it, before anything is written. Sections the draft does not touch keep
every edit. The strategy.md being replaced is kept as drafts/<id>.previous.md.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable

from synth import atomic
from synth.errors import ConflictError, UserError
from synth.models import StrategyDraft
from synth.strategy.citations import check_draft_citations, live_insights
from synth.strategy.draft import doc_title, draft_paths, merged_document
from synth.strategy.sections import canonical, normalise, parse, render
from synth.workspace import Workspace


def conflicts(ws: Workspace, draft: StrategyDraft, sections: Iterable[str] | None = None) -> list[str]:
    """The chosen sections edited in strategy.md since the draft was made."""
    current = parse(ws.strategy_text())
    chosen = list(draft.sections) if sections is None else [canonical(s) for s in sections]
    return [
        name
        for name in chosen
        if normalise(current.sections.get(name, "")) != normalise(draft.base_sections.get(name, ""))
    ]


def apply_draft(ws: Workspace, draft: StrategyDraft, sections: Iterable[str] | None = None) -> StrategyDraft:
    """Apply the draft's changes (all, or only the named sections: the accepted hunks); returns it marked applied."""
    if draft.applied:
        raise UserError(f"draft {draft.id} was already applied; run `synth draft` for a new one")
    chosen = set(draft.sections) if sections is None else {canonical(s) for s in sections}
    unknown = sorted(chosen - set(draft.sections))
    if unknown:
        raise UserError(f"draft {draft.id} does not change section(s): {', '.join(unknown)}")
    with ws.locked():
        edited = conflicts(ws, draft, chosen)
        if edited:
            names = ", ".join(f"'{n}'" for n in edited)
            others = sorted(chosen - set(edited))
            also = (
                f", or apply only the sections you did not edit: `synth draft apply {draft.id} "
                + " ".join(f"--section {shlex.quote(n)}" for n in others) + "`"
                if others else ""
            )
            raise ConflictError(
                f"section {names} was edited by hand since draft {draft.id} was made, so applying it would "
                f"overwrite your edit; nothing was changed. Run `synth draft` for a new draft built on your "
                f"edit (it keeps every line you wrote){also}",
                path=ws.strategy_path,
            )
        live = live_insights(ws)
        stale = check_draft_citations([c for c in draft.claims if c.section in chosen], live)
        if stale:
            raise ConflictError(
                f"draft {draft.id} cites insights rejected or removed since it was made ({stale[0]}); "
                "run `synth draft` again",
                path=ws.strategy_path,
            )
        before = ws.strategy_text()
        after = render(merged_document(parse(before), draft, chosen, title=doc_title(ws)))
        paths = draft_paths(ws, draft.id)
        if ws.strategy_path.exists():
            atomic.write_text(paths["previous"], before)
        atomic.write_text(ws.strategy_path, after)
        done = draft.model_copy(update={"applied": True, "applied_sections": sorted(chosen)})
        atomic.write_json(paths["json"], done)
    return done
