"""`synth` with no command: open the UI registered under the `synth.ui` entry point, leanly.

The UI gets the workspace folder (a Path, checked to hold a synth.toml) and builds
the pydantic `Workspace` itself when it needs it, so nothing here imports pydantic
or the models: the TUI's first screen costs little more than a bare Textual app.
The entry point is found by reading the installed distributions' entry_points.txt
directly (importlib.metadata and its email/zipfile/csv imports cost ~30 ms);
if that finds nothing, importlib.metadata decides, as before.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from synth.errors import UserError

GROUP = "synth.ui"
CONFIG_FILE = "synth.toml"  # synth.workspace.CONFIG_FILE, not imported: it loads pydantic


def workspace_folder(workspace: Path | None) -> Path:
    """The folder `Workspace.open` would open, with its error when it holds no synth.toml."""
    path = Path(workspace or os.environ.get("SYNTH_WORKSPACE") or ".")
    if not (path / CONFIG_FILE).is_file():
        raise UserError("not a Synth workspace (no synth.toml); run `synth init` here first", path=path)
    return path


def ui_workspace(args: list[str]) -> tuple[bool, Path | None]:
    """(do `args` only open the UI, the --workspace they name): `synth`, `synth -w DIR`, `synth --workspace=DIR`.

    Anything else (a command, --help, --version, a missing value) is click's to parse.
    """
    workspace: Path | None = None
    it = iter(args)
    for arg in it:
        if arg in ("-w", "--workspace"):
            value = next(it, None)
            if value is None or value.startswith("-"):
                return False, None
            workspace = Path(value)
        elif arg.startswith("--workspace=") and len(arg) > len("--workspace="):
            workspace = Path(arg.split("=", 1)[1])
        elif arg.startswith("-w") and not arg.startswith("-w-") and len(arg) > 2:
            workspace = Path(arg[2:])
        else:
            return False, None
    return True, workspace


def _entry_points_in(text: str) -> list[str]:
    """`module:attr` values of the GROUP section of one entry_points.txt."""
    found: list[str] = []
    in_group = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("["):
            in_group = line == f"[{GROUP}]"
        elif in_group and "=" in line and not line.startswith(("#", ";")):
            found.append(line.split("=", 1)[1].strip())
    return found


def scan_entry_points(paths: list[str] | None = None) -> list[str]:
    """The GROUP's entry points of the distributions on sys.path, in path order."""
    found: list[str] = []
    for entry in sys.path if paths is None else paths:
        try:
            names = sorted(n for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info")))
        except OSError:  # a zip, a path hook or a missing folder: importlib.metadata covers those
            continue
        for name in names:
            try:
                text = Path(entry or ".", name, "entry_points.txt").read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if f"[{GROUP}]" in text:
                found.extend(_entry_points_in(text))
    return found


def load_target(value: str) -> Callable[..., Any]:
    """What `EntryPoint.load()` does for `module:attr.attr` (extras in brackets ignored)."""
    module, _, attrs = value.split("[", 1)[0].strip().partition(":")
    obj: Any = importlib.import_module(module.strip())
    for attr in filter(None, attrs.strip().split(".")):
        obj = getattr(obj, attr)
    fn: Callable[..., Any] = obj
    return fn


def find_ui() -> Callable[..., Any]:
    scanned = scan_entry_points()
    if scanned:
        return load_target(scanned[0])
    from importlib.metadata import entry_points

    uis = entry_points(group=GROUP)
    if not uis:
        raise UserError("no TUI is installed (reinstall Synth: `pip install -e .`)")
    fn: Callable[..., Any] = next(iter(uis)).load()
    return fn


def open_tui(workspace: Path | None) -> None:
    """Run the UI on the workspace folder; it builds the `Workspace` when it needs it."""
    folder = workspace_folder(workspace)
    find_ui()(folder)
