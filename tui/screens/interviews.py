"""Interviews: import files, edit metadata, read transcripts, run extraction with progress and cancel."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, ProgressBar
from textual.worker import get_current_worker

from synth.models import Interview, Role
from synth.themes import interview_people
from tui.messages import JobDone, Loaded, Progress
from tui.screens.base import SynthScreen
from tui.widgets.dialogs import FormDialog
from tui.widgets.import_dialog import ImportDialog
from tui.widgets.speakers_dialog import SpeakerEdit, SpeakersDialog
from tui.widgets.text import clip, lit
from tui.widgets.transcript import TranscriptView

META_FIELDS = ("title", "participant", "company", "segment", "date", "interviewer")


def check_date(value: str) -> str | None:
    """A date the founder can type: ISO (2026-11-02) or empty."""
    import datetime as dt

    if not value.strip():
        return None
    try:
        dt.date.fromisoformat(value.strip())
    except ValueError:
        return f"date: {value.strip()!r} is not a date like 2026-11-02 (or leave it empty)"
    return None


class InterviewsScreen(SynthScreen):
    KEY = "interviews"
    BINDINGS = [  # noqa: RUF012
        Binding("i", "import", "Import", id="interviews.import"),
        Binding("m", "metadata", "Metadata", id="interviews.metadata"),
        Binding("s", "speakers", "Speakers", id="interviews.speakers"),
        Binding("x", "extract_one", "Extract", id="interviews.extract"),
        Binding("X", "extract_all", "Extract all", id="interviews.extract_all"),
        Binding("c", "cancel", "Cancel job", id="interviews.cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.current: str | None = None
        self.focus_span: tuple[int, int] | None = None
        self._seq = 0
        self._render_after = True
        self._summary = ""

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="interviews-body"):
            yield DataTable(id="interview-table", cursor_type="row")
            yield TranscriptView(id="transcript")
        yield ProgressBar(id="job-progress", show_eta=False)

    def on_mount(self) -> None:
        self.query_one("#job-progress").display = False
        table = self.query_one("#interview-table", DataTable)
        table.add_column("Interview", width=self.name_width(), key="name")
        table.add_column("Ins", width=3, key="ins")

    def name_width(self) -> int:
        # The table is 36 wide, or 40% of a narrow terminal; minus "Ins", cell padding and the scrollbar.
        table_width = min(36, int(self.app.size.width * 0.4))
        return max(12, table_width - 3 - 4 - 2)

    def on_resize(self) -> None:
        from textual.widgets.data_table import ColumnKey

        column = self.query_one("#interview-table", DataTable).columns.get(ColumnKey("name"))
        if column is not None and column.width != self.name_width():
            column.width = self.name_width()
            self.reload()

    # --- reading -------------------------------------------------------------

    def reload(self, render: bool = True) -> None:
        """Read the list in a worker (every interview file is opened); the table fills when it is back,
        then the transcript is drawn again unless `render` is False (it is already current)."""
        self._seq += 1
        self._render_after = render
        if not self.ids:
            self.status("reading the interviews…")
        self.load_list(self._seq)

    @work(thread=True, exclusive=True, exit_on_error=False, group="interviews")
    def load_list(self, seq: int) -> None:
        rows: list[tuple[str, str, str, bool]] = []
        for iid in self.ws.interview_ids():
            iv = self.ws.interview(iid)
            s = self.ws.insight_set(iid)
            count = "—" if s is None else str(sum(1 for i in s.insights if i.review.value != "rejected"))
            unlabelled = any(t.role is Role.unknown for t in iv.turns)
            rows.append((iid, interview_people(iv) or "unknown participant", count, unlabelled))
        self.post_message(Loaded("interviews", (seq, rows)))

    @on(Loaded)
    def list_loaded(self, event: Loaded) -> None:
        if event.what != "interviews":
            return
        seq, rows = event.data
        if seq != self._seq:
            return  # a newer reload is on its way
        self.ids = [r[0] for r in rows]
        table = self.query_one("#interview-table", DataTable)
        table.clear()
        width = self.name_width()
        for iid, who, count, unlabelled in rows:
            name = Text(clip(who, width), style="bold")
            name.append("\n" + clip(iid, width), style="dim")
            if unlabelled:
                name.append("\n" + clip("unlabelled speakers (s)", width), style="yellow")
            table.add_row(name, lit(count), key=iid, height=len(name.plain.splitlines()))
        if self.current not in self.ids:
            self.current, self.focus_span = (self.ids[0] if self.ids else None), None
        if self.current:
            table.move_cursor(row=self.ids.index(self.current))
        if self._render_after or self.query_one(TranscriptView).interview is None:
            self.render_transcript()
        if self._summary:
            self.status(self._summary)
            self._summary = ""

    def show_interview(self, interview_id: str, start: int | None = None, end: int | None = None) -> None:
        """Open an interview, marking and scrolling to `start:end` (a quote or a search hit)."""
        self.current = interview_id
        self.focus_span = (start, end if end is not None else start) if start is not None else None
        if interview_id in self.ids:
            self.render_transcript()  # the list is there already: show the passage now
            self.reload(render=False)
        else:
            self.status(f"opening {interview_id}…")
            self.reload()

    def render_transcript(self) -> None:
        view = self.query_one(TranscriptView)
        if not self.current:
            view.clear("No interviews yet: press i to import transcripts.")
            return
        iv = self.guard(self.ws.interview, self.current)
        if not isinstance(iv, Interview):
            view.clear("This interview could not be read.")
            return
        s = self.guard(self.ws.insight_set, self.current)
        insights = [i for i in getattr(s, "insights", []) if i.review.value != "rejected"]
        view.show(iv, insights, self.focus_span)
        self.status(f"{iv.id} · {iv.meta.participant or 'unknown participant'} · {len(iv.turns)} turns · {len(insights)} insights")

    @on(DataTable.RowSelected, "#interview-table")
    def row_selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        if key and key != self.current:
            self.current, self.focus_span = key, None
            self.render_transcript()

    # --- import and metadata -------------------------------------------------

    def action_import(self) -> None:
        self.app.push_screen(ImportDialog(Path.cwd()), self._import_chosen)

    def _import_chosen(self, paths: list[str] | None) -> None:
        if paths:
            self.status("looking for transcripts…")
            self.import_files([Path(p).expanduser() for p in paths])

    @work(thread=True, exclusive=True, exit_on_error=False, group="job", name="import")
    def import_files(self, paths: list[Path]) -> None:
        from synth.ingest import FileResult, IngestOptions, ingest_paths, iter_files

        seen: list[FileResult] = []
        total = sum(1 for _ in iter_files(paths))
        self.post_message(Progress("import", 0, total, f"importing {total} file(s)…"))

        def progress(result: FileResult) -> None:
            seen.append(result)
            self.post_message(Progress("import", len(seen), total, f"{len(seen)} of {total} done; last {result.status}: {result.path.name}"))
            if result.status == "error":
                self.app.call_from_thread(self.synth_app.report_file_error, str(result.path), result.message)

        results = ingest_paths(self.ws, paths, IngestOptions(), progress)
        counts = {s: sum(1 for r in results if r.status == s) for s in ("imported", "duplicate", "error")}
        summary = f"imported {counts['imported']} file(s)"
        if counts["duplicate"]:
            summary += f", {counts['duplicate']} already there"
        if counts["error"]:
            summary += f", {counts['error']} failed"
        if not results:
            summary = "no transcript files found there"
        self.post_message(JobDone("import", summary))

    def action_metadata(self) -> None:
        iv = self.guard(self.ws.interview, self.current) if self.current else None
        if isinstance(iv, Interview):
            fields = [(f, f.capitalize(), str(getattr(iv.meta, f) or "")) for f in META_FIELDS]
            dialog = FormDialog(f"Metadata of {iv.id}", fields, validators={"date": check_date},
                                placeholders={"date": "YYYY-MM-DD"})
            self.app.push_screen(dialog, lambda v: self._meta_saved(iv, v))

    def _meta_saved(self, iv: Interview, values: dict[str, str] | None) -> None:
        if values is not None:
            import datetime as dt

            update: dict[str, object] = {k: v.strip() for k, v in values.items()}
            update["date"] = dt.date.fromisoformat(values["date"].strip()) if values["date"].strip() else None
            meta = iv.meta.model_copy(update=update)
            self.guard(self.ws.save_interview, iv.model_copy(update={"meta": meta}))
            self.reload()

    # --- speakers ------------------------------------------------------------

    def action_speakers(self) -> None:
        from synth.speakers import list_speakers

        iv = self.guard(self.ws.interview, self.current) if self.current else None
        if isinstance(iv, Interview):
            dialog = SpeakersDialog(iv.id, list_speakers(iv), len(iv.turns))
            self.app.push_screen(dialog, lambda edit: self._speakers_chosen(iv.id, edit))

    def _speakers_chosen(self, interview_id: str, edit: SpeakerEdit | None) -> None:
        if edit is not None:
            self.status("relabelling speakers" + (", then re-extracting…" if edit.extract else "…"))
            self.relabel(interview_id, edit)

    @work(thread=True, exclusive=True, exit_on_error=False, group="job", name="speakers")
    def relabel(self, interview_id: str, edit: SpeakerEdit) -> None:
        from synth.models import Role as R
        from synth.speakers import assign, assign_range, merge

        if edit.merge_into:
            change = merge(self.ws, interview_id, edit.speaker, edit.merge_into, extract=edit.extract)
        elif edit.first is not None and edit.last is not None:
            change = assign_range(self.ws, interview_id, edit.first, edit.last, edit.name, R(edit.role), extract=edit.extract)
        else:
            change = assign(self.ws, interview_id, edit.speaker, edit.name, R(edit.role), extract=edit.extract)
        summary = f"{change.turns_changed} turn(s) relabelled in {change.interview.id}"
        if change.insights_dropped:
            summary += f"; {change.insights_dropped} insight(s) dropped (now interviewer speech)"
        if change.extracted:
            summary += "; re-extracted"
        elif change.notes:
            summary += "; " + change.notes[-1]
        self.post_message(JobDone("speakers", summary, change.interview.id))

    # --- extraction ----------------------------------------------------------

    def action_extract_one(self) -> None:
        if self.current:
            self.set_job("extracting", 1)
            self.extract([self.current], force=True)

    def action_extract_all(self) -> None:
        from synth.extract import pending_ids

        ids = self.guard(pending_ids, self.ws)
        if not ids:
            self.notify("Every interview is already extracted.")
            return
        self.set_job("extracting", len(ids))
        self.extract(ids, force=False)

    @work(thread=True, exclusive=True, exit_on_error=False, group="job", name="extract")
    def extract(self, ids: list[str], force: bool) -> None:
        from tui.llm import action_session

        with action_session(self.ws) as session:
            self._extract(ids, force)
        if spent := session.spend_line():
            self.app.call_from_thread(self.synth_app.notify, spent, markup=False)

    def _extract(self, ids: list[str], force: bool) -> None:
        from synth.extract import extract_interviews, make_engine

        worker = get_current_worker()
        self.post_message(Progress("extract", 0, len(ids), "loading the extraction engine…"))
        engine = make_engine(self.ws)
        # Batches as wide as the engine's concurrency: LLM engines keep several interviews in
        # flight, and cancelling stops between batches (each finished interview is already saved).
        width = max(1, int(getattr(engine, "concurrency", 1) or 1))
        done, insights, failed = 0, 0, 0
        for at in range(0, len(ids), width):
            batch = ids[at : at + width]
            if worker.is_cancelled:
                self.post_message(JobDone("extract", f"cancelled after {done} of {len(ids)} interviews"))
                return
            self.post_message(Progress("extract", done, len(ids), f"extracting {', '.join(batch)}…"))
            def say(line: str, n: int = done) -> None:
                self.post_message(Progress("extract", n, len(ids), line.strip()))

            report = extract_interviews(self.ws, batch, force=force, engine=engine, progress=say)
            for o in report.outcomes:
                insights += o.insights
                if o.status == "failed":
                    failed += 1
                    self.app.call_from_thread(self.synth_app.notify, o.message, severity="error", markup=False)
            done += len(batch)
        summary = f"extracted {done} interview(s): {insights} insights" + (f", {failed} failed" if failed else "")
        self.post_message(JobDone("extract", summary))

    def action_cancel(self) -> None:
        running = [w for w in self.workers if w.group == "job" and w.is_running]
        if any(w.name == "import" for w in running):
            # Stopping halfway would leave imported interviews out of the search index.
            self.status("an import runs to the end; it cannot be cancelled")
            return
        for w in running:
            w.cancel()
        self.status("cancelling after the current interview…" if running else "nothing to cancel")

    def set_job(self, what: str, total: int) -> None:
        bar = self.query_one("#job-progress", ProgressBar)
        bar.display = True
        bar.update(total=total, progress=0)
        self.status(f"{what}… (c cancels)")

    @on(Progress)
    def job_progress(self, event: Progress) -> None:
        bar = self.query_one("#job-progress", ProgressBar)
        # Only a known total gets a bar: no "--%" for a job whose size nobody knows yet.
        bar.display = bool(event.total)
        if event.total:
            bar.update(total=event.total, progress=event.done)
        if event.line:
            self.status(event.line + ("" if event.job == "import" else "  (c cancels)"))

    @on(JobDone)
    def job_done(self, event: JobDone) -> None:
        self.query_one("#job-progress").display = False
        self._summary = event.summary  # stays on the status line once the list is read again
        self.status(event.summary)
        self.reload()
        self.notify(event.summary, markup=False)

    def on_job_failed(self, group: str) -> None:
        if group == "job":
            self.query_one("#job-progress").display = False
            self.status("the job failed; see the notification")
