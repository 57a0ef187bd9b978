"""The one line a user sees for an error: the CLI's line for a SynthError."""

from __future__ import annotations

import sys

from synth.errors import SynthError


def error_line(exc: BaseException) -> str:
    if isinstance(exc, SynthError):
        return exc.line()
    # pydantic is not imported for the first screen: if nothing has imported it, `exc` cannot be one of its errors.
    pydantic = sys.modules.get("pydantic")
    if pydantic is not None and isinstance(exc, pydantic.ValidationError) and exc.errors():
        # A value the library's model rejected (an empty field in a form): its reason, not a traceback.
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        return f"invalid {where}: {err['msg']}" if where else f"invalid value: {err['msg']}"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
