"""Relevance: does a piece of participant speech bear on a hypothesis at all?

Two signals, either of which can carry a link:
- meaning: cosine similarity to the hypothesis's statement and to each clause
  of its `falsified_if` ("rarely oversell, or keep listings in sync by hand"
  is two things that would falsify it);
- its key terms (synth.linking.terms): words specific to this hypothesis
  among all of them. One shared domain word is not enough.

An answer's opening sentences are also read with the question they answer
(`contexts`): "I don't think I could justify that" is about the price just
asked about. That reading counts slightly less than the answer's own words.

A link needs an absolute relevance (REL_MIN, tuned on corpus/eval/tune only)
and either a specific key term or a high similarity; among hypotheses, only
those close to the best one for that speech are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from synth.linking.quantities import Dim, quantities
from synth.linking.shares import claim_share, compare_shares
from synth.linking.terms import content_stems, key_term_weights, negated_terms, term_score
from synth.linking.thresholds import _PAY_CLAIM, Verdict, _comparable, _segment, names_an_amount
from synth.models import Hypothesis

if TYPE_CHECKING:
    import numpy as np

    from synth.embed import Embedder

REL_MIN = 0.30
"""Relevance (best similarity + key-term bonus) a link needs; below REL_STRONG it is a weak link."""
REL_BASE = 0.36
"""Where a link's relevance share of its confidence starts from zero."""
REL_STRONG = 0.5
"""Relevance at which a link with a clear direction is strong enough to count."""
SEM_HIGH = 0.55
"""Similarity that links without a specific key term."""
TERM_BONUS = 0.08
"""Relevance added per unit of matched key-term weight (capped at TERM_CAP)."""
TERM_CAP = 2.0
QTY_BONUS = 0.08
"""Relevance added when the speech states an amount the hypothesis has a threshold for."""
LIFT_MIN = 0.12
"""Without a key term, speech must be this much closer to one hypothesis than to any other to link to it."""
REL_GAP = 0.08
"""A second hypothesis is linked only when within this of the best one."""
MAX_LINKS = 2


@dataclass(frozen=True)
class Scored:
    hypothesis: int
    relevance: float
    sim_statement: float
    sim_falsified: float
    terms: float
    specific: int
    amount: bool = False
    """The speech states an amount this hypothesis has a threshold for."""


def clauses(text: str) -> list[str]:
    """'A, or B' -> ['A', 'B']: each alternative way a hypothesis could be falsified."""
    parts = [p.strip(" .,;") for p in re.split(r";|,?\s+\bor\b\s+(?=[a-z]+\s)", text) if p.strip(" .,;")]
    return [p for p in parts if len(p.split()) >= 3] or ([text] if text.strip() else [])


def statement_parts(text: str) -> list[str]:
    """'X do Y when Z, without W' -> ['X do Y', 'when Z', 'without W']: parts of five words or more."""
    parts = re.split(r"[,;:()]|\s(?=(?:when|because|without|so that|while|by|instead of|rather than)\s)", text)
    parts = [p.strip(" .") for p in parts if p and p.strip(" .")]
    return [p for p in parts if len(p.split()) >= 5] if len(parts) > 1 else []


def _dismisses(text: str) -> bool:
    """Says something is not a problem, or rarely happens (synth.stance's cues for that)."""
    from synth.stance import DISMISSIVE, RARE, RHETORICAL

    return bool(DISMISSIVE.search(text) or RARE.search(text) or RHETORICAL.search(text))


_NUMBERISH = re.compile(r"\d|\b(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)", re.I)


def _price_reaction(text: str) -> bool:
    from synth.stance import reacts_to_price  # synth.stance imports this module's neighbours: import late

    return reacts_to_price(text)


