"""Transcripts without speaker labels, the interviewer guess, and labelling speakers after import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from synth import speakers as sp
from synth.cli.main import main
from synth.errors import UserError
from synth.ingest import ingest_paths
from synth.models import Insight as InsightModel
from synth.models import InsightSet, Interview, InterviewMeta, Quote, Role
from synth.parsing import Cue, ParsedTranscript, build_interview, parse_bytes
from synth.parsing.roles import THRESHOLD_GROUP
from synth.workspace import Workspace

REAL = Path(__file__).parents[1] / ".." / "shared" / "data" / "transcripts"
WHISPER_VTT = REAL / "hitsave" / "goodboy-galaxy-rik-nicol.vtt"


def _real(rel: str) -> Interview:
    path = REAL / rel
    if not path.is_file():
        pytest.skip("shared transcripts absent")
    return build_interview(parse_bytes(path.read_bytes(), path.name), InterviewMeta(source_file=path.name))


@pytest.mark.parametrize(
    "rel", ["hitsave/goodboy-galaxy-rik-nicol.vtt", "hitsave/artemio-urbina-whisper.md",
            "hitsave/keitai-update-spring-2025.json"]
)
def test_unlabelled_transcripts_split_at_their_segments_and_nobody_has_a_role(rel: str) -> None:
    interview = _real(rel)
    assert len(interview.turns) >= 20
    assert {(t.speaker, t.role) for t in interview.turns} == {("Unknown", Role.unknown)}
    words = [len(t.text.split()) for t in interview.turns]
    # Never one giant turn: no turn holds more than a small share of the words.
    assert max(words) < 0.05 * sum(words)
    assert interview.meta.interviewer == "" and interview.meta.participant == ""
    assert not interview.participants()


def test_whisper_segments_ending_mid_sentence_join_their_continuation() -> None:
    cues = [Cue(None, "I'm here with Rik of Good Boy Galaxy and you saw the trailer", 48.3, 54.5),
            Cue(None, "that came out two weeks ago.", 54.5, 57.5), Cue(None, "The latest one.", 58.1, 59.0),
            Cue(None, "Hello there,", 59.0, 60.0), Cue(None, "much later.", 70.0, 71.0)]
    interview = build_interview(ParsedTranscript(cues, "webvtt"), InterviewMeta())
    assert [t.text for t in interview.turns] == [
        "I'm here with Rik of Good Boy Galaxy and you saw the trailer that came out two weeks ago.",
        "The latest one.", "Hello there,", "much later.",
    ]
    assert (interview.turns[0].t_start, interview.turns[0].t_end) == (48.3, 57.5)


def test_meeting_without_a_clear_asker_has_no_interviewer_and_low_confidence() -> None:
    es = _real("qmsum/ES2004a.json")
    assert not [t for t in es.turns if t.role is Role.interviewer]
    assert es.meta.role_confidence is not None and es.meta.role_confidence < THRESHOLD_GROUP
    assert {"Marketing", "Project Manager"} <= set(es.participants())
    group = _real("hitsave/super-marxist-twins-group.md")
    assert group.meta.interviewer == "Jonas Rosland"
    assert group.meta.role_confidence is not None and group.meta.role_confidence >= THRESHOLD_GROUP
    assert es.meta.role_confidence < group.meta.role_confidence


GROUP_SHOW = [
    ("Jonas", "Hi everyone, and welcome to another interview. Today I have with me the team behind Moorland."),
    ("Ben", "Hey, I'm Ben, I led the team and did the programming."),
    ("Kyla", "Hi, I'm Kyla, one of the two writers. Ben, do you remember when we started?"),
    ("Ben", "It was a game jam, three years ago now, and it just kept growing after that."),
    ("Jonas", "How did you split the work between you?"),
    ("Kyla", "Mostly by who had time that week. Didn't we rewrite the combat twice?"),
    ("Ben", "Three times. The second one was mine and it was bad."),
    ("Jonas", "Was that before or after the Kickstarter?"),
    ("Kyla", "It really was. Why did we keep the old save format, though?"),
    ("Ben", "Because the backers already had saves and we could not break them."),
    ("Jonas", "Awesome. What did you learn from shipping it?"),
    ("Kyla", "That you should write the dialogue tools before you write the dialogue, honestly."),
]


def test_a_host_who_opens_the_show_is_the_interviewer_of_a_group_whose_guests_ask_each_other() -> None:
    # The guests ask as many questions as the host: only the host's opening says who interviews.
    show = build_interview(ParsedTranscript([Cue(a, b) for a, b in GROUP_SHOW], "text"), InterviewMeta())
    assert show.meta.interviewer == "Jonas"
    assert {t.speaker for t in show.turns if t.role is Role.interviewer} == {"Jonas"}
    # The same words of welcome from a guest later on make nobody the host: a meeting stays a meeting.
    moved = [("Jonas", "Hi everyone. The team behind Moorland is here."), *GROUP_SHOW[1:],
             ("Ben", "Welcome to the end of the show, everyone.")]
    meeting = build_interview(ParsedTranscript([Cue(a, b) for a, b in moved], "text"), InterviewMeta())
    assert not [t for t in meeting.turns if t.role is Role.interviewer]


def test_a_real_group_interview_with_a_host_opening_finds_the_host() -> None:
    show = _real("hitsave/wintermoor-tactics-club.md")  # parsing only: this file's evidence labels are held out
    assert show.meta.interviewer == "Jonas Rosland"
    assert {"Ben Walker", "Kyla Fury", "Ryan Anderson"} <= set(show.participants())


TWO_FOUNDERS = [
    ("Mia", "Thanks for making time. Could you walk us through the last time you planned the week's dinners?"),
    ("Sam", "Lovely. Sunday evening, usually, with whatever's in the fridge and a list on my phone."),
    ("Raj", "Where does the list live, exactly? Is it just a note?"),
    ("Sam", "A note, yes, and my partner adds things to it from work, which is where it gets messy."),
    ("Mia", "What happened the last time it got messy?"),
    ("Sam", "We bought two lots of mince and binned one of them on the Thursday, which annoyed me more than it should."),
    ("Raj", "How often would you say that happens? Once a week? Less?"),
    ("Sam", "Less, honestly. Once a month, if that, and usually when one of us is away."),
    ("Mia", "Have you tried anything to stop it?"),
    ("Sam", "A shared app for a bit, but my partner never opened it, so we went back to the note."),
    ("Raj", "Why do you think it didn't stick? Was it the app or the habit?"),
    ("Sam", "The habit, mostly. The note is already there and it works well enough for the two of us."),
]


def test_two_founders_interviewing_one_customer_are_both_interviewers() -> None:
    # The second founder's questions are not the customer's evidence.
    iv = build_interview(ParsedTranscript([Cue(a, b) for a, b in TWO_FOUNDERS], "text"), InterviewMeta())
    assert {t.speaker for t in iv.turns if t.role is Role.interviewer} == {"Mia", "Raj"}
    assert iv.participants() == ["Sam"]
    # A group of customers who ask each other the odd question still has one host.
    show = build_interview(ParsedTranscript([Cue(a, b) for a, b in GROUP_SHOW], "text"), InterviewMeta())
    assert {t.speaker for t in show.turns if t.role is Role.interviewer} == {"Jonas"}


RUN_ON = [
    ("Jonah", "ok i think it's recording now so thanks for doing this i'll keep it to twenty minutes"),
    ("Bec", "yeah no worries it's pouring so it's dead anyway nobody brings a bike in when it's raining"),
    ("Jonah", "cool so tell me a bit about the shop like who works there and what kind of work you do"),
    ("Bec", "so it's me and dev full time and kai comes in three days a week he does mostly flats and tune ups"),
    ("Jonah", "and what does a normal busy day look like for you when it's not raining"),
    ("Bec", "we open at nine and there's usually a couple of people waiting outside with flats"),
    ("Jonah", "how do you keep track of the tickets from the day before"),
    ("Bec", "there's a spike on the wall and i write the name and the job on a tag and it goes on the bike"),
]


def test_speech_to_text_without_question_marks_still_finds_who_asks() -> None:
    # No "?" anywhere: the wording says who asks ("and what does ... look like for you"), and the interviewer's
    # speech must not count as the customer's.
    iv = build_interview(ParsedTranscript([Cue(a, b) for a, b in RUN_ON], "text"), InterviewMeta())
    assert iv.meta.interviewer == "Jonah"
    listed = {s.name: s.questions for s in sp.list_speakers(iv)}
    assert listed["Jonah"] >= 2 and listed["Bec"] == 0
    # One question mark and the transcript is punctuated: wording alone no longer counts as asking.
    punctuated = [*RUN_ON, ("Bec", "do you want to see the spike?")]
    listed = {s.name: s.questions for s in sp.list_speakers(
        build_interview(ParsedTranscript([Cue(a, b) for a, b in punctuated], "text"), InterviewMeta()))}
    assert listed == {"Jonah": 0, "Bec": 1}


def test_a_founder_named_interviewer_has_no_guess_confidence() -> None:
    cues = [Cue("Ann", "Why?"), Cue("Bob", "Because.")]
    interview = build_interview(ParsedTranscript(cues, "text"), InterviewMeta(), interviewer="Ann")
    assert interview.meta.role_confidence is None and interview.meta.interviewer == "Ann"
    guessed = build_interview(ParsedTranscript(cues, "text"), InterviewMeta())
    assert guessed.meta.role_confidence is not None and guessed.meta.role_confidence > 0.5


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    # The index has its own tests; here only that it is asked to re-index.
    monkeypatch.setattr("synth.index.index_interviews", lambda ws, ivs: None)
    monkeypatch.setattr("synth.index.index_insights", lambda ws, sets: None)
    monkeypatch.setattr("synth.index.heal", lambda ws: 0)
    return Workspace.create(tmp_path / "ws")


def _unlabelled(ws: Workspace, tmp_path: Path) -> Interview:
    path = tmp_path / "call.vtt"
    path.write_text(
        "WEBVTT\n\n00:00.000 --> 00:02.000\nWhat do you use for payroll today?\n\n"
        "00:02.500 --> 00:06.000\nA spreadsheet, and it takes me six hours a month.\n\n"
        "00:06.500 --> 00:08.000\nWhy six hours?\n\n"
        "00:08.500 --> 00:12.000\n[laughter] Because the tax tables change every year.\n",
        encoding="utf-8",
    )
    [result] = ingest_paths(ws, [path])
    assert result.status == "imported" and result.interview_id
    assert len(result.warnings) == 1 and "unlabelled" in result.warnings[0]
    assert f"synth interview speakers {result.interview_id}" in result.warnings[0]
    return ws.interview(result.interview_id)


def test_label_a_range_then_a_speaker_keeps_offsets_true(ws: Workspace, tmp_path: Path) -> None:
    interview = _unlabelled(ws, tmp_path)
    [row] = sp.list_speakers(interview)
    assert (row.name, row.role, row.turns, row.confidence) == ("Unknown", Role.unknown, 4, None)
    sp.assign_range(ws, interview.id, 0, 0, "Jonas", Role.interviewer)
    sp.assign_range(ws, interview.id, 2, 2, "Jonas")  # the name already has a role here: it keeps it
    change = sp.assign(ws, interview.id, "Unknown", "Rik Nicol", Role.participant)
    after = change.interview
    assert [(t.speaker, t.role) for t in after.turns] == [
        ("Jonas", Role.interviewer), ("Rik Nicol", Role.participant)] * 2
    stored = ws.interview(interview.id)
    assert stored == after
    for turn in stored.turns:
        assert stored.text[turn.start : turn.end] == turn.text
        assert stored.text[: turn.start].endswith(f"{turn.speaker}: ")
    assert stored.meta.interviewer == "Jonas" and stored.meta.participant == "Rik Nicol"
    assert {r.name: r.confidence for r in sp.list_speakers(stored)} == {"Jonas": 1.0, "Rik Nicol": 1.0}


def test_merge_and_unknown_names_are_refused_clearly(ws: Workspace, tmp_path: Path) -> None:
    interview = _unlabelled(ws, tmp_path)
    sp.assign_range(ws, interview.id, 0, 1, "Speaker 2", Role.participant)
    sp.assign_range(ws, interview.id, 2, 3, "Ann", Role.participant)
    merged = sp.merge(ws, interview.id, "speaker 2", "Ann").interview
    assert {t.speaker for t in merged.turns} == {"Ann"}
    with pytest.raises(UserError, match="no speaker"):
        sp.assign(ws, interview.id, "Nobody", "X")
    with pytest.raises(UserError, match="unknown role"):
        sp.parse_label("Jane:boss")
    with pytest.raises(UserError, match="no turn 9"):
        sp.assign_range(ws, interview.id, 0, 8, "X")


def test_stored_insights_move_with_the_text_and_interviewer_quotes_go(ws: Workspace, tmp_path: Path) -> None:
    interview = _unlabelled(ws, tmp_path)
    hours, why = interview.turns[1], interview.turns[2]

    def insight(turn_index: int, word: str) -> InsightModel:
        turn = interview.turns[turn_index]
        start = interview.text.index(word, turn.start)
        quote = Quote(text=word, interview_id=interview.id, turn_index=turn_index, start=start,
                      end=start + len(word))
        return InsightModel(id=InsightModel.make_id(interview.id, "pain", start, quote.end), interview_id=interview.id,
                            kind="pain", summary=word, quotes=[quote], participant="Unknown", confidence=0.5,
                            unattributed=True, review="accepted")

    kept, gone = insight(hours.index, "six hours a month"), insight(why.index, "Why six hours?")
    ws.save_insight_set(InsightSet(interview_id=interview.id, engine="offline", insights=[kept, gone]))
    sp.assign_range(ws, interview.id, 0, 0, "Jonas", Role.interviewer)
    sp.assign_range(ws, interview.id, 2, 2, "Jonas", Role.interviewer)
    change = sp.assign(ws, interview.id, "Unknown", "Rik", Role.participant)
    new = ws.interview(interview.id)
    stored = ws.insight_set(interview.id)
    assert stored is not None and change.insights_dropped == 0
    [moved] = stored.insights
    q = moved.quotes[0]
    assert new.text[q.start : q.end] == q.text == "six hours a month"
    assert moved.participant == "Rik" and not moved.unattributed and moved.review == "accepted"
    # Derived from the first quote's offsets, the id follows them so re-extraction recognises it.
    assert moved.id == InsightModel.make_id(interview.id, "pain", q.start, q.end)


def test_cli_warns_once_lists_and_labels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    if not WHISPER_VTT.is_file():
        pytest.skip("shared transcripts absent")
    monkeypatch.setattr("synth.index.index_interviews", lambda ws, ivs: None)
    monkeypatch.setattr("synth.index.index_insights", lambda ws, sets: None)
    root = tmp_path / "ws"
    assert main(["init", str(root)]) == 0
    capsys.readouterr()
    assert main(["-w", str(root), "ingest", str(WHISPER_VTT), "--json"]) == 0
    out, err = capsys.readouterr()
    [row] = json.loads(out)
    iid = row["interview_id"]
    warnings = [line for line in err.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "unlabelled" in warnings[0] and f"synth interview speakers {iid}" in warnings[0]
    assert main(["-w", str(root), "interview", "speakers", iid, "--json"]) == 0
    [unknown] = json.loads(capsys.readouterr().out)
    assert unknown["name"] == "Unknown" and unknown["role"] == "unknown" and unknown["turns"] >= 20
    code = main(["-w", str(root), "interview", "speakers", iid, "--turns", "1-2", "--as", "Jonas:interviewer",
                 "--set", "Unknown=Rik Nicol:participant", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    rows = {r["name"]: r for r in json.loads(out)}
    assert rows["Jonas"]["role"] == "interviewer" and rows["Jonas"]["turns"] == 2
    assert rows["Rik Nicol"]["role"] == "participant" and rows["Rik Nicol"]["turns"] == unknown["turns"] - 2
    assert main(["-w", str(root), "interview", "speakers", iid, "--show", "1-2"]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert shown[0].startswith("    1  Jonas (interviewer): Hello everyone")
    assert main(["-w", str(root), "interview", "speakers", iid, "--turns", "x", "--as", "A"]) == 2
    assert "range" in capsys.readouterr().err


CALL = [
    ("What do you use for payroll today?", "i"), ("We use a spreadsheet and it takes me six hours every month.", "p"),
    ("Why does it take so long?", "i"), ("The tax tables change every year and I have to check each one by hand.", "p"),
    ("Have you tried any other tools?", "i"), ("We tried two apps last year but stopped because they cost too much.", "p"),
    ("What would you pay for something that fixed it?", "i"),
    ("I would happily pay fifty dollars a month if it saved me those six hours.", "p"),
]


@pytest.mark.slow
def test_unlabelled_call_end_to_end_questions_never_evidence_and_decisions_survive_relabelling(
    tmp_path: Path,
) -> None:
    """The bundled offline engine and index, for real: import, extract, label, extract again."""
    from synth.extract import extract_interviews
    from synth.extract.review import set_review
    from synth.models import Review
    from synth.parsing import nonspeech_spans

    ws = Workspace.create(tmp_path / "ws")
    vtt = ["WEBVTT", ""]
    for i, (text, _) in enumerate(CALL):
        vtt += [f"00:{i * 5:02d}.000 --> 00:{i * 5 + 4:02d}.000", text, ""]
    path = tmp_path / "call.vtt"
    path.write_text("\n".join(vtt), encoding="utf-8")
    [result] = ingest_paths(ws, [path])
    assert result.interview_id and result.warnings
    iid = result.interview_id
    extract_interviews(ws, [iid])
    first = ws.insight_set(iid)
    assert first is not None and first.insights
    interview = ws.interview(iid)
    for ins in first.insights:
        assert ins.unattributed  # nobody said who spoke: shown, never counted
        for q in ins.quotes:
            assert interview.text[q.start : q.end] == q.text and not nonspeech_spans(q.text)
            assert not q.text.rstrip().endswith("?"), q.text  # a question from an unknown speaker is not evidence
    keep = first.insights[0]
    set_review(ws, keep.id, Review.accepted)
    kept_text = keep.quotes[0].text
    for index, (_, who) in enumerate(CALL):
        if who == "i":
            sp.assign_range(ws, iid, index, index, "Jonas", Role.interviewer)
    change = sp.assign(ws, iid, "Unknown", "Rik", Role.participant, extract=True)
    assert change.extracted
    after = ws.insight_set(iid)
    labelled = ws.interview(iid)
    assert after is not None and after.insights
    for ins in after.insights:
        assert not ins.unattributed and ins.participant == "Rik"
        for q in ins.quotes:
            assert labelled.text[q.start : q.end] == q.text
            assert labelled.turns[q.turn_index].role is Role.participant
    decided = [i for i in after.insights if any(q.text == kept_text for q in i.quotes)]
    assert decided and decided[0].review is Review.accepted
