"""`synth extract`, `synth insights`, `synth insight accept|reject|edit`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from synth.cli.common import (
    json_option,
    llm_options,
    llm_session,
    pass_workspace,
    print_json,
    print_planned,
    progress,
)
from synth.models import Insight, InsightKind, Review
from synth.workspace import Workspace

if TYPE_CHECKING:
    from synth.extract.run import Engine
    from synth.llm import Session

KINDS = click.Choice([k.value for k in InsightKind])


@click.command()
@click.argument("interview_ids", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Every interview (already extracted ones need --force).")
@click.option("--force", is_flag=True, help="Extract again; your accept/reject decisions and edits are kept.")
@llm_options
@json_option
@pass_workspace
def extract(
    ws: Workspace,
    interview_ids: tuple[str, ...],
    all_: bool,
    force: bool,
    no_cache: bool,
    dry_run: bool,
    max_cost: float | None,
    as_json: bool,
) -> None:
    """Extract insights with verbatim quotes (default: interviews not yet extracted)."""
    from synth.errors import SynthError
    from synth.extract import extract_interviews

    with llm_session(ws, dry_run=dry_run, max_cost=max_cost, no_cache=no_cache) as session:
        report = extract_interviews(
            ws,
            list(interview_ids) or None,
            all_=all_,
            force=force,
            dry_run=dry_run,
            engine=_engine(ws, session),
            progress=progress,
        )
    if dry_run:
        outcomes = [o.__dict__ for o in report.outcomes]
        if not as_json:
            for o in report.outcomes:
                click.echo(f"{o.interview_id:<24} {o.status:<9} {o.message}", err=True)
        print_planned(session, as_json, {"engine": report.engine, "outcomes": outcomes})
        return
    if as_json:
        print_json(
            {
                "engine": report.engine,
                "outcomes": [o.__dict__ for o in report.outcomes],
                "calls": report.calls,
                "tokens": report.tokens,
                "cost": report.cost,
                "spend": {step: vars(s) for step, s in session.spend().items()},
                "seconds": report.seconds,
            }
        )
    else:
        if not report.outcomes:
            click.echo("Nothing to extract: every interview has insights (use --all --force to redo).")
        for o in report.outcomes:
            extra = f" ({o.dropped_quotes} ungrounded quotes dropped)" if o.dropped_quotes else ""
            extra += f" ({o.flagged} flagged as suspicious: shown, not counted)" if o.flagged else ""
            extra += f" ({o.unattributed} from unlabelled speakers)" if o.unattributed else ""
            msg = f"  {o.message}" if o.message and o.status != "extracted" else ""
            click.echo(f"{o.interview_id:<24} {o.status:<9} {o.insights:>3} insights{extra}{msg}")
    if report.failed:
        raise SynthError(f"{report.failed} interview(s) failed; run `synth extract` again to resume")


def _engine(ws: Workspace, session: Session) -> Engine | None:
    """The LLM engine on the command's session (None: the offline engine, chosen by extract_interviews)."""
    if not session.enabled:
        return None
    from synth.extract.llm_engine import LLMExtractor

    return LLMExtractor.for_workspace(ws, llm=session)


@click.command()
@click.option("--kind", type=KINDS, default=None)
@click.option("--hypothesis", "hypothesis_id", default=None, help="Only insights linked to this hypothesis.")
@click.option("--interview", "interview_id", default=None)
@click.option("--review", type=click.Choice([r.value for r in Review]), default=None)
@json_option
@pass_workspace
def insights(
    ws: Workspace,
    kind: str | None,
    hypothesis_id: str | None,
    interview_id: str | None,
    review: str | None,
    as_json: bool,
) -> None:
    """List insights (rejected ones only with --review rejected)."""
    from synth.extract.review import list_insights

    items = list_insights(ws, kind=kind, hypothesis=hypothesis_id, interview=interview_id, review=review)
    if as_json:
        print_json(items)
        return
    if not items:
        click.echo("No insights match. Run `synth extract` first?")
    for ins in items:
        _show(ins)


def _show(ins: Insight) -> None:
    mark = {"accepted": "+", "rejected": "x", "new": " "}[ins.review.value]
    click.echo(f"{ins.id} {mark} [{ins.kind.value}] {ins.summary}  ({ins.participant}, {ins.confidence:.2f})")
    for q in ins.in_order:
        click.echo(f"      \u201c{q.text}\u201d  [{q.interview_id} @{q.start}]")


@click.group()
def insight() -> None:
    """Accept, reject or edit one insight, or set your stance on one of its links."""


@insight.command("accept")
@click.argument("insight_id")
@json_option
@pass_workspace
def accept(ws: Workspace, insight_id: str, as_json: bool) -> None:
    """Mark an insight as accepted."""
    from synth.extract.review import set_review

    _done(set_review(ws, insight_id, Review.accepted), as_json)


@insight.command("reject")
@click.argument("insight_id")
@json_option
@pass_workspace
def reject(ws: Workspace, insight_id: str, as_json: bool) -> None:
    """Reject an insight: it stays out of evidence and drafts."""
    from synth.extract.review import set_review

    _done(set_review(ws, insight_id, Review.rejected), as_json)


@insight.command("edit")
@click.argument("insight_id")
@click.option("--summary", default=None)
@click.option("--kind", type=KINDS, default=None)
@json_option
@pass_workspace
def edit(ws: Workspace, insight_id: str, summary: str | None, kind: str | None, as_json: bool) -> None:
    """Change an insight's summary or kind (kept across re-extraction)."""
    from synth.extract.review import edit_insight

    _done(edit_insight(ws, insight_id, summary=summary, kind=kind), as_json)


def _done(ins: Insight, as_json: bool) -> None:
    if as_json:
        print_json(ins)
    else:
        _show(ins)


def _add_link_command() -> None:
    # `synth insight link` lives with the evidence code; registered here so the group stays one place.
    from synth.cli.insight_link import link

    insight.add_command(link)


_add_link_command()
