"""`[index] url`: the same index code against a real `chroma run` server on loopback."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from synth import index
from synth.models import InsightSet
from synth.workspace import Workspace

pytestmark = pytest.mark.server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    exe = Path(sys.executable).parent / "chroma"
    if not exe.exists():
        found = shutil.which("chroma")
        if found is None:
            pytest.skip("the chroma server executable is not installed")
        exe = Path(found)
    port = _free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    log = (data / "server.log").open("wb")
    proc = subprocess.Popen(
        [str(exe), "run", "--path", str(data / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            if proc.poll() is not None:
                pytest.skip(f"chroma server exited with {proc.returncode}")
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.skip("chroma server did not start within 20 s")
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_index_and_search_through_a_chroma_server(
    ws: Workspace, insight_sets: list[InsightSet], chroma_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SYNTH_CHROMA_URL", chroma_server)
    served = Workspace.open(ws.root)
    assert served.config.index.url == chroma_server
    counts = index.reindex(served)
    assert counts["chunks"] == 8
    assert not (served.derived_dir / "chroma").exists()  # vectors went to the server

    from synth.index import hybrid

    # Small sets are scored from SQLite; force the server's vector query so it is exercised.
    monkeypatch.setattr(hybrid, "NUMPY_MAX", 0)
    monkeypatch.setattr(hybrid, "COLD_NUMPY_MAX", 0)
    top = index.search(served, "what software have you used", kind="chunks", speaker="interviewer")[0]
    assert top.text == "Which tools did you try?" and top.keyword_rank is None
    assert "Ledgerly" in index.search(served, "Ledgerly")[0].text

    import chromadb

    host, port = chroma_server.removeprefix("http://").split(":")
    client = chromadb.HttpClient(host=host, port=int(port))
    names = {c.name for c in client.list_collections()}
    assert any(n.endswith("_chunks") for n in names)
    chunks = next(c for c in client.list_collections() if c.name.endswith("_chunks"))
    assert chunks.count() == 8
    assert chunks.configuration_json["embedding_function"]["name"] == "synth"
