"""Synthetic search indexes for the benchmarks: N chunks with clustered vectors and Zipf-worded text.

Embedding 100k texts on 2 cores would take most of an hour, so vectors are
drawn around 256 random centroids (real sentence embeddings cluster too);
texts are drawn from a 4,000-word vocabulary with a Zipf law so the keyword
index sees realistic posting-list lengths. Metadata mimics interviews of 50
chunks: 40% interviewer turns, 5 segments, dates spread over two years.
"""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from synth.index.documents import IndexDoc
from synth.workspace import Workspace

DIM = 384
CHUNKS_PER_INTERVIEW = 50
SEGMENTS = ("smb", "agency", "enterprise", "freelance", "nonprofit")
START = date(2024, 6, 1)
DAYS = 730
CENTROIDS = 256


def _vocabulary(rng: np.random.Generator, n: int = 4000) -> list[str]:
    syll = ["ba", "ko", "ri", "mu", "te", "sa", "lo", "ne", "vi", "da", "pe", "gu", "zo", "fi", "ha", "je"]
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(syll, size=int(rng.integers(2, 5)))))
    return sorted(words)


class Synthetic:
    def __init__(self, n: int, seed: int = 0) -> None:
        self.n = n
        self.rng = np.random.default_rng(seed)
        self.vocab = _vocabulary(self.rng)
        self.centroids = self._unit(self.rng.standard_normal((CENTROIDS, DIM)).astype(np.float32))
        ranks = np.arange(1, len(self.vocab) + 1)
        self.word_p = (1.0 / ranks) / (1.0 / ranks).sum()

    @staticmethod
    def _unit(m: np.ndarray) -> np.ndarray:
        return m / np.linalg.norm(m, axis=-1, keepdims=True)

    def vectors(self, count: int) -> np.ndarray:
        c = self.rng.integers(0, CENTROIDS, size=count)
        noise = self.rng.standard_normal((count, DIM)).astype(np.float32) * (0.9 / np.sqrt(DIM))
        return self._unit(self.centroids[c] + noise).astype(np.float32)

    def text(self, lo: int = 30, hi: int = 120) -> str:
        idx = self.rng.choice(len(self.vocab), size=int(self.rng.integers(lo, hi)), p=self.word_p)
        return " ".join(self.vocab[i] for i in idx) + "."

    def docs(self, lo: int, hi: int) -> list[IndexDoc]:
        out = []
        for j in range(lo, hi):
            iv, seq = divmod(j, CHUNKS_PER_INTERVIEW)
            interviewer = seq % 5 in (0, 2)
            day = START + timedelta(days=iv * DAYS // max(1, self.n // CHUNKS_PER_INTERVIEW))
            text = self.text()
            out.append(
                IndexDoc(
                    id=f"iv{iv:05d}#c{seq:04d}", kind="chunk", text=text, body=text, interview_id=f"iv{iv:05d}",
                    speaker="Sam" if interviewer else f"P{iv}", role="interviewer" if interviewer else "participant",
                    participant=f"P{iv}", company=f"C{iv}", segment=SEGMENTS[iv % len(SEGMENTS)], date=day.isoformat(),
                    turn_start=seq, turn_end=seq, start=seq * 500, end=seq * 500 + len(text),
                    t_start=seq * 30.0, t_end=seq * 30.0 + 25,
                )
            )
        return out

    def queries(self, count: int, seed: int = 1000) -> tuple[list[str], np.ndarray]:
        """Query texts (2-3 mid-frequency words) and vectors near random centroids."""
        rng = np.random.default_rng(seed)
        texts = [" ".join(self.vocab[i] for i in rng.integers(20, 800, size=int(rng.integers(2, 4)))) for _ in range(count)]
        c = rng.integers(0, CENTROIDS, size=count)
        noise = rng.standard_normal((count, DIM)).astype(np.float32) * (0.9 / np.sqrt(DIM))
        return texts, self._unit(self.centroids[c] + noise).astype(np.float32)

    def filters(self) -> dict[str, dict[str, Any]]:
        """Named filter sets: (ours as Filters kwargs, Chroma's `where`)."""
        n_iv = max(1, self.n // CHUNKS_PER_INTERVIEW)
        since = START + timedelta(days=DAYS * 3 // 4)
        iv = f"iv{n_iv // 2:05d}"
        return {
            "none": {"ours": {}, "where": None},
            "speaker": {"ours": {"role": "participant"}, "where": {"role": "participant"}},
            "interview": {"ours": {"interview": iv}, "where": {"interview_id": iv}},
            "segment": {"ours": {"segment": "agency"}, "where": {"segment": "agency"}},
            "date": {"ours": {"since": since.isoformat()}, "where": {"date_int": {"$gte": int(since.strftime("%Y%m%d"))}}},
        }


def build(root: Path, n: int, seed: int = 0, batch: int = 5000) -> Workspace:
    """A workspace whose index holds `n` synthetic chunks; reused when already built."""
    from synth.index import writer

    marker = root / "bench.json"
    if marker.exists() and json.loads(marker.read_text()).get("n") == n:
        return Workspace.open(root / "ws")
    if (root / "ws").exists():
        import shutil

        shutil.rmtree(root / "ws")
    root.mkdir(parents=True, exist_ok=True)
    ws = Workspace.create(root / "ws")
    syn = Synthetic(n, seed)
    for lo in range(0, n, batch):
        hi = min(n, lo + batch)
        writer.write_docs(ws, syn.docs(lo, hi), syn.vectors(hi - lo))
        print(f"  built {hi:,}/{n:,} chunks", file=sys.stderr)
    marker.write_text(json.dumps({"n": n, "seed": seed}))
    return ws
