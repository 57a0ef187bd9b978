"""`synth eval`: score extraction and linking against labelled cases.

A case is a folder with one transcript (any format `synth ingest` reads) and
`gold.json`:

    {"hypotheses": [{"id": "H1", "statement": "...", "falsified_if": "..."}],
     "insights": [{"kind": "pain", "quote": "verbatim transcript text",
                   "hypotheses": {"H1": "supports"}}]}

Each case is ingested into a temporary workspace with its hypotheses and run
through the configured engine. A predicted insight matches a gold one when one
of its quotes overlaps the gold quote's span by at least half of the shorter
of the two (one-to-one, greedy by overlap).
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from synth.config import WorkspaceConfig
from synth.errors import UserError
from synth.extract.align import align_quote, is_grounded
from synth.models import Hypothesis, InsightKind, InsightSet, Interview, Stance
from synth.workspace import Workspace

GOLD_FILE = "gold.json"


class GoldHypothesis(BaseModel):
    id: str
    statement: str
    falsified_if: str = ""


class GoldInsight(BaseModel):
    kind: InsightKind
    quote: str
    hypotheses: dict[str, Stance] = Field(default_factory=dict)


class Gold(BaseModel):
    hypotheses: list[GoldHypothesis] = Field(default_factory=list)
    insights: list[GoldInsight]
    interviewer: str = ""
    """Optional: the interviewer's speaker name, when the transcript leaves it ambiguous."""
    participant: str = ""


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def overlaps_enough(a: Span, b: Span) -> bool:
    shorter = min(a.end - a.start, b.end - b.start)
    inter = min(a.end, b.end) - max(a.start, b.start)
    return shorter > 0 and inter * 2 >= shorter


def match(gold: list[tuple[Span, str]], pred: list[tuple[list[Span], str]], *, same_kind: bool) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, greedy by overlap; with `same_kind` kinds must agree."""
    cands: list[tuple[int, bool, int, int]] = []
    for g, (gspan, gkind) in enumerate(gold):
        for p, (pspans, pkind) in enumerate(pred):
            if same_kind and gkind != pkind:
                continue
            best = max(
                (min(gspan.end, s.end) - max(gspan.start, s.start) for s in pspans if overlaps_enough(gspan, s)),
                default=None,
            )
            if best is not None:
                cands.append((best, gkind == pkind, g, p))
    # Largest overlap first; on a tie, the prediction of the same kind.
    cands.sort(key=lambda c: (-c[0], not c[1], c[2], c[3]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, _, g, p in cands:
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            out.append((g, p))
    return sorted(out)


def cohen_kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Agreement beyond chance between two labelings of the same items; None when undefined."""
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    if expected >= 1.0:
        return 1.0 if observed == 1.0 else None
    return round((observed - expected) / (1 - expected), 4)


class Scores(BaseModel):
    case: str
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    matched_kind: int = 0
    recall: float = 0.0
    precision: float = 0.0
    recall_kind: float = 0.0
    precision_kind: float = 0.0
    quotes: int = 0
    grounded_quotes: int = 0
    grounding_rate: float = 1.0
    stance_pairs: int = 0
    stance_correct: int = 0
    stance_accuracy: float | None = None
    kappa: float | None = None
    dropped_quotes: int = 0
    calls: int = 0
    tokens: int = 0
    seconds: float = 0.0
    missed: list[str] = Field(default_factory=list)
    """Gold quotes nothing matched (for error analysis)."""


class EvalReport(BaseModel):
    engine: str
    cases: list[Scores]
    overall: Scores


def _ratio(a: int, b: int, empty: float = 0.0) -> float:
    return round(a / b, 4) if b else empty


