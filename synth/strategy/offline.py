"""The offline drafter: claims assembled from the evidence, in sentences from `prompts/draft_templates.yaml`.

Every sentence built from evidence becomes a `Claim` citing the insights it
rests on (through the same validation as an LLM's claims); lines that state
no evidence (a hypothesis with none yet) are plain text.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from synth.errors import ConfigError
from synth.models import Claim, HypothesisStatus, Insight, Stance
from synth.strategy.citations import validate_claims
from synth.strategy.facts import Facts

Entry = Claim | str
TEMPLATES_FILE = "draft_templates.yaml"


@lru_cache(maxsize=2)
def templates(path: Path | None = None) -> dict[str, Any]:
    import prompts

    path = path or Path(prompts.__file__).parent / TEMPLATES_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"draft templates unreadable: {exc}", path=path) from None
    if not isinstance(data, dict):
        raise ConfigError("draft templates must be a mapping", path=path)
    return data


def short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "\u2026"


class Drafter:
    def __init__(self, facts: Facts) -> None:
        self.f = facts
        self.t = templates()
        self.dropped: list[str] = []

    def claim(self, section: str, text: str, insights: list[Insight]) -> Claim | None:
        kept, problems = validate_claims(
            [{"section": section, "text": text, "insight_ids": [i.id for i in insights]}], self.f.insights
        )
        self.dropped += problems
        if not kept:
            return None
        claim = kept[0]
        # The citation names the interview's participant, as the rest of Synth does.
        cites = [c.model_copy(update={"participant": self.f.who(self.f.insights[c.insight_id])}) for c in claim.citations]
        return claim.model_copy(update={"citations": cites})

    def entries(self) -> dict[str, list[Entry]]:
        out: dict[str, list[Entry]] = {
            "Customer and problem": self.customer_and_problem(),
            "Hypotheses": self.hypotheses(),
            "What we learned": self.learned(),
            "What changes": self.changes(),
            "Open questions": self.open_questions(),
            "Next experiments": self.experiments(),
        }
        return out

    # --- snapshot sections ---------------------------------------------------

    def customer_and_problem(self) -> list[Entry]:
        t = self.t["customer_and_problem"]
        out: list[Entry] = [
            t["hypothesis"].format(statement=h.statement.rstrip("."), id=h.id, status=h.status.value)
            for h in self.f.hypotheses
            if h.kind.value in ("customer", "problem")
        ]
        for theme in self.f.themes[:3]:
            ids = [i for i in getattr(theme, "insight_ids", []) if i in self.f.insights][:3]
            text = t["theme"].format(label=short(theme.label, 90).rstrip("."), participants=theme.participants,  # type: ignore[attr-defined]
                                     insights=len(theme.insight_ids))  # type: ignore[attr-defined]
            c = self.claim("Customer and problem", text, [self.f.insights[i] for i in ids])
            if c:
                out.append(c)
        return out

    def hypotheses(self) -> list[Entry]:
        t = self.t["hypotheses"]
        out: list[Entry] = []
        for h in self.f.hypotheses:
            e: Any = self.f.evidence.get(h.id)
            fields = {"id": h.id, "kind": h.kind.value, "status": h.status.value, "statement": h.statement.rstrip(".")}
            quotes = [*(e.top_supporting if e else []), *(e.top_contradicting if e else [])]
            if not quotes:
                out.append(t["without_evidence"].format(**fields))
                continue
            text = t["with_evidence"].format(
                **fields,
                supporting=e.supporting,
                supporting_participants=e.supporting_participants,
                contradicting=e.contradicting,
                contradicting_participants=e.contradicting_participants,
                suggested=e.suggested_status,
            )
            c = self.claim("Hypotheses", text, [self.f.insights[q.insight_id] for q in quotes if q.insight_id in self.f.insights])
            out.append(c if c else t["without_evidence"].format(**fields))
        return out

    # --- dated sections ----------------------------------------------------

    def learned(self) -> list[Entry]:
        t = self.t["learned"]
        out: list[Entry] = []
        for h in self.f.hypotheses:
            for stance, key in ((Stance.supports, "supports"), (Stance.contradicts, "contradicts")):
                found = sorted(self.f.new.get(h.id, {}).get(stance, []), key=lambda i: (-i.confidence, i.id))
                if not found:
                    continue
                if stance is Stance.contradicts and h.status is HypothesisStatus.supported:
                    key = "contradicts_supported"
                lead = found[0]
                text = t[key].format(n=len(found), id=h.id, short=short(h.statement, 50), participant=self.f.who(lead),
                                     quote=short(lead.quotes[0].text, 140))
                c = self.claim("What we learned", text, found[:3])
                if c:
                    out.append(c)
        new_ids = {i.id for i in self.f.new_insights}
        for s in self.f.surprises:
            # Evidence against a supported hypothesis is already said above; here, what no hypothesis predicted.
            if s.reason != "recurring":  # type: ignore[attr-defined]
                continue
            ids = [i for i in s.insight_ids if i in new_ids]  # type: ignore[attr-defined]
            if not ids:
                continue
            text = t["surprise_recurring"].format(summary=short(s.summary, 120).rstrip("."), participants=s.participants)  # type: ignore[attr-defined]
            c = self.claim("What we learned", text, [self.f.insights[i] for i in ids[:3]])
            if c:
                out.append(c)
        return out

    def _moved(self) -> list[str]:
        """Hypotheses with new evidence since the last draft (all with evidence on a first draft)."""
        return [h.id for h in self.f.hypotheses if any(self.f.new.get(h.id, {}).values())]

    def changes(self) -> list[Entry]:
        t = self.t["changes"]
        out: list[Entry] = []
        moved = set(self._moved())
        for h in self.f.hypotheses:
            e: Any = self.f.evidence.get(h.id)
            if e is None or h.id not in moved or e.suggested_status in ("untested", h.status.value):
                continue
            side = e.top_contradicting if e.suggested_status == "refuted" else e.top_supporting + e.top_contradicting
            text = t[e.suggested_status].format(id=h.id, status=h.status.value, rule=e.rule)
            c = self.claim("What changes", text, [self.f.insights[q.insight_id] for q in side if q.insight_id in self.f.insights])
            if c:
                out.append(c)
        return out

    def open_questions(self) -> list[Entry]:
        t = self.t["open_questions"]
        out: list[Entry] = []
        moved = set(self._moved())
        for h in self.f.hypotheses:
            e: Any = self.f.evidence.get(h.id)
            if e is None:
                continue
            if e.suggested_status == "untested" and h.status is HypothesisStatus.open and self.f.since is None:
                out.append(t["untested"].format(id=h.id, statement=h.statement.rstrip(".")))
            elif e.suggested_status == "inconclusive" and h.id in moved and e.top_supporting and e.top_contradicting:
                text = t["inconclusive"].format(id=h.id, p_for=e.supporting_participants, p_against=e.contradicting_participants)
                quotes = [*e.top_supporting[:1], *e.top_contradicting[:1]]
                c = self.claim("Open questions", text, [self.f.insights[q.insight_id] for q in quotes if q.insight_id in self.f.insights])
                if c:
                    out.append(c)
        return out

    def experiments(self) -> list[Entry]:
        t = self.t["experiments"]
        out: list[Entry] = []
        moved = set(self._moved())
        for h in self.f.hypotheses:
            e: Any = self.f.evidence.get(h.id)
            if e is None or (h.id not in moved and not (self.f.since is None and e.suggested_status == "untested")):
                continue
            key = e.suggested_status if e.suggested_status in t else "untested"
            text = t[key].format(id=h.id, falsified_if=(h.falsified_if.strip().rstrip(".") + ".") if h.falsified_if.strip()
                                 else t["default_falsified_if"])
            quotes = [*e.top_supporting[:1], *e.top_contradicting[:1]]
            if not quotes:
                out.append(text)
                continue
            c = self.claim("Next experiments", text, [self.f.insights[q.insight_id] for q in quotes if q.insight_id in self.f.insights])
            if c:
                out.append(c)
        return out


def offline_entries(facts: Facts) -> tuple[dict[str, list[Entry]], list[str]]:
    d = Drafter(facts)
    return d.entries(), d.dropped
