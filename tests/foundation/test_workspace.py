from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from synth.errors import NotFoundError, UserError
from synth.models import (
    EvidenceLink,
    HypothesisStatus,
    Insight,
    InsightKind,
    InsightSet,
    Interview,
    InterviewMeta,
    Quote,
    Review,
    Role,
    Stance,
    Turn,
)
from synth.workspace import Workspace


def make_interview(iid: str = "2026-09-01-ana-abc123") -> Interview:
    parts = [("Founder", Role.interviewer, "When did you last close the books?"),
             ("Ana", Role.participant, "Last Friday. It took me six hours, as always.")]
    text, turns = "", []
    for i, (speaker, role, body) in enumerate(parts):
        if text:
            text += "\n\n"
        text += f"{speaker}: "
        start = len(text)
        text += body
        turns.append(Turn(index=i, speaker=speaker, role=role, text=body, start=start, end=len(text)))
    return Interview(id=iid, meta=InterviewMeta(participant="Ana", source_file="a.txt"), text=text, turns=turns)


def test_create_open_and_layout(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ws")
    assert (ws.root / "synth.toml").is_file()
    assert (ws.root / "hypotheses.yaml").is_file()
    for d in ("interviews", "insights", "guides", "drafts"):
        assert (ws.root / d).is_dir()
    assert (ws.root / ".gitignore").read_text() == ".synth/\n"
    assert Workspace.open(ws.root).root == ws.root
    with pytest.raises(UserError, match="already a Synth workspace"):
        Workspace.create(ws.root)


def test_open_refuses_a_plain_folder(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="not a Synth workspace"):
        Workspace.open(tmp_path)


def test_hypotheses_round_trip(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ws")
    h1 = ws.add_hypothesis("Bookkeepers lose a day a month to reconciliation", falsified_if="Nobody spends > 2h", today=date(2026, 9, 1))
    h2 = ws.add_hypothesis("Owners, not bookkeepers, buy the tool")
    assert [h1.id, h2.id] == ["H1", "H2"]
    ws.set_status("h1", HypothesisStatus.supported)
    again = Workspace.open(ws.root).hypotheses()
    assert again[0].status is HypothesisStatus.supported
    assert again[0].falsified_if == "Nobody spends > 2h"
    assert again[0].created == date(2026, 9, 1)
    with pytest.raises(NotFoundError):
        ws.set_status("H9", HypothesisStatus.refuted)
    # Ids keep growing after a deletion by hand: never reuse an id.
    ws.save_hypotheses(again[1:])
    assert ws.add_hypothesis("third").id == "H3"


def test_hand_edited_bad_yaml_is_one_clear_error(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ws")
    ws.hypotheses_path.write_text("hypotheses:\n  - id: H1\n    statement: [unclosed\n")
    with pytest.raises(UserError) as exc:
        ws.hypotheses()
    assert "hypotheses.yaml" in exc.value.line()
    ws.hypotheses_path.write_text("hypotheses:\n  - id: X1\n    statement: s\n    created: 2026-01-01\n    updated: 2026-01-01\n")
    with pytest.raises(UserError, match="invalid hypothesis"):
        ws.hypotheses()


def test_interview_and_insights_round_trip(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ws")
    iv = make_interview()
    ws.save_interview(iv, original=b"raw bytes")
    assert (ws.interview_dir(iv.id) / "a.txt").read_bytes() == b"raw bytes"
    assert ws.interview(iv.id) == iv
    assert ws.resolve_interview_id("2026-09-01-ana") == iv.id
    s = iv.text.index("It took me six hours")
    q = Quote(text="It took me six hours", interview_id=iv.id, turn_index=1, start=s, end=s + 20)
    ins = Insight(id=Insight.make_id(iv.id, "pain", q.start, q.end), interview_id=iv.id, kind=InsightKind.pain,
                  summary="Closing takes six hours", quotes=[q], participant="Ana", confidence=0.8)
    link = EvidenceLink(insight_id=ins.id, hypothesis_id="H1", stance=Stance.supports, strength=0.7)
    ws.save_insight_set(InsightSet(interview_id=iv.id, engine="offline", insights=[ins], links=[link]))
    assert ws.insights() == [ins]
    assert ws.find_insight(ins.id)[1] == ins
    ins_rejected = ins.model_copy(update={"review": Review.rejected})
    ws.save_insight_set(InsightSet(interview_id=iv.id, engine="offline", insights=[ins_rejected]))
    assert ws.insights() == []
    assert len(ws.insights(include_rejected=True)) == 1


def test_interview_offsets_are_validated() -> None:
    iv = make_interview()
    data = iv.model_dump()
    data["turns"][1]["start"] += 1
    with pytest.raises(ValueError, match="offsets"):
        Interview.model_validate(data)
