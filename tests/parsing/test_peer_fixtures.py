"""Other parsers' own test files (webvtt-py, cdown/srt, vtt.js) and real exported transcripts.

Valid files must parse with text (and their voice tags as speakers); files meant
to be invalid must be refused with one line. Which is which follows what vtt.js (the
browser's reference parser) reads and the WebVTT spec, which drops unknown cue
settings: `bad-align.vtt` (a misspelt setting) is valid. Where vtt.js reads a cue but
would show nothing or drop words (a tag never closed, text after a blank line inside
a caption), the words are kept: `no-end-gt.vtt` reads "It's a blue apple tree!", and
webvtt-py's `missing_timeframe.vtt` (the same blank-line layout as vtt.js's
`double-line-break.vtt`) keeps its second caption with the first. Signatures, malformed
timings and files without any text stay refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from synth.errors import ParseError
from synth.models import InterviewMeta
from synth.parsing import build_interview, parse_bytes

DATA = Path(__file__).parents[2] / ".." / "shared" / "data"
PEER = DATA / "peer-fixtures"
REAL = DATA / "transcripts"

INVALID = {
    # webvtt-py: its malformed-file tests
    "webvtt-py/empty.vtt", "webvtt-py/invalid.vtt", "webvtt-py/invalid_format1.srt",
    "webvtt-py/invalid_format2.srt", "webvtt-py/invalid_format3.srt", "webvtt-py/invalid_format4.srt",
    # (webvtt-py's invalid_timeframe.srt is read: its one odd timing, `00:00:11.890`, is SRT with
    # WebVTT's `.` before the milliseconds, which cdown/srt reads too)
    "webvtt-py/invalid_timeframe.vtt", "webvtt-py/missing_timeframe.srt", "webvtt-py/no_captions.vtt",
    # vtt.js: bad signatures, blank files, timestamps the spec rejects
    "vttjs/file-layout/bad-double-webvtt.vtt", "vttjs/file-layout/blank-file-with-bom.vtt",
    "vttjs/file-layout/blank-file.vtt", "vttjs/file-layout/bom-garbage-data.vtt",
    "vttjs/file-layout/bom-tab-webvtt.vtt", "vttjs/file-layout/garbage-signature.vtt",
    "vttjs/file-layout/newline-before-webvtt.vtt", "vttjs/file-layout/tab-after-bom-before-header.vtt",
    "vttjs/cue-times/fraction-digits.vtt", "vttjs/cue-times/incorrect-delimiter.vtt",
    "vttjs/cue-times/min-mid-digits.vtt", "vttjs/cue-times/min-top-digits.vtt",
    "vttjs/cue-times/minimum-spots-over-sixty.vtt", "vttjs/cue-times/missing-separator.vtt",
    # the only cue is empty (its one line, `-->`, is a broken timing, not text)
    "vttjs/integration/arrows.vtt",
    # region definitions and no cues at all
    "vttjs/regions/bad-region.vtt", "vttjs/regions/line-break.vtt", "vttjs/regions/no-line-break.vtt",
    "vttjs/regions/width/correct.vtt",
}
# Read as vtt.js reads them (it keeps these cues), with the words a browser would hide kept.
LENIENT = {
    "vttjs/cuetext/format/double-line-break.vtt": "- Some line stuff. - Another line break. - We can't do this? - More over here.",
    "vttjs/cuetext/tag-format/no-closing-gt.vtt": "It's a blue apple tree!",
    "vttjs/cuetext/timestamp/no-end-gt.vtt": "It's a blue apple tree!",
    "vttjs/cuetext/voice/no-end-gt.vtt": "It's a blue apple tree!",
    "vttjs/cuetext/tag-format/start-tag-missing-gt.vtt": "That's awesome!",
}
VOICES = {
    "vttjs/integration/spec-example.vtt": {"Roger Bingham", "Neil deGrasse Tyson"},
    "vttjs/integration/cycle-collector-talk.vtt": {"Kyle Huey", "Chris Pearce"},
    "webvtt-py/teams_timeframe.vtt": {"Yuri Bakulin", "Adrian Petrescu"},
    "vttjs/cuetext/voice/with-two-subclasses.vtt": {"Joe"},
}


def _peer_files() -> list[str]:
    if not PEER.is_dir():
        return []
    return sorted(str(p.relative_to(PEER)) for p in PEER.rglob("*") if p.suffix in (".vtt", ".srt"))


PEER_FILES = _peer_files()


def test_peer_fixture_set_is_complete() -> None:
    if not PEER_FILES:
        pytest.skip("shared peer fixtures absent")
    assert len(PEER_FILES) == 157
    assert len(INVALID) == 28  # so 129 well-formed files must import
    assert set(PEER_FILES) >= INVALID, INVALID - set(PEER_FILES)


@pytest.mark.parametrize("rel", PEER_FILES or ["absent"])
def test_peer_fixture(rel: str) -> None:
    if rel == "absent":
        pytest.skip("shared peer fixtures absent")
    data = (PEER / rel).read_bytes()
    if rel in INVALID:
        with pytest.raises(ParseError) as info:
            parse_bytes(data, Path(rel).name)
        message = str(info.value)
        assert message and "\n" not in message
        return
    parsed = parse_bytes(data, Path(rel).name)
    interview = build_interview(parsed, InterviewMeta(source_file=Path(rel).name))
    assert interview.turns and all(t.text.strip() and t.speaker for t in interview.turns)
    assert "<v" not in interview.text and "-->" not in interview.text
    if rel in VOICES:
        assert set(parsed.speakers()) == VOICES[rel]
    if rel in LENIENT:
        assert [t.text for t in interview.turns] == [LENIENT[rel]]
    if rel == "srt/gb2312.srt":
        assert "宇宙守护神" in interview.text


REAL_EXPECTED = {
    "changelog/founders-talk-91.md": ({"Adam Stacoviak", "Jack Dorsey"}, "Adam Stacoviak"),
    "hitsave/get-a-grip-chip.md": ({"Jonas Rosland", "Jon Lawitts", "Vicky Wei", "Rich McGrath"}, None),
    "hitsave/q-cubed-carolyn-lu.md": ({"Jonas Rosland", "Carolyn Lu"}, "Jonas Rosland"),
    "hitsave/super-marxist-twins-group.md": ({"Jonas Rosland", "Eric Kesterson", "Saun Conlin"}, "Jonas Rosland"),
    # A four-voice group interview without `Interviewer is` metadata: the question-asking guess is
    # below the group threshold, so nobody is marked (the founder says who with `synth interview speakers`).
    "hitsave/wintermoor-tactics-club.md": ({"Jonas Rosland", "Ben Walker", "Kyla Fury", "Ryan Anderson"}, None),
    "hitsave/artemio-urbina-whisper.md": ({"Unknown"}, None),
    "hitsave/goodboy-galaxy-rik-nicol.vtt": ({"Unknown"}, None),
    "hitsave/keitai-update-spring-2025.json": ({"Unknown"}, None),
    "qmsum/ES2004a.json": ({"Project Manager", "Marketing", "Industrial Designer", "User Interface"}, None),
    "qmsum/Bro011.json": ({"Professor A", "PhD B", "Grad E"}, None),
}


@pytest.mark.parametrize("rel", sorted(REAL_EXPECTED))
def test_real_transcripts(rel: str) -> None:
    path = REAL / rel
    if not path.is_file():
        pytest.skip("shared transcripts absent")
    speakers, interviewer = REAL_EXPECTED[rel]
    parsed = parse_bytes(path.read_bytes(), path.name)
    interview = build_interview(parsed, InterviewMeta(source_file=path.name))
    assert speakers <= {t.speaker for t in interview.turns}
    if interviewer:
        assert {t.speaker for t in interview.turns if t.role == "interviewer"} == {interviewer}
    assert "&#39;" not in interview.text and "&amp;" not in interview.text
    assert "<" not in interview.text or rel.endswith(".json")
    words = sum(len(t.text.split()) for t in interview.turns)
    assert words > 2000


def test_otter_details_give_date_and_interviewers() -> None:
    path = REAL / "hitsave/get-a-grip-chip.md"
    if not path.is_file():
        pytest.skip("shared transcripts absent")
    parsed = parse_bytes(path.read_bytes(), path.name)
    assert parsed.metadata["date"] == "March 26, 2021"
    interview = build_interview(parsed, InterviewMeta(source_file=path.name, interviewer=parsed.metadata["interviewer"]))
    assert {t.speaker for t in interview.turns if t.role == "interviewer"} == {"Jonas Rosland", "Rich McGrath"}
