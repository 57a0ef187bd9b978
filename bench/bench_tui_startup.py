"""Time to the TUI's first screen, against a bare Textual app, measured in the same run.

    python -m bench.bench_tui_startup [--runs 7] [--workspace DIR]

Each sample is a fresh process (interpreter start included), timed from just
before the process is spawned to:
- `first screen`: the first frame has been displayed (Textual's `Ready` event, seen from the autopilot);
- `data shown`: the Overview shows the workspace's name and counts;
- `content shown`: ... and a row (ID, statement, status) for every hypothesis: the first screen with content;
- `evidence shown`: the Overview's evidence columns are filled (its reading worker has finished).
The synth child launches the way `synth` with no command does (`synth.cli.main.main(["--workspace", DIR])`:
click, the launcher, the `synth.ui` entry point), with only the entry point's `run_app` swapped for
one that runs the same `make_app(folder)` headless under the autopilot.
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

HEAVY = ("chromadb", "onnxruntime", "openai", "instructor", "tiktoken", "numpy", "pydantic")

CHILD_BARE = r"""
import asyncio, json, os, sys, time
t0 = float(os.environ["BENCH_T0"])
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("hello")

    def on_ready(self):  # the first frame has been displayed
        out["first_screen"] = time.time() - t0
        out["first_screen_cpu"] = time.process_time()

out = {}
async def pilot(p):
    while "first_screen" not in out:
        await asyncio.sleep(0.005)
    p.app.exit()

Bare().run(headless=True, size=(100, 32), auto_pilot=pilot)
print(json.dumps(out))
"""

CHILD_SYNTH = r"""
import asyncio, json, os, sys, time
t0 = float(os.environ["BENCH_T0"])
import tui.app

HEAVY = %(heavy)r
WARM_UP, N_HYPOTHESES = sys.argv[2] == "1", int(sys.argv[3])
out = {}

def stamp(key):
    out[key] = time.time() - t0
    out[key + "_cpu"] = time.process_time()

def has_data(app):
    return bool(app.screen.query("#summary")) and bool(str(app.screen.query_one("#summary").render()).strip())

def has_content(app):
    return has_data(app) and app.screen.query_one("#evidence-table").row_count >= N_HYPOTHESES

def first_frame(app):
    # Registered before the app runs, so it is the first thing run at Textual's Ready (first frame displayed),
    # before the Overview's reading worker starts: what the first frame holds, and when.
    stamp("first_screen")
    out["heavy_at_first_screen"] = sorted(m for m in HEAVY if m in sys.modules)
    if has_data(app):
        stamp("data_shown")
    if has_content(app):
        stamp("content_shown")
        out["heavy_at_content"] = out["heavy_at_first_screen"]

async def pilot(p):
    app = p.app
    while "first_screen" not in out:
        await asyncio.sleep(0.005)  # polling: Pilot.pause() would wait for the whole app to go idle
    while "data_shown" not in out:
        if has_data(app):
            stamp("data_shown")
        await asyncio.sleep(0.005)
    while "content_shown" not in out:
        if has_content(app):
            stamp("content_shown")
            out["heavy_at_content"] = sorted(m for m in HEAVY if m in sys.modules)
        await asyncio.sleep(0.005)
    while not app.screen.evidence_shown:
        await asyncio.sleep(0.005)
    stamp("evidence_shown")
    app.exit()

def run_app(workspace):  # what the synth.ui entry point runs, headless and under the autopilot
    app = tui.app.make_app(workspace, warm_up=WARM_UP)
    app.after_first_frame(lambda: first_frame(app))
    app.run(headless=True, size=(100, 32), auto_pilot=pilot)

tui.app.run_app = run_app
from synth.cli.main import main

rc = main(["--workspace", sys.argv[1]])
if rc:
    sys.exit(rc)
print(json.dumps(out))
"""


PYCACHE: dict[str, str] = {}
"""Bytecode cache for the children (set in main): an installed app has its .pyc files, as the
bare app's Textual has; with PYTHONDONTWRITEBYTECODE=1 (set on this machine) Synth's own
modules, unlike the installed Textual's, were compiled from source on every start."""


