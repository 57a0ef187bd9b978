"""The LLM engine: chunk the transcript, ask for insights, ground every quote, merge.

The client is the one LLM layer (synth.llm): it renders the named prompt,
redacts, caches, counts cost and retries; this module owns what is asked and
how the answer is checked (synth.extract.schema).
"""

from __future__ import annotations

from typing import Any, Protocol

from synth.extract.build import attribute_insight
from synth.extract.chunking import RESERVED_TOKENS, Chunk, chunk_interview
from synth.extract.merge import dedupe_insights
from synth.extract.schema import Extraction, GroundingState
from synth.models import Insight, InsightKind, InsightSet, Interview, Role
from synth.workspace import Workspace

PROMPT = "extract"
STEP = "extract"


class StructuredClient(Protocol):
    def structured(
        self,
        step: str,
        prompt_name: str,
        variables: dict[str, Any],
        response_model: type[Any],
        *,
        context: dict[str, Any] | None = None,
        max_reasks: int | None = None,
    ) -> Any: ...


ANSWER_RATIO = 12
"""At most this many transcript tokens per token of the answer cap (`max_tokens`) in one call: an
answer of ~90 tokens per insight still fits for a dense interview (one insight per ~1,100 tokens)."""


def context_budget(settings: Any) -> int:
    """Transcript tokens per extraction call (prompt and answer excluded).

    `[llm] context_tokens` when the workspace sets another value than the default; at the
    default (which `synth init` writes out, so it cannot mean "chosen"), for a model whose
    context window is known (synth.llm.pricing.CONTEXT), as much as the window and the answer
    cap allow: a 1M-token model reads a whole interview in one call instead of 8k windows,
    so the instructions and schema are sent once per interview, not once per window.
    """
    from synth.llm.plan import max_output_tokens
    from synth.llm.pricing import context_window

    default = type(settings).model_fields["context_tokens"].default if hasattr(type(settings), "model_fields") else None
    if settings.context_tokens != default:
        return int(settings.context_tokens)
    kind, _, model = str(getattr(settings, "provider", "")).partition(":")
    window = context_window(kind.strip().lower(), model.strip())
    if window is None:
        return int(settings.context_tokens)
    answer = max_output_tokens(settings)
    return max(int(settings.context_tokens), min(window - answer, answer * ANSWER_RATIO))


class LLMExtractor:
    def __init__(
        self,
        client: StructuredClient,
        *,
        name: str = "llm",
        context_tokens: int = 8000,
        max_reasks: int = 2,
        count: Any = None,
        concurrency: int = 1,
    ) -> None:
        self.concurrency = concurrency
        self.client = client
        self.name = name
        self.context_tokens = context_tokens
        self.max_reasks = max_reasks
        self.count = count

    @classmethod
    def for_workspace(
        cls,
        ws: Workspace,
        *,
        use_cache: bool = True,
        dry_run: bool = False,
        max_cost: float | None = None,
        llm: Any = None,
    ) -> LLMExtractor:
        """The engine on the command's LLM session (`llm`), else on a session made from these flags."""
        from synth.llm import Session

        if llm is not None:
            session = llm
        elif use_cache and not dry_run and max_cost is None:
            session = Session.current(ws)  # the action's session when one is active (TUI workers, commands)
        else:
            session = Session(ws, dry_run=dry_run, max_cost=max_cost, no_cache=not use_cache)
        client = session.require()  # ConfigError when no provider is configured
        settings = ws.config.llm
        return cls(
            client,
            name=session.engine,
            context_tokens=context_budget(settings),
            max_reasks=settings.max_reasks,
            concurrency=client.concurrency,
        )

    def usage(self) -> tuple[int, int, float]:
        """(calls, tokens, cost) so far, when the client reports them."""
        getter = getattr(self.client, "usage_totals", None)
        if getter is None:
            return (0, 0, 0.0)
        calls, tokens, cost = getter()
        return int(calls), int(tokens), float(cost)

    def _chunks(self, interview: Interview) -> list[Chunk]:
        budget = max(256, self.context_tokens - RESERVED_TOKENS)
        return chunk_interview(interview, budget, count=self.count)

    def plan(self, interview: Interview) -> tuple[int, int, float]:
        """(calls, tokens in, dollars) one extraction would send before re-asks; nothing is sent."""
        chunks = self._chunks(interview)
        # `plan` (the LLM layer's client) also lists the request in a dry run, for `--dry-run` to print.
        planner = getattr(self.client, "plan", None)
        estimate = getattr(self.client, "estimate", None)
        if planner is None and estimate is None:
            return len(chunks), sum(c.tokens for c in chunks), 0.0
        tokens, usd = 0, 0.0
        for chunk in chunks:
            variables = self._variables(chunk, len(chunks))
            if planner is not None:
                est = planner(STEP, PROMPT, variables, Extraction).estimate
            else:
                assert estimate is not None
                est = estimate(STEP, PROMPT, variables, Extraction)
            tokens += est.tokens_in + est.tokens_out_est
            usd += est.usd
        return len(chunks), tokens, usd

    @staticmethod
    def _variables(chunk: Chunk, parts: int) -> dict[str, Any]:
        return {
            "transcript": chunk.text,
            "kinds": [k.value for k in InsightKind],
            "part": chunk.index + 1,
            "parts": parts,
        }

    def extract(self, interview: Interview) -> InsightSet:
        chunks = self._chunks(interview)
        found: list[Insight] = []
        dropped = 0
        for chunk in chunks:
            state = GroundingState(reasks_left=self.max_reasks)
            answer: Extraction = self.client.structured(
                STEP,
                PROMPT,
                self._variables(chunk, len(chunks)),
                Extraction,
                context={"interview": interview, "grounding": state, "turns": chunk.turn_indices},
                max_reasks=self.max_reasks,
            )
            dropped += state.dropped
            found.extend(self._insights(interview, answer))
        return InsightSet(
            interview_id=interview.id,
            engine=self.name,
            prompt_version=PROMPT,
            insights=dedupe_insights(found),
            dropped_quotes=dropped,
        )

    def _insights(self, interview: Interview, answer: Extraction) -> list[Insight]:
        speakers = {t.index: t.speaker for t in interview.turns if t.role is not Role.interviewer}
        out = []
        for ext in answer.insights:
            quotes = ext.grounded
            if not quotes:
                continue
            first = quotes[0]
            ins = attribute_insight(  # the speaker rules shared with the offline engine
                interview,
                Insight(
                    id=Insight.make_id(interview.id, ext.kind.value, first.start, first.end),
                    interview_id=interview.id,
                    kind=ext.kind,
                    summary=ext.summary.strip() or first.text,
                    quotes=quotes,
                    participant=speakers.get(first.turn_index, ""),
                    confidence=ext.confidence,
                    engine=self.name,
                ),
            )
            if ins is not None:
                out.append(ins)
        return out
