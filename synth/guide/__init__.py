"""Interview guides and the question linter.

    generate_guide(ws, ids, minutes=30, segment="", llm=None) -> Guide   (linted)
    save_guide(ws, guide) -> Path       guides/<date>-<slug>.md + .json twin
    load_guide(path) -> Guide
    render_markdown(guide) -> str
    lint_question(text) -> list[LintFlag]
    lint_guide(guide) -> Guide          every question's flags filled in
    lint_text(text) -> [(line, question, flags)]
"""

from synth.guide.generate import generate_guide, plan
from synth.guide.lint import lint_guide, lint_question, lint_text
from synth.guide.render import load_guide, render_markdown, save_guide

__all__ = [
    "generate_guide",
    "lint_guide",
    "lint_question",
    "lint_text",
    "load_guide",
    "plan",
    "render_markdown",
    "save_guide",
]
