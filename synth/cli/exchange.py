"""`synth export qdpx|md|csv OUT` and `synth import qdpx FILE`: exchange with researchers' tools."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from synth.cli.common import err, json_option, pass_workspace, print_json
from synth.workspace import Workspace

OUT = click.Path(dir_okay=False, writable=True, path_type=Path)


@click.group()
def export() -> None:
    """Export to REFI-QDA (.qdpx), Markdown or CSV."""


@export.command("qdpx")
@click.argument("out", type=OUT)
@click.option("--include-rejected", is_flag=True, help="Also export insights you rejected.")
@json_option
@pass_workspace
def export_qdpx_cmd(ws: Workspace, out: Path, include_rejected: bool, as_json: bool) -> None:
    """Write a REFI-QDA project (.qdpx).

    Opens in NVivo, ATLAS.ti, MAXQDA, QualCoder: interviews as text sources, insights as coded
    selections, hypotheses and insight kinds as codes, strategy.md as a project note.
    """
    from synth.exchange.qdpx_export import export_qdpx

    summary = export_qdpx(ws, out, include_rejected=include_rejected)
    for line in summary.left_out:
        err(f"note: {line}")
    if as_json:
        print_json(asdict(summary))
    else:
        click.echo(f"Wrote {out}: {summary.interviews} interviews, {summary.selections} coded selections "
                   f"({summary.insights} insights), {summary.codes} codes")


@export.command("md")
@click.argument("out", type=OUT)
@json_option
@pass_workspace
def export_md_cmd(ws: Workspace, out: Path, as_json: bool) -> None:
    """Write a readable Markdown report.

    Each hypothesis with its evidence on both sides, then themes and surprises; every quote
    with its participant and interview.
    """
    from synth.exchange.report_md import export_md

    summary = export_md(ws, out)
    for line in summary.left_out:
        err(f"note: {line}")
    if as_json:
        print_json(asdict(summary))
    else:
        click.echo(f"Wrote {out}: {summary.hypotheses} hypotheses, {summary.quotes} quotes")


@export.command("csv")
@click.argument("out", type=OUT)
@click.option("--include-rejected", is_flag=True, help="Also export insights you rejected.")
@json_option
@pass_workspace
def export_csv_cmd(ws: Workspace, out: Path, include_rejected: bool, as_json: bool) -> None:
    """Write a CSV, one row per (insight, quote).

    UTF-8 with a byte-order mark, so Excel reads accents right; cells a spreadsheet would run
    as a formula start with an apostrophe.
    """
    from synth.exchange.report_csv import export_csv

    summary = export_csv(ws, out, include_rejected=include_rejected)
    if as_json:
        print_json(asdict(summary))
    else:
        click.echo(f"Wrote {out}: {summary.rows} rows")


@click.group("import")
def import_cmd() -> None:
    """Import a REFI-QDA project (.qdpx)."""


@import_cmd.command("qdpx")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@json_option
@pass_workspace
def import_qdpx_cmd(ws: Workspace, file: Path, as_json: bool) -> None:
    """Import interviews and coded selections from a .qdpx; nothing is written if the file is refused."""
    from synth.exchange.qdpx_import import import_qdpx

    summary = import_qdpx(ws, file)
    for line in summary.notes:
        err(f"note: {line}")
    if summary.dropped_quotes:
        err(f"note: {summary.dropped_quotes} selection(s) could not be placed in the imported text and were left out")
    if as_json:
        print_json(asdict(summary))
        return
    click.echo(f"Imported {len(summary.interviews)} interviews, {summary.insights} insights, {summary.links} links"
               + (f"; new hypotheses {', '.join(summary.hypotheses_created)}" if summary.hypotheses_created else ""))
    if summary.already_present:
        click.echo(f"Already in the workspace: {', '.join(summary.already_present)}")
