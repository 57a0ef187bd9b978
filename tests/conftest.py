"""Fixtures shared by every test folder. Keep this small and generic.

LLM cassettes (pytest-recording / vcrpy, record mode `none` unless `--record-mode` is given):
every `@pytest.mark.vcr` test replays
from tests/cassettes/<test module>/<test name>.yaml; a missing cassette fails
rather than reaching the network. How to record: tests/README.md.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from synth.config import LLMSettings, WorkspaceConfig
from synth.workspace import Workspace

CASSETTES = Path(__file__).parent / "cassettes"
# The OpenAI-compatible server cassettes were recorded from (tests/README.md): `python -m
# llama_cpp.server` with the bundled SmolLM2 on this fixed loopback port, so URIs match on replay.
RECORDING_SERVER = "http://127.0.0.1:8765/v1"


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    return {
        "filter_headers": ["authorization", "api-key", "x-api-key", "openai-organization", "cookie", "set-cookie"],
        "match_on": ["method", "scheme", "host", "port", "path", "query", "body"],
        "decode_compressed_response": True,
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(CASSETTES / request.module.__name__.split(".")[-1])


@pytest.fixture
def make_llm_workspace(tmp_path: Path) -> Callable[..., Workspace]:
    """A fresh workspace with `[llm]` settings: make_llm_workspace(provider="...", max_retries=0, ...)."""

    def make(provider: str = "none", env: dict[str, str] | None = None, names: list[str] | None = None, **llm: Any) -> Workspace:
        config = WorkspaceConfig(llm=LLMSettings(provider=provider, **llm))
        if names:
            config.privacy.names = names
        root = tmp_path / f"ws{len(list(tmp_path.iterdir()))}"
        Workspace.create(root, config)
        return Workspace(root, env=env if env is not None else {})

    return make


@pytest.fixture
def cassette_workspace(make_llm_workspace: Callable[..., Workspace]) -> Workspace:
    """A workspace pointed at the recording server (SmolLM2 via llama_cpp.server), for `@pytest.mark.vcr` tests."""
    return make_llm_workspace(provider=f"openai-compatible:smollm2@{RECORDING_SERVER}", max_retries=0)
