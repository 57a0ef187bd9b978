"""Map whatever a provider raised to one plain description.

instructor wraps SDK errors in InstructorRetryException (the SDK error is its
`__cause__`), and wraps validation failures the same way once re-asks run out;
llama.cpp's provider raises ValidationFailed. This module tells them apart and
says in plain words what happened, never echoing request headers or keys.
"""

from __future__ import annotations

from synth.errors import LLMError
from synth.llm.retry import Failure, classify


class ProviderDown(LLMError):
    """The provider cannot answer any call (unreachable, key refused, model unknown, out of quota).

    `stops_run`: a run over many interviews stops at the first one instead of
    failing each in turn; the client raises it again for every later call
    without sending anything.
    """

    stops_run = True


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and cur not in seen and len(seen) < 10:
        seen.append(cur)
        cur = cur.__cause__ or cur.__context__
    return seen


def _usage(exc: BaseException) -> tuple[int, int]:
    usage = getattr(exc, "total_usage", None)
    if usage is None:
        return 0, 0
    if isinstance(usage, dict):
        return int(usage.get("prompt_tokens", 0) or 0), int(usage.get("completion_tokens", 0) or 0)
    return int(getattr(usage, "prompt_tokens", 0) or 0), int(getattr(usage, "completion_tokens", 0) or 0)


def first_line(exc: BaseException) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        try:
            first = errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            return (f"{where}: " if where else "") + str(first.get("msg", ""))[:200].splitlines()[0]
        except Exception:
            pass
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__


def describe_failure(exc: BaseException) -> tuple[Failure, int, int, int]:
    """(what happened, tokens in, tokens out, attempts made inside the provider or 0)."""
    from synth.llm.provider_llamacpp import ValidationFailed

    if isinstance(exc, ValidationFailed):
        return Failure(False, f"no valid answer: {exc}"), exc.tokens_in, exc.tokens_out, exc.attempts
    chain = _chain(exc)
    for item in chain:
        failure = classify(item)
        if failure is not None:
            return failure, *_usage(exc), 0
    name = type(exc).__name__
    tokens_in, tokens_out = _usage(exc)
    attempts = int(getattr(exc, "n_attempts", 0) or 0)
    if name == "IncompleteOutputException":
        return Failure(False, "the answer was cut off at the token limit"), tokens_in, tokens_out, attempts
    if name == "InstructorRetryException" or any(type(e).__name__ in ("ValidationError", "JSONDecodeError") for e in chain):
        last = next((e for e in chain if callable(getattr(e, "errors", None))), chain[-1])
        return Failure(False, f"no valid answer: {first_line(last)}"), tokens_in, tokens_out, attempts
    if isinstance(exc, TimeoutError):
        return Failure(True, "timed out"), 0, 0, 0
    if isinstance(exc, ConnectionError):
        return Failure(True, "could not connect", fatal=True), 0, 0, 0
    return Failure(False, f"failed: {name}: {first_line(exc)}"), tokens_in, tokens_out, attempts
