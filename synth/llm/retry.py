"""Bounded retries for transport failures, with exponential backoff and jitter.

Retried: timeouts, connection errors other than a refused connection, HTTP 429
(honouring Retry-After, capped) and 5xx. Not retried: other 4xx (a bad key or request will not get better).
The SDK's own retries are off (max_retries=0) so the layers never multiply;
validation re-asks are instructor's business and are counted separately.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

MAX_RETRY_AFTER = 60.0


@dataclass(frozen=True)
class Failure:
    retryable: bool
    what: str
    status_code: int | None = None
    retry_after: float | None = None
    fatal: bool = False
    """Once retries are spent, no other call will do better (server unreachable, key refused):
    the client stops every later call instead of trying each one."""


def backoff(attempt: int, *, base: float = 0.5, cap: float = 20.0, retry_after: float | None = None) -> float:
    """Seconds to wait before retry number `attempt` (1-based): full jitter, or Retry-After when given."""
    if retry_after is not None:
        return min(max(retry_after, 0.0), MAX_RETRY_AFTER)
    return random.uniform(0, min(cap, base * 2 ** (attempt - 1)))  # jitter, not crypto


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        from datetime import UTC, datetime

        when = parsedate_to_datetime(value)
        return max(0.0, (when - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None


def _refused(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, ConnectionRefusedError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def classify(exc: BaseException) -> Failure | None:
    """A transport failure from the OpenAI SDK, or None when `exc` is something else."""
    try:
        import openai
    except ImportError:  # pragma: no cover - openai is a runtime dependency
        return None
    if isinstance(exc, openai.APITimeoutError):
        return Failure(True, "timed out")
    if isinstance(exc, openai.APIConnectionError):
        if _refused(exc):
            # Nothing listens there: retrying only makes a dead provider slower to report.
            return Failure(False, "could not connect (connection refused)", fatal=True)
        return Failure(True, "could not connect", fatal=True)
    if isinstance(exc, openai.APIStatusError):
        code = exc.status_code
        retry_after = parse_retry_after(exc.response.headers.get("retry-after")) if exc.response is not None else None
        if code == 429:
            return Failure(True, "rate limited (HTTP 429)", code, retry_after, fatal=True)
        if code >= 500:
            return Failure(True, f"server error (HTTP {code})", code, retry_after, fatal=True)
        if code in (401, 403):
            return Failure(False, f"refused the key (HTTP {code})", code, fatal=True)
        if code == 404:
            return Failure(False, "does not know this model or URL (HTTP 404)", code, fatal=True)
        return Failure(False, f"rejected the request (HTTP {code})", code)
    if isinstance(exc, openai.APIResponseValidationError):
        return Failure(True, "sent a response that is not valid JSON")
    return None
