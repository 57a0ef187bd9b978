"""One LLM session per user action, as the CLI has one per command.

An extraction, a draft or a guide started from the TUI may call a model in
several steps (extraction, then linking; a draft, then theme labels). Each
worker runs the whole action inside `action_session`, so every step finds the
same session through `Session.current(ws)`: one client, one cost ceiling, one
"provider is down" switch and one line of spending to show when it is done.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from synth.llm.session import Session
    from synth.workspace import Workspace


@contextmanager
def action_session(ws: Workspace) -> Iterator[Session]:
    """The session of one user action, active in this (worker) thread while the block runs."""
    from synth.llm.session import Session

    session = Session(ws)
    with session.active():
        yield session
