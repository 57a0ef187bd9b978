from __future__ import annotations

from datetime import date

import pytest

from synth.extract.build import interview_from_turns
from synth.models import Hypothesis, HypothesisKind
from synth.workspace import Workspace

DANA = [
    ("Interviewer", "Thanks for joining. How do you handle invoices today?"),
    (
        "Dana",
        "Yeah, sure. Honestly, it\u2019s a nightmare. Every Friday I spend three hours copying numbers "
        "from PDFs into our spreadsheet. I don't trust the numbers at all.",
    ),
    ("Interviewer", "What have you tried? Would you pay for something better?"),
    (
        "Dana",
        "We tried Expensify for a month. It was too expensive for a team of four, so we went back. "
        "We pay about 40 dollars a month for Xero.",
    ),
    ("Interviewer", "Anything else?"),
    ("Dana", "Mm-hmm. I wish it could read the PDFs automatically. Right."),
]
OMAR = [
    ("Interviewer", "Tell me about month-end."),
    ("Omar", "Month-end is painful, I copy invoice numbers from PDFs into a spreadsheet by hand every week."),
    ("Interviewer", "Do you use any tool?"),
    ("Omar", "We don't really use spreadsheets for invoices, our accountant handles all of that and it works fine."),
]


def hyp(hid: str, statement: str, falsified_if: str = "", kind: HypothesisKind = HypothesisKind.problem) -> Hypothesis:
    d = date(2026, 1, 1)
    return Hypothesis(id=hid, statement=statement, falsified_if=falsified_if, kind=kind, created=d, updated=d)


@pytest.fixture
def ws(tmp_path) -> Workspace:
    ws = Workspace.create(tmp_path / "ws")
    ws.save_interview(interview_from_turns("dana", DANA))
    ws.save_interview(interview_from_turns("omar", OMAR))
    ws.save_hypotheses(
        [
            hyp(
                "H1",
                "Small finance teams copy invoice data from PDFs into spreadsheets by hand",
                "They say an accountant or a tool already handles invoices and spreadsheets are not used",
            )
        ]
    )
    return ws
