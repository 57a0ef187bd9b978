"""One exception tree whose members carry what a user needs to act.

The CLI turns any `SynthError` into one line on stderr and its `exit_code`;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from pathlib import Path


class SynthError(Exception):
    """Base of every error a user may see. Exit code 1: something failed."""

    exit_code = 1

    def __init__(self, message: str, *, path: Path | str | None = None) -> None:
        self.path = str(path) if path is not None else None
        super().__init__(message)

    def line(self) -> str:
        """The one line shown to the user: the file first, when there is one."""
        msg = str(self)
        return f"{self.path}: {msg}" if self.path else msg


class UserError(SynthError):
    """Bad input or usage (a missing file, a malformed transcript, an unknown id)."""

    exit_code = 2


class ParseError(UserError):
    """A file that is not a transcript Synth can read."""


class ConfigError(UserError):
    """`synth.toml` or an environment variable holds something invalid."""


class NotFoundError(UserError):
    """An id or path that does not exist in the workspace."""


class WorkspaceBusyError(SynthError):
    """Another Synth process holds the workspace lock."""

    exit_code = 3


class LLMError(SynthError):
    """A provider failed after every retry, or returned nothing usable."""

    exit_code = 4

    def __init__(
        self, message: str, *, attempts: int = 0, status_code: int | None = None
    ) -> None:
        self.attempts = attempts
        self.status_code = status_code
        super().__init__(message)


class CostLimitError(SynthError):
    """A run would spend more than `--max-cost`; nothing was sent."""

    exit_code = 5


class ConflictError(SynthError):
    """A hand edit would be overwritten (strategy sections, stale drafts)."""

    exit_code = 6
