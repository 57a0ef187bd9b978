"""The eight screens, in the order of their number keys."""

from __future__ import annotations

from tui.screens.guide import GuideScreen
from tui.screens.hypotheses import HypothesesScreen
from tui.screens.insights import InsightsScreen
from tui.screens.interviews import InterviewsScreen
from tui.screens.overview import OverviewScreen
from tui.screens.search import SearchScreen
from tui.screens.settings import SettingsScreen
from tui.screens.strategy import StrategyScreen

SCREENS = [
    ("overview", "Overview", OverviewScreen),
    ("hypotheses", "Hypotheses", HypothesesScreen),
    ("guide", "Guide", GuideScreen),
    ("interviews", "Interviews", InterviewsScreen),
    ("insights", "Insights", InsightsScreen),
    ("search", "Search", SearchScreen),
    ("strategy", "Strategy", StrategyScreen),
    ("settings", "Settings", SettingsScreen),
]
