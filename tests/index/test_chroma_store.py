"""The Chroma side: our registered embedding function travels with the collections."""

from __future__ import annotations

import numpy as np

from synth import index
from synth.workspace import Workspace


def test_collection_records_the_synth_embedding_function_and_embeds_queries_offline(ws: Workspace) -> None:
    index.index_interviews(ws, ws.interviews())
    import chromadb
    from chromadb.config import Settings


    client = chromadb.PersistentClient(path=str(ws.derived_dir / "chroma"), settings=Settings(anonymized_telemetry=False))
    try:
        # No embedding function passed: Chroma rebuilds ours from the stored name and config.
        col = client.get_collection("synth_chunks")
        assert col.configuration_json["embedding_function"]["name"] == "synth"
        assert col.configuration_json["embedding_function"]["config"] == {"model": "minilm-int8"}
        res = col.query(query_texts=["which tools did you try"], n_results=1)
        assert res["documents"] == [["Which tools did you try?"]]
    finally:
        client.close()


def test_embedding_function_round_trips_its_config() -> None:
    from synth.index.chroma_store import SynthEmbeddingFunction

    ef = SynthEmbeddingFunction(model="minilm-int8", batch_size=4, threads=1)
    again = SynthEmbeddingFunction.build_from_config(ef.get_config())
    assert again.get_config() == ef.get_config() and SynthEmbeddingFunction.name() == "synth"
    vecs = again(["a receipt", "an invoice"])
    assert len(vecs) == 2 and np.asarray(vecs[0]).shape == (384,)
    assert abs(float(np.linalg.norm(vecs[0])) - 1.0) < 1e-4
