"""The one line a user sees for an error: the CLI's line for a SynthError."""

from __future__ import annotations

from synth.errors import SynthError


def error_line(exc: BaseException) -> str:
    if isinstance(exc, SynthError):
        return exc.line()
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
