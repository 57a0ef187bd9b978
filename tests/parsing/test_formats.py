"""Every format family, from fixtures written for it: speakers, text, timestamps, roles."""

from __future__ import annotations

import pytest

from synth.models import Role

from .conftest import FIXTURES, interview_of

# file -> (format, [(speaker, role, text fragment)], first turn's t_start)
EXPECTED = {
    "colon.txt": ("text", [("Dana Founder", "interviewer", "How do you handle invoices"),
                           ("Maria Lopez", "participant", "spreadsheet every Friday")], None),
    "bracket_ts.txt": ("text", [("Dana Founder", "interviewer", "walk me through"),
                                ("Tom Baker", "participant", "receipts were missing")], 5.0),
    "paren_ts.txt": ("text", [("Dana Founder", "interviewer", "What tools"),
                              ("Priya Shah", "participant", "sticky notes")], 1.0),
    "otter.txt": ("text", [("Dana Founder", "interviewer", "normal Monday"),
                           ("Lee Wong", "participant", "match transactions by hand")], 2.0),
    "meet.txt": ("text", [("Dana Founder", "interviewer", "what changed"),
                          ("Chris Evans", "participant", "hired a bookkeeper")], None),
    "zoom_tab.txt": ("text", [("Dana Founder", "interviewer", "How did you find us?"),
                              ("Alex Chen", "participant", "recommended you on LinkedIn")], 1.0),
    "frontmatter.md": ("markdown", [("Dana Founder", "interviewer", "last invoice you sent & how"),
                                    ("Maria Lopez", "participant", "I didn't have the hours")], 3.0),
    "zoom.vtt": ("webvtt", [("Dana Founder", "interviewer", "month-end close"),
                            ("Sam Ortiz", "participant", "Waiting on receipts")], 1.0),
    "teams.vtt": ("webvtt", [("Dana Founder", "interviewer", "hear me all right"),
                             ("Noor Haddad", "participant", "loud & clear. We spend hours on expense")], 0.0),
    "subtitles.srt": ("srt", [("Dana Founder", "interviewer", "signs off"),
                              ("Ana Costa", "participant", "I do, for anything over a thousand.")], 1.0),
    "whisper.json": ("json", [("SPEAKER_00", "interviewer", "What do you do?"),
                              ("SPEAKER_01", "participant", "I run a bakery. We have three shops.")], 0.0),
    "qmsum.json": ("json", [("Project Manager", "interviewer", "What is the budget"),
                            ("Marketing", "participant", "Twelve fifty per unit")], None),
    "rev.json": ("json", [("Dana Founder", "interviewer", "How many clients?"),
                          ("Speaker 2", "participant", "About forty.")], None),
    "otter.json": ("json", [("Dana Founder", "interviewer", "switch tools"),
                            ("Kim Park", "participant", "multi-currency")], 0.0),
    "zoom.json": ("json", [("Dana Founder", "interviewer", "introduce yourself"),
                           ("Eli Novak", "participant", "I run operations")], 1.2),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_format_speakers_text_and_roles(name: str) -> None:
    fmt, expected, first_start = EXPECTED[name]
    interview = interview_of((FIXTURES / name).read_bytes(), name)
    assert interview.meta.source_format == fmt
    assert interview.turns[0].t_start == first_start
    for speaker, role, fragment in expected:
        turns = [t for t in interview.turns if t.speaker == speaker]
        assert turns, f"no turn by {speaker}"
        assert all(t.role is Role(role) for t in turns)
        assert any(fragment in t.text for t in turns), (fragment, [t.text for t in turns])
    # Turns alternate: consecutive cues of one speaker were merged.
    assert all(a.speaker != b.speaker for a, b in zip(interview.turns, interview.turns[1:], strict=False))


def test_vtt_markup_never_reaches_the_text() -> None:
    interview = interview_of((FIXTURES / "teams.vtt").read_bytes(), "teams.vtt")
    assert "<" not in interview.text and "&amp;" not in interview.text
    assert "STYLE" not in interview.text and "Exported from Teams" not in interview.text
    # Overlapping cues keep the file's order and their own times.
    noor = interview.turns[1]
    assert (noor.t_start, noor.t_end) == (2.0, 8.0)


def test_srt_tags_and_ssa_overrides_stripped() -> None:
    interview = interview_of((FIXTURES / "subtitles.srt").read_bytes(), "subtitles.srt")
    assert "{\\" not in interview.text and "<i>" not in interview.text
    assert interview.turns[-1].text == "Only at quarter end."


def test_markdown_front_matter_and_escapes() -> None:
    from synth.parsing import parse_bytes

    parsed = parse_bytes((FIXTURES / "frontmatter.md").read_bytes(), "frontmatter.md")
    assert parsed.metadata["company"] == "Lopez Design Studio"
    assert parsed.metadata["date"] == "2025-03-14"
    text = " ".join(c.text for c in parsed.cues)
    assert "[laughs]" in text and "\\[" not in text and "[00:00:" not in text
    assert "participant:" not in text


def test_markdown_title_from_heading_without_front_matter() -> None:
    from synth.parsing import parse_bytes

    data = b"# Call with Ola\n\nAnn Lee: Why?\nOla Berg: Because.\nAnn Lee: Why again?\nOla Berg: Cost.\n"
    assert parse_bytes(data, "call.md").metadata["title"] == "Call with Ola"


def test_messy_text_timestamps_in_odd_places_and_unlabelled_lines() -> None:
    interview = interview_of((FIXTURES / "messy.txt").read_bytes(), "messy.txt")
    assert [t.speaker for t in interview.turns] == ["Dana Founder", "Jo March"] * 2 + ["Dana Founder"]
    jo = interview.turns[1]
    assert "[00:" not in interview.text
    assert "The first week was confusing though. (indented continuation line)" in jo.text
    assert "Also the export button is hidden." in jo.text
    assert "Unlabelled line that follows Jo." in interview.turns[3].text
    assert "recorded with permission" not in interview.text  # preamble, not a speaker called Note


def test_headerless_whisper_timings_in_markdown_read_as_unknown_speaker() -> None:
    interview = interview_of((FIXTURES / "whisper_timed.md").read_bytes(), "whisper_timed.md")
    # No labels: one turn per segment, nobody's role until a founder says who spoke.
    assert [(t.speaker, t.role) for t in interview.turns] == [("Unknown", Role.unknown)] * 2
    assert [t.text for t in interview.turns] == ["Hello and welcome to the show.", "Thanks for having me."]
    assert (interview.turns[0].t_start, interview.turns[1].t_end) == (0.0, 6.0)
    assert interview.meta.participant == "" and interview.meta.interviewer == ""


def test_docx_bold_names_and_name_colon_paragraphs(tmp_path) -> None:
    import docx

    doc = docx.Document()
    doc.add_heading("Interview with Rosa", level=1)
    p = doc.add_paragraph()
    p.add_run("Dana Founder:").bold = True
    p.add_run(" What do you sell?")
    p = doc.add_paragraph()
    p.add_run("Rosa Diaz").bold = True
    p.add_run(" Handmade furniture, mostly tables.")
    doc.add_paragraph("Dana Founder: Who buys them?")
    p = doc.add_paragraph()
    p.add_run("Rosa Diaz:").bold = True
    doc.add_paragraph("Restaurants, and a few hotels.")
    path = tmp_path / "rosa.docx"
    doc.save(path)
    interview = interview_of(path.read_bytes(), "rosa.docx")
    assert interview.meta.source_format == "docx"
    assert [(t.speaker, t.text) for t in interview.turns] == [
        ("Dana Founder", "What do you sell?"),
        ("Rosa Diaz", "Handmade furniture, mostly tables."),
        ("Dana Founder", "Who buys them?"),
        ("Rosa Diaz", "Restaurants, and a few hotels."),
    ]


def test_detection_by_content_ignores_a_misleading_extension() -> None:
    from synth.parsing import parse_bytes

    vtt = (FIXTURES / "zoom.vtt").read_bytes()
    assert parse_bytes(vtt, "export.txt").format == "webvtt"
    srt = (FIXTURES / "subtitles.srt").read_bytes()
    assert parse_bytes(srt, "subtitles.txt").format == "srt"
    js = (FIXTURES / "otter.json").read_bytes()
    assert parse_bytes(js, "download").format == "json"


def test_zoom_prefix_needs_to_recur_before_it_is_a_speaker() -> None:
    from synth.parsing import parse_bytes

    data = b"WEBVTT\n\n00:00.000 --> 00:02.000\nWarning: this call is recorded\n\n00:02.000 --> 00:04.000\nhello all\n"
    parsed = parse_bytes(data, "x.vtt")
    assert parsed.cues[0].speaker is None and parsed.cues[0].text.startswith("Warning:")


def test_voice_tags_split_one_cue_between_speakers() -> None:
    from synth.parsing import parse_bytes

    data = b"WEBVTT\n\n00:00.000 --> 00:02.000\n<v Ann>Ready?</v> <v Bob>Yes.</v>\n"
    cues = parse_bytes(data, "x.vtt").cues
    assert [(c.speaker, c.text) for c in cues] == [("Ann", "Ready?"), ("Bob", "Yes.")]


@pytest.mark.parametrize(
    ("data", "first_start"),
    [
        # Trint: name and bracketed time on one line, the words below
        (b"Dana Founder [00:00:02]\nWhat do you use today?\n\nOla Berg [00:00:06]\nA spreadsheet.\n", 2.0),
        # Google Meet: a title, timestamp lines every few minutes, `Name: text` lines
        (b"Weekly sync - Transcript\n00:00:00\n\nDana Founder: What do you use today?\nOla Berg: A spreadsheet.\n"
         b"00:05:00\nDana Founder: Why that?\nOla Berg: It is free.\n", None),
        # Tactiq: `time Name: text`
        (b"Transcript delivered by Tactiq.io\n00:00:01.000 Dana Founder: What do you use today?\n"
         b"00:00:04.500 Ola Berg: A spreadsheet.\n", 1.0),
        # timestamp first, then the name on its own line
        (b"00:00:03 Dana Founder\nWhat do you use today?\n\n00:00:07 Ola Berg\nA spreadsheet.\n", 3.0),
        # Zoom's saved captions: `[Name] wall-clock time`, the words below
        (b"[Dana Founder] 14:01:22\nWhat do you use today?\n\n[Ola Berg] 14:01:25\nA spreadsheet.\n", 50482.0),
        # `Name:` alone on a line, the words below
        (b"Dana Founder:\nWhat do you use today?\n\nOla Berg:\nA spreadsheet.\n", None),
        # name, then a time range on its own line
        (b"Dana Founder\n00:00:01 - 00:00:05\nWhat do you use today?\n\nOla Berg\n00:00:06 - 00:00:09\nA spreadsheet.\n", 1.0),
    ],
    ids=["trint", "google-meet", "tactiq", "time-then-name", "zoom-captions", "name-colon-line", "time-range-line"],
)
def test_other_meeting_tool_layouts(data: bytes, first_start: float | None) -> None:
    interview = interview_of(data, "export.txt")
    assert [t.speaker for t in interview.turns][:2] == ["Dana Founder", "Ola Berg"]
    assert interview.turns[0].text == "What do you use today?" and interview.turns[1].text.startswith("A spreadsheet.")
    assert interview.turns[0].t_start == first_start
    assert "Transcript" not in interview.text


def test_a_one_off_word_before_a_colon_stays_text() -> None:
    data = (b"Ann Lee: What happened?\nBo Chen: We lost the file.\nAlso: the backup was old.\n"
            b"Ann Lee: And then?\nBo Chen: We rebuilt it.\nCarl Dunn: I helped once.\n")
    interview = interview_of(data, "call.txt")
    assert [t.speaker for t in interview.turns] == ["Ann Lee", "Bo Chen", "Ann Lee", "Bo Chen", "Carl Dunn"]
    assert interview.turns[1].text == "We lost the file. Also: the backup was old."


def test_docx_transcript_in_a_table(tmp_path) -> None:
    import docx

    doc = docx.Document()
    table = doc.add_table(rows=0, cols=3)
    for who, when, said in [("Dana Founder", "00:00:04", "What broke?"), ("Rosa Diaz", "00:00:09", "The sync.")]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = who, when, said
    path = tmp_path / "table.docx"
    doc.save(path)
    interview = interview_of(path.read_bytes(), "table.docx")
    assert [(t.speaker, t.text, t.t_start) for t in interview.turns] == [
        ("Dana Founder", "What broke?", 4.0), ("Rosa Diaz", "The sync.", 9.0)]


def test_hash_at_line_start_inside_a_turn_is_text_not_a_heading() -> None:
    data = b"Ann Lee: What matters most?\nBo Chen: Cash.\n#1 is cash, #2 is time.\nAnn Lee: Why?\nBo Chen: Payroll.\n"
    interview = interview_of(data, "call.md")
    assert interview.turns[1].text == "Cash. #1 is cash, #2 is time."


def test_json_with_the_transcript_as_one_string() -> None:
    from synth.parsing import parse_bytes

    labelled = b'{"title": "Call", "transcript": "Ann Lee: Why?\\nBo Chen: Cost.\\nAnn Lee: Ok?\\nBo Chen: Yes."}'
    parsed = parse_bytes(labelled, "call.json")
    assert [c.speaker for c in parsed.cues] == ["Ann Lee", "Bo Chen", "Ann Lee", "Bo Chen"]
    assert parsed.metadata["title"] == "Call"
    plain = parse_bytes(b'{"text": " hello   and welcome ", "segments": []}', "w.json")
    assert [(c.speaker, c.text) for c in plain.cues] == [(None, "hello and welcome")]
