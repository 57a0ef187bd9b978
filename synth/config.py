"""`synth.toml`: the workspace's settings, with environment overrides.

Secrets never live here: API keys come from the environment only
(`OPENAI_API_KEY`, or the variable named by `[llm] api_key_env`).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from synth import atomic
from synth.errors import ConfigError


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NorthStar(Section):
    metric: str = ""
    """The one number that says customers get value, e.g. 'weekly reconciled invoices'."""
    inputs: list[str] = Field(default_factory=list)
    """Input metrics the team can move directly."""


class LLMSettings(Section):
    provider: str = "none"
    """`none`, `openai:MODEL`, `openai-compatible:MODEL@URL`, `llamacpp:PATH` or `llamacpp:smollm2`."""
    api_key_env: str = "OPENAI_API_KEY"
    """Name of the environment variable holding the key (never the key itself)."""
    concurrency: int = Field(default=4, ge=1, le=64)
    """Interviews in flight at once against a remote provider."""
    timeout: float = Field(default=120.0, gt=0)
    max_retries: int = Field(default=3, ge=0, le=10)
    """HTTP retries (429, 5xx, timeouts) with exponential backoff and jitter."""
    max_reasks: int = Field(default=2, ge=0, le=5)
    """Re-asks when the model's answer fails validation (ungrounded quotes)."""
    max_cost: float | None = None
    """Abort before a run would spend more than this many US dollars."""
    max_output_tokens: int = Field(default=2048, ge=16, le=65536)
    """`max_tokens` sent with every request: the longest answer a call may cost (the cost ceiling reserves it)."""
    context_tokens: int = Field(default=8000, ge=512)
    """Transcript tokens per extraction call; longer transcripts are chunked by turns."""
    redact: bool = False
    """Mask e-mail addresses, phone numbers and `privacy.names` before text leaves the machine."""
    mode: str = ""
    """instructor mode override (`tools`, `json_schema`, `json`); empty picks per provider."""


class EmbeddingSettings(Section):
    model: str = "minilm-int8"
    """`minilm-int8` (bundled ONNX, offline) or `openai:text-embedding-3-small`."""
    batch_size: int = Field(default=16, ge=1, le=256)
    threads: int = Field(default=2, ge=1, le=64)


class IndexSettings(Section):
    url: str = ""
    """A Chroma server (`http://host:port`); empty uses the embedded index in `.synth/`."""
    chunk_tokens: int = Field(default=200, ge=32, le=2000)


class PrivacySettings(Section):
    pseudonymise: bool = False
    """Replace participant and company names at import (key kept in `.synth/`)."""
    names: list[str] = Field(default_factory=list)
    """Extra names to mask when `llm.redact` is on."""


class ProjectSettings(Section):
    id: str = ""
    """A UUID for this workspace, made at `synth init`: REFI-QDA GUIDs are namespaced by it, so two
    workspaces' "H1" or "pain" never collide when another tool merges their exports."""
    coder: str = ""
    """Your name as the coder in exports (REFI-QDA `User`); empty uses the operating system's user name."""


class AudioSettings(Section):
    """Recordings (`synth ingest call.m4a`, needs the `audio` extra)."""

    engine: str = "local"
    """`local` (offline faster-whisper) or `api` (the `[llm] provider`'s transcription API: the audio
    leaves the machine and costs money; `synth ingest --dry-run` shows the cost first)."""
    model: str = ""
    """A folder holding a CTranslate2 Whisper model for `local`; empty uses the bundled tiny.en."""
    threads: int = Field(default=2, ge=1, le=64)
    api_model: str = "whisper-1"
    """`whisper-1` (timed segments), or `gpt-4o-transcribe-diarize` (segments with speakers)."""
    api_price_per_minute: float = Field(default=0.006, ge=0)
    """US dollars per minute of audio for `api`, for the dry-run estimate."""


class WorkspaceConfig(Section):
    name: str = "My startup"
    project: ProjectSettings = Field(default_factory=ProjectSettings)
    north_star: NorthStar = Field(default_factory=NorthStar)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    index: IndexSettings = Field(default_factory=IndexSettings)
    privacy: PrivacySettings = Field(default_factory=PrivacySettings)
    audio: AudioSettings = Field(default_factory=AudioSettings)


# Environment variables that override the file, for CI and one-off runs.
ENV_OVERRIDES: dict[str, tuple[str, str]] = {
    "SYNTH_LLM": ("llm", "provider"),
    "SYNTH_CHROMA_URL": ("index", "url"),
    "SYNTH_EMBEDDING": ("embedding", "model"),
}


def load_config(path: Path, *, env: dict[str, str] | None = None) -> WorkspaceConfig:
    env = dict(os.environ) if env is None else env
    data: dict[str, object] = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"not valid TOML: {exc}", path=path) from None
    for var, (section, key) in ENV_OVERRIDES.items():
        if env.get(var):
            sect = data.setdefault(section, {})
            if isinstance(sect, dict):
                sect[key] = env[var]
    try:
        return WorkspaceConfig.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise ConfigError(f"{where}: {err['msg']}", path=path) from None


def save_config(path: Path, config: WorkspaceConfig) -> None:
    atomic.write_text(path, tomli_w.dumps(config.model_dump(exclude_none=True)))
