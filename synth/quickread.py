"""A first look at a workspace from its files alone: no pydantic, no models, never a write.

The TUI paints its first screen from this (the workspace's name, its counts and
each hypothesis's ID, statement and status) while `synth.workspace`, pydantic
and the evidence modules load behind it. It is a preview, not a second parser:
anything it is not sure the real `Workspace` would accept (bad TOML or YAML, an
unknown key, a malformed ID, a status outside the list) makes it answer None,
and the caller leaves that part to the normal path, which reports the problem
with its usual one-line error.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from synth import quicktoml, quickyaml

CONFIG_FILE = "synth.toml"
HYPOTHESES_FILE = "hypotheses.yaml"
DEFAULT_NAME = "My startup"  # synth.config.WorkspaceConfig.name
CONFIG_SECTIONS = frozenset({"name", "project", "north_star", "llm", "embedding", "index", "privacy", "audio"})
NORTH_STAR_KEYS = frozenset({"metric", "inputs"})
HYPOTHESIS_KEYS = frozenset({"id", "statement", "kind", "falsified_if", "status", "created", "updated"})
HYPOTHESIS_ID = re.compile(r"H[0-9]+")
STATUSES = frozenset({"open", "supported", "refuted", "inconclusive"})  # synth.models.HypothesisStatus
KINDS = frozenset({"customer", "problem", "solution", "value", "growth"})  # synth.models.HypothesisKind
REVIEWS = frozenset({"new", "accepted", "rejected"})  # synth.models.Review
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
INSIGHT_BYTES_LIMIT = 8_000_000
"""Past this much insight JSON the count waits for the real load: the first frame must stay quick."""


class QuickConfig(NamedTuple):
    name: str
    north_star: str


class QuickHypothesis(NamedTuple):
    id: str
    statement: str
    status: str


class QuickView(NamedTuple):
    """What the first screen shows; a part is None when only the real load can say."""

    config: QuickConfig | None
    hypotheses: list[QuickHypothesis] | None
    interviews: int | None
    insights: int | None
    """Insights not rejected, across interviews that have an interview.json (as the Overview counts them)."""


def read_config(root: Path) -> QuickConfig | None:
    """The name and north star from synth.toml (the environment overrides never touch these)."""
    path = root / CONFIG_FILE
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError):
        return None
    # What Synth writes needs no tomllib (its import costs more than the rest of the config read).
    data: dict[str, Any] | None = quicktoml.load(text)
    if data is None:
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            return None
    if not set(data) <= CONFIG_SECTIONS:
        return None
    if any(not isinstance(data[k], dict) for k in data if k != "name"):
        return None
    name = data.get("name", DEFAULT_NAME)
    north = data.get("north_star", {})
    if not isinstance(name, str) or not set(north) <= NORTH_STAR_KEYS:
        return None
    metric = north.get("metric", "")
    if not isinstance(metric, str):
        return None
    return QuickConfig(name=name, north_star=metric)


def _yaml_load(text: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it: ~10x faster
    return yaml.load(text, Loader=loader)  # a safe loader, chosen above


def _is_day(value: object) -> bool:
    if isinstance(value, date):
        return type(value) is date  # a datetime is a date too, but not one the model takes as a day
    return isinstance(value, str) and ISO_DAY.fullmatch(value) is not None


def _hypothesis(item: object) -> QuickHypothesis | None:
    if not isinstance(item, dict) or not set(item) <= HYPOTHESIS_KEYS:
        return None
    hid, statement = item.get("id"), item.get("statement")
    status, kind = item.get("status", "open"), item.get("kind", "problem")
    if not (isinstance(hid, str) and HYPOTHESIS_ID.fullmatch(hid)):
        return None
    if not (isinstance(statement, str) and statement):
        return None
    if status not in STATUSES or kind not in KINDS or not isinstance(item.get("falsified_if", ""), str):
        return None
    if not (_is_day(item.get("created")) and _is_day(item.get("updated"))):
        return None
    return QuickHypothesis(id=hid, statement=statement, status=str(status))


def read_hypotheses(root: Path) -> list[QuickHypothesis] | None:
    """ID, statement and status of each hypothesis, in file order; None if anything looks off."""
    path = root / HYPOTHESES_FILE
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8")
        # What Synth writes needs no PyYAML (its import costs more than the rest of the quick read).
        raw = quickyaml.load(text)
        if raw is None:
            raw = _yaml_load(text) or []
    except Exception:  # any YAML or decoding error: the real load words it
        return None
    if isinstance(raw, dict):
        raw = raw.get("hypotheses") or []
    if not isinstance(raw, list):
        return None
    out: list[QuickHypothesis] = []
    for item in raw:
        hyp = _hypothesis(item)
        if hyp is None or any(h.id == hyp.id for h in out):  # a repeated id is an error the real load words
            return None
        out.append(hyp)
    return out


def interview_ids(root: Path) -> list[str]:
    """The same list as `Workspace.interview_ids`: folders holding an interview.json."""
    folder = root / "interviews"
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / "interview.json").is_file())


def count_insights(root: Path, ids: list[str]) -> int | None:
    """Insights not rejected, read with the json module; None if a file looks off or there is too much."""
    total, budget = 0, INSIGHT_BYTES_LIMIT
    for iid in ids:
        path = root / "insights" / f"{iid}.json"
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            continue
        except OSError:
            return None
        budget -= len(raw)
        if budget < 0:
            return None
        try:
            data = json.loads(raw)
        except ValueError:
            return None
        insights = data.get("insights", []) if isinstance(data, dict) else None
        if not isinstance(insights, list):
            return None
        for ins in insights:
            review = ins.get("review", "new") if isinstance(ins, dict) else None
            if review not in REVIEWS:
                return None
            total += review != "rejected"
    return total


def read_quick(root: Path | str) -> QuickView:
    """Everything the first screen shows, from the files; parts the reader is unsure of are None."""
    root = Path(root)
    try:
        ids: list[str] | None = interview_ids(root)
    except OSError:
        ids = None
    return QuickView(
        config=read_config(root),
        hypotheses=read_hypotheses(root),
        interviews=None if ids is None else len(ids),
        insights=None if ids is None else count_insights(root, ids),
    )
