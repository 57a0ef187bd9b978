"""The vector side of the index: Chroma, embedded in `.synth/chroma/` or a server.

Imported only when the index is used (chromadb is heavy). Vectors come from
`synth.embed`; the collections carry `SynthEmbeddingFunction`, registered
with Chroma so a collection records which model made its vectors and any
client that opens it can embed queries offline (Chroma's default function
would download a model).

Embedded Chroma tolerates one writing process and no reads during a write,
so clients here are short-lived for writes (opened under the exclusive index
lock, closed before it is released) and cached for reads only until the
index's write generation changes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import chromadb
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.config import Settings
from chromadb.utils.embedding_functions import register_embedding_function

from synth.errors import ConfigError
from synth.models import short_hash

if TYPE_CHECKING:
    import numpy as np
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

    from synth.index.documents import IndexDoc
    from synth.workspace import Workspace

COLLECTIONS = {"chunk": "chunks", "insight": "insights", "hypothesis": "hypotheses"}


@register_embedding_function
class SynthEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma's view of `synth.embed.get_embedder`: offline, no downloads."""

    def __init__(self, model: str = "minilm-int8", batch_size: int = 16, threads: int = 2) -> None:
        self.model = model
        self.batch_size = batch_size
        self.threads = threads

    def _embedder(self) -> Any:
        from synth.config import EmbeddingSettings
        from synth.embed import get_embedder

        return get_embedder(EmbeddingSettings(model=self.model, batch_size=self.batch_size, threads=self.threads))

    def __call__(self, input: Documents) -> Embeddings:
        return list(self._embedder().embed(list(input)))

    @staticmethod
    def name() -> str:
        return "synth"

    def get_config(self) -> dict[str, Any]:
        # Only the model: batch size and threads change speed, never the vectors.
        return {"model": self.model}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> SynthEmbeddingFunction:
        return SynthEmbeddingFunction(model=str(config.get("model", "minilm-int8")))

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def supported_spaces(self) -> list[str]:  # type: ignore[override]
        return ["cosine"]


def _settings() -> Settings:
    return Settings(anonymized_telemetry=False, allow_reset=False)


def _open(ws: Workspace) -> ClientAPI:
    url = ws.config.index.url.strip()
    if not url:
        path = ws.derived_dir / "chroma"
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=_settings())
    parsed = urlparse(url if "://" in url else f"http://{url}")
    if not parsed.hostname:
        raise ConfigError(f"index.url {url!r} is not a http://host:port address", path=ws.config_path)
    ssl = parsed.scheme == "https"
    port = parsed.port or (443 if ssl else 8000)
    try:
        return chromadb.HttpClient(host=parsed.hostname, port=port, ssl=ssl, settings=_settings())
    except Exception as exc:  # chromadb raises plain ValueError/ConnectError for an unreachable server
        raise ConfigError(f"cannot reach the Chroma server at {url}: {exc}", path=ws.config_path) from None


def collection_name(ws: Workspace, kind: str) -> str:
    base = COLLECTIONS[kind]
    if ws.config.index.url.strip():
        # A server may hold several workspaces' collections.
        return f"synth_{short_hash(str(ws.root), n=8)}_{base}"
    return f"synth_{base}"


# Read clients, cached per location with the generation they were opened at
# and the collections fetched through them (fetching one costs milliseconds).
_readers: dict[str, tuple[ClientAPI, str, dict[str, Collection]]] = {}
_readers_lock = threading.Lock()


def _key(ws: Workspace) -> str:
    return ws.config.index.url.strip() or str(ws.derived_dir / "chroma")


def _close(client: ClientAPI) -> None:
    with suppress(Exception):
        client.close()  # type: ignore[attr-defined]  # chromadb >= 1.x clients have close()


def drop_reader(ws: Workspace) -> None:
    with _readers_lock:
        cached = _readers.pop(_key(ws), None)
    if cached:
        _close(cached[0])


