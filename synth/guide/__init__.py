"""Interview guides and the question linter.

    generate(ws, ids, minutes=30, segment="", session=None) -> Guide    (no ids: UserError; ask which)
    open_hypotheses(ws) -> [Hypothesis]  what a guide covers by default (offer it when asking)
    generate_guide(ws, ids|None, minutes=30, segment="", llm=None, session=None) -> Guide   (linted)
    save_guide(ws, guide) -> Path       guides/<date>-<slug>.md + .json twin
    load_guide(path) -> Guide
    render_markdown(guide) -> str
    lint_question(text, source="") -> list[LintFlag]   strict: broken slots; with source, pasted words
    lint_guide(guide) -> Guide          every question's flags filled in
    lint_text(text) -> [(line, question, flags)]
"""

from synth.guide.generate import generate, generate_guide, open_hypotheses, plan
from synth.guide.lint import lint_guide, lint_question, lint_text
from synth.guide.render import load_guide, render_markdown, save_guide

__all__ = [
    "generate",
    "generate_guide",
    "lint_guide",
    "lint_question",
    "lint_text",
    "load_guide",
    "open_hypotheses",
    "plan",
    "render_markdown",
    "save_guide",
]
