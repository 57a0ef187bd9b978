"""`synth guide`: write an interview guide; `synth guide lint FILE`: check questions you wrote."""

from __future__ import annotations

from pathlib import Path

import click

from synth.cli.common import State, json_option, llm_options, llm_session, print_json, print_planned, progress
from synth.errors import SynthError, UserError


class GuideLintFailed(SynthError):
    """At least one question was flagged (exit 1, like any linter)."""


@click.group(invoke_without_command=True)
@click.option("--hypothesis", "-H", "hypothesis_ids", multiple=True, metavar="ID",
              help="A hypothesis to cover (repeatable; default: the open or inconclusive ones that fit, named on stderr).")
@click.option("--minutes", "-m", type=click.IntRange(5, 240), default=30, show_default=True,
              help="Interview length: fewer hypotheses and questions when short.")
@click.option("--segment", default="",
              help="Who you are interviewing, e.g. 'solo founders' (fits the probes; shown in the guide).")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the Markdown too.")
@llm_options
@json_option
@click.pass_context
def guide(
    ctx: click.Context,
    hypothesis_ids: tuple[str, ...],
    minutes: int,
    segment: str,
    to_stdout: bool,
    dry_run: bool,
    max_cost: float | None,
    no_cache: bool,
    as_json: bool,
) -> None:
    """Generate an interview guide for hypotheses, linted, saved in guides/.

    Questions about past behaviour with follow-up probes, and what answer would
    count against each hypothesis. `synth guide lint FILE` checks your own questions.
    """
    if ctx.invoked_subcommand is not None:
        return
    from synth.guide import generate_guide, open_hypotheses, render_markdown, save_guide
    from synth.llm import DryRunStop

    state = ctx.find_object(State) or State(None)
    ws = state.workspace()
    wanted = list(hypothesis_ids) or [h.id for h in open_hypotheses(ws)]
    with llm_session(ws, dry_run=dry_run, max_cost=max_cost, no_cache=no_cache) as session:
        try:
            g = generate_guide(ws, wanted, minutes=minutes, segment=segment.strip(), session=session)
        except DryRunStop:
            print_planned(session, as_json)
            return
    covered = [s.hypothesis_id for s in g.sections]
    if not hypothesis_ids:
        progress(f"no -H given: covering the open hypotheses {', '.join(covered)}; choose others with -H ID")
    left_out = [h for h in wanted if h.upper() not in {c.upper() for c in covered}]
    if left_out:
        progress(f"left out for time ({minutes} min): {', '.join(left_out)}; try --minutes {minutes + 15} "
                 "or fewer -H")
    if dry_run:
        # Nothing would be sent (offline engine, or every answer cached): show the guide, write nothing.
        progress("dry run: no LLM request needed; nothing written")
        click.echo(render_markdown(g))
        return
    path = save_guide(ws, g)
    g = g.model_copy(update={"id": path.stem})
    flagged = sum(1 for s in g.sections for q in s.questions if q.flags)
    if as_json:
        print_json({"path": str(path), "guide": g, "covered": covered, "left_out": left_out})
        return
    progress(f"wrote {path} ({sum(len(s.questions) for s in g.sections)} questions, {flagged} flagged, "
             f"engine: {g.engine})")
    click.echo(render_markdown(g) if to_stdout else str(path))


@guide.command("lint")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@json_option
def lint(file: Path, as_json: bool) -> None:
    """Check a file of questions (one per line or bullet); exit 1 if any is flagged.

    Flags leading, hypothetical, yes/no, pitching and compound questions, and jargon,
    each with why and a rewrite pattern. Works on a guide written by `synth guide`.
    """
    from synth.guide import lint_text

    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UserError("no such file", path=file) from None
    except (UnicodeDecodeError, IsADirectoryError):
        raise UserError("not a UTF-8 text file", path=file) from None
    results = lint_text(text)
    flagged = [(n, q, flags) for n, q, flags in results if flags]
    if as_json:
        print_json(
            {
                "file": str(file),
                "questions": len(results),
                "flagged": len(flagged),
                "results": [{"line": n, "question": q, "flags": flags} for n, q, flags in results],
            }
        )
    else:
        for n, q, flags in flagged:
            click.echo(f"{file}:{n}: {q}")
            for f in flags:
                click.echo(f"  {f.rule}: {f.why}")
                click.echo(f"    try: {f.suggestion}")
        progress(f"{len(results)} question(s), {len(flagged)} flagged")
    if flagged:
        raise GuideLintFailed(f"{len(flagged)} of {len(results)} question(s) flagged", path=file)
