"""Time from a triage key to the updated row in the TUI's Insights screen, and from "ready" to a first search.

    python -m bench.bench_tui_triage [--workspace DIR] [--keys 20]

Runs the app headless under Pilot on a copy of the workspace (default: the demo,
built offline in a temp folder). For each key (a, r, u in turn) it times from the
key press to the moment the row's review cell shows the new value; the write runs
behind it in a worker and is not waited for. Baseline in the same run: the time
Pilot takes to deliver a key the screen ignores (`z`), i.e. the floor a key costs.
Then it starts the app with warm-up on, waits for the header to say "ready", and
times one search from the query's enter to the results shown.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any


async def until(check: Any, what: str, limit: float = 120.0, step: float = 0.001) -> None:
    """Poll `check()` until true; a benchmark that waits forever tells nobody anything."""
    deadline = time.perf_counter() + limit
    while not check():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"gave up after {limit:.0f} s waiting for {what}")
        await asyncio.sleep(step)


async def triage(ws_path: Path, n_keys: int) -> dict[str, Any]:
    from textual.widgets import DataTable

    from synth.workspace import Workspace
    from tui.app import make_app

    app = make_app(Workspace(ws_path), warm_up=False)
    out: dict[str, Any] = {"key": [], "noop": []}
    async with app.run_test(size=(120, 36)) as pilot:
        await until(lambda: getattr(app.screen, "_evidence", None), "the overview", step=0.01)
        app.set_focus(None)
        await pilot.press("5")
        await until(lambda: getattr(app.screen, "rows", None), "the insights", step=0.01)
        table = app.screen.query_one("#insight-table", DataTable)
        table.focus()
        expected = {"a": "accepted", "r": "rejected"}
        for n in range(n_keys):
            key = "ar"[n % 2]
            row_id = app.screen.selected().id  # type: ignore[attr-defined]
            # The key goes in as the terminal driver would send it; the clock stops when the row shows it.
            t0 = time.perf_counter()
            app.simulate_key(key)
            await until(lambda r=row_id, k=key: str(table.get_cell(r, "review")) == expected[k], "the row to change")
            out["key"].append(time.perf_counter() - t0)
            # Baseline: the same loop's latency for a bare callback, with the same writes running behind.
            done = asyncio.Event()
            t0 = time.perf_counter()
            app.call_later(done.set)
            await done.wait()
            out["noop"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        screen: Any = app.screen
        await until(lambda: screen._inflight is None and not screen._queue, "the writes", limit=1800, step=0.01)
        out["writes_drained"] = time.perf_counter() - t0
    return out


async def first_search(ws_path: Path) -> dict[str, float]:
    from textual.widgets import OptionList

    from synth.workspace import Workspace
    from tui.app import make_app

    app = make_app(Workspace(ws_path), warm_up=True)
    async with app.run_test(size=(120, 36)) as pilot:
        t_start = time.perf_counter()
        await until(lambda: app.sub_title in ("ready",) or app.sub_title.startswith("search and"), "ready", step=0.01)
        if app.sub_title != "ready":
            raise RuntimeError(app.sub_title)
        ready = time.perf_counter() - t_start
        app.set_focus(None)
        await pilot.press("6")
        await pilot.press(*"chasing clients")
        t0 = time.perf_counter()
        await pilot.press("enter")
        results = app.screen.query_one("#search-results", OptionList)
        await until(lambda: results.option_count, "search results", step=0.005)
        first = time.perf_counter() - t0
        # Baseline: the same search again, everything warm (enter in the results would open a hit: back to the query).
        results.clear_options()
        await pilot.press("ctrl+f")
        t0 = time.perf_counter()
        await pilot.press("enter")
        await until(lambda: results.option_count, "search results", step=0.005)
        return {"ready": ready, "search": first, "again": time.perf_counter() - t0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workspace", type=Path, default=None)
    ap.add_argument("--keys", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "ws"
        if args.workspace:
            shutil.copytree(args.workspace, target)
        else:
            from bench.bench_tui_startup import demo_workspace

            built, _label = demo_workspace(Path(tmp) / "build")
            shutil.copytree(built, target)
        t = asyncio.run(triage(target, args.keys))
        keys, noop = t["key"], t["noop"]
        print(f"triage key -> row updated: median {ms(keys):.1f} ms, max {max(keys) * 1000:.1f} ms over {len(keys)} keys")
        print(f"baseline, the event loop running a bare callback: median {ms(noop):.1f} ms")
        print(f"writes behind them drained {t['writes_drained']:.2f} s after the last key", flush=True)
        s = asyncio.run(first_search(target))
    print(f"warm-up to 'ready': {s['ready']:.2f} s; first search after ready: {s['search'] * 1000:.0f} ms; "
          f"the same search again (baseline, all warm): {s['again'] * 1000:.0f} ms")


def ms(xs: list[float]) -> float:
    return statistics.median(xs) * 1000


if __name__ == "__main__":
    main()
