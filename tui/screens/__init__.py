"""The eight screens, in the order of their number keys.

Each screen's module is imported the first time it is shown, so startup pays
only for the Overview (the Strategy screen's Markdown widget alone costs ~60 ms).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.screens.base import SynthScreen

SCREENS: list[tuple[str, str, str]] = [
    ("overview", "Overview", "tui.screens.overview:OverviewScreen"),
    ("hypotheses", "Hypotheses", "tui.screens.hypotheses:HypothesesScreen"),
    ("guide", "Guide", "tui.screens.guide:GuideScreen"),
    ("interviews", "Interviews", "tui.screens.interviews:InterviewsScreen"),
    ("insights", "Insights", "tui.screens.insights:InsightsScreen"),
    ("search", "Search", "tui.screens.search:SearchScreen"),
    ("strategy", "Strategy", "tui.screens.strategy:StrategyScreen"),
    ("settings", "Settings", "tui.screens.settings:SettingsScreen"),
]
"""(mode key, label, "module:Class")"""


def screen_class(target: str) -> type[SynthScreen]:
    module, name = target.split(":")
    cls: type[SynthScreen] = getattr(importlib.import_module(module), name)
    return cls


def screen_factory(target: str) -> Callable[[], SynthScreen]:
    return lambda: screen_class(target)()
