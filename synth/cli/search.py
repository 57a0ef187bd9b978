"""`synth search` and `synth reindex`: hybrid search over interviews and insights."""

from __future__ import annotations

import datetime

import click

from synth.cli.common import json_option, pass_workspace, print_json, progress
from synth.errors import UserError
from synth.workspace import Workspace


def _parse_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise UserError(f"--since expects a date like 2026-03-01, not {value!r}") from None


def _timestamp(seconds: float | None) -> str:
    if seconds is None:
        return ""
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


@click.command()
@click.argument("query")
@click.option("--k", "k", type=click.IntRange(1, 500), default=10, show_default=True, help="How many hits.")
@click.option("--speaker", type=click.Choice(["participant", "interviewer", "any"]), default="any", show_default=True)
@click.option("--interview", "interview_id", default=None, help="Only this interview (id or unique prefix).")
@click.option("--segment", default=None, help="Only interviews of this segment.")
@click.option("--since", default=None, help="Only interviews on or after this date (YYYY-MM-DD).")
@click.option(
    "--kind", type=click.Choice(["chunks", "insights", "hypotheses", "all"]), default="all", show_default=True,
    help="Transcript chunks, insights, or both (hypotheses only when asked for).",
)
@json_option
@pass_workspace
def search(
    ws: Workspace,
    query: str,
    k: int,
    speaker: str,
    interview_id: str | None,
    segment: str | None,
    since: str | None,
    kind: str,
    as_json: bool,
) -> None:
    """Search every interview and insight: exact words and meaning (hybrid semantic + keyword)."""
    from synth.index import search as run_search

    if interview_id:
        interview_id = ws.resolve_interview_id(interview_id)
    hits = run_search(
        ws, query, k=k, speaker=speaker, interview=interview_id, segment=segment, since=_parse_date(since), kind=kind
    )
    if as_json:
        print_json(hits)
        return
    if not hits:
        click.echo("No matches. (Nothing indexed yet? Run `synth reindex`.)")
        return
    for n, h in enumerate(hits, start=1):
        where = f"{h.interview_id or ''}"
        if h.t_start is not None:
            where += f" @{_timestamp(h.t_start)}"
        when = h.date.isoformat() if h.date else ""
        label = h.kind if h.kind != "insight" else f"insight {h.insight_kind}"
        click.echo(f"{n:>2}. [{label}] {where}  {h.speaker} ({h.role}) {when}  score {h.score:.4f}")
        if h.summary and h.kind == "insight":
            click.echo(f"    {h.summary}")
        click.echo(f"    \u201c{h.text.strip()}\u201d")
        if h.start is not None:
            click.echo(f"    chars {h.start}-{h.end}")


@click.command()
@json_option
@pass_workspace
def reindex(ws: Workspace, as_json: bool) -> None:
    """Rebuild the search index from the workspace files (interviews, insights, hypotheses)."""
    from synth.index import reindex as run_reindex

    counts = run_reindex(ws, on_progress=progress)
    if as_json:
        print_json(counts)
    else:
        click.echo(
            f"Indexed {counts['chunks']} chunks from {counts['interviews']} interviews, "
            f"{counts['insights']} insights, {counts['hypotheses']} hypotheses."
        )
