"""Golden files for generated text: compare, or rewrite them with SYNTH_UPDATE_GOLDEN=1."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

GOLDEN_DIR = Path(__file__).parent / "golden"


def assert_golden(name: str, text: str) -> None:
    """`text` must equal tests/strategy/golden/<name>; `SYNTH_UPDATE_GOLDEN=1 pytest ...` records it instead."""
    path = GOLDEN_DIR / name
    if os.environ.get("SYNTH_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    if not path.is_file():
        raise AssertionError(f"no golden file {path}; record it with SYNTH_UPDATE_GOLDEN=1 and review the diff")
    want = path.read_text(encoding="utf-8")
    if text != want:
        diff = "".join(difflib.unified_diff(want.splitlines(keepends=True), text.splitlines(keepends=True),
                                            f"golden/{name}", "generated", n=1))
        raise AssertionError(
            f"generated text differs from golden/{name} (if the change is intended, rerun with "
            f"SYNTH_UPDATE_GOLDEN=1 and review the diff in git):\n{diff[:6000]}"
        )
