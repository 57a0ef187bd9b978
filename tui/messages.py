"""Messages that carry results from workers to the handlers that own state.

Workers run library calls in threads and post one of these; the screen's
handler updates its widgets. `can_replace` coalesces floods of progress.
"""

from __future__ import annotations

from typing import Any

from textual.message import Message


class Loaded(Message):
    """A worker finished reading something; `what` names it, `data` holds it."""

    def __init__(self, what: str, data: Any) -> None:
        self.what = what
        self.data = data
        super().__init__()


class Progress(Message):
    """Progress of a long job: `done` of `total` steps, and a line saying what is happening."""

    def __init__(self, job: str, done: int, total: int | None, line: str = "") -> None:
        self.job = job
        self.done = done
        self.total = total
        self.line = line
        super().__init__()

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, Progress) and message.job == self.job


class JobDone(Message):
    """A long job ended (finished, cancelled or failed); `summary` says how, for the status line."""

    def __init__(self, job: str, summary: str, data: Any = None) -> None:
        self.job = job
        self.summary = summary
        self.data = data
        super().__init__()


class WorkspaceChanged(Message):
    """Something was written to the workspace; screens re-read what they show."""


class Written(Message):
    """A queued write finished; `error` is set when it failed (the screen rolls the change back)."""

    def __init__(self, change: Any, error: BaseException | None = None) -> None:
        self.change = change
        self.error = error
        super().__init__()
