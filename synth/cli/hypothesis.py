"""`synth hypothesis ...`: what we believe, and how we'd know we're wrong."""

from __future__ import annotations

import click

from synth.cli.common import json_option, pass_workspace, print_json
from synth.models import HypothesisKind, HypothesisStatus
from synth.workspace import Workspace

KINDS = click.Choice([k.value for k in HypothesisKind])
STATUSES = click.Choice([s.value for s in HypothesisStatus])


@click.group()
def hypothesis() -> None:
    """Add, list, edit and set the status of hypotheses."""


@hypothesis.command("add")
@click.argument("statement")
@click.option("--kind", type=KINDS, default="problem", show_default=True)
@click.option("--falsified-if", default="", help="What you'd have to hear to know you're wrong.")
@json_option
@pass_workspace
def add(ws: Workspace, statement: str, kind: str, falsified_if: str, as_json: bool) -> None:
    """Add a hypothesis."""
    h = ws.add_hypothesis(statement, HypothesisKind(kind), falsified_if)
    if as_json:
        print_json(h)
    else:
        click.echo(f"{h.id}  {h.statement}")


@hypothesis.command("list")
@json_option
@pass_workspace
def list_(ws: Workspace, as_json: bool) -> None:
    """List hypotheses with their status."""
    items = ws.hypotheses()
    if as_json:
        print_json(items)
        return
    if not items:
        click.echo("No hypotheses yet: `synth hypothesis add \"...\"`")
    for h in items:
        click.echo(f"{h.id:<4} [{h.status.value:<12}] ({h.kind.value}) {h.statement}")
        if h.falsified_if:
            click.echo(f"     wrong if: {h.falsified_if}")


@hypothesis.command("edit")
@click.argument("hypothesis_id")
@click.option("--statement", default=None)
@click.option("--kind", type=KINDS, default=None)
@click.option("--falsified-if", default=None)
@json_option
@pass_workspace
def edit(
    ws: Workspace, hypothesis_id: str, statement: str | None, kind: str | None, falsified_if: str | None, as_json: bool
) -> None:
    """Change a hypothesis's statement, kind or falsification criterion."""
    h = ws.update_hypothesis(hypothesis_id, statement=statement, kind=kind, falsified_if=falsified_if)
    if as_json:
        print_json(h)
    else:
        click.echo(f"{h.id}  {h.statement}")


@hypothesis.command("set-status")
@click.argument("hypothesis_id")
@click.argument("status", type=STATUSES)
@json_option
@pass_workspace
def set_status(ws: Workspace, hypothesis_id: str, status: str, as_json: bool) -> None:
    """Set a hypothesis's status (Synth only suggests; you decide)."""
    h = ws.set_status(hypothesis_id, HypothesisStatus(status))
    if as_json:
        print_json(h)
    else:
        click.echo(f"{h.id} is now {h.status.value}")
