"""`synth demo`: a fresh demo workspace and the whole loop, offline."""

from __future__ import annotations

import textwrap
from dataclasses import asdict
from pathlib import Path

import click

from synth.cli.common import json_option, print_json, progress


@click.command()
@click.argument("directory", required=False, default="synth-demo", type=click.Path(file_okay=False, path_type=Path))
@json_option
def demo(directory: Path, as_json: bool) -> None:
    """Build a demo workspace in DIRECTORY (default ./synth-demo) and run the whole loop offline.

    Imports ten customer interviews in six formats, extracts insights with
    verbatim quotes, links them to the demo's hypotheses, searches them and
    drafts an update to strategy.md. No API key, no network.
    """
    from synth.demo import run_demo

    summary = run_demo(directory, on_progress=progress)
    if as_json:
        print_json(asdict(summary))
        return
    echo = click.echo
    echo("")
    echo(click.style(f"Demo workspace: {summary.workspace}", bold=True))
    echo(f"{summary.interviews} interviews, {summary.insights} insights, every quote verbatim from a transcript.")
    echo("")
    echo(click.style("Hypotheses (evidence from distinct customers)", bold=True))
    for h in summary.hypotheses:
        echo(
            f"  {h['id']:<3} {h['participants_for']} for / {h['participants_against']} against"
            f"  -> suggested: {h['suggested_status']}"
        )
        echo(textwrap.indent(textwrap.fill(h["statement"], 88), "      "))
    echo("")
    echo(click.style("Top insights", bold=True))
    for ins in summary.top_insights:
        echo(f"  [{ins['hypothesis']} {ins['side']}] {ins['participant']} ({ins['interview']}):")
        echo(textwrap.indent(textwrap.fill(f"\u201c{ins['quote']}\u201d", 86), "      "))
    echo("")
    echo(click.style("Search", bold=True))
    for s in summary.searches:
        top = s["hits"][0] if s["hits"] else None
        echo(f"  {s['query']!r}: {len(s['hits'])} hits" + (f"; best from {top['speaker']} in {top['interview']}" if top else ""))
    echo("")
    echo(f"Strategy draft written to {summary.draft_path}")
    echo(f"Apply it with `synth -w {summary.workspace} draft apply`, or open the TUI: `synth -w {summary.workspace}`")
