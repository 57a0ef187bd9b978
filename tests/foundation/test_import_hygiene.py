"""The core stays headless: no synth module pulls in Textual or the tui package."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import synth


def test_no_synth_module_imports_the_ui() -> None:
    modules = [m.name for m in pkgutil.walk_packages(synth.__path__, "synth.") if m.name != "synth.__main__"]
    assert len(modules) > 40
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tui'))\n"
        "print('UI=' + ','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "UI="