def score_case(
    name: str, interview: Interview, gold: Gold, insight_set: InsightSet
) -> tuple[Scores, list[tuple[str, str]], list[tuple[str, str]]]:
    """Scores for one case, plus its (gold, predicted) kind pairs and stance pairs for pooling."""
    gold_items: list[tuple[Span, str]] = []
    for gi in gold.insights:
        hit = align_quote(interview, gi.quote, include_interviewer=True)
        if hit is None:
            raise UserError(f"case {name}: gold quote not found in the transcript: {gi.quote[:60]!r}")
        gold_items.append((Span(hit.quote.start, hit.quote.end), gi.kind.value))
    preds = insight_set.insights
    pred_items = [([Span(q.start, q.end) for q in p.quotes], p.kind.value) for p in preds]
    any_pairs = match(gold_items, pred_items, same_kind=False)
    kind_pairs = match(gold_items, pred_items, same_kind=True)
    links = {(lk.insight_id, lk.hypothesis_id): lk.stance for lk in insight_set.links}
    stance_pairs: list[tuple[str, str]] = []
    for g, p in any_pairs:
        for hid, stance in gold.insights[g].hypotheses.items():
            stance_pairs.append((stance.value, links.get((preds[p].id, hid), Stance.neutral).value))
    kinds = [(gold_items[g][1], pred_items[p][1]) for g, p in any_pairs]
    quotes = [q for p in preds for q in p.quotes]
    grounded = sum(is_grounded(interview, q) for q in quotes)
    matched_g = {g for g, _ in any_pairs}
    s = Scores(
        case=name,
        gold=len(gold_items),
        predicted=len(preds),
        matched=len(any_pairs),
        matched_kind=len(kind_pairs),
        recall=_ratio(len(any_pairs), len(gold_items)),
        precision=_ratio(len(any_pairs), len(preds)),
        recall_kind=_ratio(len(kind_pairs), len(gold_items)),
        precision_kind=_ratio(len(kind_pairs), len(preds)),
        quotes=len(quotes),
        grounded_quotes=grounded,
        grounding_rate=_ratio(grounded, len(quotes), 1.0),
        stance_pairs=len(stance_pairs),
        stance_correct=sum(a == b for a, b in stance_pairs),
        stance_accuracy=_ratio(sum(a == b for a, b in stance_pairs), len(stance_pairs)) if stance_pairs else None,
        kappa=cohen_kappa(kinds),
        dropped_quotes=insight_set.dropped_quotes,
        missed=[gi.quote for i, gi in enumerate(gold.insights) if i not in matched_g],
    )
    return s, kinds, stance_pairs


def load_gold(case: Path) -> Gold:
    path = case / GOLD_FILE
    try:
        return Gold.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, json.JSONDecodeError, ValidationError) as exc:
        raise UserError(f"not a valid gold file: {str(exc).splitlines()[0]}", path=path) from None


def find_cases(folder: Path) -> list[Path]:
    """One case, a folder of cases, or a folder of splits (`tune/`, `test/`) of cases: one level of recursion."""
    folder = Path(folder)
    if (folder / GOLD_FILE).is_file():
        return [folder]
    cases: list[Path] = []
    if folder.is_dir():
        for p in sorted(folder.iterdir()):
            if (p / GOLD_FILE).is_file():
                cases.append(p)
            elif p.is_dir():
                cases += sorted(c for c in p.iterdir() if (c / GOLD_FILE).is_file())
    if not cases:
        raise UserError(f"no cases here (folders with a {GOLD_FILE})", path=folder)
    return cases


def _is_notice(path: Path) -> bool:
    """A licence or readme beside a real transcript (cases cut from CC-licensed sources carry one)."""
    return path.stem.upper() in ("LICENSE", "LICENCE", "README", "NOTICE", "ATTRIBUTION")


def _transcript(case: Path) -> Path:
    files = sorted(
        p for p in case.iterdir()
        if p.is_file() and p.name != GOLD_FILE and not p.name.startswith(".") and not _is_notice(p)
    )
    if len(files) != 1:
        raise UserError(f"expected one transcript beside {GOLD_FILE}, found {len(files)}", path=case)
    return files[0]


