"""`synth ingest PATH...` and `synth interviews`: transcripts in, the list of interviews out."""

from __future__ import annotations

from pathlib import Path

import click

from synth.cli.common import err, json_option, pass_workspace, print_json, progress
from synth.errors import UserError
from synth.ingest import FileResult, IngestOptions, ingest_paths
from synth.parsing import Cue
from synth.workspace import Workspace


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--participant", default=None, help="The participant's name (default: the main non-interviewer speaker).")
@click.option("--company", default=None, help="The participant's company.")
@click.option("--segment", default=None, help="Customer segment, e.g. 'agency owners'.")
@click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              help="Interview date.")
@click.option("--interviewer", default=None, help="Who asked the questions (default: whoever asks most).")
@click.option("--pseudonymise/--no-pseudonymise", default=None,
              help="Replace participant and company names (default: [privacy] pseudonymise in synth.toml).")
@click.option("--transcribe", "engine", type=click.Choice(["local", "api"]), default=None,
              help="Recordings: offline (local, default) or the provider's transcription API (costs money).")
@click.option("--model-dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help="Recordings: a CTranslate2 Whisper model folder (default: [audio] model, else bundled tiny.en).")
@click.option("--dry-run", is_flag=True, help="Say what would be imported or transcribed (and its cost); change nothing.")
@json_option
@pass_workspace
def ingest(
    ws: Workspace,
    paths: tuple[Path, ...],
    participant: str | None,
    company: str | None,
    segment: str | None,
    day: object,
    interviewer: str | None,
    pseudonymise: bool | None,
    engine: str | None,
    model_dir: Path | None,
    dry_run: bool,
    as_json: bool,
) -> None:
    """Import transcripts (txt, md, vtt, srt, docx, json), recordings (m4a, mp3, wav, mp4, webm...) or folders.

    Recordings are transcribed offline with the `audio` extra (pip install 'synth[audio]').
    Bad files are reported one per line and skipped; the exit code is 2 if any failed.
    """
    from synth.ingest import iter_files
    from synth.transcribe import is_recording, plan, require_extra

    files = list(iter_files(list(paths)))
    if dry_run:
        _dry_run(ws, files, engine, model_dir, as_json)
        return
    if any(is_recording(f) for f in files) and (engine or ws.config.audio.engine) != "api":
        require_extra()  # one line, before anything is read: the rest would fail the same way
    options = IngestOptions(
        participant=participant,
        company=company,
        segment=segment,
        date=day.date() if day is not None else None,  # type: ignore[attr-defined]
        interviewer=interviewer,
        pseudonymise=pseudonymise,
        engine=engine,
        model_dir=model_dir,
        on_segment=_show_segment,
    )
    for f in files:
        if is_recording(f):
            progress(f"{plan(f, ws.config, engine=engine, model_dir=model_dir).line()}...")

    def report(result: FileResult) -> None:
        if result.status == "error":
            err(f"synth: {result.path}: {result.message}")
        elif not as_json:
            click.echo(f"{result.status:<9}  {result.interview_id}  {result.path}  ({result.message})")
        for warning in result.warnings:
            err(f"synth: {result.path}: warning: {warning}")

    results = ingest_paths(ws, list(paths), options, on_progress=report)
    counts = {s: sum(1 for r in results if r.status == s) for s in ("imported", "duplicate", "error")}
    if as_json:
        print_json(
            [
                {"path": str(r.path), "status": r.status, "interview_id": r.interview_id, "message": r.message,
                 "warnings": r.warnings}
                for r in results
            ]
        )
    if not results:
        raise UserError("no transcript files found (txt, md, vtt, srt, docx, json, or recordings)")
    progress(f"{counts['imported']} imported, {counts['duplicate']} duplicate, {counts['error']} failed")
    if counts["error"]:
        # Raised after the good files were stored: the exit code says some input was bad.
        raise UserError(f"{counts['error']} of {len(results)} file(s) could not be imported")


def _show_segment(path: Path, cue: Cue) -> None:
    """Progress for a recording: each segment as the model finishes it."""
    at = int(cue.t_start or 0)
    progress(f"  [{at // 60:02d}:{at % 60:02d}] {cue.text}")


def _dry_run(ws: Workspace, files: list[Path], engine: str | None, model_dir: Path | None, as_json: bool) -> None:
    from synth.transcribe import is_recording, plan

    rows: list[dict[str, object]] = []
    for f in files:
        if is_recording(f):
            p = plan(f, ws.config, engine=engine, model_dir=model_dir)
            rows.append({"path": str(f), "action": p.line(), "engine": p.engine, "minutes": p.minutes, "cost": p.cost})
        else:
            rows.append({"path": str(f), "action": f"import {f.name}", "engine": None, "minutes": None, "cost": 0.0})
    if as_json:
        print_json(rows)
        return
    for r in rows:
        click.echo(f"would {r['action']}")
    total = sum(float(str(r["cost"])) for r in rows)
    click.echo(f"{len(rows)} file(s); estimated cost ${total:.3f}")


@click.command()
@json_option
@pass_workspace
def interviews(ws: Workspace, as_json: bool) -> None:
    """List imported interviews."""
    from synth.themes import interview_people

    rows = []
    people: dict[str, str] = {}
    for interview in ws.interviews():
        m = interview.meta
        rows.append(
            {
                "id": interview.id,
                "date": m.date.isoformat() if m.date else None,
                "participant": m.participant,
                "participants": interview.participants(),
                "company": m.company,
                "segment": m.segment,
                "turns": len(interview.turns),
                "words": sum(len(t.text.split()) for t in interview.turns),
                "insights": (ws.insights_dir / f"{interview.id}.json").is_file(),
                "source_file": m.source_file,
                "pseudonymised": m.pseudonymised,
                "unlabelled_turns": sum(1 for t in interview.turns if t.role == "unknown"),
            }
        )
        people[interview.id] = interview_people(interview)
    if as_json:
        print_json(rows)
        return
    if not rows:
        click.echo("No interviews yet: `synth ingest PATH...`")
        return
    for r in rows:
        r["people"] = people[str(r["id"])]  # after the JSON: "+4" is for reading, `participants` lists them
        who = " / ".join(str(x) for x in (r["people"], r["company"], r["segment"]) if x) or "-"
        mark = "insights" if r["insights"] else "-"
        # Speech nobody has attributed counts as no one's evidence: say so where the founder looks.
        todo = "  (speakers unlabelled: synth interview speakers ID)" if r["unlabelled_turns"] else ""
        click.echo(f"{r['id']:<44} {r['date'] or 'undated':<10} {r['turns']:>4} turns {r['words']:>6} words  "
                   f"{mark:<8}  {who}{todo}")
