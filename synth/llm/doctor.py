"""`synth doctor`: what is configured, what answers, what is missing, in plain words.

Never prints a key: checks say whether the key's variable is set, and every
detail line is scrubbed of the key's value before it is returned.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from synth.errors import SynthError
from synth.llm.spec import parse_provider

if TYPE_CHECKING:
    from synth.workspace import Workspace


@dataclass
class Check:
    name: str
    ok: bool
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def scrub(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
            # Servers echo keys partially ("sk-abc...wxyz"): mask any long fragment too.
            for piece in (secret[:8], secret[-6:]):
                if len(piece) >= 6:
                    text = text.replace(piece, "***")
    return text


def _provider_checks(ws: Workspace, env: dict[str, str], timeout: float) -> list[Check]:
    settings = ws.config.llm
    try:
        spec = parse_provider(settings.provider)
    except SynthError as exc:
        return [Check("provider", False, str(exc))]
    if spec.kind == "none":
        return [Check("provider", True, "none: no LLM; extraction, linking and guides use the offline engines")]
    checks = [Check("provider", True, f"{spec.kind}, model {spec.model}" + (f" at {spec.base_url}" if spec.base_url else ""))]
    if spec.kind in ("openai", "openai-compatible"):
        var = settings.api_key_env
        if env.get(var, "").strip():
            checks.append(Check("api key", True, f"{var} is set"))
        elif spec.kind == "openai":
            checks.append(Check("api key", False, f"{var} is not set; export it (the key never goes in synth.toml)"))
            return checks
        else:
            checks.append(Check("api key", True, f"{var} is not set; sending a placeholder (most local servers need none)"))
    if spec.kind == "llamacpp" and importlib.util.find_spec("llama_cpp") is None:
        checks.append(Check("answers", False, "llama-cpp-python is not installed: pip install 'synth[local]' (see the README)"))
        return checks
    try:
        from synth.llm import make_provider

        provider: Any = make_provider(spec, ws, env)
        checks.append(Check("answers", True, str(provider.ping(timeout=timeout))))
    except SynthError as exc:
        checks.append(Check("answers", False, exc.line()))
    except Exception as exc:
        from synth.llm.errors import describe_failure

        failure = describe_failure(exc)[0]
        checks.append(Check("answers", False, f"{spec.label} {failure.what}"))
    return checks


def _embedding_check(ws: Workspace) -> Check:
    try:
        from synth.embed import get_embedder

        vectors = get_embedder(ws.config.embedding).embed(["doctor check"])
        return Check("embeddings", True, f"{ws.config.embedding.model}, {vectors.shape[1]} dimensions")
    except SynthError as exc:
        return Check("embeddings", False, exc.line())
    except Exception as exc:
        return Check("embeddings", False, f"{ws.config.embedding.model} did not load: {type(exc).__name__}")


def _index_check(ws: Workspace) -> Check:
    url = ws.config.index.url.strip()
    if url:
        return Check("index", True, f"Chroma server at {url}")
    where = ws.derived_dir / "chroma"
    state = "built" if where.exists() else "not built yet: run `synth reindex`"
    return Check("index", True, f"embedded, {where} ({state})")


def _tokens_check() -> Check:
    from synth.tokens import _cl100k, _o200k

    found, missing = [], []
    for name, load in (("cl100k_base", _cl100k), ("o200k_base", _o200k)):
        try:
            load()
            found.append(name)
        except Exception:
            missing.append(name)
    if missing:
        return Check("token counting", False, f"offline: {', '.join(found) or 'none'}; missing {', '.join(missing)}")
    return Check("token counting", True, f"offline encodings: {', '.join(found)}")


def run_checks(ws: Workspace, *, env: dict[str, str] | None = None, timeout: float = 5.0, embeddings: bool = True) -> list[Check]:
    env = dict(os.environ) if env is None else env
    checks = _provider_checks(ws, env, timeout)
    if embeddings:
        checks.append(_embedding_check(ws))
    checks.append(_index_check(ws))
    checks.append(_tokens_check())
    local = importlib.util.find_spec("llama_cpp") is not None
    checks.append(Check("local llama.cpp", True, "installed" if local else "not installed (optional: synth[local])"))
    secrets = [env.get(ws.config.llm.api_key_env, "")]
    for c in checks:
        c.detail = scrub(c.detail, secrets)
    return checks
