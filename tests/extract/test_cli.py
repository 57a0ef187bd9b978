from __future__ import annotations

import json

from synth.cli.main import main


def run(ws, capsys, *args):
    code = main(["-w", str(ws.root), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_extract_list_review_evidence_themes(ws, capsys):
    code, out, err = run(ws, capsys, "extract", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["engine"] == "offline" and {o["status"] for o in data["outcomes"]} == {"extracted"}
    assert "extracting dana" in err  # progress on stderr, not stdout

    # "We pay about 40 dollars a month" is current spend: a behaviour, not willingness to pay.
    code, out, _ = run(ws, capsys, "insights", "--json", "--kind", "behaviour")
    items = json.loads(out)
    assert code == 0 and items and all(i["kind"] == "behaviour" for i in items)
    iid = items[0]["id"]

    assert run(ws, capsys, "insight", "reject", iid)[0] == 0
    _, out, _ = run(ws, capsys, "insights", "--json")
    assert iid not in {i["id"] for i in json.loads(out)}
    _, out, _ = run(ws, capsys, "insights", "--json", "--review", "rejected")
    assert [i["id"] for i in json.loads(out)] == [iid]

    code, out, _ = run(ws, capsys, "insight", "edit", iid, "--summary", "Pays for Xero", "--kind", "behaviour", "--json")
    assert code == 0 and json.loads(out)["edited"] is True

    code, out, _ = run(ws, capsys, "insights", "--json", "--hypothesis", "H1")
    assert code == 0 and json.loads(out)

    code, out, _ = run(ws, capsys, "evidence", "H1", "--json")
    [ev] = json.loads(out)
    assert code == 0 and ev["hypothesis_id"] == "H1" and ev["suggested_status"] in {"inconclusive", "supported", "refuted", "untested"}
    assert ev["rule"]

    code, out, _ = run(ws, capsys, "themes", "--json")
    assert code == 0 and isinstance(json.loads(out), list)

    code, out, _ = run(ws, capsys, "evidence", "--relink")
    assert code == 0 and "H1" in out


def test_user_mistakes_are_one_line(ws, capsys):
    code, _, err = run(ws, capsys, "insight", "accept", "Inope")
    assert code == 2 and "no insight" in err and "Traceback" not in err
    code, _, err = run(ws, capsys, "extract", "nobody")
    assert code == 2 and "no interview" in err
    code, _, err = run(ws, capsys, "insight", "edit", "Inope")
    assert code == 2
