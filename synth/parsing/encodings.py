"""Bytes to text: BOMs, UTF-16, the cp1252/Latin-1 fallback, line endings, binary refusal."""

from __future__ import annotations

import codecs

from synth.errors import ParseError

_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

# Magic numbers of files people drop into a transcripts folder by mistake.
_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF", "a PDF; export the transcript as text, VTT, SRT or DOCX"),
    (b"PK\x03\x04", "a zip archive"),
    (b"\x89PNG", "an image"),
    (b"\xff\xd8\xff", "an image"),
    (b"GIF8", "an image"),
    (b"ID3", "an audio file; transcribe it first"),
    (b"OggS", "an audio file; transcribe it first"),
    (b"fLaC", "an audio file; transcribe it first"),
    (b"RIFF", "an audio or video file; transcribe it first"),
    (b"\x1aE\xdf\xa3", "a video file; transcribe it first"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Office file; save it as .docx or text"),
]


def sniff_binary(data: bytes) -> str | None:
    """A reason the bytes are not text, or None."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    if len(data) > 8 and data[4:8] in (b"ftyp", b"moov"):
        return "an audio or video file; transcribe it first"
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Return (text with `\\n` line endings, encoding name); raise ParseError on binary data."""
    encoding = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            break
    if encoding is None:
        encoding = _utf16_without_bom(data[:4096])
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise ParseError(f"not valid {encoding.upper()} text") from None
    else:
        if b"\x00" in data[:8192]:
            raise ParseError("a binary file, not a transcript")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _decode_legacy(data)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding


# Multi-byte legacy encodings a detector tells apart reliably; for single-byte text it guesses
# wrong (French cp1252 comes back as cp775), so those always take the cp1252 fallback.
_CJK = frozenset({"gb18030", "gb2312", "gbk", "big5", "big5hkscs", "shift_jis", "cp932", "euc_jp", "euc_kr", "cp949"})


def _decode_legacy(data: bytes) -> tuple[str, str]:
    mixed = _mostly_utf8(data)
    if mixed is not None:
        return mixed, "utf-8+cp1252"
    cjk = _detect_cjk(data)
    if cjk:
        return cjk
    if _looks_cyrillic(data):
        return data.decode("cp1251", errors="replace"), "cp1251"
    # cp1252 covers what Windows tools write; the five bytes it leaves undefined fall back to Latin-1.
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _looks_cyrillic(data: bytes) -> bool:
    """Windows-1251 Russian, Ukrainian, Bulgarian...: words made wholly of high bytes that cp1251 reads as
    Cyrillic letters. Western cp1252 text has a few accented letters inside ASCII words, never whole words."""
    sample = data[: 1 << 16]
    high = sum(1 for b in sample if b >= 0x80)
    ascii_letters = sum(1 for b in sample if 0x41 <= (b | 0x20) <= 0x7A)
    if high < 8 or high < ascii_letters:
        return False
    text = sample.decode("cp1251", errors="replace")
    non_ascii = [c for c in text if ord(c) >= 0x80]
    cyrillic = sum(1 for c in non_ascii if "\u0400" <= c <= "\u04ff")
    return cyrillic >= 0.85 * len(non_ascii)


def control_ratio(text: str) -> float:
    """Share of control characters (not tab/newline): high means binary that happened to decode."""
    sample = text[:8192]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\t\f\v")
    return bad / len(sample)


def _detect_cjk(data: bytes) -> tuple[str, str] | None:
    try:
        import charset_normalizer
    except ImportError:
        return None
    best = charset_normalizer.from_bytes(data[: 1 << 16]).best()
    if best is None or best.encoding not in _CJK:
        return None
    try:
        return data.decode(best.encoding), best.encoding
    except UnicodeDecodeError:
        return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few lines from a cp1252 editor (pasted notes): decode line by line.

    Only when most lines with non-ASCII bytes are valid UTF-8; a wholly cp1252 file
    would otherwise lose nothing but gain nothing either.
    """
    lines = data.split(b"\n")
    good = bad = 0
    out: list[str] = []
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
            good += not line.isascii()
        except UnicodeDecodeError:
            out.append(line.decode("cp1252", errors="replace"))
            bad += 1
    return "\n".join(out) if good > bad else None
