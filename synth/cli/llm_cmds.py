"""`synth doctor` and `synth usage`."""

from __future__ import annotations

import click

from synth.cli.common import json_option, pass_workspace, print_json
from synth.workspace import Workspace


@click.command()
@click.option("--timeout", default=5.0, show_default=True, help="Seconds to wait for the provider.")
@json_option
@pass_workspace
def doctor(ws: Workspace, timeout: float, as_json: bool) -> None:
    """Check the LLM provider, embeddings, index and token counting."""
    from synth.llm.doctor import run_checks

    checks = run_checks(ws, timeout=timeout)
    if as_json:
        print_json({"ok": all(c.ok for c in checks), "checks": [c.as_dict() for c in checks]})
        return
    for c in checks:
        mark = "ok" if c.ok else "FAIL"
        click.echo(f"{mark:<8}{c.name:<16}{c.detail}")
    if not all(c.ok for c in checks):
        click.echo("Some checks failed; see the lines marked FAIL.", err=True)


@click.command()
@json_option
@pass_workspace
def usage(ws: Workspace, as_json: bool) -> None:
    """LLM calls, tokens, cache hits and dollars, per step and per day."""
    from synth.llm import USAGE_FILE
    from synth.llm.usage import UsageLog

    summary = UsageLog(ws.derived_dir / USAGE_FILE).summary()
    if as_json:
        print_json(summary)
        return
    if not summary["total"]["calls"] and not summary["total"]["cache_hits"]:
        click.echo("No LLM calls yet.")
        return
    header = f"{'':<22}{'calls':>7}{'cached':>8}{'errors':>8}{'tokens in':>11}{'tokens out':>11}{'dollars':>10}"

    def row(label: str, b: dict[str, float]) -> str:
        return (
            f"{label:<22}{b['calls']:>7}{b['cache_hits']:>8}{b['errors']:>8}"
            f"{b['tokens_in']:>11}{b['tokens_out']:>11}{b['usd']:>10.4f}"
        )

    for title, key in (("By step", "by_step"), ("By day", "by_day")):
        click.echo(title)
        click.echo(header)
        for label, bucket in sorted(summary[key].items()):
            click.echo(row(label, bucket))
        click.echo("")
    click.echo(row("Total", summary["total"]))
    total = summary["total"]
    if total["tokens_in"]:
        share = total.get("tokens_cached", 0) / total["tokens_in"]
        click.echo(f"Prompt tokens served from the provider's prompt cache: {total.get('tokens_cached', 0)} ({share:.0%})")
