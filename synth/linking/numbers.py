"""Numbers as people say them: "1,500", "1.5k", "two and a half thousand", "seven or eight", "a couple",
"fifty-odd", "two to three hundred". synth.linking.quantities reads amounts of time, money and things with them."""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "couple": 2, "three": 3, "few": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "dozen": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "several": 4,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "grand": 1_000, "k": 1_000, "million": 1_000_000, "m": 1_000_000}
_NUMWORD = "|".join(sorted(_UNITS, key=len, reverse=True))
_TAILWORD = "|".join(sorted((w for w in _UNITS if w not in ("a", "an", "single", "couple", "few", "several", "dozen",
                                                             "zero")), key=len, reverse=True))
# "two hundred and thirty", "a hundred ten": one number (read alone, "thirty clients" would be 30).
# "hundred and fifty a month" said without its "a" is the same number.
_COMPOUND = (r"(?:(?:" + _NUMWORD + r")\s+|\b)(?:hundred|thousand)(?:\s+and)?\s+(?:" + _TAILWORD + r")(?:[\s-](?:"
             + _TAILWORD + r"))?\b")
_NUM = (
    r"(?:" + _COMPOUND + r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:" + _NUMWORD + r")(?:[\s-](?:" + _NUMWORD
    + r"))?)"
    r"(?:\s+and\s+(?:a\s+)?half)?"
    r"(?:\s*(?:hundred|thousand|grand|million|k|m)\b)?"
    r"(?:\s+and\s+(?:a\s+)?half)?"
    r"(?:-(?:odd|ish)\b|\s+and\s+(?:something|odd)\b)?"  # "three hundred and something quid"
)


_TENS_UNIT = re.compile(r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(one|two|three|four|five|six|seven|eight|nine)\b")


def number(text: str) -> float | None:
    """'1,500' 1500; '1.5k' 1500; 'two and a half thousand' 2500; 'seven or eight' 7.5; 'an hour' 1."""
    t = re.sub(r"\s+and\s+(?:something|odd)$", "", text.lower().strip().replace("–", "-"))
    t = _TENS_UNIT.sub(r"\1 \2", t)  # "thirty-two" is one number, not the range thirty to two
    parts = [p for p in re.split(r"\s*(?:-|\bto\b|\bor\b)\s*", t) if p.strip()]
    scale = re.search(r"\s(hundred|thousand|grand|million)$|\d\s*(k|m)$", parts[-1]) if len(parts) == 2 else None
    if scale and re.fullmatch(r"[\d.,]+|[a-z]+", parts[0]) and not re.search(r"hundred|thousand|grand|million",
                                                                              parts[0]):
        # "two to three hundred" is 200 to 300, "2-3k" 2,000 to 3,000: the scale said once covers both ends.
        head = _one_number(parts[0])
        tail = _one_number(re.sub(r"\s*(?:hundred|thousand|grand|million|k|m)$", "", parts[-1]))
        if head is not None and tail is not None and head < tail:
            parts[0] = f"{parts[0]} {scale.group(1) or scale.group(2)}"
    vals = [v for v in (_one_number(p) for p in parts) if v is not None]
    if not vals:
        return None
    return sum(vals) / len(vals)


def _one_number(t: str) -> float | None:
    t = re.sub(r"^an?\s+(?=(?:couple|few|dozen)\b)", "", t.strip())  # "a couple" is two, not one and two
    t = re.sub(r"[\s-](?:odd|ish)$", "", t)  # "fifty-odd", "forty-ish": about that many
    t = re.sub(r"^(?=(?:hundred|thousand)\s+and\s)", "one ", t)  # "hundred and fifty"
    compound = re.fullmatch(r"(.+?)\s+(hundred|thousand)(?:\s+and)?\s+([a-z][a-z\s-]*)", t)
    if compound and not re.search(r"\b(?:and\s+(?:a\s+)?)?half$", t):
        head, tail = _one_number(compound.group(1)), _one_number(compound.group(3))
        if head is not None and tail is not None:
            return head * _SCALES[compound.group(2)] + tail
    half = bool(re.search(r"and\s+(?:a\s+)?half", t))
    t = re.sub(r"\s*and\s+(?:a\s+)?half", "", t)
    scale = 1.0
    m = re.search(r"\s*(hundred|thousand|grand|million|k|m)$", t)
    if m:
        scale = _SCALES[m.group(1)]
        t = t[: m.start()].strip()
    value: float | None
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", t):
        value = float(t.replace(",", ""))
    else:
        words = [w for w in re.split(r"[\s-]+", t) if w]
        if not words or any(w not in _UNITS for w in words):
            return None
        value = float(sum(_UNITS[w] for w in words))
    if half:
        value += 0.5
    return value * scale
