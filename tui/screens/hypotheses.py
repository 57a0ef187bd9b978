"""Hypotheses: list, add, edit, set status; the evidence on both sides, and a jump to the transcript."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, OptionList, Static

from synth.models import Hypothesis, HypothesisKind, HypothesisStatus
from tui.messages import Loaded
from tui.screens.base import SynthScreen
from tui.widgets.dialogs import ChoiceDialog, FormDialog
from tui.widgets.evidence import EvidenceColumns
from tui.widgets.text import clip, lit

KINDS = [k.value for k in HypothesisKind]
STATUSES = [s.value for s in HypothesisStatus]


def quote_speakers(ws: Any, evidence: list[Any]) -> dict[str, tuple[str, str]]:
    """Insight id -> (speaker, role) of the turn its first quote comes from, for the quotes shown."""
    wanted = {q.insight_id for ev in evidence for q in (*ev.top_supporting, *ev.top_contradicting)}
    out: dict[str, tuple[str, str]] = {}
    interviews: dict[str, Any] = {}
    for s in ws.insight_sets():
        for ins in s.insights:
            if ins.id not in wanted:
                continue
            q = ins.quotes[0]
            if q.interview_id not in interviews:
                interviews[q.interview_id] = ws.interview(q.interview_id)
            turns = interviews[q.interview_id].turns
            if 0 <= q.turn_index < len(turns):
                out[ins.id] = (turns[q.turn_index].speaker, turns[q.turn_index].role.value)
    return out


class HypothesesScreen(SynthScreen):
    KEY = "hypotheses"
    BINDINGS = [  # noqa: RUF012
        Binding("a", "add", "Add", id="hypotheses.add"),
        Binding("e", "edit", "Edit", id="hypotheses.edit"),
        Binding("s", "set_status", "Status", id="hypotheses.status"),
        Binding("t", "open_quote", "Quote in transcript", id="hypotheses.open_quote"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Hypothesis] = []
        self.evidence: dict[str, Any] = {}
        self.speakers: dict[str, tuple[str, str]] = {}

    def compose_body(self) -> ComposeResult:
        yield DataTable(id="hyp-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="hyp-detail-box", classes="panel"):
            yield Static(id="hyp-detail")
        yield EvidenceColumns(id="evidence")

    def on_mount(self) -> None:
        table = self.query_one("#hyp-table", DataTable)
        table.add_column("ID", width=3, key="id")
        table.add_column("Status", width=12, key="status")
        table.add_column("Kind", width=8, key="kind")
        table.add_column("Statement", width=self.statement_width(), key="statement")

    def statement_width(self) -> int:
        return max(20, self.app.size.width - (3 + 12 + 8) - 2 * 4 - 2)

    def on_resize(self) -> None:
        from textual.widgets.data_table import ColumnKey

        column = self.query_one("#hyp-table", DataTable).columns.get(ColumnKey("statement"))
        if column is not None and column.width != self.statement_width():
            column.width = self.statement_width()
            self.reload()

    # --- reading -------------------------------------------------------------

    def reload(self) -> None:
        items = self.guard(self.ws.hypotheses)
        self.items = items if isinstance(items, list) else []
        table = self.query_one("#hyp-table", DataTable)
        keep = self.synth_app.selected_hypothesis or self.selected_id()
        self.synth_app.selected_hypothesis = None
        table.clear()
        for h in self.items:
            # One line each, cut to the column (no sideways scrolling): the panel below shows it all.
            table.add_row(lit(h.id), lit(h.status.value), lit(h.kind.value), lit(clip(h.statement, self.statement_width())), key=h.id)
        if keep and keep in [h.id for h in self.items]:
            table.move_cursor(row=[h.id for h in self.items].index(keep))
        self.show_detail()
        if not self.evidence:
            self.status("adding up the evidence…")
        self.load_evidence()

    @work(thread=True, exclusive=True, exit_on_error=False, group="evidence")
    def load_evidence(self) -> None:
        from synth.evidence import evidence_summary

        evidence = evidence_summary(self.ws)
        self.post_message(Loaded("evidence", (evidence, quote_speakers(self.ws, evidence))))

    @on(Loaded)
    def evidence_loaded(self, event: Loaded) -> None:
        if event.what == "evidence":
            evidence, self.speakers = event.data
            self.evidence = {ev.hypothesis_id: ev for ev in evidence}
            self.status("")
            self.show_detail()

    def selected_id(self) -> str | None:
        table = self.query_one("#hyp-table", DataTable)
        if not self.items or table.row_count == 0:
            return None
        row = min(table.cursor_row, len(self.items) - 1)
        return self.items[row].id

    def selected(self) -> Hypothesis | None:
        hid = self.selected_id()
        return next((h for h in self.items if h.id == hid), None)

    @on(DataTable.RowHighlighted, "#hyp-table")
    def show_detail(self) -> None:
        h = self.selected()
        detail = self.query_one("#hyp-detail", Static)
        columns = self.query_one(EvidenceColumns)
        if h is None:
            detail.update(Text("No hypotheses yet: press a to add one.", style="dim"))
            columns.show(None)
            return
        text = Text.assemble((h.id + " ", "bold"), Text(h.statement), "\nWrong if: ", Text(h.falsified_if or "—"))
        ev = self.evidence.get(h.id)
        if ev is not None:
            text.append(f"\nSuggested: {ev.suggested_status} — {ev.rule}", style="dim")
            if ev.needs_review:
                # Weak links are in neither column (they do not count): say they exist and where to decide them.
                text.append(f"\n{ev.needs_review} weak link(s) need your review, not counted: Insights (5), "
                            "y to confirm, f to flip", style="yellow")
            if ev.unclear:
                text.append(f"\n{ev.unclear} related without a direction, your call: Insights (5), f gives one",
                            style="yellow")
        detail.update(text)
        columns.show(ev, self.speakers)

    # --- actions -------------------------------------------------------------

    def action_add(self) -> None:
        fields = [("statement", "Statement", ""), ("kind", "Kind", "problem"), ("falsified_if", "We are wrong if we hear…", "")]
        self.app.push_screen(FormDialog("New hypothesis", fields, {"kind": KINDS}), self._added)

    def _added(self, values: dict[str, str] | None) -> None:
        if values is None:
            return
        h = self.guard(self.ws.add_hypothesis, values["statement"], HypothesisKind(values["kind"]), values["falsified_if"])
        if isinstance(h, Hypothesis):
            self.notify(f"Added {h.id}", markup=False)
            self.reload()

    def action_edit(self) -> None:
        h = self.selected()
        if h is None:
            return
        fields = [("statement", "Statement", h.statement), ("kind", "Kind", h.kind.value), ("falsified_if", "We are wrong if we hear…", h.falsified_if)]
        self.app.push_screen(FormDialog(f"Edit {h.id}", fields, {"kind": KINDS}), lambda v: self._edited(h.id, v))

    def _edited(self, hid: str, values: dict[str, str] | None) -> None:
        if values is not None:
            self.guard(self.ws.update_hypothesis, hid, **values)
            self.reload()

    def action_set_status(self) -> None:
        h = self.selected()
        if h is not None:
            dialog = ChoiceDialog(f"Status of {h.id}", STATUSES, h.status.value)
            self.app.push_screen(dialog, lambda v: self._status_set(h.id, v))

    def _status_set(self, hid: str, value: str | None) -> None:
        if value is not None:
            self.guard(self.ws.set_status, hid, HypothesisStatus(value))
            self.reload()

    async def action_open_quote(self) -> None:
        for side in ("supports", "contradicts"):
            options = self.query_one(f"#{side}", OptionList)
            if options.has_focus and options.highlighted is not None:
                await self.open_insight(options.get_option_at_index(options.highlighted).id)
                return
        options = self.query_one("#supports", OptionList)
        if options.option_count and options.get_option_at_index(0).id:
            await self.open_insight(options.get_option_at_index(0).id)

    @on(OptionList.OptionSelected)
    async def quote_selected(self, event: OptionList.OptionSelected) -> None:
        await self.open_insight(event.option.id)

    async def open_insight(self, insight_id: str | None) -> None:
        if not insight_id:
            return
        found = self.guard(self.ws.find_insight, insight_id)
        if isinstance(found, tuple):
            q = found[1].quotes[0]
            await self.synth_app.open_transcript(q.interview_id, q.start, q.end)
