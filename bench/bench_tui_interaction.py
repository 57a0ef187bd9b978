"""TUI interaction latency with Pilot, against a bare Textual app in the same run: `python -m bench tui_interaction`.

    python -m bench.bench_tui_interaction [--reps 10]

On the extracted demo (offline engine, in a temp folder), one headless app driven by Pilot:
- **triage key -> updated row**: in Insights, from pressing `a`/`u` (accept, undo) to the row's
  Review cell showing the new value (the write happens behind it). Baseline: a bare Textual app
  whose key handler updates a DataTable cell, timed the same way.
- **first visit to Insights**: from pressing `5` to the table having rows.
- **query -> results** in Search: from Enter in the query box to the results list filled; the first
  search of the process (model load included unless the warm-up finished) and the next ones.
Each time is from just before the key is sent to the first poll (1 ms, running while Pilot handles
the key) that sees the change; the median is reported. Never used in tests (no timing assertions).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


async def until(check: Callable[[], bool], limit: float = 120.0) -> float:
    """Seconds until `check()` holds, polled every millisecond."""
    t0 = time.perf_counter()
    while not check():
        if time.perf_counter() - t0 > limit:
            raise TimeoutError("the change never showed")
        await asyncio.sleep(0.001)
    return time.perf_counter() - t0


def _review_cell(table: Any, row_key: Any) -> str:
    return str(table.get_cell(row_key, "review"))


def _changed(read: Callable[[], object], before: object) -> Callable[[], bool]:
    return lambda: read() != before


async def bare_cell_update(reps: int) -> list[float]:
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import DataTable

    class Bare(App[None]):
        BINDINGS = [Binding("a", "flip", "Flip")]  # noqa: RUF012

        def compose(self) -> ComposeResult:
            table: DataTable[Any] = DataTable(id="t", cursor_type="row")
            yield table

        def on_mount(self) -> None:
            table = self.query_one("#t", DataTable)
            table.add_column("Review", key="review")
            for n in range(50):
                table.add_row("new", key=f"r{n}")
            table.focus()

        def action_flip(self) -> None:
            table = self.query_one("#t", DataTable)
            now = table.get_cell("r0", "review")
            table.update_cell("r0", "review", "accepted" if now == "new" else "new")

    out: list[float] = []
    app = Bare()
    async with app.run_test(size=(100, 32)) as pilot:
        table = app.query_one("#t", DataTable)
        for _ in range(reps):
            before = table.get_cell("r0", "review")
            t0 = time.perf_counter()
            press = asyncio.create_task(pilot.press("a"))  # press() also waits for the app to go idle
            await until(_changed(lambda: table.get_cell("r0", "review"), before))
            out.append(time.perf_counter() - t0)
            await press
    return out


async def synth_interactions(ws_root: Path, reps: int, queries: list[str]) -> dict[str, Any]:
    from textual.widgets import DataTable, Input, OptionList

    from synth.workspace import Workspace
    from tui.app import make_app

    app = make_app(Workspace(ws_root), warm_up=True)
    res: dict[str, Any] = {"triage": [], "search": []}
    async with app.run_test(size=(140, 40)) as pilot:
        t0 = time.perf_counter()
        press = asyncio.create_task(pilot.press("5"))
        await until(lambda: bool(app.screen.query("#insight-table")) and app.screen.query_one("#insight-table", DataTable).row_count > 0)
        res["insights_first_visit"] = time.perf_counter() - t0
        await press
        table = app.screen.query_one("#insight-table", DataTable)
        table.focus()
        for n in range(reps):
            row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
            before = str(table.get_cell(row_key, "review"))
            key = "a" if n % 2 == 0 else "u"
            if key == "u":
                table.move_cursor(row=table.cursor_row - 1)  # undo puts the cursor back; measure that row
                row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
                before = str(table.get_cell(row_key, "review"))
            t0 = time.perf_counter()
            # Poll while the key is handled: press() returns only when the app is idle again,
            # i.e. after the write behind the row update, which is not what a user waits for.
            press = asyncio.create_task(pilot.press(key))
            await until(_changed(partial(_review_cell, table, row_key), before))
            res["triage"].append(time.perf_counter() - t0)
            await press
        await pilot.press("6")
        await until(lambda: bool(app.screen.query("#search-input")))
        box = app.screen.query_one("#search-input", Input)
        results = app.screen.query_one("#search-results", OptionList)
        for q in queries:
            box.focus()
            box.value = q
            first: int | None = id(results.get_option_at_index(0)) if results.option_count else None
            t0 = time.perf_counter()
            press = asyncio.create_task(pilot.press("enter"))
            await until(_changed(lambda: id(results.get_option_at_index(0)) if results.option_count else None, first))
            res["search"].append(time.perf_counter() - t0)
            await press
        app.exit()
    return res


def extracted_demo(root: Path) -> Path:
    ws = root / "demo"
    subprocess.run([sys.executable, "-m", "synth", "init", "--demo", str(ws)], check=True, capture_output=True, cwd=ROOT)
    subprocess.run([sys.executable, "-m", "synth", "-w", str(ws), "extract", "--all"], check=True, capture_output=True, cwd=ROOT)
    return ws


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=10)
    args = ap.parse_args()
    queries = ["month-end close takes too long", "spreadsheet", "what they pay today", "switching tools", "pricing"]
    with tempfile.TemporaryDirectory() as tmp:
        ws = extracted_demo(Path(tmp))
        bare = asyncio.run(bare_cell_update(args.reps))
        got = asyncio.run(synth_interactions(ws, args.reps, queries))
    def ms(xs: list[float]) -> float:
        return statistics.median(xs) * 1000

    b, t = ms(bare), ms(got["triage"])
    print(f"TUI interaction on the extracted demo, {args.reps} key presses each, median (headless Pilot, 140x40)")
    print("| what | median | vs bare Textual cell update |")
    print("|---|---:|---:|")
    print(f"| bare Textual app: key -> DataTable cell updated (baseline) | {b:.1f} ms | 1.00x |")
    print(f"| Insights: accept/undo key -> row's Review cell updated | {t:.1f} ms (max {max(got['triage']) * 1000:.1f}) | {t / b:.2f}x |")
    print(f"| Insights: first visit (key -> table filled) | {got['insights_first_visit'] * 1000:.0f} ms | |")
    print(f"| Search: first query -> results shown | {got['search'][0] * 1000:.0f} ms | |")
    print(f"| Search: later queries -> results shown (median of {len(queries) - 1}) | {ms(got['search'][1:]):.0f} ms | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
