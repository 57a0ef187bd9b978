"""The workspace: a folder of plain files the founder owns.

    synth.toml                 settings (no secrets)
    hypotheses.yaml            what we believe, and how we'd know we're wrong
    interviews/<id>/           the original file as imported + interview.json
    insights/<id>.json         insights and evidence links for one interview
    guides/                    interview guides (Markdown, with a JSON twin)
    strategy.md                the living strategy document
    drafts/                    proposed strategy updates and their diffs
    .synth/                    derived: index, caches, usage log; safe to delete

Reads need no lock (every write is an atomic rename); writes take the
workspace lock so two processes never interleave.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import yaml
from pydantic import ValidationError

from synth import atomic
from synth.config import WorkspaceConfig, load_config, save_config
from synth.errors import NotFoundError, UserError
from synth.lock import write_lock
from synth.models import (
    Hypothesis,
    HypothesisKind,
    HypothesisStatus,
    Insight,
    InsightSet,
    Interview,
)

CONFIG_FILE = "synth.toml"
HYPOTHESES_FILE = "hypotheses.yaml"
STRATEGY_FILE = "strategy.md"


class Workspace:
    def __init__(self, root: Path, *, env: dict[str, str] | None = None) -> None:
        self.root = Path(root).resolve()
        self._env = env
        self._config: WorkspaceConfig | None = None

    # --- locating -----------------------------------------------------------

    @classmethod
    def open(cls, root: Path | str | None = None) -> Workspace:
        """Open an existing workspace; `root` defaults to SYNTH_WORKSPACE or the cwd."""
        path = Path(root or os.environ.get("SYNTH_WORKSPACE") or ".")
        if not (path / CONFIG_FILE).is_file():
            raise UserError(
                "not a Synth workspace (no synth.toml); run `synth init` here first",
                path=path,
            )
        return cls(path)

    @classmethod
    def create(cls, root: Path | str, config: WorkspaceConfig | None = None) -> Workspace:
        path = Path(root)
        if (path / CONFIG_FILE).exists():
            raise UserError("already a Synth workspace", path=path)
        ws = cls(path)
        config = config or WorkspaceConfig()
        if not config.project.id:
            import uuid

            config = config.model_copy(update={"project": config.project.model_copy(update={"id": str(uuid.uuid4())})})
        with ws.locked():
            save_config(ws.config_path, config)
            if not ws.hypotheses_path.exists():
                ws.save_hypotheses([])
            for folder in (ws.interviews_dir, ws.insights_dir, ws.guides_dir, ws.drafts_dir):
                folder.mkdir(parents=True, exist_ok=True)
            gitignore = ws.root / ".gitignore"
            if not gitignore.exists():
                atomic.write_text(gitignore, ".synth/\n")
        return ws

    # --- paths --------------------------------------------------------------

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_FILE

    @property
    def hypotheses_path(self) -> Path:
        return self.root / HYPOTHESES_FILE

    @property
    def strategy_path(self) -> Path:
        return self.root / STRATEGY_FILE

    @property
    def interviews_dir(self) -> Path:
        return self.root / "interviews"

    @property
    def insights_dir(self) -> Path:
        return self.root / "insights"

    @property
    def guides_dir(self) -> Path:
        return self.root / "guides"

    @property
    def drafts_dir(self) -> Path:
        return self.root / "drafts"

    @property
    def derived_dir(self) -> Path:
        """`.synth/`: index, caches and logs, all rebuildable."""
        return self.root / ".synth"

    def interview_dir(self, interview_id: str) -> Path:
        return self.interviews_dir / interview_id

    # --- config and lock ----------------------------------------------------

    @property
    def config(self) -> WorkspaceConfig:
        if self._config is None:
            self._config = load_config(self.config_path, env=self._env)
        return self._config

    def save_config(self, config: WorkspaceConfig) -> None:
        with self.locked():
            save_config(self.config_path, config)
        self._config = None

    @contextmanager
    def locked(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the workspace write lock (re-entrant within a process)."""
        if timeout is None:
            timeout = float(os.environ.get("SYNTH_LOCK_TIMEOUT", "30"))
        with write_lock(self.derived_dir / "write.lock", timeout=timeout):
            yield

    # --- hypotheses ---------------------------------------------------------

    def hypotheses(self) -> list[Hypothesis]:
        if not self.hypotheses_path.exists():
            return []
        try:
            raw = yaml.safe_load(self.hypotheses_path.read_text(encoding="utf-8")) or []
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise UserError(f"not valid YAML: {_first_line(exc)}", path=self.hypotheses_path) from None
        if isinstance(raw, dict):
            raw = raw.get("hypotheses") or []
        if not isinstance(raw, list):
            raise UserError("expected a list of hypotheses", path=self.hypotheses_path)
        try:
            hyps = [Hypothesis.model_validate(item) for item in raw]
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            raise UserError(f"invalid hypothesis ({where}): {err['msg']}", path=self.hypotheses_path) from None
        # Links, decisions and statuses name a hypothesis by id: two with one id (a hand edit, a bad merge) would
        # share one's evidence, so say so rather than pick one.
        seen: set[str] = set()
        for h in hyps:
            if h.id in seen:
                raise UserError(f"two hypotheses have the id {h.id}: give each its own", path=self.hypotheses_path)
            seen.add(h.id)
        return hyps

    def hypothesis(self, hypothesis_id: str) -> Hypothesis:
        for h in self.hypotheses():
            if h.id.lower() == hypothesis_id.lower():
                return h
        raise NotFoundError(f"no hypothesis {hypothesis_id!r}", path=self.hypotheses_path)

    def save_hypotheses(self, hypotheses: list[Hypothesis]) -> None:
        data = {"hypotheses": [h.model_dump(mode="json") for h in hypotheses]}
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)
        with self.locked():
            atomic.write_text(self.hypotheses_path, text)

    def add_hypothesis(
        self,
        statement: str,
        kind: HypothesisKind = HypothesisKind.problem,
        falsified_if: str = "",
        today: date | None = None,
    ) -> Hypothesis:
        statement = statement.strip()
        if not statement:
            raise UserError("a hypothesis needs a statement")
        today = today or date.today()
        with self.locked():
            existing = self.hypotheses()
            next_n = max((int(h.id[1:]) for h in existing), default=0) + 1
            hyp = Hypothesis(
                id=f"H{next_n}",
                statement=statement,
                kind=kind,
                falsified_if=falsified_if.strip(),
                created=today,
                updated=today,
            )
            self.save_hypotheses([*existing, hyp])
        return hyp

    def update_hypothesis(self, hypothesis_id: str, **changes: object) -> Hypothesis:
        with self.locked():
            items = self.hypotheses()
            for i, h in enumerate(items):
                if h.id.lower() == hypothesis_id.lower():
                    data = h.model_dump()
                    data.update({k: v for k, v in changes.items() if v is not None})
                    data["updated"] = changes.get("updated") or date.today()
                    if isinstance(data.get("statement"), str):
                        data["statement"] = data["statement"].strip()
                    try:
                        items[i] = Hypothesis.model_validate(data)
                    except ValidationError as exc:
                        err = exc.errors()[0]
                        where = ".".join(str(p) for p in err["loc"])
                        raise UserError(f"invalid {where} for {h.id}: {err['msg']}") from None
                    self.save_hypotheses(items)
                    return items[i]
        raise NotFoundError(f"no hypothesis {hypothesis_id!r}", path=self.hypotheses_path)

    def set_status(self, hypothesis_id: str, status: HypothesisStatus) -> Hypothesis:
        return self.update_hypothesis(hypothesis_id, status=status)

    # --- interviews ---------------------------------------------------------

    def interview_ids(self) -> list[str]:
        if not self.interviews_dir.exists():
            return []
        return sorted(
            p.name for p in self.interviews_dir.iterdir() if (p / "interview.json").is_file()
        )

    def interview(self, interview_id: str) -> Interview:
        path = self.interview_dir(interview_id) / "interview.json"
        if not path.is_file():
            raise NotFoundError(f"no interview {interview_id!r}", path=self.interviews_dir)
        try:
            return Interview.model_validate_json(path.read_bytes())
        except ValidationError as exc:
            raise UserError(f"damaged interview file: {_first_line(exc)}", path=path) from None

    def interviews(self) -> list[Interview]:
        return [self.interview(i) for i in self.interview_ids()]

    def save_interview(self, interview: Interview, original: bytes | None = None) -> None:
        """Write the original file first and interview.json last: its presence marks a complete import."""
        folder = self.interview_dir(interview.id)
        with self.locked():
            if original is not None and interview.meta.source_file:
                atomic.write_bytes(folder / interview.meta.source_file, original)
            atomic.write_json(folder / "interview.json", interview)

    def resolve_interview_id(self, prefix: str) -> str:
        ids = self.interview_ids()
        if prefix in ids:
            return prefix
        matches = [i for i in ids if i.startswith(prefix)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise NotFoundError(f"no interview {prefix!r}", path=self.interviews_dir)
        raise UserError(f"interview id {prefix!r} is ambiguous: {', '.join(matches[:5])}")

    # --- insights -----------------------------------------------------------

    def insight_set(self, interview_id: str) -> InsightSet | None:
        path = self.insights_dir / f"{interview_id}.json"
        if not path.is_file():
            return None
        try:
            return InsightSet.model_validate_json(path.read_bytes())
        except ValidationError as exc:
            raise UserError(f"damaged insights file: {_first_line(exc)}", path=path) from None

    def insight_sets(self) -> list[InsightSet]:
        sets = []
        for iid in self.interview_ids():
            s = self.insight_set(iid)
            if s is not None:
                sets.append(s)
        return sets

    def save_insight_set(self, insight_set: InsightSet) -> None:
        with self.locked():
            atomic.write_json(self.insights_dir / f"{insight_set.interview_id}.json", insight_set)

    def insights(self, *, include_rejected: bool = False) -> list[Insight]:
        out: list[Insight] = []
        for s in self.insight_sets():
            out.extend(i for i in s.insights if include_rejected or i.review != "rejected")
        return out

    def find_insight(self, insight_id: str) -> tuple[InsightSet, Insight]:
        for s in self.insight_sets():
            for ins in s.insights:
                if ins.id == insight_id:
                    return s, ins
        raise NotFoundError(f"no insight {insight_id!r}", path=self.insights_dir)

    # --- strategy -----------------------------------------------------------

    def strategy_text(self) -> str:
        if not self.strategy_path.exists():
            return ""
        return self.strategy_path.read_text(encoding="utf-8")


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
