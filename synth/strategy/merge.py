"""Merging a section the founder edited with the one Synth would write now: no line they wrote is lost.

Three versions of one section: what Synth last wrote there (`written`), what
the file holds now (`current`), and what Synth would write now (`proposed`).
Lines equal in `written` and `current` are Synth's own and take their new
version from `proposed` (matched by hypothesis id for `**H3**` lines, else by
text); lines the founder added or rewrote stay exactly as they are, where they
are; lines of Synth's the founder deleted stay deleted; lines Synth proposes
for the first time go after the line that precedes them in `proposed`.
"""

from __future__ import annotations

import difflib
import re

from synth.strategy.sections import normalise

_HYP_LINE = re.compile(r"^\s*[-*]\s+\*\*(H\d+)\*\*")


def line_key(line: str) -> str:
    m = _HYP_LINE.match(line)
    return f"hyp:{m.group(1)}" if m else " ".join(line.split())


def merge_section(written: str | None, current: str, proposed: str, placeholder: str = "") -> str:
    """The section as it should read: `proposed` where the founder left Synth's text alone, theirs elsewhere."""
    cur = normalise(current)
    if not cur or cur == placeholder:
        return proposed
    if written is not None and cur == normalise(written):
        return proposed  # no hand edit since Synth wrote it
    if written is not None and normalise(proposed) == normalise(written):
        return current  # Synth has nothing new to say: the founder's version stands
    base = [ln for ln in normalise(written or "").splitlines() if ln.strip() and ln.strip() != placeholder]
    ours = [ln for ln in cur.splitlines()]
    theirs = [ln for ln in normalise(proposed).splitlines() if ln.strip() and ln.strip() != placeholder]
    by_key: dict[str, str] = {}
    for ln in theirs:
        by_key.setdefault(line_key(ln), ln)
    out: list[str] = []
    placed: dict[str, int] = {}
    """Key of a proposed line -> its index in `out`."""
    settled: set[str] = set()
    """Keys of Synth's lines the founder kept, rewrote or deleted: proposed versions already decided."""
    norm = [" ".join(b.split()) for b in base]
    matcher = difflib.SequenceMatcher(None, norm, [" ".join(o.split()) for o in ours], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for j in range(j1, j2):
                key = line_key(ours[j])
                settled.add(key)
                new = by_key.get(key)
                if new is not None and key not in placed:
                    placed[key] = len(out)
                    out.append(new)
                elif not ours[j].strip():
                    out.append(ours[j])
            continue
        for b in base[i1:i2]:
            settled.add(line_key(b))  # rewritten or deleted by the founder: their decision stands
        out.extend(ours[j1:j2])
    have = {" ".join(o.split()) for o in out}
    # New lines from Synth: after the proposed line before them that is already in place.
    inserts: dict[int, list[str]] = {}
    anchor = -1
    for ln in theirs:
        key = line_key(ln)
        if key in placed:
            anchor = placed[key]
            continue
        if key in settled or " ".join(ln.split()) in have:
            continue
        inserts.setdefault(anchor, []).append(ln)
    merged: list[str] = list(inserts.get(-1, [])) if placed else []
    for n, ln in enumerate(out):
        merged.append(ln)
        merged.extend(inserts.get(n, []))
    if not placed:
        # Nothing of Synth's is left to anchor on: its new lines follow the founder's text.
        merged += [""] * bool(merged and inserts.get(-1)) + inserts.get(-1, [])
    return "\n".join(merged).strip("\n")
