"""Token counting and embeddings work with the network unplugged."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap

import pytest


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_token_counts_offline(no_network: None, tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from synth.tokens import count_tokens, encoding_for

    # Known ids from OpenAI's published encodings.
    assert encoding_for("gpt-4o").encode("Hello world") == [13225, 2375]
    assert encoding_for("gpt-4.1-mini").name == "o200k_base"
    assert encoding_for(None).encode("Hello world") == [9906, 1917]
    assert encoding_for("qwen2.5:7b").name.startswith("cl100k_base")
    assert count_tokens("<|endoftext|> is just text here") > 3


def test_embeddings_offline_and_semantic(no_network: None) -> None:
    from synth.embed import get_embedder

    emb = get_embedder()
    vecs = emb.embed(["The cat sits on the mat", "A cat is sitting on a mat", "Stock markets fell sharply today", ""])
    assert vecs.shape == (4, 384)
    sims = vecs @ vecs.T
    assert sims[0, 1] > 0.8 > 0.3 > sims[0, 2]
    assert abs(float((vecs[0] ** 2).sum()) - 1.0) < 1e-4


def test_embedding_is_independent_of_batch_order() -> None:
    from synth.embed import MiniLMInt8

    texts = ["short", "a much longer sentence about reconciling invoices at month end", "medium length text"]
    a = MiniLMInt8(batch_size=1).embed(texts)
    b = MiniLMInt8(batch_size=16).embed(list(reversed(texts)))[::-1]
    assert abs(a - b).max() < 1e-5


def test_onnxruntime_telemetry_is_off_before_import(tmp_path: object) -> None:
    code = textwrap.dedent("""
        import os, sys
        from synth.embed import get_embedder
        get_embedder().embed(["x"])
        print(os.environ.get("ORT_DISABLE_TELEMETRY"))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "1"


def test_cli_help_imports_nothing_heavy() -> None:
    code = textwrap.dedent("""
        import sys
        from synth.cli.main import main
        try:
            main(["--help"])
        except SystemExit:
            pass
        heavy = [m for m in ("chromadb", "onnxruntime", "openai", "instructor", "tiktoken", "textual", "llama_cpp") if m in sys.modules]
        print("HEAVY=" + ",".join(heavy))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "HEAVY="
