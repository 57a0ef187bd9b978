"""`synth eval DIR`: score extraction and linking against labelled cases."""

from __future__ import annotations

from pathlib import Path

import click

from synth.cli.common import State, json_option, print_json, progress


def _config(ctx: click.Context):  # type: ignore[no-untyped-def]
    """The current workspace's settings when there is one, else the defaults (plus env overrides)."""
    from synth.config import load_config
    from synth.workspace import CONFIG_FILE

    state = ctx.find_object(State) or State(None)
    root = Path(state.workspace_path or ".")
    return load_config(root / CONFIG_FILE)


def _fmt(v: float | None) -> str:
    return "  -  " if v is None else f"{v:5.2f}"


@click.command("eval")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@json_option
@click.pass_context
def eval_cmd(ctx: click.Context, folder: Path, as_json: bool) -> None:
    """Score extraction and linking against labelled cases in FOLDER (one folder per case with gold.json)."""
    from synth.evaluate import evaluate

    report = evaluate(folder, _config(ctx), progress=progress)
    if as_json:
        print_json(report)
        return
    click.echo(f"engine: {report.engine}")
    click.echo(f"{'case':<34} gold pred  recall prec  rec=k prec=k ground stance kappa  calls tokens   secs")
    for s in [*report.cases, report.overall]:
        click.echo(
            f"{s.case[:34]:<34} {s.gold:>4} {s.predicted:>4}  {_fmt(s.recall)} {_fmt(s.precision)}"
            f"  {_fmt(s.recall_kind)} {_fmt(s.precision_kind)}  {_fmt(s.grounding_rate)}"
            f"  {_fmt(s.stance_accuracy)} {_fmt(s.kappa)} {s.calls:>6} {s.tokens:>6} {s.seconds:>6.1f}"
        )
