"""Insights: a filterable table, the detail with quotes, and the founder's accept / reject / edit."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Select, Static

from synth.models import EvidenceLink, Insight, InsightKind, Review, Stance
from tui.messages import JobDone
from tui.screens.base import SynthScreen
from tui.widgets.dialogs import FormDialog
from tui.widgets.text import clip, lit

ANY = "any"
SHORT = {"kind": "kind", "hypothesis": "hyp", "interview": "intv", "participant": "who", "review": "review"}
FILTERS = ("kind", "hypothesis", "interview", "participant", "review")


def _select(name: str, values: list[str]) -> Select[str]:
    opts = [(Text(f"{SHORT[name]}: {ANY}"), ANY), *((Text(v), v) for v in values)]
    return Select(opts, value=ANY, allow_blank=False, id=f"filter-{name}", compact=True)


class InsightsScreen(SynthScreen):
    KEY = "insights"
    BINDINGS = [  # noqa: RUF012
        Binding("a", "review('accepted')", "Accept", id="insights.accept"),
        Binding("r", "review('rejected')", "Reject", id="insights.reject"),
        Binding("u", "review('new')", "Undecide", id="insights.undecide"),
        Binding("e", "edit", "Edit", id="insights.edit"),
        Binding("t", "open_quote", "Quote in transcript", id="insights.open_quote"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Insight] = []
        self.links: dict[str, list[EvidenceLink]] = {}

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="insight-filters"):
            yield _select("kind", [k.value for k in InsightKind])
            yield _select("hypothesis", [])
            yield _select("interview", [])
            yield _select("participant", [])
            yield _select("review", [r.value for r in Review])
        table: DataTable[Any] = DataTable(id="insight-table", cursor_type="row", zebra_stripes=True)
        table.add_columns("Kind", "Review", "Participant", "Summary")
        yield table
        yield Static(id="insight-detail", classes="panel")

    def reload(self) -> None:
        hyps = self.guard(self.ws.hypotheses) or []
        ids = self.guard(self.ws.interview_ids) or []
        people = sorted({i.participant for i in (self.guard(self.ws.insights, include_rejected=True) or []) if i.participant})  # type: ignore[attr-defined]
        self._set_options("hypothesis", [h.id for h in hyps])  # type: ignore[attr-defined]
        self._set_options("interview", list(ids))  # type: ignore[arg-type]
        self._set_options("participant", people)
        self.refilter()

    def _set_options(self, name: str, values: list[str]) -> None:
        sel = self.query_one(f"#filter-{name}", Select)
        keep = sel.value
        with sel.prevent(Select.Changed):
            sel.set_options([(Text(f"{SHORT[name]}: {ANY}"), ANY), *((Text(v), v) for v in values)])
            sel.value = keep if keep in values else ANY

    def filters(self) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for name in FILTERS:
            value = self.query_one(f"#filter-{name}", Select).value
            out[name] = None if value in (ANY, Select.NULL) else str(value)
        return out

    @on(Select.Changed)
    def refilter(self) -> None:
        from synth.extract.review import list_insights

        f = self.filters()
        rows = self.guard(list_insights, self.ws, kind=f["kind"], hypothesis=f["hypothesis"], interview=f["interview"], review=f["review"])
        self.rows = [i for i in (rows or []) if f["participant"] in (None, i.participant)]  # type: ignore[union-attr]
        sets = self.guard(self.ws.insight_sets) or []
        self.links = {}
        for s in sets:  # type: ignore[attr-defined]
            for link in s.links:
                if link.stance is not Stance.neutral:
                    self.links.setdefault(link.insight_id, []).append(link)
        table = self.query_one("#insight-table", DataTable)
        keep = table.cursor_row
        table.clear()
        for ins in self.rows:
            style = "dim strike" if ins.review is Review.rejected else ("green" if ins.review is Review.accepted else "")
            table.add_row(lit(ins.kind.value), lit(ins.review.value, style), lit(ins.participant), lit(clip(ins.summary, 70)), key=ins.id)
        if self.rows:
            table.move_cursor(row=min(keep, len(self.rows) - 1))
        self.status(f"{len(self.rows)} insights")
        self.show_detail()

    def selected(self) -> Insight | None:
        table = self.query_one("#insight-table", DataTable)
        if not self.rows:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    @on(DataTable.RowHighlighted, "#insight-table")
    def show_detail(self) -> None:
        ins = self.selected()
        detail = self.query_one("#insight-detail", Static)
        if ins is None:
            detail.update(Text("No insights match. Extract interviews on screen 4 (x).", style="dim"))
            return
        text = Text.assemble(
            (ins.id, "bold"), f" · {ins.kind.value} · {ins.review.value}{' · edited' if ins.edited else ''} · ",
            Text(ins.participant), f" · {ins.interview_id}\n", Text(ins.summary),
        )
        for q in ins.quotes:
            text.append("\n“", style="dim")
            text.append(q.text, style="italic")
            text.append("”", style="dim")
        for link in self.links.get(ins.id, []):
            colour = "green" if link.stance is Stance.supports else "red"
            text.append(f"\n{link.stance.value} {link.hypothesis_id}", style=colour)
            text.append(f" ({link.strength:.2f})", style="dim")
            if link.rationale:
                text.append(" " + link.rationale, style="dim")
        detail.update(text)

    def action_review(self, value: str) -> None:
        ins = self.selected()
        if ins is not None:
            self.status(f"marking {ins.id} {value}…")
            self.save_review(ins.id, value, None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="review")
    def save_review(self, insight_id: str, review: str | None, edits: dict[str, str] | None) -> None:
        """Writes the decision; the library relinks and reindexes, which may load the embedding model."""
        from synth.extract.review import edit_insight, set_review

        if edits is not None:
            edit_insight(self.ws, insight_id, summary=edits["summary"], kind=edits["kind"])
            self.post_message(JobDone("review", f"{insight_id} edited"))
        elif review is not None:
            set_review(self.ws, insight_id, Review(review))
            self.post_message(JobDone("review", f"{insight_id} {review}"))

    @on(JobDone)
    def reviewed(self, event: JobDone) -> None:
        self.notify(event.summary, markup=False)
        self.refilter()

    def action_edit(self) -> None:
        ins = self.selected()
        if ins is None:
            return
        fields = [("summary", "Summary", ins.summary), ("kind", "Kind", ins.kind.value)]
        dialog = FormDialog(f"Edit {ins.id}", fields, {"kind": [k.value for k in InsightKind]})
        self.app.push_screen(dialog, lambda v: self._edited(ins.id, v))

    def _edited(self, insight_id: str, values: dict[str, str] | None) -> None:
        if values is not None:
            self.save_review(insight_id, None, values)

    async def action_open_quote(self) -> None:
        ins = self.selected()
        if ins is not None:
            q = ins.quotes[0]
            await self.synth_app.open_transcript(q.interview_id, q.start, q.end)
