"""The living strategy document: sections, cited drafts, section-level apply, the weekly readout.

    make_draft(ws, since=None, llm=None) -> StrategyDraft     nothing written
    save_draft(ws, draft) -> {"json", "proposed", "diff": Path}
    draft_diff(ws, draft, sections=None) -> str               unified diff against strategy.md now
    apply_draft(ws, draft, sections=None) -> StrategyDraft    hunk = section; ConflictError on a hand edit
    load_draft(ws, draft_id) / list_drafts(ws) / last_applied(ws)
    make_readout(ws, week=None) -> Readout; render_readout(r); write_readout(ws, r) -> Path

Helpers: `eligible` (what may stand as customer evidence), `check` (re-derive a claim from
what it cites), `merge` (keep a founder's lines when a re-draft rewrites a section).
"""

from synth.strategy.apply import apply_draft, conflicts
from synth.strategy.draft import (
    draft_diff,
    last_applied,
    list_drafts,
    load_draft,
    make_draft,
    proposed_text,
    save_draft,
)
from synth.strategy.readout import make_readout, render_readout, write_readout
from synth.strategy.sections import SECTIONS, parse, render

__all__ = [
    "SECTIONS",
    "apply_draft",
    "conflicts",
    "draft_diff",
    "last_applied",
    "list_drafts",
    "load_draft",
    "make_draft",
    "make_readout",
    "parse",
    "proposed_text",
    "render",
    "render_readout",
    "save_draft",
    "write_readout",
]
