"""Exchange with researchers' tools: REFI-QDA projects (.qdpx) out and in, Markdown and CSV reports.

    qdpx_export.export_qdpx(ws, out) -> ExportSummary      build_qdpx(ws) -> (bytes, ExportSummary)
    qdpx_import.import_qdpx(ws, path) -> ImportSummary     (qdpx_read.read_qdpx does the checking)
    qdpx_verify.verify_qdpx(data, ws) -> list[str]         every selection selects exactly its quote
    report_md.export_md(ws, out) -> MdSummary              report_csv.export_csv(ws, out) -> CsvSummary
"""
