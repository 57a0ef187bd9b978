"""A separate process writing or searching a workspace's index (for the two-process test)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from synth import index
from synth.workspace import Workspace

sys.path.insert(0, str(Path(__file__).parent))
from conftest import make_interview


def write(ws: Workspace, tag: str, n: int) -> None:
    for i in range(n):
        interview = make_interview(
            f"{tag}-{i:02d}",
            [
                ("Sam", "interviewer", f"Question {i} from {tag}: how do you close the month?"),
                ("Kim", "participant", f"We reconcile invoices by hand. Codeword {tag}x{i} marks this answer. "
                 "Receipts get lost every single week and the bank export is a mess."),
            ],
            participant="Kim", segment=tag,
        )
        ws.save_interview(interview)
        index.index_interviews(ws, [interview])
        if i % 3 == 2:
            index.remove_interview(ws, f"{tag}-{i - 1:02d}")


def search(ws: Workspace, stop: Path) -> int:
    done = 0
    while not stop.exists() or done < 5:
        for kw in ({}, {"speaker": "participant"}, {"segment": "w1"}):
            for hit in index.search(ws, "receipts lost and bank export", k=5, **kw):  # type: ignore[arg-type]
                text = ws.interview(hit.interview_id or "").text
                assert text[hit.start : hit.end] == hit.text, hit  # type: ignore[misc]
            done += 1
        time.sleep(0.01)
    return done


if __name__ == "__main__":
    mode, root = sys.argv[1], Workspace.open(sys.argv[2])
    if mode == "write":
        write(root, sys.argv[3], int(sys.argv[4]))
    else:
        print(search(root, Path(sys.argv[3])))
