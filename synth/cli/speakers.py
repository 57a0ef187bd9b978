"""`synth interview speakers ID`: list the speakers of an interview, name them, give them roles, merge them."""

from __future__ import annotations

import click

from synth.cli.common import json_option, pass_workspace, print_json, progress
from synth.errors import UserError
from synth.workspace import Workspace


@click.group()
def interview() -> None:
    """Work on one interview (speakers)."""


def _range(value: str) -> tuple[int, int]:
    """`3-9` or `4` (turn numbers as shown, from 1) -> (first, last) as `Turn.index` values."""
    first, sep, last = value.partition("-")
    try:
        a = int(first)
        b = int(last) if sep else a
    except ValueError:
        raise UserError(f"--turns takes a range like 3-9, not {value!r}") from None
    if a < 1 or b < 1:
        raise UserError("turn numbers start at 1")
    return a - 1, b - 1


@interview.command()
@click.argument("interview_id")
@click.option("--set", "sets", multiple=True, metavar='"SPEAKER=NAME[:ROLE]"',
              help="Rename a speaker and/or set its role (interviewer, participant, unknown); repeatable.")
@click.option("--turns", "turn_range", default=None, metavar="FIRST-LAST",
              help="With --as: turns (numbered from 1, see --show) to give one speaker.")
@click.option("--as", "as_label", default=None, metavar='"NAME[:ROLE]"', help="The speaker for --turns.")
@click.option("--merge", nargs=2, default=None, metavar="SOURCE TARGET",
              help="SOURCE's turns become TARGET's (one person split in two by the transcriber).")
@click.option("--show", "show", default=None, metavar="FIRST-LAST", help="Print these turns with their numbers.")
@click.option("--extract", "extract", is_flag=True,
              help="Extract the interview's insights again afterwards (your decisions are kept).")
@json_option
@pass_workspace
def speakers(
    ws: Workspace,
    interview_id: str,
    sets: tuple[str, ...],
    turn_range: str | None,
    as_label: str | None,
    merge: tuple[str, str] | None,
    show: str | None,
    extract: bool,
    as_json: bool,
) -> None:
    """List an interview's speakers (role, turns, words, how sure the role is), or label them.

    \b
    synth interview speakers ID --show 1-20
    synth interview speakers ID --set "Unknown=Jane Doe:participant"
    synth interview speakers ID --turns 1-4 --as "Jonas:interviewer"
    synth interview speakers ID --merge "Speaker 2" "Jane Doe"
    """
    from synth import speakers as sp

    iid = ws.resolve_interview_id(interview_id)
    if (turn_range is None) != (as_label is None):
        raise UserError("--turns and --as go together")
    changes: list[sp.SpeakerChange] = []
    # Ranges first: `--turns 1-4 --as Jonas --set Unknown=Rik` means the rest of Unknown is Rik.
    if turn_range is not None and as_label is not None:
        first, last = _range(turn_range)
        name, role = sp.parse_label(as_label)
        changes.append(sp.assign_range(ws, iid, first, last, name, role))
    for item in sets:
        source, sep, label = item.partition("=")
        if not sep:
            raise UserError(f'--set takes "SPEAKER=NAME[:ROLE]", not {item!r}')
        name, role = sp.parse_label(label)
        changes.append(sp.assign(ws, iid, source.strip(), name, role))
    if merge:
        changes.append(sp.merge(ws, iid, merge[0], merge[1]))
    changed = sum(c.turns_changed for c in changes)
    if changes:
        dropped = sum(c.insights_dropped for c in changes)
        note = f"; {dropped} insight(s) now in interviewer turns removed" if dropped else ""
        progress(f"{changed} turn(s) relabelled in {iid}{note}")
    if extract and (changed or not changes):
        from synth.extract import extract_interviews

        report = extract_interviews(ws, [iid], force=True, progress=progress)
        if report.failed:
            raise UserError(f"re-extraction of {iid} failed; run `synth extract {iid} --force`")
    elif changed and ws.insight_set(iid) is not None:
        progress(f"its insights were found before; redo them with the new speakers: `synth extract {iid} --force`")
    interview_ = ws.interview(iid)
    if show:
        first, last = _range(show)
        for t in interview_.turns[first : last + 1]:
            click.echo(f"{t.index + 1:>5}  {t.speaker} ({t.role.value}): {t.text}")
        return
    rows = sp.list_speakers(interview_)
    if as_json:
        print_json([
            {"name": r.name, "role": r.role.value, "turns": r.turns, "words": r.words, "questions": r.questions,
             "first_turn": r.first_turn + 1, "confidence": r.confidence}
            for r in rows
        ])
        return
    for r in rows:
        sure = "-" if r.confidence is None else f"{r.confidence:.2f}"
        click.echo(f"{r.name:<28} {r.role.value:<11} {r.turns:>5} turns {r.words:>7} words "
                   f"{r.questions:>4} questions  first turn {r.first_turn + 1:<5} confidence {sure}")
    if any(r.role.value == "unknown" for r in rows):
        progress('unlabelled turns count as nobody\'s evidence: `--turns 1-4 --as "Name:interviewer"` '
                 "or `--set \"Unknown=Name:participant\"` (see the turns with --show 1-20)")
