"""1,000 generated interviews: the workspace still opens, searches and drafts; ingest memory stays bounded."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_a_thousand_interviews(tmp_path: Path) -> None:
    from bench.bench_scale import run

    out = run(1000, tmp_path)
    assert out["imported"] == 1000
    assert out["loaded_interviews"] == 1000
    assert out["insights"] > 1000
    assert out["draft_claims"] > 0
    # Ingest holds one file at a time: its peak stays near the process's own baseline
    # (Python, Synth and the embedding model loaded), not proportional to the workspace.
    assert out["peak_mb"] < 2 * out["baseline_mb"]
