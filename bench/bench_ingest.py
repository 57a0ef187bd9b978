"""Ingest throughput in transcript tokens per second, against the embedding model's raw speed.

    python -m bench.bench_ingest [--rounds 3]

Texts: the two QMSum meeting transcripts in ../shared/data (real speech, 600+
turns), else a synthetic stand-in. In the same run and on the same texts it times
- baseline: `embedder.embed()` on exactly the chunk texts the index will embed;
- index: `synth.index.index_interviews` into a fresh workspace (chunking with
  tiktoken, embedding, SQLite FTS5 + vectors, Chroma writes, locks);
- ingest: `synth.ingest.ingest_paths` on the files, when that module exists
  (parsing, saving the workspace files and indexing).
Rounds alternate baseline and index so machine noise hits both; the best
round of each is reported, and the ratio index / baseline says what the index
costs on top of embedding.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from synth.models import Interview, InterviewMeta, Role, Turn
from synth.workspace import Workspace

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "transcripts" / "qmsum"


def _interview_from_turns(interview_id: str, turns: list[tuple[str, str]]) -> Interview:
    parts: list[str] = []
    built: list[Turn] = []
    pos = 0
    for i, (speaker, text) in enumerate(turns):
        text = " ".join(text.split())
        if not text:
            continue
        sep = "\n\n" if parts else ""
        label = f"{speaker}: "
        parts.append(sep + label + text)
        start = pos + len(sep) + len(label)
        role = Role.interviewer if i == 0 else Role.participant
        built.append(Turn(index=len(built), speaker=speaker, role=role, text=text, start=start, end=start + len(text)))
        pos = start + len(text)
    return Interview(id=interview_id, meta=InterviewMeta(title=interview_id), text="".join(parts), turns=built)


def load_corpus() -> tuple[list[Interview], list[Path], str]:
    files = sorted(DATA.glob("*.json")) if DATA.is_dir() else []
    if files:
        interviews = []
        for f in files:
            data = json.loads(f.read_text(encoding="utf-8"))
            turns = [(t["speaker"], t["content"]) for t in data["meeting_transcripts"]]
            interviews.append(_interview_from_turns(f.stem.lower(), turns))
        return interviews, files, "QMSum AMI ES2004a + ICSI Bro011 (shared/data)"
    from bench.synthetic import Synthetic

    syn = Synthetic(1000)
    turns = [("Sam" if i % 2 == 0 else "Kim", syn.text(5, 80)) for i in range(600)]
    return [_interview_from_turns("synthetic", turns)], [], "synthetic (shared/data absent)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_ingest", description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)

    from synth.embed import get_embedder
    from synth.index import index_interviews
    from synth.index.documents import chunk_docs
    from synth.tokens import count_tokens

    interviews, files, source = load_corpus()
    tokens = sum(count_tokens(i.text) for i in interviews)
    with tempfile.TemporaryDirectory() as tmp:
        probe_ws = Workspace.create(Path(tmp) / "probe")
        cfg = probe_ws.config
        bodies = [d.body for i in interviews for d in chunk_docs(i, cfg.index.chunk_tokens)]
        embedder = get_embedder(cfg.embedding)
        embedder.embed(bodies[:8])  # load the model outside the clock

        base_t, index_t = [], []
        for r in range(args.rounds):
            t = time.perf_counter()
            embedder.embed(bodies)
            base_t.append(time.perf_counter() - t)
            ws = Workspace.create(Path(tmp) / f"ws{r}")
            for i in interviews:
                ws.save_interview(i)
            t = time.perf_counter()
            index_interviews(ws, interviews)
            index_t.append(time.perf_counter() - t)
            print(f"  round {r + 1}: embed {base_t[-1]:.1f} s, index {index_t[-1]:.1f} s", file=sys.stderr)
        result: dict[str, Any] = {
            "source": source,
            "interviews": len(interviews),
            "turns": sum(len(i.turns) for i in interviews),
            "chunks": len(bodies),
            "transcript_tokens": tokens,
            "embed_tokens_per_s": round(tokens / min(base_t)),
            "index_tokens_per_s": round(tokens / min(index_t)),
        }
        result["index_vs_embed"] = round(result["index_tokens_per_s"] / result["embed_tokens_per_s"], 2)
        result["ingest_paths"] = _ingest_paths(Path(tmp) / "ingest", files, tokens)
    print(json.dumps(result, indent=2))
    return 0


def _ingest_paths(root: Path, files: list[Path], tokens: int) -> dict[str, Any] | str:
    try:
        from synth.ingest import ingest_paths  # type: ignore[attr-defined]
    except ImportError:
        return "synth.ingest.ingest_paths not available yet"
    if not files:
        return "no transcript files"
    ws = Workspace.create(root)
    t = time.perf_counter()
    try:
        ingest_paths(ws, files)
    except Exception as exc:  # another engineer's module: report, don't crash the bench
        return f"failed: {type(exc).__name__}: {exc}"
    dt = time.perf_counter() - t
    from synth.tokens import count_tokens

    parsed = sum(count_tokens(i.text) for i in ws.interviews()) or tokens
    return {"seconds": round(dt, 2), "transcript_tokens": parsed, "tokens_per_s": round(parsed / dt)}


if __name__ == "__main__":
    sys.exit(main())
