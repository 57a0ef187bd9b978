"""`synth draft`: propose a cited update to strategy.md; `synth draft apply ID`; `synth readout`."""

from __future__ import annotations

from datetime import date

import click

from synth.cli.common import (
    State,
    json_option,
    llm_options,
    llm_session,
    pass_workspace,
    print_json,
    print_planned,
    progress,
)
from synth.errors import UserError
from synth.workspace import Workspace


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"--since must be a date like 2026-03-01, not {value!r}") from None


@click.group(invoke_without_command=True)
@click.option("--since", default=None, metavar="DATE", help="Evidence from interviews held on or after DATE "
              "(default: since the last applied draft).")
@click.option("--apply", "apply_now", is_flag=True, help="Apply the draft at once (every section it changes).")
@click.option("--no-themes", is_flag=True, help="Skip themes and surprises (faster on big workspaces).")
@llm_options
@json_option
@click.pass_context
def draft(
    ctx: click.Context,
    since: str | None,
    apply_now: bool,
    dry_run: bool,
    max_cost: float | None,
    no_cache: bool,
    no_themes: bool,
    as_json: bool,
) -> None:
    """Draft an update to strategy.md from the evidence, reviewed as a diff.

    Writes drafts/<id>.json, drafts/<id>.proposed.md and drafts/<id>.diff and prints
    the diff. Every claim cites insight ids (footnotes with the verbatim quote).
    Apply it with --apply, or later with `synth draft apply ID [--section NAME...]`.
    A section edited by hand since the draft was made is never overwritten.
    """
    if ctx.invoked_subcommand is not None:
        return
    from synth.strategy import apply_draft, draft_diff, make_draft, save_draft

    ws = (ctx.find_object(State) or State(None)).workspace()
    if dry_run and apply_now:
        raise UserError("--dry-run and --apply contradict each other")
    from synth.llm import DryRunStop

    since_day = _date(since)
    progress("drafting an update from the evidence…")
    with llm_session(ws, dry_run=dry_run, max_cost=max_cost, no_cache=no_cache) as session:
        try:
            d = make_draft(ws, since=since_day, llm=session if session.enabled else None, themes=not no_themes)
        except DryRunStop:
            # A dry run with an LLM stops at the draft's own call: list every request, send nothing.
            print_planned(session, as_json)
            return
    diff = draft_diff(ws, d)
    paths: dict[str, str] = {}
    if not dry_run and d.sections:
        paths = {k: str(v) for k, v in save_draft(ws, d).items()}
    if apply_now and d.sections:
        d = apply_draft(ws, d)
    if as_json:
        print_json({"draft": d, "diff": diff, "paths": paths, "applied": d.applied})
        return
    for problem in d.dropped_claims:
        progress(f"dropped a claim without a valid citation: {problem}")
    if not d.sections:
        progress("nothing to update: strategy.md already reflects the evidence")
        return
    click.echo(diff, nl=False)
    changes = ", ".join(f"{h} -> {s}" for h, s in d.status_changes.items())
    if changes:
        progress(f"suggested status changes: {changes} (set them with `synth hypothesis set-status`)")
    if d.applied:
        progress(f"applied draft {d.id} to strategy.md ({len(d.sections)} section(s)); previous kept in drafts/")
    elif dry_run:
        progress(f"dry run: {len(d.sections)} section(s) would change; nothing written")
    else:
        progress(f"draft {d.id}: {len(d.sections)} section(s) would change; `synth draft apply {d.id}` applies it")


@draft.command("apply")
@click.argument("draft_id", default="latest")
@click.option("--section", "sections", multiple=True, metavar="NAME",
              help="Apply only this section (repeatable): accept some hunks, reject the rest.")
@json_option
@pass_workspace
def apply_cmd(ws: Workspace, draft_id: str, sections: tuple[str, ...], as_json: bool) -> None:
    """Apply a saved draft (default: the latest) to strategy.md, atomically."""
    from synth.strategy import apply_draft, load_draft

    d = apply_draft(ws, load_draft(ws, draft_id), sections=list(sections) or None)
    if as_json:
        print_json(d)
    else:
        click.echo(f"applied draft {d.id}: {', '.join(d.applied_sections)}")


@draft.command("list")
@json_option
@pass_workspace
def list_cmd(ws: Workspace, as_json: bool) -> None:
    """List saved drafts."""
    from synth.strategy import list_drafts

    drafts = list_drafts(ws)
    if as_json:
        print_json([{"id": d.id, "created": d.created, "applied": d.applied, "sections": list(d.sections)} for d in drafts])
        return
    for d in drafts:
        click.echo(f"{d.id}  {'applied' if d.applied else 'pending':<8} {', '.join(d.sections)}")


@click.command()
@click.option("--week", default=None, metavar="YYYY-Www", help="ISO week (default: this week).")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the page too.")
@json_option
@pass_workspace
def readout(ws: Workspace, week: str | None, to_stdout: bool, as_json: bool) -> None:
    """Write the weekly readout: readouts/<YYYY-Www>.md, one page."""
    from synth.strategy import make_readout, render_readout, write_readout

    r = make_readout(ws, week)
    path = write_readout(ws, r)
    if as_json:
        print_json({"path": str(path), "readout": r})
        return
    progress(f"wrote {path}")
    click.echo(render_readout(r) if to_stdout else str(path))
