"""The search index: Chroma (vectors) + SQLite FTS5 (keywords), derived from workspace files.

Placeholder facade: the index work fills these in. Callers (ingest, extract,
the TUI) depend only on these names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from synth.models import InsightSet, Interview
    from synth.workspace import Workspace


def index_interviews(ws: Workspace, interviews: list[Interview]) -> None:
    """Add (or replace) the chunks of these interviews in the index."""


def index_insights(ws: Workspace, insight_sets: list[InsightSet]) -> None:
    """Add (or replace) these interviews' insights in the index."""


def remove_interview(ws: Workspace, interview_id: str) -> None:
    """Drop an interview's chunks and insights from the index."""
