"""`python -m bench [NAME ...]`: run every benchmark (`bench/bench_*.py`) or the named ones.

Each runs in its own process, one after another, so they never compete for
the CPU and a crash in one does not hide the others' figures.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def available() -> list[str]:
    return sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))


def main(argv: list[str]) -> int:
    names = argv or available()
    unknown = [n for n in names if n not in available()]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; have: {', '.join(available())}", file=sys.stderr)
        return 2
    failed = []
    for name in names:
        print(f"## {name}", flush=True)
        rc = subprocess.call([sys.executable, "-m", f"bench.bench_{name}"], cwd=HERE.parent)
        if rc:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
