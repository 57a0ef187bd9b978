"""LLMClient: the one seam between Synth and a model.

    client.structured(step, prompt, variables, ResponseModel, context=..., max_reasks=...)

renders the named prompt (synth.prompts), puts the data-block preamble in the
system message, masks private data when `[llm] redact` is on, answers from
the cache when it can, reserves the call's worst-case cost from the shared
budget before anything is sent (synth.llm.budget) and settles it after,
retries transport failures with backoff, re-asks on validation failures, logs
usage, and returns a validated instance of ResponseModel, or raises
LLMError / CostLimitError. In dry-run mode nothing is sent: each call is
recorded in `client.planned` and `DryRunStop` is raised.

A provider that is down or refuses the key stops the client: once one call
has failed that way, every later call raises the same error without sending.
A command builds one client (through synth.llm.session.Session) and every
step shares it, so a dry run, the ceiling and that stop cover the whole run.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from synth.config import LLMSettings
from synth.errors import LLMError, SynthError
from synth.llm.budget import Budget, Hold
from synth.llm.cache import ResponseCache, cache_key
from synth.llm.errors import ProviderDown, describe_failure
from synth.llm.plan import Estimate, PlannedCall, max_output_tokens, plan_call
from synth.llm.pricing import cost
from synth.llm.provider_openai import Answer
from synth.llm.redact import Redactor, restoring_model
from synth.llm.retry import backoff
from synth.llm.spec import ProviderSpec
from synth.llm.usage import CallRecord, UsageLog

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")

__all__ = ["DryRunStop", "Estimate", "LLMClient", "PlannedCall", "StepSpend"]


class DryRunStop(SynthError):
    """Raised by `structured()` in dry-run mode after recording the call; nothing was sent."""

    exit_code = 0

    def __init__(self, planned: PlannedCall) -> None:
        self.planned = planned
        super().__init__(f"dry run: {planned.step} ({planned.prompt}) not sent")


@dataclass
class StepSpend:
    """What one step (extract, link, themes, draft, guide...) spent through this client."""

    calls: int = 0
    cache_hits: int = 0
    errors: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    usd: float = 0.0


@dataclass
class _Call:
    """One call between `_begin` and its end: what to send, and the money held for it."""

    plan: PlannedCall
    key: str
    messages: list[dict[str, Any]]
    model: type[BaseModel]
    reasks: int
    hold: Hold
    started: float = field(default_factory=time.monotonic)
    usd: float = 0.0


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
        budget: Budget | None = None,
        redact_names: Iterable[str] = (),
        sleep: Callable[[float], object] = time.sleep,
    ) -> None:
        self.provider = provider
        self.spec = spec
        self.settings = settings
        self.cache = cache
        self.usage_log = usage_log
        self.dry_run = dry_run
        self.budget = budget if budget is not None else Budget(max_cost if max_cost is not None else settings.max_cost)
        self.redact_names = list(redact_names)
        self.planned: list[PlannedCall] = []
        self.concurrency = 1 if spec.kind == "llamacpp" else settings.concurrency
        self.max_tokens_out = max_output_tokens(settings)
        self.sleep = sleep
        """How backoff waits (tests replace it to record the waits instead)."""
        self.down: ProviderDown | None = None
        """Set by the first failure that says the provider cannot answer any call (down, key refused)."""
        self._lock = threading.Lock()
        self._steps: dict[str, StepSpend] = {}
        self._answered = threading.Event()
        """Whether any call has had an answer; until then calls go one at a time (see `_probe`)."""
        self._probe_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"LLMClient({self.spec.label!r}, dry_run={self.dry_run})"

    @property
    def mode(self) -> str:
        return str(getattr(self.provider, "mode", ""))

    @property
    def max_cost(self) -> float | None:
        return self.budget.ceiling

    # --- planning -----------------------------------------------------------

    def _reasks(self, max_reasks: int | None) -> int:
        return self.settings.max_reasks if max_reasks is None else max_reasks

    def _plan(
        self, step: str, prompt: str, variables: dict[str, Any], response_model: type[BaseModel], reasks: int
    ) -> PlannedCall:
        return plan_call(
            self.spec, step, prompt, variables, response_model, reasks=reasks, max_tokens_out=self.max_tokens_out
        )

    def estimate(
        self,
        step: str,
        prompt: str,
        variables: dict[str, Any],
        response_model: type[BaseModel],
        *,
        max_reasks: int | None = None,
    ) -> Estimate:
        """Tokens and dollars for one call, offline: the likely cost and the worst case with re-asks."""
        return self._plan(step, prompt, variables, response_model, self._reasks(max_reasks)).estimate

    def plan(
        self,
        step: str,
        prompt: str,
        variables: dict[str, Any],
        response_model: type[BaseModel],
        *,
        max_reasks: int | None = None,
    ) -> PlannedCall:
        """What `structured()` would send (redacted as it would be); in a dry run it joins `planned`."""
        plan, key, messages, _ = self._prepare(step, prompt, variables, response_model, self._reasks(max_reasks))
        plan.messages = messages
        plan.cached = self.cache is not None and self.cache.get(key) is not None
        if self.dry_run:
            with self._lock:
                self.planned.append(plan)
        return plan

    def usage_totals(self) -> tuple[int, int, float]:
        """(calls sent, tokens in + out, dollars) by this client so far; cache hits are free."""
        with self._lock:
            steps = list(self._steps.values())
        return (
            sum(s.calls for s in steps),
            sum(s.tokens_in + s.tokens_out for s in steps),
            round(sum(s.usd for s in steps), 6),
        )

    def spend(self) -> dict[str, StepSpend]:
        """Spending so far, per step (a copy)."""
        with self._lock:
            return {k: StepSpend(**vars(v)) for k, v in self._steps.items()}

    @property
    def cache_hits(self) -> int:
        with self._lock:
            return sum(s.cache_hits for s in self._steps.values())

    def _step(self, step: str) -> StepSpend:
        # Callers hold self._lock.
        return self._steps.setdefault(step, StepSpend())

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
        call = self._begin(step, prompt, variables, response_model, context, max_reasks)
        if not isinstance(call, _Call):
            return call  # type: ignore[return-value]  # validated as response_model by _cached
        probing = self._probe()
        try:
            for attempt in range(1, self.settings.max_retries + 2):
                self._raise_if_down(step, sent=attempt > 1)
                try:
                    answer = self.provider.complete(call.messages, call.model, context=context, max_reasks=call.reasks)
                except Exception as exc:
                    self.sleep(self._after_failure(call, exc, attempt))
                    continue
                return self._finish(call, answer, attempt)  # type: ignore[return-value]
            raise AssertionError("unreachable")  # pragma: no cover
        finally:
            if probing:
                self._probe_lock.release()
            self.budget.settle(call.hold, call.usd)

    def _probe(self) -> bool:
        """Until a first answer arrives, let one call out at a time; True when this call holds the turn.

        Concurrent calls to a server that is down, or that refuses the key, would
        all fail at once (and each retry); the first one finds out alone, and the
        rest then stop without sending (`down`). Once anything has answered,
        calls run side by side.
        """
        if self._answered.is_set():
            return False
        self._probe_lock.acquire()
        if self._answered.is_set():
            self._probe_lock.release()
            return False
        return True

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
        call = self._begin(step, prompt, variables, response_model, context, max_reasks)
        if not isinstance(call, _Call):
            return call  # type: ignore[return-value]  # validated as response_model by _cached
        try:
            for attempt in range(1, self.settings.max_retries + 2):
                self._raise_if_down(step, sent=attempt > 1)
                try:
                    answer = await self.provider.acomplete(
                        call.messages, call.model, context=context, max_reasks=call.reasks
                    )
                except Exception as exc:
                    await asyncio.sleep(self._after_failure(call, exc, attempt))
                    continue
                return self._finish(call, answer, attempt)  # type: ignore[return-value]
            raise AssertionError("unreachable")  # pragma: no cover
        finally:
            self.budget.settle(call.hold, call.usd)

    def _prepare(
        self, step: str, prompt: str, variables: dict[str, Any], response_model: type[BaseModel], reasks: int
    ) -> tuple[PlannedCall, str, list[dict[str, Any]], type[BaseModel]]:
        """The plan, its cache key (of the unredacted request), and the messages and model to send."""
        plan = self._plan(step, prompt, variables, response_model, reasks)
        redact = self.settings.redact
        key = cache_key(
            provider=self.spec.label,
            model=self.spec.model,
            mode=self.mode,
            messages=plan.messages,
            schema=plan.schema,
            redact=redact,
        )
        messages, model = plan.messages, response_model
        if redact:
            redactor = Redactor(self.redact_names)
            messages = redactor.redact_messages(messages)
            model = restoring_model(response_model, redactor)
        return plan, key, messages, model

    def _begin(
        self,
        step: str,
        prompt: str,
        variables: dict[str, Any],
        response_model: type[BaseModel],
        context: dict[str, Any] | None,
        max_reasks: int | None,
    ) -> BaseModel | _Call:
        self._raise_if_down(step, sent=False)
        reasks = self._reasks(max_reasks)
        plan, key, messages, model = self._prepare(step, prompt, variables, response_model, reasks)
        hit = self._cached(key, response_model, context)
        if self.dry_run:
            plan.messages = messages
            plan.cached = hit is not None
            with self._lock:
                self.planned.append(plan)
            raise DryRunStop(plan)
        if hit is not None:
            self._log(plan, cached=True, tokens_in=0, tokens_out=0, usd=0.0, latency=0.0)
            with self._lock:
                self._step(step).cache_hits += 1
            return hit
        hold = self.budget.reserve(plan.estimate.reserve_usd, step)
        return _Call(plan, key, messages, model, reasks, hold)

    def _raise_if_down(self, step: str, *, sent: bool) -> None:
        down = self.down
        if down is None:
            return
        if sent:
            # Another call found the provider down while this one waited to retry: stop here.
            raise ProviderDown(str(down), attempts=down.attempts, status_code=down.status_code)
        raise ProviderDown(str(down), attempts=0, status_code=down.status_code)

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

    def _after_failure(self, call: _Call, exc: Exception, attempt: int) -> float:
        """Seconds to wait before the next attempt, or raise LLMError when there is none."""
        plan = call.plan
        failure, tokens_in, tokens_out, inner = describe_failure(exc)
        if tokens_in or tokens_out:
            call.usd += self._spend(plan.step, tokens_in, tokens_out, count_call=False)
        if failure.retryable and attempt <= self.settings.max_retries and self.down is None:
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
            latency=time.monotonic() - call.started,
            ok=False,
            error=what,
            attempts=attempts,
        )
        with self._lock:
            self._step(plan.step).errors += 1
        if failure.fatal:
            down = ProviderDown(message, attempts=attempts, status_code=failure.status_code)
            with self._lock:
                if self.down is None:
                    self.down = down
            raise down from None
        raise LLMError(message, attempts=attempts, status_code=failure.status_code) from None

    def _finish(self, call: _Call, answer: Answer, attempt: int) -> BaseModel:
        plan = call.plan
        value: BaseModel = answer.value
        self._answered.set()
        usd = self._spend(plan.step, answer.tokens_in, answer.tokens_out, count_call=True)
        call.usd += usd
        if self.cache is not None:
            self.cache.put(
                call.key,
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
            latency=time.monotonic() - call.started,
            attempts=attempt,
            tokens_cached=int(getattr(answer, "tokens_cached", 0) or 0),
        )
        return value

    def _spend(self, step: str, tokens_in: int, tokens_out: int, *, count_call: bool) -> float:
        usd = cost(self.spec.kind, self.spec.model, tokens_in, tokens_out)
        with self._lock:
            s = self._step(step)
            s.calls += 1 if count_call else 0
            s.tokens_in += tokens_in
            s.tokens_out += tokens_out
            s.usd += usd
        return usd

    def _log(self, plan: PlannedCall, *, cached: bool, tokens_in: int, tokens_out: int, usd: float, latency: float,
             ok: bool = True, error: str = "", attempts: int = 1, tokens_cached: int = 0) -> None:
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
                tokens_cached=tokens_cached,
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
