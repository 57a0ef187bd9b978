"""The one line a user sees for an error: the CLI's line for a SynthError."""

from __future__ import annotations

from pydantic import ValidationError

from synth.errors import SynthError


def error_line(exc: BaseException) -> str:
    if isinstance(exc, SynthError):
        return exc.line()
    if isinstance(exc, ValidationError) and exc.errors():
        # A value the library's model rejected (an empty field in a form): its reason, not a traceback.
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        return f"invalid {where}: {err['msg']}" if where else f"invalid value: {err['msg']}"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
