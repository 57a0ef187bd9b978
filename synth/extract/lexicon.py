"""The offline extractor's data: kind descriptions, examples and lexical cues (prompts/offline/kinds.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from synth.errors import ConfigError

NONE_KIND = "none"


@dataclass
class KindSpec:
    name: str
    description: str
    examples: list[str]
    cues: list[tuple[re.Pattern[str], float]] = field(default_factory=list)

    def cue_score(self, text: str) -> float:
        return sum(w for pat, w in self.cues if pat.search(text))


def lexicon_path() -> Path:
    import prompts

    return Path(prompts.__file__).parent / "offline" / "kinds.yaml"


@lru_cache(maxsize=2)
def load_kinds(path: Path | None = None) -> dict[str, KindSpec]:
    path = path or lexicon_path()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))["kinds"]
        kinds: dict[str, KindSpec] = {}
        for name, spec in raw.items():
            cues = [(re.compile(c["pattern"], re.IGNORECASE), float(c["weight"])) for c in spec.get("cues", [])]
            kinds[name] = KindSpec(name, spec["description"], list(spec["examples"]), cues)
    except (OSError, KeyError, TypeError, yaml.YAMLError, re.error) as exc:
        raise ConfigError(f"cannot read the offline lexicon: {exc}", path=path) from None
    return kinds
