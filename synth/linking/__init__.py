"""Linking insights to hypotheses: relevance (key terms + meaning), amounts, direction, verdicts."""
