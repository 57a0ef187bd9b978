"""Insights: a review queue. Each key changes the row at once; the write follows in a worker.

Accept (a), reject (r), undo the last decision (u), accept every undecided insight
of this interview (A), change the kind (k), confirm (y) or flip (f) the stance of
the selected link to a hypothesis (l picks the next link). Focus stays on the
table and moves to the next row after a decision; a rejected row stays, dimmed,
until the filters are applied again. Writes run one at a time, in order, in a
thread worker; a failed write rolls its change back and says why.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Select, Static
from textual.widgets.data_table import ColumnKey

from synth.models import EvidenceLink, Insight, InsightKind, Interview, Review, Stance
from tui import triage
from tui.messages import Loaded, Written
from tui.screens.base import SynthScreen
from tui.triage import Change, Decision
from tui.widgets.dialogs import ChoiceDialog, FormDialog
from tui.widgets.text import clip, lit, same_words, speaker_label

ANY = "any"
SHORT = {"kind": "kind", "hypothesis": "hyp", "interview": "intv", "participant": "who", "review": "review"}
FILTERS = ("kind", "hypothesis", "interview", "participant", "review")
KINDS = [k.value for k in InsightKind]
FIXED = {"kind": 11, "review": 8, "who": 13}
"""Column widths; the summary takes what is left of the terminal."""
KIND_SHORT = {"willingness_to_pay": "will-pay", "feature_request": "feature", "quote_worthy": "quotable"}


@dataclass
class InsightsData:
    insights: dict[str, Insight] = field(default_factory=dict)
    """Every insight, rejected ones too, in file order."""
    links: dict[str, list[EvidenceLink]] = field(default_factory=dict)
    hypotheses: list[str] = field(default_factory=list)
    interviews: list[str] = field(default_factory=list)


def _select(name: str, values: list[str]) -> Select[str]:
    return Select(options(name, values), value=ANY, allow_blank=False, id=f"filter-{name}", compact=True)


def options(name: str, values: list[str]) -> list[tuple[Text, str]]:
    """Every option names its filter, so a chosen value still says what it filters."""
    return [(Text(f"{SHORT[name]}: {v}"), v) for v in (ANY, *values)]


class InsightsScreen(SynthScreen):
    KEY = "insights"
    BINDINGS = [  # noqa: RUF012
        Binding("a", "accept", "Accept", id="insights.accept"),
        Binding("r", "reject", "Reject", id="insights.reject"),
        Binding("u", "undo", "Undo", id="insights.undo"),
        Binding("f", "flip", "Flip", id="insights.flip"),
        Binding("y", "confirm", "Confirm", id="insights.confirm"),
        Binding("l", "next_link", "Next link", id="insights.next_link", show=False),
        Binding("A", "accept_interview", "Accept all", id="insights.accept_interview"),
        Binding("k", "kind", "Kind", id="insights.kind"),
        Binding("n", "next_new(1)", "Next undecided", id="insights.next_new", show=False),
        Binding("p", "next_new(-1)", "Previous undecided", id="insights.prev_new", show=False),
        Binding("e", "edit", "Edit", id="insights.edit", show=False),
        Binding("t", "open_quote", "Quote in transcript", id="insights.open_quote", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data = InsightsData()
        self.rows: list[Insight] = []
        self.undo_stack: list[Decision] = []
        self.link_at = 0
        self._queue: deque[Change] = deque()
        self._inflight: Change | None = None
        self._interviews: dict[str, Interview] = {}
        self._loaded = False

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="insight-filters"):
            yield _select("kind", KINDS)
            yield _select("hypothesis", [])
            yield _select("interview", [])
            yield _select("participant", [])
            yield _select("review", [r.value for r in Review])
        table: DataTable[Any] = DataTable(id="insight-table", cursor_type="row", zebra_stripes=True)
        yield table
        with VerticalScroll(id="insight-detail-box", classes="panel"):
            yield Static(id="insight-detail")

    def on_mount(self) -> None:
        table = self.query_one("#insight-table", DataTable)
        table.add_column("Kind", width=FIXED["kind"], key="kind")
        table.add_column("Review", width=FIXED["review"], key="review")
        table.add_column("Who", width=FIXED["who"], key="who")
        table.add_column("Summary", width=self.summary_width(), key="summary")
        table.focus()

    def summary_width(self) -> int:
        # Each column has one cell of padding on both sides; leave room for the scrollbar.
        used = sum(FIXED.values()) + 2 * (len(FIXED) + 1) + 2
        return max(20, self.app.size.width - used)

    def on_resize(self) -> None:
        table = self.query_one("#insight-table", DataTable)
        column = table.columns.get(ColumnKey("summary"))
        width = self.summary_width()
        if column is not None and column.width != width:
            column.width = width
            self.fill_table()

    # --- reading -------------------------------------------------------------

    def reload(self) -> None:
        if not self._loaded:
            self.query_one("#insight-detail", Static).update(Text("reading the insights…", style="dim"))
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="insights")
    def load(self) -> None:
        ws = self.ws
        data = InsightsData(hypotheses=[h.id for h in ws.hypotheses()], interviews=ws.interview_ids())
        for s in ws.insight_sets():
            for ins in s.insights:
                data.insights[ins.id] = ins
            for link in s.links:
                data.links.setdefault(link.insight_id, []).append(link)
        self.post_message(Loaded("insights", data))

    @on(Loaded)
    def loaded(self, event: Loaded) -> None:
        if event.what != "insights":
            return
        self.data = event.data
        self._interviews = {}
        # Decisions still waiting to be written are already on screen: keep them there.
        for change in [*([self._inflight] if self._inflight else []), *self._queue]:
            self.apply(change, change.new, refresh=False)
        people = sorted({i.participant for i in self.data.insights.values() if i.participant})
        self._set_options("hypothesis", self.data.hypotheses)
        self._set_options("interview", self.data.interviews)
        self._set_options("participant", people)
        wanted = self.synth_app.insight_filter
        if wanted:
            self.synth_app.insight_filter = {}
            for name, value in wanted.items():
                sel = self.query_one(f"#filter-{name}", Select)
                with sel.prevent(Select.Changed):
                    sel.value = value
        self._loaded = True
        self.refilter()

    def _set_options(self, name: str, values: list[str]) -> None:
        sel = self.query_one(f"#filter-{name}", Select)
        keep = sel.value
        with sel.prevent(Select.Changed):
            sel.set_options(options(name, values))
            sel.value = keep if keep in values else ANY

    def filters(self) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for name in FILTERS:
            value = self.query_one(f"#filter-{name}", Select).value
            out[name] = None if value in (ANY, Select.NULL) else str(value)
        return out

    def matches(self, ins: Insight, f: dict[str, str | None]) -> bool:
        if f["kind"] and ins.kind.value != f["kind"]:
            return False
        if f["interview"] and ins.interview_id != f["interview"]:
            return False
        if f["participant"] and ins.participant != f["participant"]:
            return False
        if f["review"] and ins.review.value != f["review"]:
            return False
        if f["hypothesis"]:
            links = self.data.links.get(ins.id, [])
            return any(lk.hypothesis_id == f["hypothesis"] and lk.effective_stance is not Stance.neutral for lk in links)
        return True

    @on(Select.Changed)
    def refilter(self) -> None:
        """Apply the filters again: the only time rows (rejected ones too) leave the table."""
        f = self.filters()
        keep = self.selected()
        self.rows = [i for i in self.data.insights.values() if self.matches(i, f)]
        self.fill_table(keep.id if keep else None)

    def fill_table(self, keep_id: str | None = None) -> None:
        table = self.query_one("#insight-table", DataTable)
        current = self.selected()
        row = keep_id or (current.id if current else None)
        table.clear()
        for ins in self.rows:
            table.add_row(*self.cells(ins), key=ins.id)
        ids = [i.id for i in self.rows]
        if row in ids:
            table.move_cursor(row=ids.index(row), scroll=True)
        self.count_status()
        self.show_detail()

    def cells(self, ins: Insight) -> list[Text]:
        base = "dim strike" if ins.review is Review.rejected else ""
        review = {Review.accepted: "green", Review.rejected: "dim strike", Review.new: "yellow"}[ins.review]
        who = ins.participant or "?"
        if ins.unattributed:
            who = "unlabelled speaker"
        width = self.summary_width()
        return [
            lit(KIND_SHORT.get(ins.kind.value, ins.kind.value)[: FIXED["kind"] - 1] + ("✎" if ins.edited else ""), base),
            lit(ins.review.value, review),
            lit(clip(who, FIXED["who"]), base),
            lit(clip(ins.summary, width), base),
        ]

    def count_status(self) -> None:
        new = sum(1 for i in self.rows if i.review is Review.new)
        pending = len(self._queue) + (1 if self._inflight else 0)
        text = f"{len(self.rows)} insights, {new} undecided"
        if pending:
            text += f" · saving {pending}…"
        self.status(text)

    def selected(self) -> Insight | None:
        if not self.rows:
            return None
        table = self.query_one("#insight-table", DataTable)
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    # --- the detail panel ------------------------------------------------------

    @on(DataTable.RowHighlighted, "#insight-table")
    def row_moved(self) -> None:
        self.link_at = 0
        self.show_detail()

    def interview(self, interview_id: str) -> Interview | None:
        if interview_id not in self._interviews:
            iv = self.guard(self.ws.interview, interview_id)
            if not isinstance(iv, Interview):
                return None
            self._interviews[interview_id] = iv
        return self._interviews[interview_id]

    def show_detail(self) -> None:
        ins = self.selected()
        detail = self.query_one("#insight-detail", Static)
        if ins is None:
            msg = "No insights match these filters." if self.data.insights else "No insights yet: extract interviews on screen 4 (x)."
            detail.update(Text(msg, style="dim"))
            return
        text = Text.assemble(
            (ins.id, "bold"), f" · {ins.kind.value} · {ins.review.value}{' · edited' if ins.edited else ''} · ",
            Text(ins.interview_id),
        )
        if not any(same_words(ins.summary, q.text) for q in ins.quotes):
            text.append("\n")
            text.append(ins.summary)
        iv = self.interview(ins.interview_id)
        for q in ins.in_order:
            text.append("\n“", style="dim")
            text.append(q.text, style="italic")
            text.append("” ", style="dim")
            turn = iv.turns[q.turn_index] if iv and 0 <= q.turn_index < len(iv.turns) else None
            if turn is not None:
                text.append_text(speaker_label(turn.speaker, turn.role))
        if ins.unattributed:
            text.append("\nUnlabelled speaker: not evidence until you say who spoke (screen 4, s).", style="yellow")
        for flag in ins.flagged:
            text.append(f"\n⚑ {flag}", style="yellow")
        # Every link is worth a decision, one without a direction too (f gives it one, y says it does not bear).
        links = self.data.links.get(ins.id, [])
        if links:
            text.append("\nLinks (l next · y confirm · f flip):", style="dim")
        for n, link in enumerate(links):
            stance = link.effective_stance
            colour = {"supports": "green", "contradicts": "red"}.get(stance.value, "")
            text.append("\n▶ " if n == self.link_at % len(links) else "\n  ", style="bold")
            unread = stance is Stance.neutral and not link.reviewed
            text.append(f"which way? {link.hypothesis_id}" if unread else f"{stance.value} {link.hypothesis_id}",
                        style="yellow" if unread else colour)
            if link.reviewed:
                text.append(" ✓ yours", style="bold")
                if link.founder_stance is not link.stance:
                    text.append(f" (engine said {link.stance.value})", style="dim")
            else:
                if not unread:  # an unread direction has no strength to show
                    text.append(f" suggested ({link.strength:.2f})", style="dim")
                if link.rationale:
                    text.append(" " + link.rationale, style="dim")
        detail.update(text)

    # --- decisions -------------------------------------------------------------

    def decide(self, changes: list[Change], label: str, advance: bool = True) -> None:
        """Show the changes now, remember them for undo, and queue their writes."""
        changes = [c for c in changes if c.old != c.new]
        if not changes:
            return
        for c in changes:
            self.apply(c, c.new)
        self.undo_stack.append(Decision(changes, label))
        self.queue(changes)
        if advance:
            table = self.query_one("#insight-table", DataTable)
            if table.cursor_row < table.row_count - 1:
                table.move_cursor(row=table.cursor_row + 1)

    def apply(self, change: Change, value: str | None, refresh: bool = True) -> None:
        ins = self.data.insights.get(change.insight_id)
        if ins is None:
            return
        if change.field == "stance":
            self.data.links[ins.id] = triage.apply_to_links(self.data.links.get(ins.id, []), change, value)
        else:
            new = triage.apply_to_insight(ins, change, value)
            self.data.insights[ins.id] = new
            self.rows = [new if r.id == new.id else r for r in self.rows]
        if refresh:
            self.refresh_row(ins.id)

    def refresh_row(self, insight_id: str) -> None:
        table = self.query_one("#insight-table", DataTable)
        ins = self.data.insights[insight_id]
        if insight_id in table.rows:
            for key, value in zip(("kind", "review", "who", "summary"), self.cells(ins), strict=True):
                table.update_cell(insight_id, key, value)
        current = self.selected()
        if current is not None and current.id == insight_id:
            self.show_detail()

    def queue(self, changes: list[Change]) -> None:
        for change in changes:
            self._enqueue(change)
        self.pump()
        self.count_status()

    def _enqueue(self, change: Change) -> None:
        """Queue a write, folding it into a not-yet-started write of the same field: a decision undone
        before its write began costs no write at all."""
        same = next((p for p in self._queue if (p.insight_id, p.field, p.hypothesis_id)
                     == (change.insight_id, change.field, change.hypothesis_id)), None)
        if same is None:
            self._queue.append(change)
            return
        self._queue.remove(same)
        if same.old != change.new:
            self._queue.append(Change(change.insight_id, change.field, same.old, change.new, change.hypothesis_id))

    def pump(self) -> None:
        if self._inflight is None and self._queue:
            self._inflight = self._queue.popleft()
            self.write_change(self._inflight)

    @work(thread=True, exit_on_error=False, group="write")
    def write_change(self, change: Change) -> None:
        try:
            triage.write(self.ws, change)
        except Exception as exc:
            self.post_message(Written(change, exc))
        else:
            self.post_message(Written(change))

    @on(Written)
    def written(self, event: Written) -> None:
        self._inflight = None
        if event.error is not None:
            change: Change = event.change
            self.apply(change, change.old)
            self.undo_stack = [d for d in self.undo_stack if change not in d.changes]
            self.synth_app.report_error(event.error)
        self.pump()
        self.count_status()

    def action_accept(self) -> None:
        self.review(Review.accepted)

    def action_reject(self) -> None:
        self.review(Review.rejected)

    def review(self, value: Review) -> None:
        ins = self.selected()
        if ins is not None:
            self.decide([Change(ins.id, "review", ins.review.value, value.value)], f"{value.value} {ins.id}")

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.notify("Nothing to undo.")
            return
        decision = self.undo_stack.pop()
        inverse = [c.inverse() for c in reversed(decision.changes)]
        for c in inverse:
            self.apply(c, c.new)
        self.queue(inverse)
        ids = [r.id for r in self.rows]
        first = decision.changes[0].insight_id
        if first in ids:
            self.query_one("#insight-table", DataTable).move_cursor(row=ids.index(first))
        self.notify(f"undone: {decision.label}", markup=False)

    def action_accept_interview(self) -> None:
        ins = self.selected()
        if ins is None:
            return
        todo = [i for i in self.data.insights.values() if i.interview_id == ins.interview_id and i.review is Review.new]
        changes = [Change(i.id, "review", i.review.value, Review.accepted.value) for i in todo]
        if not changes:
            self.notify(f"Nothing undecided in {ins.interview_id}.")
            return
        self.decide(changes, f"accepted {len(changes)} insights of {ins.interview_id}", advance=False)
        self.notify(f"Accepted {len(changes)} insights of {ins.interview_id} (u undoes)", markup=False)

    def action_next_new(self, direction: int = 1) -> None:
        table = self.query_one("#insight-table", DataTable)
        n = len(self.rows)
        for step in range(1, n + 1):
            row = (table.cursor_row + direction * step) % n
            if self.rows[row].review is Review.new:
                table.move_cursor(row=row)
                return
        self.notify("Every insight here is decided.")

    # --- links -----------------------------------------------------------------

    def current_link(self) -> tuple[Insight, EvidenceLink] | None:
        ins = self.selected()
        if ins is None:
            return None
        links = self.data.links.get(ins.id, [])
        if not links:
            self.notify("This insight is not linked to a hypothesis.")
            return None
        return ins, links[self.link_at % len(links)]

    def action_next_link(self) -> None:
        self.link_at += 1
        self.show_detail()

    def action_confirm(self) -> None:
        found = self.current_link()
        if found is not None:
            ins, link = found
            old = link.founder_stance.value if link.founder_stance else None
            new = link.effective_stance.value
            self.decide([Change(ins.id, "stance", old, new, link.hypothesis_id)], f"confirmed {ins.id} {new} {link.hypothesis_id}", advance=False)

    def action_flip(self) -> None:
        found = self.current_link()
        if found is not None:
            ins, link = found
            old = link.founder_stance.value if link.founder_stance else None
            new = triage.flipped(link.effective_stance).value
            self.decide([Change(ins.id, "stance", old, new, link.hypothesis_id)], f"{ins.id} now {new} {link.hypothesis_id}", advance=False)

    # --- kind, summary, transcript ----------------------------------------------

    def action_kind(self) -> None:
        ins = self.selected()
        if ins is not None:
            dialog = ChoiceDialog(f"Kind of {ins.id}", KINDS, ins.kind.value)
            self.app.push_screen(dialog, lambda v: self._kind_chosen(ins.id, v))

    def _kind_chosen(self, insight_id: str, value: str | None) -> None:
        ins = self.data.insights.get(insight_id)
        if value is not None and ins is not None:
            self.decide([Change(insight_id, "kind", ins.kind.value, value)], f"{insight_id} is a {value}", advance=False)

    def action_edit(self) -> None:
        ins = self.selected()
        if ins is None:
            return
        fields = [("summary", "Summary", ins.summary), ("kind", "Kind", ins.kind.value)]
        dialog = FormDialog(f"Edit {ins.id}", fields, {"kind": KINDS})
        self.app.push_screen(dialog, lambda v: self._edited(ins.id, v))

    def _edited(self, insight_id: str, values: dict[str, str] | None) -> None:
        ins = self.data.insights.get(insight_id)
        if values is None or ins is None:
            return
        changes = [
            Change(insight_id, "summary", ins.summary, values["summary"].strip()),
            Change(insight_id, "kind", ins.kind.value, values["kind"]),
        ]
        self.decide(changes, f"edited {insight_id}", advance=False)

    async def action_open_quote(self) -> None:
        ins = self.selected()
        if ins is not None:
            q = ins.quotes[0]
            await self.synth_app.open_transcript(q.interview_id, q.start, q.end)
