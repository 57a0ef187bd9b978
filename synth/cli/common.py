"""What every command shares: the workspace option, `--json`, output and errors, the LLM session."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from pydantic import BaseModel

from synth.workspace import Workspace

if TYPE_CHECKING:
    from synth.llm.session import Session

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


# --- the LLM session: one per command ------------------------------------------


def llm_options(func: F) -> F:
    """`--dry-run`, `--max-cost` and `--no-cache`, for every command that may call a model."""
    func = click.option("--no-cache", is_flag=True, help="Ignore cached LLM answers (ask, and pay, again).")(func)
    func = click.option(
        "--max-cost",
        type=click.FloatRange(min=0),
        default=None,
        metavar="USD",
        help="Stop before LLM spending could pass this many US dollars (default: [llm] max_cost).",
    )(func)
    func = click.option(
        "--dry-run",
        is_flag=True,
        help="Print each LLM request that would be sent (messages, schema, tokens, cost); send nothing, "
        "write nothing, need no API key.",
    )(func)
    return func


@contextmanager
def llm_session(ws: Workspace, *, dry_run: bool, max_cost: float | None, no_cache: bool) -> Iterator[Session]:
    """The command's one LLM session, active while the command runs; its spending goes to stderr after."""
    from synth.llm.session import Session

    session = Session(ws, dry_run=dry_run, max_cost=max_cost, no_cache=no_cache)
    try:
        with session.active():
            yield session
    finally:
        line = "" if dry_run else session.spend_line()
        if line:
            progress(line)


def print_planned(session: Session, as_json: bool, extra: dict[str, Any] | None = None) -> None:
    """A dry run's output: every request that would be sent, then a one-line total on stderr."""
    planned = session.planned
    sent = [p for p in planned if not p.cached]
    tokens = sum(p.estimate.tokens_in for p in sent)
    usd = round(sum(p.estimate.usd for p in sent), 6)
    reserve = round(sum(p.estimate.reserve_usd for p in sent), 6)
    if as_json:
        print_json(
            {
                "dry_run": True,
                "provider": session.spec.label,
                "requests": [p.as_dict() for p in planned],
                "would_send": len(sent),
                "tokens_in": tokens,
                "usd": usd,
                "reserve_usd": reserve,
                **(extra or {}),
            }
        )
    else:
        for p in planned:
            click.echo(p.as_text() + "\n")
    cached = len(planned) - len(sent)
    hits = f", {cached} answered from the cache" if cached else ""
    what = (
        f"{len(sent)} request(s) to {session.spec.label}{hits}, ~{tokens} tokens in, ~${usd:.4f} "
        f"(at most ${reserve:.4f} with re-asks)"
        if session.enabled
        else "no LLM provider configured: offline engines, no requests"
    )
    progress(f"dry run: {what}; nothing sent, nothing written")
