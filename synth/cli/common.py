"""What every command shares: the workspace option, `--json`, output and errors."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from pydantic import BaseModel

from synth.workspace import Workspace

F = TypeVar("F", bound=Callable[..., Any])


class State:
    """Per-invocation state carried on the click context."""

    def __init__(self, workspace: Path | None) -> None:
        self.workspace_path = workspace

    def workspace(self) -> Workspace:
        return Workspace.open(self.workspace_path)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")(func)


def pass_workspace(func: Callable[..., Any]) -> Callable[..., Any]:
    """Open the workspace named by --workspace / SYNTH_WORKSPACE / the cwd and pass it first."""

    @click.pass_context
    @functools.wraps(func)
    def wrapper(ctx: click.Context, *args: Any, **kwargs: Any) -> Any:
        state = ctx.find_object(State) or State(None)
        return ctx.invoke(func, state.workspace(), *args, **kwargs)

    return wrapper


def to_jsonable(data: Any) -> Any:
    if isinstance(data, BaseModel):
        return data.model_dump(mode="json")
    if isinstance(data, dict):
        return {str(k): to_jsonable(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [to_jsonable(v) for v in data]
    return data


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(to_jsonable(data), indent=2, ensure_ascii=False, default=str) + "\n")


def err(message: str) -> None:
    """One line on stderr (a warning or one bad file among several)."""
    click.echo(message, err=True)


def progress(message: str) -> None:
    """Progress for humans goes to stderr so stdout stays clean for pipes and --json."""
    click.echo(message, err=True)
