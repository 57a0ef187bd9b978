"""Extraction over a workspace: pick the engine, extract, keep decisions, link, save, index.

Each interview is saved as soon as it is done (atomic write under the lock),
so a failure later loses nothing and a re-run resumes where it stopped.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from synth.errors import CostLimitError, SynthError
from synth.extract.merge import carry_decisions, carry_link_decisions
from synth.models import InsightSet, Interview
from synth.workspace import Workspace

Progress = Callable[[str], None]


class Engine(Protocol):
    name: str

    def extract(self, interview: Interview) -> InsightSet: ...


@dataclass
class Outcome:
    interview_id: str
    status: str
    """`extracted`, `skipped` (already done), `planned` (dry run) or `failed`."""
    insights: int = 0
    dropped_quotes: int = 0
    message: str = ""
    flagged: int = 0
    """Insights kept but marked suspicious (they read like instructions to a model); never evidence."""
    unattributed: int = 0
    """Insights quoted from speakers nobody has labelled yet; evidence only once labelled."""


@dataclass
class ExtractReport:
    engine: str
    outcomes: list[Outcome] = field(default_factory=list)
    calls: int = 0
    tokens: int = 0
    cost: float = 0.0
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return sum(1 for o in self.outcomes if o.status == "failed")


def make_engine(ws: Workspace, *, use_cache: bool = True, dry_run: bool = False, max_cost: float | None = None) -> Engine:
    """The offline engine when `[llm] provider = "none"`, else the LLM engine."""
    if ws.config.llm.provider.strip().lower() in ("", "none"):
        from synth.embed import get_embedder
        from synth.extract.offline import offline_extractor

        # Aimed at the founder's hypotheses: speech that bears on them ranks higher.
        return offline_extractor(get_embedder(ws.config.embedding), ws.hypotheses())
    from synth.extract.llm_engine import LLMExtractor

    return LLMExtractor.for_workspace(ws, use_cache=use_cache, dry_run=dry_run, max_cost=max_cost)


def pending_ids(ws: Workspace) -> list[str]:
    """Interviews with no insights file yet."""
    return [i for i in ws.interview_ids() if not (ws.insights_dir / f"{i}.json").is_file()]


def extract_interviews(
    ws: Workspace,
    interview_ids: list[str] | None = None,
    *,
    all_: bool = False,
    force: bool = False,
    use_cache: bool = True,
    dry_run: bool = False,
    max_cost: float | None = None,
    engine: Engine | None = None,
    progress: Progress | None = None,
) -> ExtractReport:
    """Extract, link and save insights; with no ids and not `all_`, every interview not yet extracted."""
    say = progress or (lambda _m: None)
    if interview_ids:
        ids = [ws.resolve_interview_id(i) for i in interview_ids]
    else:
        ids = ws.interview_ids() if all_ else pending_ids(ws)
    engine = engine or make_engine(ws, use_cache=use_cache, dry_run=dry_run, max_cost=max_cost)
    report = ExtractReport(engine=engine.name)
    started = time.monotonic()
    hypotheses = ws.hypotheses()
    saved: list[InsightSet] = []
    todo: list[tuple[Interview, InsightSet | None]] = []
    for iid in ids:
        old = ws.insight_set(iid)
        if old is not None and not force:
            report.outcomes.append(
                Outcome(iid, "skipped", len(old.insights), message="already extracted; --force redoes it")
            )
            continue
        interview = ws.interview(iid)
        if dry_run:
            report.outcomes.append(_plan(engine, interview, report))
            continue
        todo.append((interview, old))

    stop: list[SynthError] = []
    """A cost limit or a provider that is down ends the run; what is done by then is saved."""

    def finish(interview: Interview, old: InsightSet | None, new: InsightSet) -> None:
        from synth.evidence import link_insight_set
        from synth.parsing.nonspeech import without_nonspeech

        # Non-speech marks ([laughter], {vocalsound}) are never quoted: every engine's quotes are cut free of them.
        new = without_nonspeech(interview, carry_decisions(new, old))
        try:
            new = link_insight_set(ws, new, hypotheses)
        except SynthError as exc:
            if not stops_run(exc):
                raise
            # The insights are paid for: keep them; their links wait for `synth evidence --relink`.
            stop.append(exc)
            new = new.model_copy(update={"links": [], "hypotheses_hash": ""})
        with ws.locked():
            # The model call took a while: decisions made meanwhile (TUI, another process) are in the
            # stored set, not in the copy read before the call. Re-read under the lock and keep them.
            current = ws.insight_set(interview.id)
            new = carry_decisions(new, current)
            new = new.model_copy(update={"links": carry_link_decisions(new, current)})
            ws.save_insight_set(new)
        saved.append(new)
        flagged = sum(1 for i in new.insights if i.flagged)
        unattributed = sum(1 for i in new.insights if i.unattributed)
        report.outcomes.append(
            Outcome(interview.id, "extracted", len(new.insights), new.dropped_quotes, flagged=flagged,
                    unattributed=unattributed)
        )
        dropped = f", {new.dropped_quotes} ungrounded quotes dropped" if new.dropped_quotes else ""
        dropped += f", {flagged} flagged as suspicious" if flagged else ""
        dropped += f", {unattributed} from unlabelled speakers" if unattributed else ""
        say(f"  {interview.id}: {len(new.insights)} insights{dropped}")

    def failed(interview: Interview, exc: SynthError) -> None:
        report.outcomes.append(Outcome(interview.id, "failed", message=exc.line()))
        if stops_run(exc):
            stop.append(exc)  # the caller says it once, for the whole run
            return
        say(f"  {interview.id} failed: {exc.line()}")

    workers = min(int(getattr(engine, "concurrency", 1) or 1), len(todo))
    if workers <= 1:
        for interview, old in todo:
            if stop:
                break
            say(f"extracting {interview.id} ({engine.name})")
            try:
                new = engine.extract(interview)
            except SynthError as exc:
                failed(interview, exc)
                continue
            finish(interview, old, new)
    else:
        # Remote LLM calls wait on the network: several interviews in flight, each saved as it completes.
        from concurrent.futures import ThreadPoolExecutor, as_completed

        say(f"extracting {len(todo)} interviews, {workers} at a time ({engine.name})")
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(engine.extract, iv): (iv, old) for iv, old in todo}
            for fut in as_completed(futures):
                if stop:
                    for f in futures:
                        f.cancel()  # not started: never sent; those in flight are still saved below
                if fut.cancelled():
                    continue
                interview, old = futures[fut]
                try:
                    new = fut.result()
                except SynthError as exc:
                    failed(interview, exc)
                    continue
                finish(interview, old, new)
    report.outcomes.sort(key=lambda o: ids.index(o.interview_id))
    usage = getattr(engine, "usage", None)
    if usage is not None and not dry_run:
        report.calls, report.tokens, report.cost = usage()
    if not dry_run:
        index_sets(ws, saved, say)
    report.seconds = round(time.monotonic() - started, 3)
    if stop:
        raise stop[0]
    return report


def stops_run(exc: BaseException) -> bool:
    """A cost limit, or a provider that cannot answer any call: no point trying the next interview."""
    return isinstance(exc, CostLimitError) or bool(getattr(exc, "stops_run", False))


def _plan(engine: Engine, interview: Interview, report: ExtractReport) -> Outcome:
    plan = getattr(engine, "plan", None)
    if plan is None:
        return Outcome(interview.id, "planned", message="offline: no LLM calls")
    calls, tokens, usd = plan(interview)
    report.calls += calls
    report.tokens += tokens
    report.cost = round(report.cost + usd, 6)
    return Outcome(interview.id, "planned", message=f"{calls} call(s), ~{tokens} tokens, ~${usd:.4f}")


def index_sets(ws: Workspace, sets: list[InsightSet], say: Progress) -> None:
    """Hand the new insights to the search index, when the index is installed."""
    try:
        from synth.index import index_insights
    except ImportError:
        return
    try:
        index_insights(ws, sets)
        # Sets saved by an earlier run that was killed before it could index them.
        from synth.index import heal

        heal(ws)
    except SynthError as exc:
        say(f"warning: insights saved but not indexed ({exc.line()}); run `synth reindex`")
