"""Overview: the workspace at a glance, what needs attention (enter jumps there), evidence per hypothesis.

The first frame is painted from `app.quick` (the files read without pydantic): the
name, the counts and each hypothesis's ID, statement and status. The reading
worker starts after that frame and fills in the evidence columns, what needs
attention and the activity.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from tui.messages import Loaded
from tui.screens.base import SynthScreen
from tui.widgets.text import evidence_bar, lit

if TYPE_CHECKING:
    from synth.quickread import QuickHypothesis, QuickView

STATUSES = ("open", "supported", "refuted", "inconclusive")
FIXED_WIDTH = 3 + 11 + 6 + 14 + 2 * 5 + 2
"""ID, evidence, people and status columns, cell padding and the scrollbar: the statement gets the rest."""


@dataclass
class Attention:
    """One thing that waits for the founder, and where enter takes them."""

    target: str
    text: Text


@dataclass
class OverviewData:
    name: str
    north_star: str
    hypotheses: int
    interviews: int
    insights: int
    evidence: list[Any] = field(default_factory=list)
    attention: list[Attention] = field(default_factory=list)
    activity: list[tuple[str, str]] = field(default_factory=list)
    complete: bool = False
    """False for the first, counts-only message."""


def summary_text(name: str, north_star: str, hypotheses: int | None, interviews: int | None, insights: int | None) -> Text:
    def n(count: int | None) -> str:
        return "…" if count is None else str(count)  # the quick reader was unsure: the real load fills it in

    return Text.assemble(
        (name, "bold"),
        " · North star: ",
        (north_star or "not set (synth.toml [north_star] metric)", "italic" if not north_star else ""),
        f"\n{n(hypotheses)} hypotheses · {n(interviews)} interviews · {n(insights)} insights",
    )


def _line(count: str, what: str, where: str) -> Text:
    return Text.assemble((count, "bold"), " ", what, (f"  → {where}", "dim"))


def attention_items(ws: Any, evidence: list[Any], drafts: list[Any], pending: list[str]) -> list[Attention]:
    """What waits, most useful first: each with a jump target for enter."""
    from synth.models import Review, Role

    out: list[Attention] = []
    sets = ws.insight_sets()
    undecided = sum(1 for s in sets for i in s.insights if i.review is Review.new)
    if undecided:
        n_iv = len({s.interview_id for s in sets if any(i.review is Review.new for i in s.insights)})
        out.append(Attention("insights", _line(str(undecided), f"insights to review, from {n_iv} interview(s)", "5 Insights")))
    open_drafts = [d for d in drafts if not d.applied]
    if open_drafts:
        latest = open_drafts[-1]
        more = f" (+{len(open_drafts) - 1} older)" if len(open_drafts) > 1 else ""
        out.append(Attention("draft", _line("1", f"strategy draft not applied: {latest.id}{more}", "7 Strategy")))
    if pending:
        names = ", ".join(pending[:3]) + ("…" if len(pending) > 3 else "")
        out.append(Attention("extract", _line(str(len(pending)), f"interview(s) not extracted: {names}", "4 Interviews, X")))
    unlabelled = [iv.id for iv in ws.interviews() if any(t.role is Role.unknown for t in iv.turns)]
    if unlabelled:
        names = ", ".join(unlabelled[:3]) + ("…" if len(unlabelled) > 3 else "")
        out.append(Attention("speakers:" + unlabelled[0],
                             _line(str(len(unlabelled)), f"interview(s) with unlabelled speakers: {names}", "4 Interviews, s")))
    differ = [ev for ev in evidence if ev.suggested_status in STATUSES and ev.suggested_status != ev.status.value]
    if differ:
        names = ", ".join(f"{ev.hypothesis_id} {ev.suggested_status}" for ev in differ)
        out.append(Attention("hypothesis:" + differ[0].hypothesis_id, Text.assemble(
            (str(len(differ)), "bold"), f" hypothes{'is' if len(differ) == 1 else 'es'} where the evidence suggests "
            f"another status: {names}", ("  → 2 Hypotheses, s", "dim"),
        )))
    no_evidence = [ev.hypothesis_id for ev in evidence if ev.supporting + ev.contradicting == 0]
    if no_evidence:
        out.append(Attention("guide", Text.assemble(
            "No evidence yet for ", (", ".join(no_evidence), "bold"), ("  → 3 Guide", "dim"))))
    return out


class OverviewScreen(SynthScreen):
    KEY = "overview"
    BINDINGS = [  # noqa: RUF012
        Binding("r", "refresh", "Refresh", id="overview.refresh"),
        Binding("o", "open_hypothesis", "Open hypothesis", id="overview.open"),
        Binding("tab", "app.focus_next", "Next list", id="overview.focus_next", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._evidence: list[Any] = []
        self._quick_rows: list[QuickHypothesis] = []
        self.evidence_shown = False
        """The evidence table holds the real load's rows (not the first frame's quick ones)."""

    def compose_body(self) -> ComposeResult:
        yield Static(id="summary")
        with Horizontal(id="overview-top"):
            with Vertical(id="attention-box"):
                yield Static(Text("Needs attention (enter goes there)", style="bold"), classes="heading")
                yield OptionList(id="attention")
            with Vertical(id="activity-box"):
                yield Static(Text("Recent activity", style="bold"), classes="heading")
                yield Static(id="activity")
        table: DataTable[Any] = DataTable(
            id="evidence-table", cursor_type="row", zebra_stripes=True, cursor_foreground_priority="renderable"
        )
        yield table

    def on_mount(self) -> None:
        table = self.query_one("#evidence-table", DataTable)
        # Text labels: a str label is parsed as markup, which imports Rich's emoji table (~5 ms of the first frame).
        table.add_column(Text("ID"), width=3, key="id")
        table.add_column(Text("For:against"), width=11, key="evidence")
        table.add_column(Text("People"), width=6, key="people")
        table.add_column(Text("Status"), width=14, key="status")
        table.add_column(Text("Hypothesis"), width=self.statement_width(), key="statement")
        self.query_one("#attention", OptionList).focus()
        quick, self.synth_app.quick = self.synth_app.quick, None  # only the first frame: later reads are the real ones
        if quick is not None:
            self.show_quick(quick)

    def show_quick(self, quick: QuickView) -> None:
        """The first frame: what the files say, before pydantic and the evidence modules have loaded."""
        if quick.config is not None:
            n_hyp = None if quick.hypotheses is None else len(quick.hypotheses)
            summary = summary_text(quick.config.name, quick.config.north_star, n_hyp, quick.interviews, quick.insights)
            self.query_one("#summary", Static).update(summary)
        if quick.hypotheses:
            self.fill_quick(quick.hypotheses)
        self.status("adding up the evidence…")

    def statement_width(self) -> int:
        return max(20, self.app.size.width - FIXED_WIDTH)

    def on_resize(self) -> None:
        from textual.widgets.data_table import ColumnKey

        table = self.query_one("#evidence-table", DataTable)
        column = table.columns.get(ColumnKey("statement"))
        if column is not None and column.width != self.statement_width():
            column.width = self.statement_width()
            if self.evidence_shown or not self._quick_rows:
                self.fill_table(self._evidence)
            else:
                self.fill_quick(self._quick_rows)

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

    @on(OptionList.OptionSelected, "#attention")
    async def attention_chosen(self, event: OptionList.OptionSelected) -> None:
        await self.go_to(event.option.id or "")

    async def go_to(self, target: str) -> None:
        app = self.synth_app
        kind, _, arg = target.partition(":")
        if kind == "insights":
            app.insight_filter = {"review": "new"}
            app.action_go("insights")
        elif kind == "draft":
            app.action_go("strategy")
        elif kind == "extract":
            app.action_go("interviews")
        elif kind == "speakers":
            await app.open_transcript(arg)
        elif kind == "hypothesis":
            app.selected_hypothesis = arg
            app.action_go("hypotheses")
        elif kind == "guide":
            app.action_go("guide")
        elif kind == "add":
            app.action_go("hypotheses")

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

        drafts = list_drafts(ws)
        events: list[tuple[str, str]] = []
        for iv in ws.interviews():
            events.append((iv.meta.imported_at.isoformat(), f"imported {iv.id}"))
        for s in sets:
            events.append((s.extracted_at.isoformat(), f"extracted {len(s.insights)} insights from {s.interview_id}"))
        for draft in drafts:
            verb = "applied" if draft.applied else "drafted"
            events.append((draft.created.isoformat(), f"{verb} strategy update {draft.id}"))
        evidence = evidence_summary(ws) if data.hypotheses else []
        attention = attention_items(ws, evidence, drafts, pending_ids(ws))
        if not data.hypotheses:
            attention.insert(0, Attention("add", Text("No hypotheses yet: press 2, then a to add one.")))
        data = replace(data, evidence=evidence, attention=attention, activity=sorted(events, reverse=True)[:6], complete=True)
        self.post_message(Loaded("overview", data))

    @on(Loaded)
    def show(self, event: Loaded) -> None:
        if event.what != "overview":
            return
        d: OverviewData = event.data
        summary = summary_text(d.name, d.north_star, d.hypotheses, d.interviews, d.insights)
        self.query_one("#summary", Static).update(summary)
        attention = self.query_one("#attention", OptionList)
        if not d.complete:
            attention.clear_options()
            attention.add_option(Option(Text("reading…", style="dim"), disabled=True))
            self.query_one("#activity", Static).update(Text("reading…", style="dim"))
            self.status("adding up the evidence…")
            return
        keep = attention.highlighted
        attention.clear_options()
        if d.attention:
            attention.add_options([Option(item.text, id=item.target) for item in d.attention])
            attention.highlighted = min(keep or 0, len(d.attention) - 1)
        else:
            attention.add_option(Option(Text("Nothing waiting.", style="dim"), disabled=True))
        self.fill_table(d.evidence)
        self.evidence_shown = True
        # The Overview is complete: load the search model and index behind it (started earlier, the
        # chromadb and onnxruntime imports held the GIL against the evidence load and doubled its time).
        self.synth_app.start_warm_up()
        activity = Text()
        for when, what in d.activity:
            activity.append(when[5:16].replace("T", " ") + " ", style="dim")
            activity.append(what + "\n")
        self.query_one("#activity", Static).update(activity or Text("Nothing yet.", style="dim"))
        self.status("")

    def on_job_failed(self, group: str) -> None:
        if group == "overview":
            self.status("")
            if not self.evidence_shown and self._quick_rows:
                # The real load refused the files (its error is on screen): show nothing it did not accept.
                self._quick_rows = []
                self.query_one("#evidence-table", DataTable).clear()

    def fill_quick(self, hypotheses: list[QuickHypothesis]) -> None:
        """ID, status and statement from the files; the evidence columns wait for the real load."""
        self._quick_rows = hypotheses
        table = self.query_one("#evidence-table", DataTable)
        table.clear()
        width = self.statement_width()
        for h in hypotheses:
            lines = textwrap.wrap(" ".join(h.statement.split()), width) or [""]
            table.add_row(
                lit(h.id), Text("…", style="dim"), Text("…", style="dim"), lit(h.status), lit("\n".join(lines)),
                key=h.id, height=len(lines),
            )

    def fill_table(self, evidence: list[Any]) -> None:
        self._evidence = evidence
        table = self.query_one("#evidence-table", DataTable)
        keep = table.cursor_row
        table.clear()
        width = self.statement_width()
        for ev in evidence:
            bar = evidence_bar(ev.supporting, ev.contradicting, 5)
            bar.append(f" {ev.supporting}:{ev.contradicting}")
            status = lit(ev.status.value)
            if ev.suggested_status in STATUSES and ev.suggested_status != ev.status.value:
                status.append(f"\n→ {ev.suggested_status}", style="dim")
            lines = textwrap.wrap(" ".join(ev.statement.split()), width) or [""]
            table.add_row(
                lit(ev.hypothesis_id),
                bar,
                lit(f"{ev.supporting_participants}:{ev.contradicting_participants}"),
                status,
                lit("\n".join(lines)),
                key=ev.hypothesis_id,
                height=max(len(lines), len(status.plain.splitlines())),
            )
        if evidence:
            table.move_cursor(row=min(keep, len(evidence) - 1))