def is_warm(ws: Workspace, generation: str) -> bool:
    """True when a read client for this index and generation is already open in this process."""
    with _readers_lock:
        cached = _readers.get(_key(ws))
        return bool(cached and cached[1] == generation)


def warm_up(ws: Workspace, generation: str) -> None:
    """Open the read client and the collections now (a TUI does this behind its first screen)."""
    import numpy as np

    for kind in COLLECTIONS:
        col = reader_collection(ws, kind, generation)
        if col is not None and col.count():
            # The HNSW index loads on the first query, not when the collection is opened.
            query(col, np.ones(ws_dim(col), dtype=np.float32), 1)


def ws_dim(col: Collection) -> int:
    got = col.get(limit=1, include=["embeddings"])
    emb = got.get("embeddings")
    return len(emb[0]) if emb is not None and len(emb) else 384


def reader(ws: Workspace, generation: str) -> ClientAPI:
    """A client for queries, reopened whenever another write happened since it was opened."""
    key = _key(ws)
    with _readers_lock:
        cached = _readers.get(key)
        if cached and cached[1] == generation:
            return cached[0]
        if cached:
            _readers.pop(key)
            _close(cached[0])
        client = _open(ws)
        _readers[key] = (client, generation, {})
        return client


def reader_collection(ws: Workspace, kind: str, generation: str) -> Collection | None:
    """The collection of `kind` for queries, through the cached read client."""
    client = reader(ws, generation)
    with _readers_lock:
        cols = _readers[_key(ws)][2]
        if kind not in cols:
            col = collection(client, ws, kind, create=False)
            if col is None:
                return None
            cols[kind] = col
        return cols[kind]


@contextmanager
def writer(ws: Workspace) -> Iterator[ClientAPI]:
    """A fresh client for one write batch; the caller holds the exclusive index lock."""
    drop_reader(ws)  # one client per path per process: Chroma shares state between them
    client = _open(ws)
    try:
        yield client
    finally:
        _close(client)


def _ef(ws: Workspace) -> SynthEmbeddingFunction:
    e = ws.config.embedding
    return SynthEmbeddingFunction(model=e.model, batch_size=e.batch_size, threads=e.threads)


def collection(client: ClientAPI, ws: Workspace, kind: str, *, create: bool) -> Collection | None:
    name = collection_name(ws, kind)
    if create:
        return client.get_or_create_collection(
            name, embedding_function=_ef(ws), configuration={"hnsw": {"space": "cosine"}}  # type: ignore[arg-type]
        )
    try:
        return client.get_collection(name, embedding_function=_ef(ws))  # type: ignore[arg-type]
    except Exception:  # NotFoundError in 1.x; older servers raise ValueError
        return None


def upsert(col: Collection, docs: list[IndexDoc], vectors: np.ndarray, batch: int = 1000) -> None:
    for lo in range(0, len(docs), batch):
        part = docs[lo : lo + batch]
        col.upsert(
            ids=[d.id for d in part],
            embeddings=vectors[lo : lo + batch],
            documents=[d.body for d in part],
            metadatas=[d.chroma_metadata() for d in part],
        )


def delete(col: Collection, ids: list[str]) -> None:
    for lo in range(0, len(ids), 1000):
        col.delete(ids=ids[lo : lo + 1000])


def query(col: Collection, vector: np.ndarray, n: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
    """(id, cosine similarity) of the `n` nearest docs, best first; `n` must not exceed the count."""
    if n <= 0:
        return []
    res = col.query(query_embeddings=[vector], n_results=n, where=where, include=["distances"])
    ids = res["ids"][0]
    dists = (res.get("distances") or [[]])[0]
    return [(i, 1.0 - float(d)) for i, d in zip(ids, dists, strict=True)]


def delete_collections(client: ClientAPI, ws: Workspace) -> None:
    for kind in COLLECTIONS:
        with suppress(Exception):  # not there yet
            client.delete_collection(collection_name(ws, kind))
