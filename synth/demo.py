"""The demo: a fresh workspace from `corpus/demo/`, and the whole loop run offline on it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import yaml

from synth.errors import UserError
from synth.workspace import CONFIG_FILE, HYPOTHESES_FILE, STRATEGY_FILE, Workspace

DEMO_QUERIES = ("month-end close takes too long", "spreadsheet")


def demo_source() -> Path:
    """The demo workspace shipped as package data (works in a non-editable install)."""
    src = files("corpus") / "demo"
    with as_file(src) as path:
        p = Path(path)
    if not (p / CONFIG_FILE).is_file():
        raise UserError("the demo workspace is missing from this install", path=p)
    return p


def create_demo_workspace(target: Path, *, ingest: bool = True, on_progress: Callable[[str], None] | None = None) -> Workspace:
    """Copy the demo's settings, hypotheses and strategy, then import its transcripts."""
    src = demo_source()
    target = Path(target)
    if (target / CONFIG_FILE).exists():
        raise UserError("already a Synth workspace; pick an empty folder", path=target)
    if target.exists() and any(target.iterdir()):
        raise UserError("folder is not empty; pick a new folder for the demo", path=target)
    target.mkdir(parents=True, exist_ok=True)
    for name in (CONFIG_FILE, HYPOTHESES_FILE, STRATEGY_FILE):
        if (src / name).is_file():
            shutil.copyfile(src / name, target / name)
    ws = _finish_layout(target)
    if ingest:
        ingest_demo_transcripts(ws, src / "transcripts", on_progress=on_progress)
    return ws


def _finish_layout(target: Path) -> Workspace:
    ws = Workspace(target)
    with ws.locked():
        for folder in (ws.interviews_dir, ws.insights_dir, ws.guides_dir, ws.drafts_dir):
            folder.mkdir(parents=True, exist_ok=True)
        gitignore = ws.root / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text(".synth/\n", encoding="utf-8")
    return ws


def ingest_demo_transcripts(ws: Workspace, folder: Path, *, on_progress: Callable[[str], None] | None = None) -> list[Any]:
    from synth.ingest import IngestOptions, ingest_paths

    meta_file = folder / "metadata.yaml"
    metadata: dict[str, dict[str, Any]] = {}
    if meta_file.is_file():
        metadata = yaml.safe_load(meta_file.read_text(encoding="utf-8")) or {}
    results = []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and p.name != "metadata.yaml"):
        m = metadata.get(path.name, {})
        opts = IngestOptions(
            participant=m.get("participant"),
            company=m.get("company"),
            segment=m.get("segment"),
            date=_as_date(m.get("date")),
            interviewer=m.get("interviewer"),
            title=m.get("title"),
        )
        for r in ingest_paths(ws, [path], opts):
            results.append(r)
            if on_progress:
                on_progress(f"  {r.status:<9} {path.name}" + (f" ({r.message})" if r.status == "error" else ""))
    return results


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@dataclass
class DemoSummary:
    workspace: str
    interviews: int = 0
    insights: int = 0
    hypotheses: list[dict[str, Any]] = field(default_factory=list)
    top_insights: list[dict[str, Any]] = field(default_factory=list)
    searches: list[dict[str, Any]] = field(default_factory=list)
    draft_path: str = ""
    strategy_path: str = ""


def run_demo(target: Path, *, on_progress: Callable[[str], None] | None = None) -> DemoSummary:
    """Create the demo workspace and run the whole loop on it with the offline engines."""
    say = on_progress or (lambda _msg: None)
    say(f"1/5 Creating the demo workspace in {target}")
    say("2/5 Importing transcripts (parse, speakers, index)")
    ws = create_demo_workspace(target, on_progress=say)
    return run_loop(ws, on_progress=say)


def run_loop(ws: Workspace, *, on_progress: Callable[[str], None] | None = None) -> DemoSummary:
    """The loop on an imported workspace, every step on one LLM session (offline in the demo's settings)."""
    from synth.llm.session import Session

    with Session(ws).active():
        return _run_loop(ws, on_progress)


def _run_loop(ws: Workspace, on_progress: Callable[[str], None] | None) -> DemoSummary:
    from synth.evidence import evidence_summary
    from synth.extract import extract_interviews
    from synth.index import search

    say = on_progress or (lambda _msg: None)
    say("3/5 Extracting insights with verbatim quotes, linking them to hypotheses")
    report = extract_interviews(ws, all_=True, progress=lambda m: say(f"  {m}"))
    if report.failed:
        raise UserError(f"{report.failed} interview(s) failed to extract; see the lines above")
    say("4/5 Searching past learnings")
    summary = DemoSummary(workspace=str(ws.root), interviews=len(ws.interview_ids()))
    insights = ws.insights()
    summary.insights = len(insights)
    for q in DEMO_QUERIES:
        hits = search(ws, q, k=3)
        summary.searches.append(
            {"query": q, "hits": [{"text": h.text, "interview": h.interview_id, "speaker": h.speaker} for h in hits]}
        )
    evidence = evidence_summary(ws)
    for ev in evidence:
        summary.hypotheses.append(
            {
                "id": ev.hypothesis_id,
                "statement": ev.statement,
                "supporting": ev.supporting,
                "contradicting": ev.contradicting,
                "participants_for": ev.supporting_participants,
                "participants_against": ev.contradicting_participants,
                "suggested_status": ev.suggested_status,
                "top_for": ev.top_supporting[0].quote if ev.top_supporting else "",
                "top_against": ev.top_contradicting[0].quote if ev.top_contradicting else "",
            }
        )
    # The strongest evidence first: quotes that moved a hypothesis.
    seen: set[str] = set()
    for ev in evidence:
        for side, top in [*(("for", t) for t in ev.top_supporting[:1]), *(("against", t) for t in ev.top_contradicting[:1])]:
            if top.insight_id not in seen and len(summary.top_insights) < 5:
                seen.add(top.insight_id)
                summary.top_insights.append(
                    {"id": top.insight_id, "summary": top.summary, "quote": top.quote, "participant": top.participant,
                     "interview": top.interview_id, "hypothesis": ev.hypothesis_id, "side": side}
                )
    say("5/5 Drafting an update to strategy.md from the evidence")
    summary.draft_path, summary.strategy_path = _draft(ws)
    return summary


def _draft(ws: Workspace) -> tuple[str, str]:
    from synth.strategy import make_draft, save_draft

    draft = make_draft(ws)
    paths = save_draft(ws, draft)
    return str(paths["diff"]), str(paths["proposed"])