def _ingest(ws: Workspace, path: Path, gold: Gold) -> Interview:
    try:
        from synth.ingest import IngestOptions, ingest_paths
    except ImportError:
        raise UserError("this install cannot import transcripts (synth.ingest is missing)", path=path) from None

    opts = IngestOptions(interviewer=gold.interviewer or None, participant=gold.participant or None)
    results = list(ingest_paths(ws, [path], opts))
    bad = [r for r in results if getattr(r, "status", "") == "error"]
    if bad:
        raise UserError(f"cannot ingest: {getattr(bad[0], 'message', '')}", path=path)
    ids = ws.interview_ids()
    if len(ids) != 1:
        raise UserError(f"expected one interview from the transcript, got {len(ids)}", path=path)
    return ws.interview(ids[0])


@contextmanager
def case_workspace(case: Path, gold: Gold, config: WorkspaceConfig | None = None) -> Iterator[tuple[Workspace, Interview]]:
    """A throwaway workspace holding the case's hypotheses and its one imported interview, as `synth eval` runs it."""
    with tempfile.TemporaryDirectory(prefix="synth-eval-") as tmp:
        ws = Workspace.create(Path(tmp) / "ws", (config or WorkspaceConfig()).model_copy(deep=True))
        today = date.today()
        ws.save_hypotheses(
            [
                Hypothesis(id=h.id, statement=h.statement, falsified_if=h.falsified_if, created=today, updated=today)
                for h in gold.hypotheses
            ]
        )
        yield ws, _ingest(ws, _transcript(case), gold)


def run_case(case: Path, config: WorkspaceConfig, gold: Gold | None = None) -> tuple[Scores, list[Any], list[Any]]:
    from synth.extract import extract_interviews

    gold = gold or load_gold(case)
    with case_workspace(case, gold, config) as (ws, interview):
        started = time.monotonic()
        report = extract_interviews(ws, [interview.id], force=True)
        seconds = time.monotonic() - started
        if report.failed:
            raise UserError(f"extraction failed: {report.outcomes[0].message}", path=case)
        insight_set = ws.insight_set(interview.id)
        assert insight_set is not None
        scores, kinds, stances = score_case(case.name, interview, gold, insight_set)
        scores.calls, scores.tokens, scores.seconds = report.calls, report.tokens, round(seconds, 3)
        return scores, kinds, stances


def evaluate(folder: Path, config: WorkspaceConfig | None = None, progress: Any = None) -> EvalReport:
    config = config or WorkspaceConfig()
    cases = find_cases(folder)
    golds = [load_gold(c) for c in cases]  # every gold file checked before any work
    all_kinds: list[tuple[str, str]] = []
    all_stances: list[tuple[str, str]] = []
    results: list[Scores] = []
    root = Path(folder)
    for case, gold in zip(cases, golds, strict=True):
        if progress:
            progress(f"case {case.name}")
        s, kinds, stances = run_case(case, config, gold)
        if case.parent != root and case != root:
            s.case = f"{case.parent.name}/{case.name}"  # which split it came from
        results.append(s)
        all_kinds += kinds
        all_stances += stances
    return EvalReport(engine=_engine_name(config), cases=results, overall=_pool(results, all_kinds, all_stances))


def _engine_name(config: WorkspaceConfig) -> str:
    p = config.llm.provider.strip()
    return "offline" if p.lower() in ("", "none") else f"llm:{p}"


def _pool(results: list[Scores], kinds: list[tuple[str, str]], stances: list[tuple[str, str]]) -> Scores:
    t = Scores(case="overall")
    for r in results:
        for f in ("gold", "predicted", "matched", "matched_kind", "quotes", "grounded_quotes", "stance_pairs",
                  "stance_correct", "dropped_quotes", "calls", "tokens"):
            setattr(t, f, getattr(t, f) + getattr(r, f))
        t.seconds = round(t.seconds + r.seconds, 3)
    t.recall, t.precision = _ratio(t.matched, t.gold), _ratio(t.matched, t.predicted)
    t.recall_kind, t.precision_kind = _ratio(t.matched_kind, t.gold), _ratio(t.matched_kind, t.predicted)
    t.grounding_rate = _ratio(t.grounded_quotes, t.quotes, 1.0)
    t.stance_accuracy = _ratio(t.stance_correct, t.stance_pairs) if t.stance_pairs else None
    t.kappa = cohen_kappa(kinds)
    return t
