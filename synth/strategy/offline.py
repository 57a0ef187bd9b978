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


def recommends_change(e: Any, status: str) -> bool:
    """Whether the verdict rule recommends a status change (not a mere lack of evidence)."""
    suggested = str(e.suggested_status)
    if suggested in ("untested", status):
        return False
    return not str(e.rule).lower().startswith("not enough evidence")


# Which side of a hypothesis a status claim rests on: a claim about support cites support only.
SIDES: dict[str, tuple[Stance, ...]] = {
    "supported": (Stance.supports,),
    "refuted": (Stance.contradicts,),
    "inconclusive": (Stance.supports, Stance.contradicts),
    "untested": (Stance.supports, Stance.contradicts),
}


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

    # --- choosing what to cite ---------------------------------------------------

    def one_per_person(self, insights: list[Insight], key: Any = None) -> list[Insight]:
        """The first insight (in `key` order, else as given) of each distinct participant."""
        ranked = sorted(insights, key=key) if key is not None else list(insights)
        seen: set[str] = set()
        out: list[Insight] = []
        for ins in ranked:
            who = self.f.person(ins)
            if who not in seen and ins.id in self.f.insights:
                seen.add(who)
                out.append(ins)
        return out

    def side(self, hid: str, stances: tuple[Stance, ...], limit: int = 3) -> list[Insight]:
        """The summary's strongest quotes on these sides, kept only if still counted evidence that way."""
        e: Any = self.f.evidence.get(hid)
        if e is None:
            return []
        out: list[Insight] = []
        for stance in stances:
            quotes = e.top_supporting if stance is Stance.supports else e.top_contradicting
            picked = [self.f.insights[q.insight_id] for q in quotes
                      if q.insight_id in self.f.insights and self.f.stance_on(q.insight_id, hid) is stance]
            out += self.one_per_person(picked)[:limit]
        return out

    # --- snapshot sections ---------------------------------------------------

    def customer_and_problem(self) -> list[Entry]:
        t = self.t["customer_and_problem"]
        out: list[Entry] = [
            t["hypothesis"].format(statement=h.statement.rstrip("."), id=h.id, status=h.status.value)
            for h in self.f.hypotheses
            if h.kind.value in ("customer", "problem")
        ]
        shown = 0
        for theme in self.f.themes:
            if shown == 3:
                break
            members = [self.f.insights[i] for i in theme.insight_ids if i in self.f.insights]
            # Every participant the claim counts is cited, once, by their most central quote.
            central = {q.insight_id: n for n, q in enumerate(getattr(theme, "quotes", []))}
            cited = self.one_per_person(members, key=lambda i: (central.get(i.id, len(central)), i.id))
            if len(cited) < 2 or not theme.label:
                continue
            text = t["theme"].format(label=short(theme.label, 90).rstrip("."), participants=len(cited))
            c = self.claim("Customer and problem", text, cited)
            if c:
                out.append(c)
                shown += 1
        return out

    def hypotheses(self) -> list[Entry]:
        t = self.t["hypotheses"]
        out: list[Entry] = []
        for h in self.f.hypotheses:
            e: Any = self.f.evidence.get(h.id)
            fields = {"id": h.id, "kind": h.kind.value, "status": h.status.value, "statement": h.statement.rstrip(".")}
            cited = self.side(h.id, (Stance.supports, Stance.contradicts))
            if e is None or not cited:
                out.append(t["without_evidence"].format(**fields))
                continue
            both = [p for p in e.participants_mixed if p not in e.participants_for and p not in e.participants_against]
            text = t["with_evidence"].format(
                **fields,
                supporting=e.supporting,
                supporting_participants=e.supporting_participants,
                contradicting=e.contradicting,
                contradicting_participants=e.contradicting_participants,
                split=t["split"].format(n=len(both)) if both else "",
                suggested=e.suggested_status,
            )
            c = self.claim("Hypotheses", text, cited)
            out.append(c if c else t["without_evidence"].format(**fields))
        return out

    # --- dated sections ----------------------------------------------------

    def learned(self) -> list[Entry]:
        t = self.t["learned"]
        out: list[Entry] = []
        for h in self.f.hypotheses:
            for stance, key in ((Stance.supports, "supports"), (Stance.contradicts, "contradicts")):
                # Only participants counted on this side (each leans one way, as in the hypothesis line above):
                # otherwise "4 gave new evidence for H5" could stand under "Evidence: 1 participant(s) for".
                e: Any = self.f.evidence.get(h.id)
                leaning = set((e.participants_for if stance is Stance.supports else e.participants_against)
                              if e is not None else ())
                pairs = [(ins, lk) for ins, lk in self.f.new.get(h.id, {}).get(stance, []) if self.f.person(ins) in leaning]
                if not pairs:
                    continue
                if stance is Stance.contradicts and h.status is HypothesisStatus.supported:
                    key = "contradicts_supported"
                # One citation per participant (their strongest), strongest first: the quote shown is the first.
                cited = self.one_per_person(
                    [ins for ins, _ in pairs], key=lambda i: (-self.f.strength(i.id, h.id), -i.confidence, i.id)
                )
                if not cited:
                    continue
                lead = cited[0]
                text = t[key].format(n=len(cited), id=h.id, short=short(h.statement, 50), participant=self.f.who(lead),
                                     quote=short(lead.passage, 140))
                c = self.claim("What we learned", text, cited)
                if c:
                    out.append(c)
        out += self.recurring_surprises()
        return out

    def recurring_surprises(self) -> list[Entry]:
        """What no hypothesis predicted, said by several participants since the last draft, named by its keyphrases."""
        from synth.theme_labels import PhraseIndex, label_from, name_words
        from synth.themes import insight_text

        t = self.t["learned"]
        out: list[Entry] = []
        new_ids = {i.id for i in self.f.new_insights}
        corpus = PhraseIndex.build(self.f.corpus_texts) if self.f.surprises else None
        for s in self.f.surprises:
            # Evidence against a supported hypothesis is already said above; here, what no hypothesis predicted.
            if s.reason != "recurring":
                continue
            members = [self.f.insights[i] for i in s.insight_ids if i in self.f.insights]
            if any(self.f.stance_on(m.id, h.id) is not None for m in members for h in self.f.hypotheses):
                continue
            cited = self.one_per_person([m for m in members if m.id in new_ids], key=lambda i: i.id)
            if len(cited) < 2:
                continue
            people = name_words([*self.f.participants.values(), *(m.participant for m in members)])
            label, _ = label_from([insight_text(m) for m in members], corpus, people)
            if not label:
                continue
            text = t["surprise_recurring"].format(label=short(label, 90).rstrip("."), participants=len(cited))
            c = self.claim("What we learned", text, cited)
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
            if e is None or h.id not in moved or not recommends_change(e, h.status.value):
                continue
            if e.suggested_status not in t:
                continue
            text = t[e.suggested_status].format(id=h.id, status=h.status.value, rule=e.rule)
            c = self.claim("What changes", text, self.side(h.id, SIDES.get(e.suggested_status, SIDES["untested"])))
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
            elif (e.suggested_status == "inconclusive" and h.id in moved and e.supporting_participants
                  and e.contradicting_participants):
                cited = self.side(h.id, (Stance.supports,), 1) + self.side(h.id, (Stance.contradicts,), 1)
                if len(cited) < 2:
                    continue
                text = t["inconclusive"].format(id=h.id, p_for=e.supporting_participants, p_against=e.contradicting_participants)
                c = self.claim("Open questions", text, cited)
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
            key = e.suggested_status if recommends_change(e, "") and e.suggested_status in t else "untested"
            if key == "untested" and e.suggested_status == "inconclusive" and e.supporting_participants \
                    and e.contradicting_participants:
                key = "inconclusive"
            text = t[key].format(id=h.id, falsified_if=(h.falsified_if.strip().rstrip(".") + ".") if h.falsified_if.strip()
                                 else t["default_falsified_if"])
            sides = SIDES.get(key, SIDES["untested"])
            cited = [i for st in sides for i in self.side(h.id, (st,), 1)]
            if not cited:
                out.append(text)
                continue
            c = self.claim("Next experiments", text, cited)
            if c:
                out.append(c)
        return out


def offline_entries(facts: Facts) -> tuple[dict[str, list[Entry]], list[str]]:
    d = Drafter(facts)
    return d.entries(), d.dropped
