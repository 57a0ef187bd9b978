"""TUI startup in a real terminal (tmux): `synth -w DEMO` against a bare Textual app, until their content is on screen.

    python -m bench.bench_tui_terminal [--runs 11] [--workspace DIR]

`bench_tui_startup` times Textual's own first-frame event headless; this one
times what a user sees. Each sample spawns the command in a fresh tmux window of
140x40 and polls `tmux capture-pane` every 20 ms until the screen holds the
workspace name and every hypothesis ID (Synth) or the bare app's one line.
Both pay the same polling and tmux overhead; bare and Synth runs are
interleaved, median reported. The children get a bytecode cache, as an
installed app has. Skips (exit 0) when tmux is not installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """\
from textual.app import App
from textual.widgets import Static


class Bare(App):
    def compose(self):
        yield Static("BARE APP READY")


Bare().run()
"""
POLL = 0.02
TIMEOUT = 30.0


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True).stdout


def sample(command: list[str], needles: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning `command` in a new tmux window until every needle is on its screen."""
    name = f"bench{os.getpid()}"
    _tmux("kill-session", "-t", name)
    line = " ".join(["env", *(f"{k}={v}" for k, v in env.items()), *command])
    t0 = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "140", "-y", "40", line], check=True)
    try:
        while time.perf_counter() - t0 < TIMEOUT:
            screen = _tmux("capture-pane", "-p", "-t", name)
            if all(n in screen for n in needles):
                return time.perf_counter() - t0
            time.sleep(POLL)
        raise SystemExit(f"timed out waiting for {needles} from {command}; screen:\n{screen}")
    finally:
        _tmux("kill-session", "-t", name)
        time.sleep(0.2)  # let the killed process go before the next one starts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--workspace", type=Path, default=None)
    args = ap.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed: skipped")
        return
    from bench.bench_tui_startup import demo_workspace
    from synth.workspace import Workspace

    synth_cmd = str(Path(sys.executable).with_name("synth"))
    with tempfile.TemporaryDirectory() as tmp:
        ws_path, label = (args.workspace, str(args.workspace)) if args.workspace else demo_workspace(Path(tmp))
        ws = Workspace(ws_path)
        needles = [ws.config.name, *(h.id for h in ws.hypotheses())]
        bare_py = Path(tmp) / "bare.py"
        bare_py.write_text(BARE, encoding="utf-8")
        env = {"PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache"), "PYTHONDONTWRITEBYTECODE": "", "TEXTUAL_ANIMATIONS": "none"}
        keep = f"keep{os.getpid()}"  # one session kept open, so the tmux server is not restarted per sample
        subprocess.run(["tmux", "new-session", "-d", "-s", keep, "sleep 3600"], check=True)
        try:
            bare_cmd = [sys.executable, str(bare_py)]
            synth_full = [synth_cmd, "-w", str(ws_path)]
            for _ in range(2):  # warm the file and bytecode caches for both
                sample(bare_cmd, ["BARE APP READY"], env)
                sample(synth_full, needles, env)
            bare, synth = [], []
            for _ in range(args.runs):
                bare.append(sample(bare_cmd, ["BARE APP READY"], env))
                synth.append(sample(synth_full, needles, env))
        finally:
            _tmux("kill-session", "-t", keep)
    b, s = statistics.median(bare), statistics.median(synth)
    print(f"workspace: {label}; tmux 140x40, polled every {POLL * 1000:.0f} ms; {args.runs} runs each, interleaved, median; "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"bare Textual app, its line on screen:            {b * 1000:6.0f} ms")
    print(f"synth -w DIR, name and {len(needles) - 1} hypothesis IDs on screen: {s * 1000:6.0f} ms   ({s / b:.2f}x bare)")
    print(f"fastest: bare {min(bare) * 1000:.0f} ms, synth {min(synth) * 1000:.0f} ms ({min(synth) / min(bare):.2f}x)")


if __name__ == "__main__":
    main()
