"""Overview: the workspace at a glance, evidence per hypothesis, and what needs attention."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static

from tui.messages import Loaded
from tui.screens.base import SynthScreen
from tui.widgets.text import clip, evidence_bar, lit


@dataclass
class OverviewData:
    name: str
    north_star: str
    hypotheses: int
    interviews: int
    insights: int
    evidence: list[Any] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    activity: list[tuple[str, str]] = field(default_factory=list)
    complete: bool = False
    """False for the first, counts-only message."""


class OverviewScreen(SynthScreen):
    KEY = "overview"
    BINDINGS = [  # noqa: RUF012
        Binding("r", "refresh", "Refresh", id="overview.refresh"),
        Binding("o", "open_hypothesis", "Hypotheses", id="overview.open"),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static(id="summary", classes="panel")
        table: DataTable[Any] = DataTable(
            id="evidence-table", cursor_type="row", zebra_stripes=True, cursor_foreground_priority="renderable"
        )
        # The statement goes last: on a narrow terminal it is the part that gets cut.
        table.add_columns("ID", "Evidence for:against", "People", "Status", "Hypothesis")
        yield table
        with Horizontal(id="overview-bottom"):
            with Vertical(classes="half"):
                yield Static(Text("Needs attention", style="bold"), classes="heading")
                yield Static(id="attention")
            with Vertical(classes="half"):
                yield Static(Text("Recent activity", style="bold"), classes="heading")
                yield Static(id="activity")

    def reload(self) -> None:
        self.status("reading the workspace…")
        self.load()

    def action_refresh(self) -> None:
        self.reload()

    def action_open_hypothesis(self) -> None:
        table = self.query_one("#evidence-table", DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            self.synth_app.selected_hypothesis = key
        self.synth_app.action_go("hypotheses")

    @on(DataTable.RowSelected, "#evidence-table")
    def row_chosen(self) -> None:
        self.action_open_hypothesis()

    @work(thread=True, exclusive=True, exit_on_error=False, group="overview")
    def load(self) -> None:
        """Counts first (cheap reads), then what needs the evidence and strategy modules."""
        ws = self.ws
        sets = ws.insight_sets()
        data = OverviewData(
            name=ws.config.name,
            north_star=ws.config.north_star.metric,
            hypotheses=len(ws.hypotheses()),
            interviews=len(ws.interview_ids()),
            insights=sum(1 for s in sets for i in s.insights if i.review.value != "rejected"),
        )
        self.post_message(Loaded("overview", data))

        from synth.evidence import evidence_summary
        from synth.extract import pending_ids
        from synth.strategy import list_drafts

        events: list[tuple[str, str]] = []
        for iv in ws.interviews():
            events.append((iv.meta.imported_at.isoformat(), f"imported {iv.id}"))
        for s in sets:
            events.append((s.extracted_at.isoformat(), f"extracted {len(s.insights)} insights from {s.interview_id}"))
        for draft in list_drafts(ws):
            verb = "applied" if draft.applied else "drafted"
            events.append((draft.created.isoformat(), f"{verb} strategy update {draft.id}"))
        data = replace(data, pending=pending_ids(ws), activity=sorted(events, reverse=True)[:6])
        data.evidence = evidence_summary(ws) if data.hypotheses else []
        data.complete = True
        self.post_message(Loaded("overview", data))

    @on(Loaded)
    def show(self, event: Loaded) -> None:
        if event.what != "overview":
            return
        d: OverviewData = event.data
        summary = Text.assemble(
            (d.name, "bold"),
            "\nNorth star: ",
            (d.north_star or "not set (synth.toml [north_star] metric)", "italic" if not d.north_star else ""),
            f"\n{d.hypotheses} hypotheses · {d.interviews} interviews · {d.insights} insights",
        )
        self.query_one("#summary", Static).update(summary)
        if not d.complete:
            for box in ("#attention", "#activity"):
                self.query_one(box, Static).update(Text("reading…", style="dim"))
            self.status("adding up the evidence…")
            return
        table = self.query_one("#evidence-table", DataTable)
        table.clear()
        for ev in d.evidence:
            bar = evidence_bar(ev.supporting, ev.contradicting, 10)
            bar.append(f" {ev.supporting}:{ev.contradicting}")
            status = lit(ev.status.value)
            if ev.status.value == "open" and ev.suggested_status != "untested":
                status.append(f" → {ev.suggested_status}?", style="dim")
            table.add_row(
                lit(ev.hypothesis_id),
                bar,
                lit(f"{ev.supporting_participants}:{ev.contradicting_participants}"),
                status,
                lit(clip(ev.statement, 70)),
                key=ev.hypothesis_id,
            )
        attention = Text()
        if d.pending:
            attention.append(f"{len(d.pending)} interview(s) not extracted yet: ", style="bold")
            attention.append(", ".join(d.pending[:4]) + ("…" if len(d.pending) > 4 else ""))
            attention.append(" (4, then X)\n")
        no_evidence = [ev.hypothesis_id for ev in d.evidence if ev.supporting + ev.contradicting == 0]
        if no_evidence:
            attention.append("No evidence yet for: ", style="bold")
            attention.append(", ".join(no_evidence) + "\n")
        if not d.hypotheses:
            attention.append("No hypotheses yet: press 2, then a to add one.\n")
        self.query_one("#attention", Static).update(attention or Text("Nothing waiting.", style="dim"))
        activity = Text()
        for when, what in d.activity:
            activity.append(when[5:16].replace("T", " ") + " ", style="dim")
            activity.append(what + "\n")
        self.query_one("#activity", Static).update(activity or Text("Nothing yet.", style="dim"))
        self.status("")
        self.synth_app.start_warm_up()
