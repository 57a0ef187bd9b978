"""The cost ceiling: one ledger per command, shared by every call, like a semaphore holding money.

A call reserves its worst case (every re-ask, every output token it may be
sent back) before it goes out and settles with what it really cost after.
Reserving happens under one lock, so concurrent calls can never together
promise more than the ceiling: with a ceiling worth one call, four threads
racing for it send one request and the other three get CostLimitError.

The first refusal closes the budget: a run that reached its ceiling sends
nothing more, even when a call in flight settles for less than it held
(answers already paid for are still served from the cache).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from synth.errors import CostLimitError


@dataclass
class Hold:
    """Money set aside for one call in flight."""

    usd: float
    step: str
    open: bool = True


class Budget:
    def __init__(self, ceiling: float | None) -> None:
        self.ceiling = ceiling
        self.spent = 0.0
        self.held = 0.0
        self.refused: str = ""
        """Why the first call was refused; once set, every later reservation is refused too."""
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Budget(ceiling={self.ceiling}, spent={self.spent:.6f}, held={self.held:.6f})"

    def reserve(self, usd: float, step: str) -> Hold:
        """Set `usd` aside, or raise CostLimitError (nothing is sent) when the ceiling cannot cover it."""
        with self._lock:
            if self.refused:
                raise CostLimitError(self.refused)
            if self.ceiling is not None and self.spent + self.held + usd > self.ceiling + 1e-12:
                in_flight = f", ${self.held:.4f} held by calls in flight" if self.held else ""
                self.refused = (
                    f"a {step} call (up to ${usd:.4f} with re-asks) would take spending past "
                    f"--max-cost ${self.ceiling:.4g} (spent ${self.spent:.4f}{in_flight}); it was not sent"
                )
                raise CostLimitError(self.refused)
            self.held += usd
            return Hold(usd, step)

    def settle(self, hold: Hold, actual_usd: float) -> None:
        """Release the hold and book what the call really cost (once; later calls are ignored)."""
        with self._lock:
            if not hold.open:
                return
            hold.open = False
            self.held = max(0.0, self.held - hold.usd)
            self.spent += actual_usd

    def charge(self, usd: float) -> None:
        """Book spending no hold covered (a failed call's tokens)."""
        with self._lock:
            self.spent += usd