def sample(code: str, *args: str) -> dict[str, object]:
    env = dict(os.environ, BENCH_T0=repr(time.time()), TEXTUAL_ANIMATIONS="none", **PYCACHE)
    if PYCACHE:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    proc = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=120)
    if proc.returncode:
        raise SystemExit(f"child failed:\n{proc.stderr[-2000:]}")
    out: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


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
    ap.add_argument("--no-bytecode-cache", action="store_true",
                    help="children compile uncached modules on every start (as under PYTHONDONTWRITEBYTECODE=1)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if not args.no_bytecode_cache:
            PYCACHE["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")  # filled by the warm-up samples below
        if args.workspace:
            ws_path, label = args.workspace, str(args.workspace)
        else:
            ws_path, label = demo_workspace(Path(tmp))
        from synth.workspace import Workspace

        n_hyp = str(len(Workspace(ws_path).hypotheses()))
        code = CHILD_SYNTH % {"heavy": HEAVY}
        sample(CHILD_BARE)  # warm the OS file cache (and the bytecode cache) for both
        sample(code, str(ws_path), "1", n_hyp)
        bare, synth = [], []
        for _ in range(args.runs):  # interleaved, so drift hits both equally
            bare.append(sample(CHILD_BARE))
            synth.append(sample(code, str(ws_path), "1", n_hyp))
        no_warm = sample(code, str(ws_path), "0", n_hyp)

    def med(rows: list[dict[str, object]], key: str) -> float:
        return statistics.median(float(r[key]) for r in rows)  # type: ignore[arg-type]

    def low(rows: list[dict[str, object]], key: str) -> float:
        return min(float(r[key]) for r in rows)  # type: ignore[arg-type]

    b, s, d = med(bare, "first_screen"), med(synth, "first_screen"), med(synth, "data_shown")
    c, e = med(synth, "content_shown"), med(synth, "evidence_shown")
    cache = "off: uncached modules compiled on every start" if args.no_bytecode_cache else "on (a fresh PYTHONPYCACHEPREFIX)"
    print(f"workspace: {label}; {args.runs} runs each, interleaved, median; Python {sys.version.split()[0]}; "
          f"bytecode cache {cache}")
    print(f"bare Textual app, first screen:          {b * 1000:7.0f} ms")
    print(f"synth TUI, first screen:                 {s * 1000:7.0f} ms   ({s / b:.2f}x bare)")
    print(f"synth TUI, overview counts shown:        {d * 1000:7.0f} ms   ({d / b:.2f}x bare)   data_shown")
    print(f"synth TUI, counts + {n_hyp} hypothesis rows:  {c * 1000:7.0f} ms   ({c / b:.2f}x bare)   content_shown")
    print(f"synth TUI, evidence columns filled:      {e * 1000:7.0f} ms   ({e / b:.2f}x bare)   evidence_shown")

    # On a busy machine the medians drift with the neighbours' load; the fastest run and the CPU time
    # (all threads, from interpreter start) are steadier views of what the process itself costs.
    bl, bc = low(bare, "first_screen"), med(bare, "first_screen_cpu")
    print(f"fastest run: bare {bl * 1000:.0f} ms; content {low(synth, 'content_shown') / bl:.2f}x, "
          f"evidence {low(synth, 'evidence_shown') / bl:.2f}x")
    print(f"CPU time (median): bare {bc * 1000:.0f} ms; content {med(synth, 'content_shown_cpu') / bc:.2f}x, "
          f"evidence {med(synth, 'evidence_shown_cpu') / bc:.2f}x")

    def names(row: dict[str, object], key: str) -> str:
        return ", ".join(row[key]) or "none"  # type: ignore[arg-type]

    print(f"loaded at first screen / at content, warm-up on:  {names(synth[0], 'heavy_at_first_screen')} / {names(synth[0], 'heavy_at_content')}")
    print(f"loaded at first screen / at content, warm-up off: {names(no_warm, 'heavy_at_first_screen')} / {names(no_warm, 'heavy_at_content')}")


if __name__ == "__main__":
    main()
