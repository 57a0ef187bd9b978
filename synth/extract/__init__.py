"""Insight extraction: offline engine, LLM engine, grounding, chunking, merging."""

from synth.extract.run import ExtractReport, Outcome, extract_interviews, make_engine, pending_ids

__all__ = ["ExtractReport", "Outcome", "extract_interviews", "make_engine", "pending_ids"]
