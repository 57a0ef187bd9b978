"""Themes at scale: 1,000 interviews x 25 insights (25,000), clustered from the vectors already in the index.

`python -m bench.bench_themes [--interviews 1000 --per 25]`.

The workspace is generated: interviews whose participants say sentences about
one of 1,500 topics (Zipf-sized, so a few topics are said by hundreds of people
and most by a handful), each insight stored with its vector in the index as
ingest and extract leave it. Vectors are drawn rather than embedded (embedding
25,000 sentences on 2 shared cores would dominate the run and is not what is
measured): a shared domain direction, the topic's direction and noise, scaled so
that two insights on one topic are about 0.65 similar and on different topics
about 0.2, like sentence embeddings of interviews from one market.

Measured, in one process: the baseline (load the 25,000 vectors from the index,
nothing else), then `synth.themes.themes(ws)` end to end (read interviews and
insights, filter to evidence, load vectors, cluster, label). Time with
perf_counter; peak memory with tracemalloc (Python and numpy allocations) and
the process's max RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

DIM = 384
TOPICS = 1500
WORDS = 3000


def _vocabulary(rng: np.random.Generator, n: int = WORDS) -> list[str]:
    syll = ["ba", "ko", "ri", "mu", "te", "sa", "lo", "ne", "vi", "da", "pe", "gu", "zo", "fi", "ha", "je"]
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(syll, size=int(rng.integers(2, 4)))))
    return sorted(words)


def _unit(m: np.ndarray) -> np.ndarray:
    return (m / np.linalg.norm(m, axis=-1, keepdims=True)).astype(np.float32)


def build(root: Path, interviews: int, per: int, seed: int = 7) -> Path:
    """A workspace with `interviews` x `per` insights, their vectors in the index; returns its folder."""
    from synth.config import WorkspaceConfig
    from synth.embed import get_embedder
    from synth.extract.build import interview_from_turns
    from synth.index.documents import insight_doc
    from synth.index.writer import keyword_store
    from synth.models import Insight, InsightKind, InsightSet, Quote
    from synth.workspace import Workspace

    rng = np.random.default_rng(seed)
    vocab = _vocabulary(rng)
    topic_words = [list(rng.choice(vocab, size=3, replace=False)) for _ in range(TOPICS)]
    sizes = 1.0 / np.arange(1, TOPICS + 1) ** 0.9
    topic_p = sizes / sizes.sum()
    domain = _unit(rng.standard_normal(DIM))
    centres = _unit(rng.standard_normal((TOPICS, DIM)))
    kinds = list(InsightKind)
    ws = Workspace.create(root / "ws", WorkspaceConfig(name="bench-themes"))
    model = get_embedder(ws.config.embedding).name
    store = keyword_store(ws)
    with store.connect() as conn:
        conn.execute("BEGIN IMMEDIATE")
        store.set_meta(conn, "embedding_model", model)
        conn.execute("COMMIT")
    for i in range(interviews):
        who = f"Person {i:04d}"
        topics = rng.choice(TOPICS, size=per, p=topic_p)
        said = []
        for t in topics:
            filler = " ".join(rng.choice(vocab, size=int(rng.integers(6, 14))))
            a, b, c = topic_words[t]
            said.append(f"Last month the {a} {b} meant {filler} and the {c} again.")
        turns: list[tuple[str, str]] = []
        for s in said:
            turns += [("Interviewer", "Tell me about the last time that happened?"), (who, s)]
        iv = interview_from_turns(f"iv{i:04d}", turns, participant=who)
        ws.save_interview(iv)
        insights = []
        for turn in iv.turns:
            if turn.speaker != who:
                continue
            q = Quote(text=turn.text, interview_id=iv.id, turn_index=turn.index, start=turn.start, end=turn.end)
            kind = kinds[int(rng.integers(0, len(kinds)))]
            insights.append(Insight(id=Insight.make_id(iv.id, kind.value, q.start, q.end), interview_id=iv.id,
                                    kind=kind, summary=turn.text, quotes=[q], participant=who, confidence=0.8))
        ws.save_insight_set(InsightSet(interview_id=iv.id, engine="offline", insights=insights))
        noise = rng.standard_normal((per, DIM)).astype(np.float32) / np.sqrt(DIM)
        vecs = _unit(0.45 * domain + 0.75 * centres[topics] + 0.55 * noise)
        docs = [insight_doc(ins, iv) for ins in insights]
        with store.connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            store.upsert(conn, docs, vecs)
            conn.execute("COMMIT")
    return ws.root


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def measure(ws_dir: Path) -> dict[str, object]:
    """Baseline (load the vectors), then themes() timed, then themes() again under tracemalloc for its peak."""
    from synth.index.vectors import stored_vector_matrix
    from synth.themes import themes
    from synth.workspace import Workspace

    ws = Workspace(ws_dir)
    insights = ws.insights()
    t = time.perf_counter()
    vecs, found = stored_vector_matrix(ws, insights)
    base_s = time.perf_counter() - t
    assert found.all(), "every insight's vector should come from the index"
    del vecs, insights
    base_rss = _rss_mb()
    # Timed without tracemalloc, which slows every allocation.
    t, cpu = time.perf_counter(), time.process_time()
    found_themes = themes(ws)
    secs, cpu = time.perf_counter() - t, time.process_time() - cpu
    rss = _rss_mb()
    tracemalloc.start()
    themes(ws)
    traced = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    members = sum(len(x.insight_ids) for x in found_themes)
    return {
        "insights": sum(1 for _ in ws.insights()),
        "themes": len(found_themes),
        "insights_in_themes": members,
        "largest_theme": max((len(x.insight_ids) for x in found_themes), default=0),
        "baseline_load_vectors_s": round(base_s, 2),
        "baseline_max_rss_mb": base_rss,
        "themes_s": round(secs, 2),
        "themes_cpu_s": round(cpu, 2),
        "themes_max_rss_mb": rss,
        "themes_traced_peak_mb": round(traced / 2**20, 1),
        "load_average_1min": round(os.getloadavg()[0], 1),
        "top_labels": [x.label for x in found_themes[:5]],
    }


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--interviews", type=int, default=1000)
    ap.add_argument("--per", type=int, default=25, help="insights per interview")
    ap.add_argument("--keep", type=Path, default=None, help="build the workspace here and keep it")
    ap.add_argument("--reuse", type=Path, default=None, help="measure a workspace kept by an earlier --keep run")
    args = ap.parse_args(argv)
    if args.reuse:
        print(json.dumps(measure(args.reuse / "ws"), indent=2))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        t = time.perf_counter()
        ws_dir = build(root, args.interviews, args.per)
        print(f"built {args.interviews} x {args.per} in {time.perf_counter() - t:.0f} s", file=sys.stderr)
        print(json.dumps(measure(ws_dir), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
