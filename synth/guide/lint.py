"""The question linter: deterministic rules for questions that bias or waste an interview.

Each rule is a set of regular expressions with a reason and a rewrite pattern.
The rules follow The Mom Test: ask about specifics in the past, not opinions
about the future; never pitch; one question at a time; the customer's words,
not ours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from synth.models import Guide, GuideQuestion, LintFlag

_AUX = (
    "do|does|did|is|are|was|were|am|can|could|have|has|had|will|would|should|shall|may|might|must"
)
_NEG_AUX = (
    "don't|doesn't|didn't|isn't|aren't|wasn't|weren't|can't|couldn't|haven't|hasn't|hadn't|won't|"
    "wouldn't|shouldn't|do not|does not|is it not"
)
# Words a speaker puts before the real question ("So, do you ...").
_LEAD_IN = r"^(?:(?:so|and|ok|okay|now|also|then|but|right|well|just curious)\b[,:]?\s+)*"

JARGON = (
    "synergy", "synergies", "leverage", "leveraging", "workflow orchestration", "MVP", "ICP", "TAM", "SAM", "SOM",
    "PMF", "product-market fit", "value proposition", "value prop", "pain point", "pain points", "persona",
    "jobs to be done", "JTBD", "go-to-market", "GTM", "LTV", "CAC", "ARR", "MRR", "north star metric",
    "paradigm", "best-in-class", "holistic", "ecosystem", "seamless", "seamlessly", "disrupt", "disruptive",
    "stakeholder alignment", "onboarding funnel", "conversion funnel", "unlock value", "single source of truth",
)


@dataclass(frozen=True)
class Rule:
    name: str
    why: str
    suggestion: str
    patterns: tuple[re.Pattern[str], ...]


def _rx(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


RULES: tuple[Rule, ...] = (
    Rule(
        "leading",
        "It suggests the answer you hope for, so people agree to be polite.",
        "Ask neutrally about what happened: 'Tell me about the last time …', 'How did that go?'",
        _rx(
            _LEAD_IN + rf"(?:{_NEG_AUX})\b",
            r"\b(?:don't|wouldn't|won't|isn't|aren't|can't) (?:you|it|that|this|they)\b",
            r"\bhow (?:great|amazing|awesome|annoying|frustrating|painful|bad|awful|terrible|helpful|useful)"
            r" (?:do|did|would|is|was|are|were)\b",
            r"\bhow much do you (?:love|hate|like|enjoy|dislike)\b",
            r"\b(?:you|you'd|you would) agree\b",
            r"\b(?:obviously|surely|clearly)\b",
            r",\s*right\s*\?\s*$",
            r"\bwouldn't it be\b",
        ),
    ),
    Rule(
        "hypothetical",
        "People are poor predictors of their future behaviour; answers about 'would' are compliments, not data.",
        "Ask about past behaviour: 'Tell me about the last time you …', 'What did you do then?'",
        _rx(
            r"\b(?:would|will|wouldn't|won't|might|'d) (?:you|your team|they|it|that|this)\b",
            r"\byou(?:'d| would| will|'ll)\b",
            r"\bif (?:we|you|there|it|i) (?:built|build|had|made|make|offered|offer|created|create|were|was|could|"
            r"launched|launch|gave|give)\b",
            r"\bhow likely\b",
            r"\b(?:imagine|suppose|supposing|hypothetically|picture this)\b",
            r"\bin the future\b",
            r"\b(?:are|is) (?:you|your team|they) (?:going|planning) to\b",
            r"\bgoing to (?:buy|pay|use|switch|try)\b",
        ),
    ),
    Rule(
        "yes_no",
        "A yes/no question gets a one-word answer and no story.",
        "Open it up: start with what, how, or 'Tell me about …', e.g. 'How do you handle … today?'",
        _rx(_LEAD_IN + rf"(?:{_AUX}|{_NEG_AUX})\s+(?!not\b)\w"),
    ),
    Rule(
        "pitch",
        "It talks about your idea instead of their life, so you hear politeness, not facts.",
        "Leave your idea out: 'How do you deal with … today?', 'What have you tried so far?'",
        _rx(
            r"\bour (?:app|application|product|tool|platform|solution|idea|service|startup|company|feature|software"
            r"|prototype|concept|offering|plugin|extension|bot|api|mvp|beta|demo)\b",
            r"\b(?:an? )?(?:app|tool|product|platform|service|solution|software|plugin|bot|system|way) (?:that|which)"
            r" (?:would|will|could|can|automatically|does|lets|helps|makes)\b",
            r"\ban? (?:app|tool|product|platform|service|solution|plugin|bot) (?:that|which)\b",
            r"\bwhat if (?:there|we|you had|someone)\b",
            r"\bwe(?:'re| are) (?:building|making|working on|developing|launching)\b",
            r"\bwe (?:built|made|developed|created)\b",
            r"\b(?:my|our) idea\b",
            r"\bwhat do you think (?:about|of) (?:our|my|this|the) (?:idea|app|product|tool|concept)\b",
        ),
    ),
    Rule(
        "compound",
        "Two questions in one: people answer the easier half and the other is lost.",
        "Split it: ask one question, wait for the answer, then ask the next.",
        _rx(
            # A question mark before the end: two questions (checked without backtracking-prone patterns).
            r"\?(?=[^?]*\w)",
            # ", and why?" closing a question asks for the reason of the same answer: one question.
            r"\b(?:and|or)\s+(?:how|what|why|when|where|who|which)\b(?!\s*\?)",
            r"\b(?:and|or)\s+(?:would|will|do|does|did|can|could|is|are|was|were|have|has)\s+"
            r"(?:you|it|they|that|this|there|we|your)\b",
        ),
    ),
)

BROKEN_SLOT_FIX = "Name a concrete thing or event in their words: 'Tell me about the last time you <did it>.'"
PASTED_FIX = "Ask about one specific past event in a few words of your own, and let them give the numbers."

_JARGON_RX = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(j) for j in sorted(JARGON, key=len, reverse=True)) + r")(?![\w-])",
    re.IGNORECASE,
)
_UPPER_JARGON = {j for j in JARGON if j.isupper()}


def _jargon(text: str) -> list[str]:
    found: list[str] = []
    for m in _JARGON_RX.finditer(text):
        word = m.group(0)
        # Acronyms count only in capitals: "sam" or "tam" may be a name or a word.
        if word.upper() in _UPPER_JARGON and word != word.upper():
            continue
        if word.lower() not in (f.lower() for f in found):
            found.append(word)
    return found


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.?!])\s+", text.strip()) if s.strip()]


def lint_question(text: str, source: str = "") -> list[LintFlag]:
    """Flags for one question, in rule order; an empty list means it reads well.

    With `source` (the hypothesis the question was written for) it is also
    flagged when it pastes 9 or more words of it, or its quantifiers.
    """
    from synth.guide.grammar import broken_slot, pasted

    text = " ".join(text.replace("\u2019", "'").split())
    if not text:
        return []
    flags: list[LintFlag] = []
    why = broken_slot(text)
    if why:
        flags.append(LintFlag(rule="broken_slot", why=why, suggestion=BROKEN_SLOT_FIX))
    why = pasted(text, source) if source else ""
    if why:
        flags.append(LintFlag(rule="pasted", why=why, suggestion=PASTED_FIX))
    for rule in RULES:
        # yes/no is about how a question opens, so every sentence that asks is checked on its own.
        targets = [s for s in _sentences(text) if s.endswith("?")] or _sentences(text)[:1]
        if rule.name == "yes_no":
            hit = any(rule.patterns[0].search(s) for s in targets)
        else:
            hit = any(p.search(text) for p in rule.patterns)
        if hit:
            flags.append(LintFlag(rule=rule.name, why=rule.why, suggestion=rule.suggestion))
    words = _jargon(text)
    if words:
        flags.append(
            LintFlag(
                rule="jargon",
                why=f"Jargon the customer may not share: {', '.join(words)}.",
                suggestion="Use the words they use for it; ask them to describe it in their own terms.",
            )
        )
    return flags


def lint_guide(guide: Guide) -> Guide:
    """The guide with every question's and probe's flags filled in (probe flags are prefixed `probe:`).

    Each question is checked against its own section's hypothesis for pasted words.
    """
    sections = []
    for section in guide.sections:
        questions = [lint_guide_question(q, section.hypothesis) for q in section.questions]
        sections.append(section.model_copy(update={"questions": questions}))
    return guide.model_copy(update={"sections": sections})


def lint_guide_question(q: GuideQuestion, source: str = "") -> GuideQuestion:
    flags = list(lint_question(q.text, source))
    for probe in q.probes:
        for f in lint_question(probe, source):
            flags.append(f.model_copy(update={"rule": f"probe:{f.rule}", "why": f"{probe!r}: {f.why}"}))
    return q.model_copy(update={"flags": flags})


# --- questions in a file -----------------------------------------------------

_BULLET = re.compile(r"^(?:\s*(?:[-*+•]|\d+[.)]|\[[ xX]\])\s+)+")
_OPENERS = re.compile(
    rf"^(?:tell me|walk me|describe|talk me|show me|take me|share|explain|what|how|why|when|where|who|which|whose|"
    rf"{_AUX}|{_NEG_AUX})\b",
    re.IGNORECASE,
)


def questions_in_text(text: str) -> list[tuple[int, str]]:
    """(line number, question) for every line that reads as a question: ends in '?' or opens like one.

    Headings, notes in italics or block quotes, and blank lines are skipped, so a
    guide written by `synth guide` can be linted as it is.
    """
    out: list[tuple[int, str]] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith(("#", ">", "_", "|", "<!--", "[^")):
            continue
        line = _BULLET.sub("", line).strip()
        line = re.sub(r"^(?:\*\*)?(?:Q\d*|Question \d+|Probe)[:.](?:\*\*)?\s*", "", line, flags=re.IGNORECASE)
        line = line.strip("*").strip()
        if line and (line.endswith("?") or _OPENERS.match(line)):
            out.append((n, line))
    return out


def lint_text(text: str) -> list[tuple[int, str, list[LintFlag]]]:
    return [(n, q, lint_question(q)) for n, q in questions_in_text(text)]


def flag_rules(flags: Iterable[LintFlag]) -> list[str]:
    return [f.rule for f in flags]
