"""`synth init` and opening the TUI."""

from __future__ import annotations

from pathlib import Path

import click

from synth.cli.common import State, json_option, print_json, progress
from synth.errors import UserError


@click.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--demo", is_flag=True, help="Copy the demo workspace (hypotheses and transcripts to ingest).")
@click.option("--name", default=None, help="Workspace name (default: the folder's name).")
@json_option
@click.pass_obj
def init(state: State, directory: Path | None, demo: bool, name: str | None, as_json: bool) -> None:
    """Create a workspace in DIRECTORY (default: --workspace or the current directory)."""
    from synth.config import WorkspaceConfig
    from synth.workspace import Workspace

    target = directory or state.workspace_path or Path(".")
    if demo:
        from synth.demo import create_demo_workspace

        ws = create_demo_workspace(target)
    else:
        if target.exists() and not target.is_dir():
            raise UserError("exists and is not a folder", path=target)
        ws = Workspace.create(target, WorkspaceConfig(name=name or target.resolve().name))
    if as_json:
        print_json({"workspace": str(ws.root), "name": ws.config.name})
    else:
        progress(f"Created workspace {ws.config.name!r} in {ws.root}")


@click.command()
@click.pass_obj
def tui(state: State) -> None:
    """Open the TUI on the workspace."""
    open_tui(state)


def open_tui(state: State) -> None:
    """Open the UI registered under the `synth.ui` entry point (the `tui` package) on the workspace folder.

    The core never names the UI: the UI plugs into it, so `synth` stays headless.
    """
    from synth.cli.launch import open_tui as launch

    launch(state.workspace_path)
