"""Stable pseudonyms for participants and companies, applied at import.

The key (real name -> pseudonym) lives in `.synth/pseudonyms.json`, written
atomically under the workspace lock, so the founder can map back and the same
person gets the same pseudonym in every interview.
"""

from __future__ import annotations

import json
import re

from synth import atomic
from synth.errors import UserError
from synth.models import Interview, InterviewMeta, Role
from synth.parsing.turns import TurnSpec, assemble, interview_id, is_generic_speaker
from synth.workspace import Workspace

KEY_FILE = "pseudonyms.json"
PSEUDONYMISED_FILE = "pseudonymised.txt"
"""Stored instead of the original file, which would leak the names."""
# Parts of a name too generic to mask on their own.
_GENERIC = frozenset(
    {"speaker", "mr", "mrs", "ms", "dr", "prof", "the", "inc", "corp", "ltd", "llc", "gmbh", "co", "sa", "ag", "and", "of"}
)


def letters(n: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def load_key(ws: Workspace) -> dict[str, dict[str, str]]:
    path = ws.derived_dir / KEY_FILE
    if not path.exists():
        return {"participants": {}, "companies": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise UserError("pseudonym key is damaged; fix or restore it before importing", path=path) from None
    return {"participants": dict(data.get("participants", {})), "companies": dict(data.get("companies", {}))}


def _assign(table: dict[str, str], name: str, kind: str) -> str:
    if name not in table:
        table[name] = f"{kind} {letters(len(table))}"
    return table[name]


def _replacer(mapping: dict[str, str], flags: int = 0) -> re.Pattern[str] | None:
    if not mapping:
        return None
    alts = sorted(mapping, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(a) for a in alts) + r")(?!\w)", flags)


def _masks(people: dict[str, str], companies: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Full names (matched ignoring case) and distinctive capitalised parts (matched exactly).

    A person is also masked by first or last name alone; a company only by its first word
    (`Acme` for `Acme Corp`), since its other words are often ordinary ones (`Bookkeeping`).
    """
    full = {name.casefold(): pseudo for name, pseudo in {**people, **companies}.items()}
    parts: dict[str, str] = {}
    for table, first_only in ((people, False), (companies, True)):
        for name, pseudo in table.items():
            words = [w for w in re.split(r"[\s.,&]+", name) if w]
            for part in words[:1] if first_only else words:
                if len(part) >= 3 and part[0].isupper() and part.casefold() not in _GENERIC:
                    parts.setdefault(part, pseudo)
    return full, parts


def pseudonymise(ws: Workspace, interview: Interview) -> Interview:
    """The interview with participant and company names replaced everywhere; the key updated."""
    meta = interview.meta
    with ws.locked():
        key = load_key(ws)
        people: dict[str, str] = {}
        for name in [*interview.participants(), *([meta.participant] if meta.participant else [])]:
            if not is_generic_speaker(name):
                people[name] = _assign(key["participants"], name, "Participant")
        companies = {c: _assign(key["companies"], c, "Company") for c in [meta.company] if c}
        atomic.write_text(ws.derived_dir / KEY_FILE, json.dumps(key, indent=2, ensure_ascii=False) + "\n")
    # Every name the key knows is masked, so a participant named in someone else's interview is hidden too.
    full, parts = _masks(key["participants"], key["companies"])
    rx_full = _replacer(full, re.I)
    rx_part = _replacer(parts)

    def mask(text: str) -> str:
        if rx_full is not None:
            text = rx_full.sub(lambda m: full[m.group(1).casefold()], text)
        if rx_part is not None:
            text = rx_part.sub(lambda m: parts[m.group(1)], text)
        return text

    specs = [
        TurnSpec(
            people.get(t.speaker, t.speaker if t.role is Role.interviewer else mask(t.speaker)),
            mask(t.text), t.t_start, t.t_end, t.role,
        )
        for t in interview.turns
    ]
    new_meta = InterviewMeta.model_validate(
        {
            **meta.model_dump(),
            "participant": people.get(meta.participant, mask(meta.participant)),
            "company": companies.get(meta.company, mask(meta.company)),
            "title": mask(meta.title),
            "extra": {k: mask(v) for k, v in meta.extra.items()},
            "pseudonymised": True,
            "source_file": PSEUDONYMISED_FILE,
        }
    )
    return assemble(interview_id(new_meta, meta.content_hash or interview.id[-6:]), new_meta, specs)
