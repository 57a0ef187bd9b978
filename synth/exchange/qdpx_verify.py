"""Check a `.qdpx` Synth wrote against the workspace: every selection selects exactly its quote.

Independent of the exporter's own bookkeeping: it reads the archive as any
importer would (project.qde, then `sources/<file>` decoded as UTF-8 and
counted in code points) and compares each selection's text with the stored
`Quote.text` of the insight whose GUID it carries.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from synth.exchange.qdpx_common import guid, q, schema_errors, workspace_namespace
from synth.workspace import Workspace


def verify_qdpx(data: bytes, ws: Workspace, *, include_rejected: bool = False) -> list[str]:
    """Problems found (empty when the export is faithful): schema, texts, and every quote's offsets."""
    problems: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        root = etree.fromstring(zf.read("project.qde"), parser)
        problems += [f"schema: {e}" for e in schema_errors(root)]
        texts: dict[str, str] = {}
        for src in root.iter(q("TextSource")):
            raw = zf.read("sources/" + src.get("plainTextPath", "").removeprefix("internal://"))
            if raw.startswith(b"\xef\xbb\xbf") or b"\r" in raw:
                problems.append(f"source {src.get('name')!r}: has a BOM or CR characters")
            texts[src.get("guid", "")] = raw.decode("utf-8")
        selections = {
            sel.get("guid"): (src.get("guid", ""), int(sel.get("startPosition", "-1")), int(sel.get("endPosition", "-1")))
            for src in root.iter(q("TextSource")) for sel in src.iter(q("PlainTextSelection"))
        }
    expected = 0
    ns = workspace_namespace(ws)
    for iv in ws.interviews():
        text = texts.get(guid("interview", iv.id, ns=ns))
        if text != iv.text:
            problems.append(f"interview {iv.id}: source text differs from Interview.text")
            continue
        s = ws.insight_set(iv.id)
        for ins in s.insights if s else []:
            if ins.review == "rejected" and not include_rejected:
                continue
            for n, quote in enumerate(ins.quotes):
                expected += 1
                found = selections.get(guid("selection", ins.id, str(n), ns=ns))
                if found is None:
                    problems.append(f"insight {ins.id} quote {n}: no selection")
                    continue
                src_guid, start, end = found
                if src_guid != guid("interview", iv.id, ns=ns):
                    problems.append(f"insight {ins.id} quote {n}: selection is in another source")
                elif not 0 <= start < end <= len(text):
                    problems.append(f"insight {ins.id} quote {n}: {start}-{end} outside the source ({len(text)} chars)")
                elif text[start:end] != quote.text:
                    problems.append(f"insight {ins.id} quote {n}: selects {text[start:end]!r}, not {quote.text!r}")
    if expected != len(selections):
        problems.append(f"{len(selections)} selections for {expected} quotes")
    return problems
