"""`synth insight link ID H --stance supports|contradicts|neutral|engine`: the founder's word on one link."""

from __future__ import annotations

import click

from synth.cli.common import json_option, pass_workspace, print_json
from synth.workspace import Workspace

STANCES = ("supports", "contradicts", "neutral", "engine")


@click.command("link")
@click.argument("insight_id")
@click.argument("hypothesis_id")
@click.option(
    "--stance",
    type=click.Choice(STANCES),
    required=True,
    help="Your stance on this link (neutral: it does not bear on the hypothesis; engine: hand it back).",
)
@json_option
@pass_workspace
def link(ws: Workspace, insight_id: str, hypothesis_id: str, stance: str, as_json: bool) -> None:
    """Confirm, flip or drop one evidence link; it overrides the engine everywhere and survives relinking."""
    from synth.extract.review import set_link_stance
    from synth.models import Stance

    new = set_link_stance(ws, insight_id, hypothesis_id, None if stance == "engine" else Stance(stance))
    if as_json:
        print_json(new)
        return
    who = "yours" if new.reviewed else "the engine's"
    click.echo(
        f"{new.insight_id} -> {new.hypothesis_id}: {new.effective_stance.value} ({who}; "
        f"engine said {new.stance.value}, strength {new.strength:.2f})"
    )
