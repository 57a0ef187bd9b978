"""Leniency where real files bend the rules: cp1251 Cyrillic, SRT with `.` milliseconds, unclosed tags,
a blank line inside a caption. Malformed timings stay refused."""

from __future__ import annotations

import pytest

from synth.errors import ParseError
from synth.parsing import parse_bytes

from .conftest import interview_of


def test_cp1251_cyrillic_is_detected_not_read_as_cp1252() -> None:
    vtt = "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Иван>Привет, как дела? Мы используем таблицы.\n\n" \
          "00:02.000 --> 00:04.000\n<v Анна>Хорошо, спасибо.\n"
    parsed = parse_bytes(vtt.encode("cp1251"), "call.vtt")
    assert parsed.encoding == "cp1251"
    assert [(c.speaker, c.text) for c in parsed.cues][1] == ("Анна", "Хорошо, спасибо.")


def test_western_cp1252_stays_cp1252() -> None:
    text = "Ann: Ça coûte très cher, vraiment?\n\nBob: Oui, déjà trop. Ärger mit Größe.\n"
    parsed = parse_bytes(text.encode("cp1252"), "call.txt")
    assert parsed.encoding == "cp1252" and parsed.cues[0].text == "Ça coûte très cher, vraiment?"


def test_srt_with_dot_milliseconds() -> None:
    srt = b"1\n00:00:01.250 --> 00:00:02.000\nAnn: Hello?\n\n2\n00:00:02.500 --> 00:00:04.000\nBob: Hi.\n"
    interview = interview_of(srt, "call.srt")
    assert [(t.speaker, t.t_start) for t in interview.turns] == [("Ann", 1.25), ("Bob", 2.5)]


def test_unclosed_tags_keep_their_words_and_voices_still_work() -> None:
    vtt = (b"WEBVTT\n\n00:00.000 --> 00:02.000\n<v Ann>Is it <i>slow</i>?\n\n"
           b"00:02.000 --> 00:04.000\n<v Bob>Yes <c.loud very slow\n\n"
           b"00:04.000 --> 00:05.000\n<v Bob>Always, a < b.\n")
    interview = interview_of(vtt, "call.vtt")
    assert [(t.speaker, t.text) for t in interview.turns] == [("Ann", "Is it slow?"),
                                                             ("Bob", "Yes very slow Always, a < b.")]


def test_text_after_a_blank_line_in_a_caption_stays_with_it_but_a_bad_timing_is_refused() -> None:
    vtt = b"WEBVTT\n\n00:00.000 --> 00:02.000\n<v Ann>First part.\n\nsecond part.\n\n00:03.000 --> 00:04.000\n<v Bob>Ok.\n"
    interview = interview_of(vtt, "call.vtt")
    assert interview.turns[0].text == "First part. second part."
    with pytest.raises(ParseError, match="line 3"):
        parse_bytes(b"WEBVTT\n\n00:00.000 --> 00:0x.000\nText\n", "bad.vtt")
    with pytest.raises(ParseError, match="without a cue timing"):
        parse_bytes(b"WEBVTT\n\nNo timing at all here.\n", "bad.vtt")


def test_plain_text_without_any_label_splits_at_its_lines_or_paragraphs() -> None:
    lines = [f"Segment {i} of what was said in the call, and it goes on for a while longer." for i in range(12)]
    whisper_txt = interview_of(("\n".join(lines) + "\n").encode(), "call.txt")
    assert [t.text for t in whisper_txt.turns] == lines
    assert {(t.speaker, t.role.value) for t in whisper_txt.turns} == {("Unknown", "unknown")}
    md = ("# A call\n\n" + "\n\n".join(f"{a}\n{a}" for a in lines[:6])).encode()
    assert len(interview_of(md, "call.md").turns) == 6
    assert parse_bytes(md, "call.md").metadata["title"] == "A call"
    with pytest.raises(ParseError, match="no speaker turns"):
        parse_bytes(b"Eggs, milk and flour.\n\nCall the plumber about the tap.\n", "note.txt")
