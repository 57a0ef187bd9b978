"""LLMClient: the one seam between Synth and a model.

    client.structured(step, prompt, variables, ResponseModel, context=..., max_reasks=...)

renders the named prompt (synth.prompts), puts the data-block preamble in the
system message, masks private data when `[llm] redact` is on, answers from
the cache when it can, checks the cost ceiling before anything is sent,
retries transport failures with backoff, re-asks on validation failures, logs
usage, and returns a validated instance of ResponseModel, or raises
LLMError / CostLimitError. In dry-run mode nothing is sent: each call is
recorded in `client.planned` and `DryRunStop` is raised.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from synth import prompts
from synth.config import LLMSettings
from synth.errors import CostLimitError, LLMError, SynthError
from synth.llm.cache import ResponseCache, cache_key
from synth.llm.datablock import DATA_PREAMBLE
from synth.llm.errors import describe_failure
from synth.llm.pricing import cost
from synth.llm.provider_openai import Answer
from synth.llm.redact import Redactor, restoring_model
from synth.llm.retry import backoff
from synth.llm.spec import ProviderSpec
from synth.llm.usage import CallRecord, UsageLog

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")
PER_MESSAGE_TOKENS = 4


class DryRunStop(SynthError):
    """Raised by `structured()` in dry-run mode after recording the call; nothing was sent."""

    exit_code = 0

    def __init__(self, planned: PlannedCall) -> None:
        self.planned = planned
        super().__init__(f"dry run: {planned.step} ({planned.prompt}) not sent")


@dataclass(frozen=True)
class Estimate:
    tokens_in: int
    tokens_out_est: int
    usd: float


@dataclass
class PlannedCall:
    """Exactly what one call would send, for `--dry-run`."""

    step: str
    prompt: str
    prompt_version: str
    provider: str
    model: str
    messages: list[dict[str, Any]]
    schema: dict[str, Any]
    estimate: Estimate
    cached: bool = False

    def as_text(self) -> str:
        head = (
            f"--- {self.step}: prompt {self.prompt} v{self.prompt_version} -> {self.provider} "
            f"(~{self.estimate.tokens_in} tokens in, ~{self.estimate.tokens_out_est} out, "
            f"${self.estimate.usd:.4f}{', cached' if self.cached else ''})"
        )
        body = [f"[{m['role']}]\n{m['content']}" for m in self.messages]
        return "\n".join([head, *body, f"[response schema]\n{json.dumps(self.schema)}"])


@dataclass
class _Totals:
    calls: int = 0
    cache_hits: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    usd: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class LLMClient:
    def __init__(
        self,
        provider: Any,
        spec: ProviderSpec,
        settings: LLMSettings,
        *,
        cache: ResponseCache | None = None,
        usage_log: UsageLog | None = None,
        dry_run: bool = False,
        max_cost: float | None = None,
        redact_names: Iterable[str] = (),
        sleep: Callable[[float], object] = time.sleep,
    ) -> None:
        self.provider = provider
        self.spec = spec
        self.settings = settings
        self.cache = cache
        self.usage_log = usage_log
        self.dry_run = dry_run
        self.max_cost = max_cost if max_cost is not None else settings.max_cost
        self.redact_names = list(redact_names)
        self.planned: list[PlannedCall] = []
        self.concurrency = 1 if spec.kind == "llamacpp" else settings.concurrency
        self.sleep = sleep
        """How backoff waits (tests replace it to record the waits instead)."""
        self._totals = _Totals()

    def __repr__(self) -> str:
        return f"LLMClient({self.spec.label!r}, dry_run={self.dry_run})"

    @property
    def mode(self) -> str:
        return str(getattr(self.provider, "mode", ""))

    # --- planning -----------------------------------------------------------

    def _plan(self, step: str, prompt: str, variables: dict[str, Any], response_model: type[BaseModel]) -> PlannedCall:
        rendered = prompts.render(prompt, variables)
        messages = rendered.messages(DATA_PREAMBLE)
        schema = response_model.model_json_schema()
        return PlannedCall(
            step=step,
            prompt=rendered.name,
            prompt_version=rendered.version,
            provider=self.spec.kind,
            model=self.spec.model,
            messages=messages,
            schema=schema,
            estimate=self._estimate(messages, schema),
        )

    def _estimate(self, messages: list[dict[str, Any]], schema: dict[str, Any]) -> Estimate:
        from synth.tokens import count_tokens

        model = self.spec.model
        tokens_in = sum(count_tokens(str(m["content"]), model) + PER_MESSAGE_TOKENS for m in messages)
        tokens_in += count_tokens(json.dumps(schema), model)
        # Answers are short next to transcripts; this errs high so the ceiling errs safe.
        tokens_out = min(4096, 200 + tokens_in // 4)
        return Estimate(tokens_in, tokens_out, cost(self.spec.kind, model, tokens_in, tokens_out))

    def estimate(self, step: str, prompt: str, variables: dict[str, Any], response_model: type[BaseModel]) -> Estimate:
        """Tokens in, an estimate of tokens out, and dollars for one call (before re-asks), offline."""
        return self._plan(step, prompt, variables, response_model).estimate

    def usage_totals(self) -> tuple[int, int, float]:
        """(calls sent, tokens in + out, dollars) by this client so far; cache hits are free."""
        t = self._totals
        return t.calls, t.tokens_in + t.tokens_out, round(t.usd, 6)

    @property
    def cache_hits(self) -> int:
        return self._totals.cache_hits

    # --- calling ------------------------------------------------------------

    def structured(
        self,
        step: str,
        prompt: str,
        variables: dict[str, Any],
        response_model: type[T],
        *,
        context: dict[str, Any] | None = None,
        max_reasks: int | None = None,
    ) -> T:
        call = self._begin(step, prompt, variables, response_model, context)
        if isinstance(call, BaseModel):
            return call  # type: ignore[return-value]
        plan, key, messages, model = call
        reasks = self.settings.max_reasks if max_reasks is None else max_reasks
        started = time.monotonic()
        for attempt in range(1, self.settings.max_retries + 2):
            try:
                answer = self.provider.complete(messages, model, context=context, max_reasks=reasks)
            except Exception as exc:
                wait = self._after_failure(plan, exc, attempt, started)
                self.sleep(wait)
                continue
            return self._finish(plan, key, answer, attempt, started)  # type: ignore[return-value]
        raise AssertionError("unreachable")  # pragma: no cover

    async def astructured(
        self,
        step: str,
        prompt: str,
        variables: dict[str, Any],
        response_model: type[T],
        *,
        context: dict[str, Any] | None = None,
        max_reasks: int | None = None,
    ) -> T:
        call = self._begin(step, prompt, variables, response_model, context)
        if isinstance(call, BaseModel):
            return call  # type: ignore[return-value]
        plan, key, messages, model = call
        reasks = self.settings.max_reasks if max_reasks is None else max_reasks
        started = time.monotonic()
        for attempt in range(1, self.settings.max_retries + 2):
            try:
                answer = await self.provider.acomplete(messages, model, context=context, max_reasks=reasks)
            except Exception as exc:
                wait = self._after_failure(plan, exc, attempt, started)
                await asyncio.sleep(wait)
                continue
            return self._finish(plan, key, answer, attempt, started)  # type: ignore[return-value]
        raise AssertionError("unreachable")  # pragma: no cover

    def _begin(
        self,
        step: str,
        prompt: str,
        variables: dict[str, Any],
        response_model: type[BaseModel],
        context: dict[str, Any] | None,
    ) -> BaseModel | tuple[PlannedCall, str, list[dict[str, Any]], type[BaseModel]]:
        plan = self._plan(step, prompt, variables, response_model)
        redact = self.settings.redact
        key = cache_key(
            provider=self.spec.label,
            model=self.spec.model,
            mode=self.mode,
            messages=plan.messages,
            schema=plan.schema,
            redact=redact,
        )
        hit = self._cached(key, response_model, context)
        messages, model = plan.messages, response_model
        if redact:
            redactor = Redactor(self.redact_names)
            messages = redactor.redact_messages(messages)
            model = restoring_model(response_model, redactor)
            plan.messages = messages
        if self.dry_run:
            plan.cached = hit is not None
            self.planned.append(plan)
            raise DryRunStop(plan)
        if hit is not None:
            self._log(plan, cached=True, tokens_in=0, tokens_out=0, usd=0.0, latency=0.0)
            with self._totals.lock:
                self._totals.cache_hits += 1
            return hit
        self._check_cost(plan)
        return plan, key, messages, model

    def _cached(self, key: str, response_model: type[BaseModel], context: dict[str, Any] | None) -> BaseModel | None:
        if self.cache is None:
            return None
        found = self.cache.get(key)
        if found is None:
            return None
        try:
            return response_model.model_validate_json(found[0], context=context)
        except ValidationError:
            return None  # the schema or a validator changed since: ask again

    def _check_cost(self, plan: PlannedCall) -> None:
        if self.max_cost is None:
            return
        with self._totals.lock:
            spent = self._totals.usd
        if spent + plan.estimate.usd > self.max_cost:
            raise CostLimitError(
                f"the next call ({plan.step}, ~${plan.estimate.usd:.4f}) would take spending past "
                f"--max-cost ${self.max_cost:.2f} (spent ${spent:.4f}); nothing was sent"
            )

    def _after_failure(self, plan: PlannedCall, exc: Exception, attempt: int, started: float) -> float:
        """Seconds to wait before the next attempt, or raise LLMError when there is none."""
        failure, tokens_in, tokens_out, inner = describe_failure(exc)
        if tokens_in or tokens_out:
            self._spend(plan, tokens_in, tokens_out, count_call=False)
        if failure.retryable and attempt <= self.settings.max_retries:
            return backoff(attempt, retry_after=failure.retry_after)
        attempts = inner if inner else attempt
        what = failure.what
        if failure.status_code in (401, 403):
            what = f"refused the key (HTTP {failure.status_code}); check the variable {self.settings.api_key_env}"
        message = f"{self.spec.label}: {what} ({plan.step}, {attempts} attempt{'s' if attempts != 1 else ''})"
        self._log(
            plan,
            cached=False,
            tokens_in=tokens_in,
            tokens_out=tokens_out,
            usd=cost(self.spec.kind, self.spec.model, tokens_in, tokens_out),
            latency=time.monotonic() - started,
            ok=False,
            error=what,
            attempts=attempts,
        )
        raise LLMError(message, attempts=attempts, status_code=failure.status_code) from None

    def _finish(self, plan: PlannedCall, key: str, answer: Answer, attempt: int, started: float) -> BaseModel:
        value: BaseModel = answer.value
        usd = self._spend(plan, answer.tokens_in, answer.tokens_out, count_call=True)
        if self.cache is not None:
            self.cache.put(
                key,
                model=self.spec.label,
                prompt=plan.prompt,
                response=value.model_dump_json(),
                tokens_in=answer.tokens_in,
                tokens_out=answer.tokens_out,
            )
        self._log(
            plan,
            cached=False,
            tokens_in=answer.tokens_in,
            tokens_out=answer.tokens_out,
            usd=usd,
            latency=time.monotonic() - started,
            attempts=attempt,
        )
        return value

    def _spend(self, plan: PlannedCall, tokens_in: int, tokens_out: int, *, count_call: bool) -> float:
        usd = cost(self.spec.kind, self.spec.model, tokens_in, tokens_out)
        with self._totals.lock:
            self._totals.calls += 1 if count_call else 0
            self._totals.tokens_in += tokens_in
            self._totals.tokens_out += tokens_out
            self._totals.usd += usd
        return usd

    def _log(self, plan: PlannedCall, *, cached: bool, tokens_in: int, tokens_out: int, usd: float, latency: float,
             ok: bool = True, error: str = "", attempts: int = 1) -> None:
        if self.usage_log is None:
            return
        self.usage_log.record(
            CallRecord(
                step=plan.step,
                prompt=plan.prompt,
                prompt_version=plan.prompt_version,
                provider=self.spec.kind,
                model=self.spec.model,
                tokens_in=tokens_in,
                tokens_out=tokens_out,
                cached=cached,
                usd=usd,
                latency_s=round(latency, 3),
                ok=ok,
                error=error,
                attempts=attempts,
            )
        )

    # --- many calls ---------------------------------------------------------

    def run_many(self, jobs: Sequence[Callable[[], R]], *, concurrency: int | None = None) -> list[R | BaseException]:
        """Run jobs (each typically calls `structured`) with at most `concurrency` in flight.

        Results come back in job order; a job that raised leaves its exception in
        its slot, so one failed interview never loses the others.
        """
        width = max(1, min(concurrency or self.concurrency, len(jobs) or 1))

        def guard(job: Callable[[], R]) -> R | BaseException:
            try:
                return job()
            except Exception as exc:
                return exc

        if width == 1:
            return [guard(j) for j in jobs]
        with ThreadPoolExecutor(max_workers=width, thread_name_prefix="synth-llm") as pool:
            return list(pool.map(guard, jobs))

    async def arun_many(
        self, jobs: Sequence[Callable[[], Awaitable[R]]], *, concurrency: int | None = None
    ) -> list[R | BaseException]:
        """The async twin of `run_many`: `jobs` are coroutine factories."""
        gate = asyncio.Semaphore(max(1, concurrency or self.concurrency))

        async def guarded(job: Callable[[], Awaitable[R]]) -> R | BaseException:
            async with gate:
                try:
                    return await job()
                except Exception as exc:
                    return exc

        return list(await asyncio.gather(*(guarded(j) for j in jobs)))

    def planned_text(self) -> str:
        """Every planned call of a dry run, as the text that would be sent."""
        return "\n\n".join(p.as_text() for p in self.planned)
