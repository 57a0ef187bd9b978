"""TUI fixtures: a deterministic workspace copied per test, and an extracted + indexed one built once."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_workspace import make_workspace

from synth.workspace import Workspace


@pytest.fixture(autouse=True)
def _quiet_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # No user settings leak into the app, and nothing reaches a provider.
    for var in ("SYNTH_LLM", "SYNTH_CHROMA_URL", "SYNTH_EMBEDDING", "SYNTH_WORKSPACE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture(scope="session")
def _fixed_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fixed") / "ws"
    make_workspace(root)
    return root


@pytest.fixture
def ws(_fixed_source: Path, tmp_path: Path) -> Workspace:
    """The deterministic workspace (hand-written insights and links), a fresh copy per test."""
    target = tmp_path / "ws"
    shutil.copytree(_fixed_source, target)
    return Workspace(target)


@pytest.fixture(scope="session")
def _indexed_source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    from synth.index import reindex

    root = tmp_path_factory.mktemp("indexed") / "ws"
    reindex(make_workspace(root))
    yield root


@pytest.fixture
def indexed_ws(_indexed_source: Path, tmp_path: Path) -> Workspace:
    """The deterministic workspace with its search index built, a fresh copy per test."""
    target = tmp_path / "ws"
    shutil.copytree(_indexed_source, target)
    return Workspace(target)


DEMO_SUBSET = ("2026-09-10-tom-solo-bookkeeper.md", "2026-10-01-lucy-practice-manager.vtt", "2026-10-07-ben-bookkeeper.txt")
"""Three demo transcripts in three formats: the demo's settings and hypotheses at a third of the cost."""


@pytest.fixture(scope="session")
def _demo_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from synth.demo import create_demo_workspace, demo_source, ingest_demo_transcripts
    from synth.extract import extract_interviews

    try:
        src = demo_source()
    except Exception as exc:
        pytest.skip(f"demo workspace not available: {exc}")
    base = tmp_path_factory.mktemp("demo")
    subset = base / "transcripts"
    subset.mkdir()
    for name in (*DEMO_SUBSET, "metadata.yaml"):
        shutil.copyfile(src / "transcripts" / name, subset / name)
    ws = create_demo_workspace(base / "ws", ingest=False)
    ingest_demo_transcripts(ws, subset)
    extract_interviews(ws)
    return ws.root


@pytest.fixture
def demo_ws(_demo_source: Path, tmp_path: Path) -> Workspace:
    """Part of the demo workspace, ingested, extracted and indexed; a fresh copy per test."""
    target = tmp_path / "demo"
    shutil.copytree(_demo_source, target)
    return Workspace(target)


@pytest.fixture
def bare_ws(tmp_path: Path) -> Workspace:
    """Interviews only: nothing extracted yet."""
    return make_workspace(tmp_path / "bare", with_insights=False)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
