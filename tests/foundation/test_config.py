from __future__ import annotations

from pathlib import Path

import pytest

from synth.config import WorkspaceConfig, load_config, save_config
from synth.errors import ConfigError


def test_defaults_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "synth.toml"
    cfg = WorkspaceConfig(name="Ledgerly")
    cfg.north_star.metric = "Books closed on time per week"
    cfg.north_star.inputs = ["Active firms", "Accounts connected"]
    save_config(path, cfg)
    assert load_config(path, env={}) == cfg
    assert load_config(tmp_path / "missing.toml", env={}) == WorkspaceConfig()


def test_environment_overrides_file(tmp_path: Path) -> None:
    path = tmp_path / "synth.toml"
    path.write_text('[llm]\nprovider = "none"\n[index]\nurl = ""\n')
    cfg = load_config(path, env={"SYNTH_LLM": "openai:gpt-4.1-mini", "SYNTH_CHROMA_URL": "http://127.0.0.1:8000"})
    assert cfg.llm.provider == "openai:gpt-4.1-mini"
    assert cfg.index.url == "http://127.0.0.1:8000"


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("name = [", "not valid TOML"),
        ("[llm]\nconcurrency = 0\n", "llm.concurrency"),
        ("[llm]\napi_key = 'sk-secret'\n", "llm.api_key"),
        ("unknown = 1\n", "unknown"),
    ],
)
def test_bad_config_is_one_clear_error(tmp_path: Path, text: str, match: str) -> None:
    path = tmp_path / "synth.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=match) as exc:
        load_config(path, env={})
    assert str(path) in exc.value.line()
    assert "\n" not in exc.value.line()
