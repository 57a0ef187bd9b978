"""Entry point: `synth` opens the TUI, `synth COMMAND` runs one command.

Errors become one clear line only here, at the outermost edge; with
SYNTH_DEBUG=1 they keep their traceback. The click group lives in
`synth.cli.group` (still importable from here as `cli`): `synth` with no command
opens the TUI without importing click at all.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from synth.errors import SynthError

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


def __getattr__(name: str) -> Any:
    """`cli` and `LazyGroup` import click, so they load on first use (`from synth.cli.main import cli` works)."""
    if name in ("cli", "LazyGroup"):
        from synth.cli import group

        return getattr(group, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def open_ui(args: list[str], debug: bool) -> int | None:
    """`synth [-w DIR]`: open the TUI without click; None when `args` ask for anything else."""
    from synth.cli.launch import open_tui, ui_workspace

    opens, workspace = ui_workspace(args)
    if not opens:
        return None
    try:
        open_tui(workspace)
    except SynthError as exc:
        if debug:
            raise
        sys.stderr.write(f"synth: {exc.line()}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("synth: interrupted\n")
        return 130
    return 0


def main(argv: list[str] | None = None) -> int:
    debug = bool(os.environ.get("SYNTH_DEBUG"))
    args = sys.argv[1:] if argv is None else argv
    code = open_ui(args, debug)
    if code is not None:
        return code
    import click

    from synth.cli.group import cli
    from synth.index import preload

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