class Relevance:
    """Scores texts against a fixed list of hypotheses (their embeddings computed once)."""

    def __init__(self, hypotheses: list[Hypothesis], embedder: Embedder) -> None:
        self.hypotheses = hypotheses
        self.embedder = embedder
        self.weights = key_term_weights({h.id: f"{h.statement} {h.falsified_if}" for h in hypotheses})
        # The statement whole and in its parts: falsified_if clauses are short, and a short clause is closer
        # to any one sentence than a long statement is, so the statement is compared part by part too.
        self._sparts = [[h.statement, *statement_parts(h.statement)] for h in hypotheses]
        flat_s = [p for ps in self._sparts for p in ps]
        self._hvec = embedder.embed(flat_s) if flat_s else None
        self._fclauses: list[list[str]] = [clauses(h.falsified_if) for h in hypotheses]
        flat = [c for cs in self._fclauses for c in cs]
        self._fvec = embedder.embed(flat) if flat else None
        self._claims = [[c for c in quantities(f"{h.statement} {h.falsified_if}") if not _segment(c)] for h in hypotheses]
        self._priced = [bool(_PAY_CLAIM.search(h.statement)) for h in hypotheses]
        self._share_claims = [claim_share(h.statement) is not None for h in hypotheses]
        # Closeness to a clause that is only a threshold ("notes take under 2 hours a week") says the topic
        # matches, not the direction: amounts are compared by synth.linking.thresholds instead.
        # Nor does closeness to a clause that affirms what the statement denies ("... without logging into a
        # portal" / "clients happily use their portals"): both are about portals, so closeness is only topic.
        # What the statement offers instead ("... instead of paying at the desk") stays directional: "most keep
        # paying at the counter" is the falsifier's very point.
        denied = [set(negated_terms(h.statement, set(content_stems(h.statement)), commas=False, alternatives=False))
                  for h in hypotheses]
        self._directional = [
            [not quantities(c) and not (set(content_stems(c)) & denied[n]) for c in cs]
            for n, cs in enumerate(self._fclauses)
        ]

    def similarities(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Similarity to each statement, best to any falsified_if clause, best to a clause that is not just a
        threshold: (n_texts, n_hyps) each."""
        import numpy as np

        vecs = self.embedder.embed(texts)
        assert self._hvec is not None
        all_s = vecs @ self._hvec.T
        s_sim = np.zeros((len(texts), len(self.hypotheses)), dtype=all_s.dtype)
        col = 0
        for c, ps in enumerate(self._sparts):
            s_sim[:, c] = all_s[:, col : col + len(ps)].max(axis=1)
            col += len(ps)
        f_sim = np.zeros_like(s_sim)
        d_sim = np.zeros_like(s_sim)
        if self._fvec is not None:
            all_f = vecs @ self._fvec.T
            col = 0
            for c, cs in enumerate(self._fclauses):
                if cs:
                    block = all_f[:, col : col + len(cs)]
                    f_sim[:, c] = block.max(axis=1)
                    keep = [k for k, d in enumerate(self._directional[c]) if d]
                    if keep:
                        d_sim[:, c] = block[:, keep].max(axis=1)
                    col += len(cs)
        return s_sim, f_sim, d_sim

    def score(self, texts: list[str], contexts: list[str] | None = None) -> list[list[Scored]]:
        """Per text, every hypothesis it is relevant enough to link to, best first.

        `contexts` (one per text, "" for none) is the question each answer was given to: a careful reader
        reads "I don't think I could justify that" as an answer about the price the question named.
        """
        own_rows = self.rows(texts)
        rows = list(own_rows)
        if contexts and any(contexts):
            from synth.linking.answers import resolve

            # A short answer the question gives a meaning ("Sixty, maybe?" to "is there a number that would feel
            # okay?") is read as what it means, and its amount bears on a price as if said in full.
            meant = [resolve(t, c) if c else "" for c, t in zip(contexts, texts, strict=True)]
            with_q = [f"{c} {m + '. ' if m else ''}{t}" if c else "" for c, t, m in zip(contexts, texts, meant,
                                                                                       strict=True)]
            idx = [n for n, w in enumerate(with_q) if w]
            ctx_rows = self.rows([with_q[n] for n in idx])
            for n, crow in zip(idx, ctx_rows, strict=True):
                rows[n] = [_with_context(own, ctx, amount=bool(meant[n])) for own, ctx in zip(rows[n], crow, strict=True)]
        out = []
        for row, own in zip(rows, own_rows, strict=True):
            picks = self.pick(row)
            if row is not own:
                # The question can add a hypothesis, never take away one the answer's own words bear on: a leading
                # question that names every hypothesis must not crowd out "per van doesn't really work for me".
                kept = {s.hypothesis for s in picks}
                picks += [row[s.hypothesis] for s in self.pick(own) if s.hypothesis not in kept]
                picks = sorted(picks, key=lambda s: (-s.relevance, s.hypothesis))[: MAX_LINKS + 1]
            out.append(picks)
        return out

    def rows(self, texts: list[str]) -> list[list[Scored]]:
        """Per text, its score against every hypothesis (before `pick`)."""
        if not texts or not self.hypotheses:
            return [[] for _ in texts]
        s_sim, f_sim, d_sim = self.similarities(texts)
        out: list[list[Scored]] = []
        for r, text in enumerate(texts):
            said = quantities(text)
            # A price someone would pay or refuses is no cost or loss ("twenty-five bucks a month I wouldn't have
            # to think about, but sixty, no" says nothing about what reprints cost).
            priced_said = [q for q in said if q.dim is not Dim.money] if _price_reaction(text) else said
            dismisses = _dismisses(text)
            row: list[Scored] = []
            for c, h in enumerate(self.hypotheses):
                terms, specific = term_score(text, self.weights[h.id])
                sem = float(max(s_sim[r, c], f_sim[r, c]))
                rel = sem + TERM_BONUS * min(terms, TERM_CAP)
                spoken = said if self._priced[c] else priced_said
                amount = any(_comparable(claim, q) for claim in self._claims[c] for q in spoken) or (
                    self._share_claims[c] and compare_shares(text, h.statement)[0] is not Verdict.none) or (
                    # A price said without a currency or a period ("fifty dollars, maybe sixty at a push") is read
                    # in the hypothesis's own terms by synth.linking.thresholds: it bears on the price too.
                    self._priced[c] and _NUMBERISH.search(text) is not None
                    and names_an_amount(text, h.statement, h.falsified_if))
                if amount:
                    rel += QTY_BONUS
                    specific += 1  # an amount it has a threshold for is as specific as a key term
                elif terms > 0 and dismisses:
                    specific += 1  # "inventory is not really a problem for me": a verdict on one of its terms
                row.append(Scored(c, round(rel, 4), float(s_sim[r, c]), float(d_sim[r, c]), terms, specific, amount))
            out.append(row)
        return out

    @staticmethod
    def pick(row: list[Scored]) -> list[Scored]:
        def lift(s: Scored) -> float:
            others = [o.relevance for o in row if o is not s]
            return s.relevance - max(others) if others else LIFT_MIN

        ok = [
            s for s in row
            if s.relevance >= REL_MIN and (s.specific >= 1 or s.relevance - TERM_BONUS * min(s.terms, TERM_CAP) >= SEM_HIGH
                                           or lift(s) >= LIFT_MIN)
        ]
        if not ok:
            return []
        ok.sort(key=lambda s: (-s.relevance, s.hypothesis))
        best = ok[0].relevance
        # An amount measured against a hypothesis's own threshold bears on it however close the others are.
        return [s for s in ok if s.relevance >= best - REL_GAP or s.amount][: MAX_LINKS + 1]


CONTEXT_DISCOUNT = 0.04
"""Relevance read with the question counts this much less than the answer's own."""


def _with_context(own: Scored, ctx: Scored, *, amount: bool = False) -> Scored:
    """The answer's score, raised to its question-and-answer score (discounted) when that is higher; with
    `amount`, the answer was resolved against its question, and an amount that reading states counts as its own."""
    rel = ctx.relevance - CONTEXT_DISCOUNT
    said = own.amount or (amount and ctx.amount)
    if rel <= own.relevance:
        return own if said == own.amount else Scored(own.hypothesis, own.relevance, own.sim_statement,
                                                     own.sim_falsified, own.terms, max(own.specific, ctx.specific), said)
    return Scored(own.hypothesis, round(rel, 4), own.sim_statement, own.sim_falsified, max(own.terms, ctx.terms),
                  max(own.specific, ctx.specific), said)


def confidence(relevance: float, clarity: float) -> float:
    """A link's strength: half how relevant the speech is, half how clear its direction is.

    Relevance scores 0.5 at REL_STRONG and 1.0 twice as far above REL_MIN, so a link at REL_STRONG
    needs a clarity of 0.5 to reach synth.linking.verdict.STRONG_MIN, and a very relevant one counts
    with any clear direction.
    """
    rel = min(1.0, max(0.0, (relevance - REL_BASE) / (2 * (REL_STRONG - REL_BASE))))
    return round(0.5 * rel + 0.5 * min(1.0, max(0.0, clarity)), 3)
