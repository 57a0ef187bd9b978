"""UTF-8 with and without BOM, UTF-16 LE/BE, cp1252 and Latin-1, CRLF and CR, binary refusal."""

from __future__ import annotations

import codecs

import pytest

from synth.errors import ParseError
from synth.parsing import parse_bytes

from .conftest import interview_of

TEXT = "Dana Founder: Ça va? What’s the naïve plan — café first?\nZoë Brontë: Oui, café. Then invoices.\n"


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),  # no BOM: recognised by its zero bytes
        (TEXT.encode("cp1252"), "cp1252"),
        (TEXT.replace("’", "'").replace("—", "-").encode("latin-1"), "cp1252"),
    ],
)
def test_encodings_decode_to_the_same_turns(encoded: bytes, encoding: str) -> None:
    parsed = parse_bytes(encoded, "call.txt")
    assert parsed.encoding == encoding
    assert [c.speaker for c in parsed.cues] == ["Dana Founder", "Zoë Brontë"]
    assert "café" in parsed.cues[0].text and "\ufeff" not in parsed.cues[0].text
    assert parsed.cues[1].text == "Oui, café. Then invoices."


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings(newline: str) -> None:
    vtt = "WEBVTT\n\n00:00.000 --> 00:01.000\n<v Ann>Hi there?\n\n00:01.000 --> 00:02.000\n<v Bob>Hello.\n"
    interview = interview_of(vtt.replace("\n", newline).encode(), "x.vtt")
    assert [(t.speaker, t.text) for t in interview.turns] == [("Ann", "Hi there?"), ("Bob", "Hello.")]
    assert "\r" not in interview.text


def test_utf16_vtt_with_bom() -> None:
    vtt = "WEBVTT\n\n00:00.000 --> 00:01.000\n<v Ann>Grüße aus Köln\n"
    parsed = parse_bytes(codecs.BOM_UTF16_LE + vtt.encode("utf-16-le"), "x.vtt")
    assert parsed.cues[0].text == "Grüße aus Köln"


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"", "empty"),
        (b"   \n\n\t", "empty"),
        (bytes(range(256)) * 8, "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image"),
        (b"ID3\x04\x00\x00\x00\x00\x00", "audio"),
        (b"PK\x03\x04\x14\x00\x00\x00garbage", "zip"),
    ],
)
def test_non_text_is_refused_with_a_reason(data: bytes, needle: str) -> None:
    with pytest.raises(ParseError, match=needle):
        parse_bytes(data, "file.txt")


def test_a_docx_name_on_plain_text_is_refused() -> None:
    with pytest.raises(ParseError, match="not a Word document"):
        parse_bytes(b"\x00\x01\x02 garbage", "notes.docx")


def test_cjk_legacy_encoding_is_detected() -> None:
    text = "1\n00:00:01,000 --> 00:00:03,000\n宇宙守护神 保护我们远离邪恶\n\n2\n00:00:04,000 --> 00:00:06,000\n我们明天见\n"
    parsed = parse_bytes(text.encode("gb18030"), "zh.srt")
    assert parsed.encoding == "gb18030"
    assert parsed.cues[0].text == "宇宙守护神 保护我们远离邪恶"


def test_utf8_file_with_a_pasted_cp1252_line() -> None:
    data = "Ann Lee: Grüße, café?\nBo Chen: Ça va.\n".encode() + "Ann Lee: naïve – right?\n".encode("cp1252")
    data += "Bo Chen: Jawohl, München.\n".encode()
    parsed = parse_bytes(data, "mixed.txt")
    assert parsed.encoding == "utf-8+cp1252"
    assert [c.text for c in parsed.cues] == ["Grüße, café?", "Ça va.", "naïve – right?", "Jawohl, München."]
