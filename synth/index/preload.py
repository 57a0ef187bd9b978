"""Start loading the query model before the CLI has even parsed its arguments.

A cold `synth search` spends as long importing the CLI, pydantic and the workspace
as the bare model load takes; both are mostly waiting on disk and C extensions, so
they overlap well. This module reads only `synth.toml` (tomllib, no pydantic) to
pick the same embedder `synth.embed.get_query_embedder(ws.config.embedding)` will
ask for; a wrong guess costs a second load, never a wrong vector (the embedder is
keyed by its settings). Errors are left for the real load to report.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

DEFAULTS = {"model": "minilm-int8", "batch_size": 16, "threads": 2}


def _settings(workspace: Path) -> tuple[str, int, int]:
    import tomllib

    try:
        data = tomllib.loads((workspace / "synth.toml").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    found = data.get("embedding")
    emb: dict[str, object] = found if isinstance(found, dict) else {}
    model = os.environ.get("SYNTH_EMBEDDING") or emb.get("model", DEFAULTS["model"])
    batch, threads = emb.get("batch_size", DEFAULTS["batch_size"]), emb.get("threads", DEFAULTS["threads"])
    return str(model), int(str(batch)), int(str(threads))


def _load(workspace: Path) -> None:
    try:
        model, batch, threads = _settings(workspace)
        if model.startswith("openai:"):
            return  # nothing to load locally
        from synth.embed import query_embedder_for

        loader = getattr(query_embedder_for(model, batch, threads), "load", None)
        if loader is not None:
            loader()
    except Exception:
        return


def start(workspace: Path | None) -> threading.Thread:
    """Load the query embedder in a daemon thread; returns the thread (tests join it)."""
    root = Path(workspace or os.environ.get("SYNTH_WORKSPACE") or ".")
    thread = threading.Thread(target=_load, args=(root,), name="synth-preload-query-model", daemon=True)
    thread.start()
    return thread


def search_workspace(argv: list[str]) -> tuple[bool, Path | None]:
    """(is this a `synth search` run, the --workspace it names) from raw arguments."""
    workspace: Path | None = None
    it = iter(argv)
    for arg in it:
        if arg in ("-w", "--workspace"):
            workspace = Path(next(it, "."))
        elif arg.startswith("--workspace="):
            workspace = Path(arg.split("=", 1)[1])
        elif arg.startswith("-w") and len(arg) > 2:
            workspace = Path(arg[2:])
        elif arg.startswith("-"):
            return False, None  # --help, --version: no search
        else:
            rest = list(it)
            return arg == "search" and not {"-h", "--help"} & set(rest), workspace
    return False, None
