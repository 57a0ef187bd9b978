"""Time to the TUI's first screen, against a bare Textual app, measured in the same run.

    python -m bench.bench_tui_startup [--runs 7] [--workspace DIR]

Each sample is a fresh process (interpreter start included), timed from just
before the process is spawned to:
- `first screen`: the Overview screen is mounted and painted (the autopilot starts);
- `data shown`: the Overview shows the workspace's counts (the first message of its reading worker);
- `evidence shown`: the Overview's evidence table is filled (the worker has finished).
The baseline is a bare `textual.app.App` with one Static, timed the same way.
Also recorded: which heavy modules are already imported at the first screen, with
the warm-up worker on (as users run it) and off (what the first frame itself needs).
The workspace is the demo (corpus/demo, ingested and extracted offline in a temp folder) when present.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ("chromadb", "onnxruntime", "openai", "instructor", "tiktoken", "numpy")

CHILD_BARE = r"""
import json, os, sys, time
t0 = float(os.environ["BENCH_T0"])
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("hello")

out = {}
async def pilot(p):
    out["first_screen"] = time.time() - t0
    p.app.exit()

Bare().run(headless=True, size=(100, 32), auto_pilot=pilot)
print(json.dumps(out))
"""

CHILD_SYNTH = r"""
import asyncio, json, os, sys, time
t0 = float(os.environ["BENCH_T0"])
from synth.workspace import Workspace
from tui.app import make_app

HEAVY = %(heavy)r
app = make_app(Workspace(sys.argv[1]), warm_up=sys.argv[2] == "1")
HAS_HYPOTHESES = bool(app.ws.hypotheses())
out = {}

async def pilot(p):
    out["first_screen"] = time.time() - t0
    out["heavy_at_first_screen"] = sorted(m for m in HEAVY if m in sys.modules)
    summary = p.app.screen.query_one("#summary")
    while not str(summary.render()).strip():
        await asyncio.sleep(0.005)  # polling: Pilot.pause() would wait for the whole app to go idle
    out["data_shown"] = time.time() - t0
    table = p.app.screen.query_one("#evidence-table")
    while HAS_HYPOTHESES and not table.row_count:
        await asyncio.sleep(0.005)
    out["evidence_shown"] = time.time() - t0
    p.app.exit()

app.run(headless=True, size=(100, 32), auto_pilot=pilot)
print(json.dumps(out))
"""


def sample(code: str, *args: str) -> dict[str, object]:
    env = dict(os.environ, BENCH_T0=repr(time.time()), TEXTUAL_ANIMATIONS="none")
    proc = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=120)
    if proc.returncode:
        raise SystemExit(f"child failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def demo_workspace(root: Path) -> tuple[Path, str]:
    try:
        from synth.demo import create_demo_workspace
        from synth.extract import extract_interviews

        ws = create_demo_workspace(root / "demo")
        report = extract_interviews(ws)
        n = sum(o.insights for o in report.outcomes)
        return ws.root, f"demo workspace (corpus/demo: {len(ws.interview_ids())} interviews ingested, {n} insights extracted offline)"
    except Exception as exc:  # the demo corpus may not be built yet
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "tui"))
        from tui_workspace import make_workspace  # type: ignore[import-not-found]

        make_workspace(root / "small")
        return root / "small", f"the TUI tests' small workspace (demo unavailable: {exc})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--workspace", type=Path, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.workspace:
            ws_path, label = args.workspace, str(args.workspace)
        else:
            ws_path, label = demo_workspace(Path(tmp))
        code = CHILD_SYNTH % {"heavy": HEAVY}
        sample(CHILD_BARE)  # warm the OS file cache for both
        sample(code, str(ws_path), "1")
        bare, synth, cold_heavy = [], [], []
        for _ in range(args.runs):  # interleaved, so drift hits both equally
            bare.append(sample(CHILD_BARE))
            synth.append(sample(code, str(ws_path), "1"))
        no_warm = sample(code, str(ws_path), "0")
        cold_heavy = no_warm["heavy_at_first_screen"]

    def med(rows: list[dict[str, object]], key: str) -> float:
        return statistics.median(float(r[key]) for r in rows)  # type: ignore[arg-type]

    b, s, d = med(bare, "first_screen"), med(synth, "first_screen"), med(synth, "data_shown")
    e = med(synth, "evidence_shown")
    print(f"workspace: {label}; {args.runs} runs each, interleaved, median; Python {sys.version.split()[0]}")
    print(f"bare Textual app, first screen:     {b * 1000:7.0f} ms")
    print(f"synth TUI, first screen:            {s * 1000:7.0f} ms   ({s / b:.2f}x bare)")
    print(f"synth TUI, overview counts shown:   {d * 1000:7.0f} ms   ({d / b:.2f}x bare)")
    print(f"synth TUI, evidence table filled:   {e * 1000:7.0f} ms   ({e / b:.2f}x bare)")
    print(f"heavy modules at first screen, warm-up on:  {', '.join(synth[0]['heavy_at_first_screen']) or 'none'}")  # type: ignore[arg-type]
    print(f"heavy modules at first screen, warm-up off: {', '.join(cold_heavy) or 'none'}")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
