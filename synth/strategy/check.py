"""Checking a draft's claims against what they cite: every number recomputable, every citation on topic.

Each offline sentence comes from a template in `prompts/draft_templates.yaml`;
the template tells what its numbers mean, so a claim is matched back to its
template and re-derived: "N participant(s) gave new evidence for H2" must cite
N distinct participants, each with a counted supporting link to H2; the
Hypotheses line's counts must equal the evidence summary for that hypothesis;
a recommended status change must be what the verdict rule recommends. Every
claim, whatever its wording, must cite only customer evidence, and any
"heard from N participants" must cite N people.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from synth.models import Claim, Stance
from synth.strategy.facts import Facts

_NUMBER_WORDS = r"\d+"


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(template key, regex with one named group per field) for every offline template."""
    from synth.strategy.offline import templates

    out: list[tuple[str, re.Pattern[str]]] = []

    def walk(prefix: str, node: Any) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(f"{prefix}.{k}" if prefix else str(k), v)
        elif isinstance(node, str) and "{" in node:
            parts = re.split(r"\{(\w+)\}", node.rstrip(".?"))
            rx = ""
            seen: set[str] = set()
            for n, part in enumerate(parts):
                if n % 2 == 0:
                    rx += re.escape(part)
                elif part in seen:
                    rx += f"(?P={part})"
                else:
                    seen.add(part)
                    rx += f"(?P<{part}>.*?)"
            out.append((prefix, re.compile(rf"^{rx}[.?]?$", re.S)))

    walk("", templates())
    return tuple(out)


def template_of(text: str) -> tuple[str, dict[str, str]]:
    """The template a claim's text was written from and its fields; ("", {}) when none matches."""
    for key, rx in _patterns():
        m = rx.match(text.strip())
        if m:
            return key, m.groupdict()
    return "", {}


_HEARD = re.compile(r"\b(?:heard from|from|said by)\s+(\d+)\s+participants?\b", re.I)


def check_claim(claim: Claim, facts: Facts) -> list[str]:
    """Everything wrong with one claim (empty when what it says is what it cites)."""
    from synth.strategy.eligible import not_evidence

    problems: list[str] = []
    cited = [facts.insights.get(c.insight_id) for c in claim.citations]
    people = {facts.person(i) for i in cited if i is not None}
    for c, ins in zip(claim.citations, cited, strict=True):
        if ins is None:
            problems.append(f"cites {c.insight_id}, which is not customer evidence")
        elif why := not_evidence(ins, facts.roles.get(ins.interview_id, {})):
            problems.append(f"cites {c.insight_id}: {why}")
    for m in _HEARD.finditer(claim.text):
        if int(m.group(1)) != len(people):
            problems.append(f"says {m.group(0)!r} but cites {len(people)} participant(s)")
    key, f = template_of(claim.text)
    hid = f.get("id", "")
    e: Any = facts.evidence.get(hid)

    def on_side(stances: tuple[Stance, ...]) -> None:
        for c in claim.citations:
            st = facts.stance_on(c.insight_id, hid)
            if st not in stances:
                problems.append(f"cites {c.insight_id}, which is not counted {'/'.join(s.value for s in stances)} "
                                f"evidence for {hid} (its stance: {st.value if st else 'none'})")

    if key.startswith("learned.") and key != "learned.surprise_recurring":
        stance = Stance.supports if key == "learned.supports" else Stance.contradicts
        on_side((stance,))
        if int(f["n"]) != len(people):
            problems.append(f"says {f['n']} participant(s) but cites {len(people)}")
        # The quote shown is the strongest cited evidence for this claim.
        strongest = max((c for c in claim.citations), key=lambda c: facts.strength(c.insight_id, hid))
        if facts.strength(strongest.insight_id, hid) > facts.strength(claim.citations[0].insight_id, hid):
            problems.append(f"shows {claim.citations[0].insight_id}'s quote, but {strongest.insight_id} is stronger")
        lead = facts.insights.get(claim.citations[0].insight_id)
        if lead is not None and f["quote"].rstrip("\u2026") not in lead.passage:
            problems.append("the quote shown is not the first cited insight's words")
    elif key == "learned.surprise_recurring":
        linked = [c.insight_id for c in claim.citations for h in facts.hypotheses if facts.stance_on(c.insight_id, h.id)]
        if linked:
            problems.append(f"says no hypothesis predicted it, but {linked[0]} is evidence on one")
    elif key == "hypotheses.with_evidence":
        on_side((Stance.supports, Stance.contradicts))
        if e is None:
            problems.append(f"no evidence summary for {hid}")
        else:
            for name in ("supporting", "contradicting", "supporting_participants", "contradicting_participants"):
                if int(f[name]) != int(getattr(e, name)):
                    problems.append(f"says {name} {f[name]}, the evidence summary says {getattr(e, name)}")
            if f["suggested"] != e.suggested_status:
                problems.append(f"says suggested {f['suggested']}, the summary says {e.suggested_status}")
    elif key.startswith("changes."):
        from synth.strategy.offline import SIDES, recommends_change

        status = key.split(".", 1)[1]
        h = next((x for x in facts.hypotheses if x.id == hid), None)
        if e is None or h is None or e.suggested_status != status or not recommends_change(e, h.status.value):
            problems.append(f"recommends {status} for {hid}, which the verdict rule does not")
        on_side(SIDES[status])
    elif key == "open_questions.inconclusive":
        on_side((Stance.supports, Stance.contradicts))
        if e is not None and (int(f["p_for"]), int(f["p_against"])) != (e.supporting_participants,
                                                                         e.contradicting_participants):
            problems.append("participant counts differ from the evidence summary")
    elif key.startswith("experiments."):
        from synth.strategy.offline import SIDES

        on_side(SIDES.get(key.split(".", 1)[1], SIDES["untested"]))
    elif key == "customer_and_problem.theme" and int(f["participants"]) != len(people):
        problems.append(f"says {f['participants']} participants but cites {len(people)}")
    return problems


def check_claims(claims: list[Claim], facts: Facts) -> list[str]:
    """Every problem of every claim, each prefixed with the claim's first words."""
    return [f"{c.section}: {c.text[:70]!r}: {p}" for c in claims for p in check_claim(c, facts)]
