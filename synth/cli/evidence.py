"""`synth evidence` and `synth themes`."""

from __future__ import annotations

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
from synth.workspace import Workspace


@click.command()
@click.argument("hypothesis_id", required=False)
@click.option("--relink", is_flag=True, help="Recompute every insight's links to the hypotheses first.")
@click.option("--surprises", "show_surprises", is_flag=True, help="Also list what no hypothesis predicted.")
@llm_options
@json_option
@pass_workspace
def evidence(
    ws: Workspace,
    hypothesis_id: str | None,
    relink: bool,
    show_surprises: bool,
    dry_run: bool,
    max_cost: float | None,
    no_cache: bool,
    as_json: bool,
) -> None:
    """Evidence for and against each hypothesis, with a suggested status."""
    from synth import evidence as ev
    from synth.surprises import surprises

    with llm_session(ws, dry_run=dry_run, max_cost=max_cost, no_cache=no_cache) as session:
        if dry_run:
            if relink and session.enabled:
                from synth.evidence_llm import llm_links

                hypotheses = ws.hypotheses()
                for iset in ws.insight_sets():
                    llm_links(ws, iset, hypotheses, session)  # lists each request; saves nothing
            print_planned(session, as_json)
            return
        if relink:
            done = ev.relink_report(ws, force=True, progress=progress)
            news = (f"; found {len(done.found)} new quote(s) bearing on your hypotheses "
                     "(review them: synth insights --review new)") if done.found else ""
            progress(f"relinked {done.relinked} interview(s){news}")
        items = ev.evidence_summary(ws)
        found = surprises(ws) if show_surprises else []
    if hypothesis_id:
        hid = ws.hypothesis(hypothesis_id).id
        items = [e for e in items if e.hypothesis_id == hid]
    if as_json:
        print_json({"hypotheses": items, "surprises": found} if show_surprises else items)
        return
    if not items:
        click.echo('No hypotheses yet: `synth hypothesis add "..."`')
    if any(e.stale for e in items):
        click.echo("(links predate your current hypotheses: figures computed now, offline; "
                   "`synth evidence --relink` stores them)\n")
    for e in items:
        click.echo(f"{e.hypothesis_id}  {e.statement}")
        click.echo(
            f"    for: {e.supporting} insights from {e.supporting_participants} participants "
            f"({e.reviewed_supporting} reviewed by you)   "
            f"against: {e.contradicting} from {e.contradicting_participants} ({e.reviewed_contradicting} reviewed)"
        )
        extra = []
        if e.participants_mixed:
            # Otherwise "3 insights from 2 participants; 3 participants on both sides" reads as a contradiction.
            extra.append(f"{len(e.participants_mixed)} participant(s) spoke on both sides and count once, on the side "
                         f"they lean to ({e.mixed_insights} insight(s) from their other side set aside)")
        if e.needs_review:
            extra.append(f"{e.needs_review} weak link(s) need your review, not counted")
        if e.unclear:
            extra.append(f"{e.unclear} related without a direction (~), your call")
        if extra:
            click.echo("    " + "; ".join(extra))
        click.echo(f"    suggested: {e.suggested_status} ({e.rule}); yours: {e.status.value}")
        for label, quotes in (("+", e.top_supporting), ("-", e.top_contradicting), ("?", e.needs_review_quotes)):
            for q in quotes:
                mark = "reviewed" if q.reviewed else f"engine {q.strength:.2f}"
                click.echo(f"    {label} \u201c{q.quote}\u201d \u2014 {q.participant} [{q.insight_id}, {mark}]")
        if e.needs_review > len(e.needs_review_quotes):
            click.echo(f"    ? \u2026 {e.needs_review - len(e.needs_review_quotes)} more to review: "
                       f"`synth insights --hypothesis {e.hypothesis_id}`")
        for q in e.unclear_quotes:
            click.echo(f"    ~ \u201c{q.quote}\u201d \u2014 {q.participant} [{q.insight_id}, related, which way?]")
        if e.unclear > len(e.unclear_quotes):
            click.echo(f"    ~ \u2026 {e.unclear - len(e.unclear_quotes)} more related without a direction")
        click.echo("")
    if any(e.needs_review or e.unclear for e in items):
        click.echo("Confirm or flip a link: synth insight link INSIGHT_ID H --stance supports|contradicts|neutral")
    from synth.strategy.offline import short

    for s in found:
        # A label of shared words ("Month") says little alone: one of its quotes shows what was said.
        example = f" \u2014 e.g. \u201c{short(s.quotes[0], 100)}\u201d" if s.quotes and s.reason == "recurring" else ""
        click.echo(f"surprise ({s.reason}, {s.participants} participants): {s.summary}{example}")


@click.command()
@llm_options
@json_option
@pass_workspace
def themes(ws: Workspace, dry_run: bool, max_cost: float | None, no_cache: bool, as_json: bool) -> None:
    """Cluster insights into themes across interviews (named by the LLM when one is configured)."""
    from synth.themes import themes as find_themes

    with llm_session(ws, dry_run=dry_run, max_cost=max_cost, no_cache=no_cache) as session:
        items = find_themes(ws, llm=session)
    if dry_run:
        print_planned(session, as_json)
        return
    if as_json:
        print_json(items)
        return
    if not items:
        click.echo("No themes yet: themes need similar insights from at least two places.")
    for t in items:
        kinds = ", ".join(f"{k} {n}" for k, n in t.kinds.items())
        click.echo(f"{t.id}  {t.label}")
        click.echo(f"    {len(t.insight_ids)} insights, {t.participants} participants, {t.interviews} interviews ({kinds})")
        for q in t.quotes:
            click.echo(f"    \u201c{q.quote}\u201d \u2014 {q.participant} [{q.insight_id}]")
