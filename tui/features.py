"""Which library parts are installed, so a screen can say "not available yet" instead of failing."""

from __future__ import annotations

import importlib.util


def available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def not_available(what: str, module: str) -> str:
    return f"{what} is not available yet in this build ({module} is missing)."
