"""Entry point: `synth` opens the TUI, `synth COMMAND` runs one command.

Errors become one clear line only here, at the outermost edge; with
SYNTH_DEBUG=1 they keep their traceback.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import click

from synth import __version__
from synth.errors import SynthError
from synth.index import preload

# command name -> "module:attribute"; modules import lazily so `synth --help` stays fast.
COMMANDS: dict[str, str] = {
    "init": "synth.cli.workspace_cmds:init",
    "hypothesis": "synth.cli.hypothesis:hypothesis",
    "ingest": "synth.cli.ingest:ingest",
    "interviews": "synth.cli.ingest:interviews",
    "interview": "synth.cli.speakers:interview",
    "search": "synth.cli.search:search",
    "reindex": "synth.cli.search:reindex",
    "extract": "synth.cli.extract:extract",
    "insights": "synth.cli.extract:insights",
    "insight": "synth.cli.extract:insight",
    "evidence": "synth.cli.evidence:evidence",
    "themes": "synth.cli.evidence:themes",
    "eval": "synth.cli.evaluate:eval_cmd",
    "guide": "synth.cli.guide:guide",
    "draft": "synth.cli.strategy:draft",
    "readout": "synth.cli.strategy:readout",
    "doctor": "synth.cli.llm_cmds:doctor",
    "usage": "synth.cli.llm_cmds:usage",
    "export": "synth.cli.exchange:export",
    "import": "synth.cli.exchange:import_cmd",
    "demo": "synth.cli.demo:demo",
    "tui": "synth.cli.workspace_cmds:tui",
}

HELP: dict[str, str] = {
    "init": "Create a workspace (with --demo, a copy of the demo).",
    "hypothesis": "Add, list, edit and set the status of hypotheses.",
    "ingest": "Import transcripts (txt, md, vtt, srt, docx, json).",
    "interviews": "List imported interviews.",
    "interview": "One interview's speakers: list, name, set roles, merge.",
    "search": "Search every interview and insight (hybrid semantic + keyword).",
    "reindex": "Rebuild the search index from the workspace files.",
    "extract": "Extract insights with verbatim quotes from interviews.",
    "insights": "List insights, filtered by kind, hypothesis or interview.",
    "insight": "Accept, reject or edit one insight.",
    "evidence": "Evidence for and against each hypothesis.",
    "themes": "Cluster insights into themes across interviews.",
    "eval": "Score extraction and linking against labelled cases.",
    "guide": "Generate and lint interview guides.",
    "draft": "Draft an update to strategy.md, reviewed as a diff.",
    "readout": "Write the weekly readout.",
    "doctor": "Check the LLM provider, embeddings and index.",
    "usage": "LLM calls, tokens, cache hits and cost.",
    "export": "Export to REFI-QDA (.qdpx), Markdown or CSV.",
    "import": "Import a REFI-QDA project (.qdpx).",
    "demo": "Build a demo workspace and run the whole loop offline.",
    "tui": "Open the TUI (the same as `synth` with no command).",
}


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
    from synth.cli.common import State  # imported here: a search starts its model load first (see main)

    ctx.obj = State(workspace)
    if ctx.invoked_subcommand is None:
        from synth.cli.workspace_cmds import open_tui

        open_tui(ctx.obj)


def main(argv: list[str] | None = None) -> int:
    debug = bool(os.environ.get("SYNTH_DEBUG"))
    args = sys.argv[1:] if argv is None else argv
    is_search, workspace = preload.search_workspace(args)
    if is_search:
        # The query model loads while the CLI, pydantic and the workspace import (cold search).
        preload.start(workspace)
    try:
        rv = cli.main(args=argv, prog_name="synth", standalone_mode=False)
    except SynthError as exc:
        if debug:
            raise
        click.echo(f"synth: {exc.line()}", err=True)
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("synth: aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return 2 if isinstance(exc, click.UsageError) else exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("synth: interrupted", err=True)
        return 130
    except BrokenPipeError:
        return 0
    # standalone_mode=False hands back ctx.exit(code) as the return value.
    return rv if isinstance(rv, int) else 0


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
