"""The `synth` command group: click, with each command's module imported when it is run.

Split from `synth.cli.main` so `synth` with no command (the TUI) never imports click.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from synth import __version__
from synth.cli.main import COMMANDS, HELP


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        module = importlib.import_module(module_name)
        cmd: click.Command = getattr(module, attr)
        return cmd

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Help for the listing comes from HELP so `synth --help` imports no command module.
        rows = [(name, HELP.get(name, "")) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--workspace",
    "-w",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="SYNTH_WORKSPACE",
    help="The workspace folder (default: SYNTH_WORKSPACE or the current directory).",
)
@click.version_option(__version__, prog_name="synth")
@click.pass_context
def cli(ctx: click.Context, workspace: Path | None) -> None:
    """Synth: learn from customer interviews systematically.

    Run `synth` with no command to open the TUI.
    """
    if ctx.invoked_subcommand is None:
        # The TUI gets the folder and paints its first screen before pydantic loads (synth.cli.common imports it).
        from synth.cli.launch import open_tui

        open_tui(workspace)
        return
    from synth.cli.common import State  # imported here: a search starts its model load first (see main)

    ctx.obj = State(workspace)
