"""The placement logbook as a spreadsheet (XLSX, with openpyxl) and as CSV.

Same rows as the printable page (cpscp_engine.logbook). The XLSX has three sheets —
competencies with evidence and sign-off columns, an hours log with a running total, and the
sign-off fields; the CSV is the competencies sheet, for systems that take plain rows.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.writer.excel import ExcelWriter

from .. import logbook
from ..model import Curriculum
from ._zip import reproducible
from .outcomes_csv import safe_cell

COMPETENCY_HEADER = (
    "Competency",
    "Title",
    "Level",
    "What it looks like at this level",
    "What counts as evidence",
    *logbook.COMPETENCY_SIGN_OFF,
)


def competency_rows(model: Curriculum) -> list[list[str]]:
    return [[r.competency, r.title, r.level, r.proficiency, r.evidence, "", ""] for r in logbook.rows(model)]


def export_csv(model: Curriculum) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COMPETENCY_HEADER)
    writer.writerows([[safe_cell(v) for v in row] for row in competency_rows(model)])
    return out.getvalue()


def export_xlsx(model: Curriculum, timestamp: str) -> bytes:
    p = model.require_programme()
    wb = Workbook()
    moment = datetime.fromisoformat(timestamp.replace("Z", "+00:00")).replace(tzinfo=None)
    wb.properties.created = wb.properties.modified = moment
    wb.properties.creator = wb.properties.lastModifiedBy = p.provider.name
    wb.properties.title = f"{p.title}: placement logbook"
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")

    ws = wb.worksheets[0]  # a new workbook has one empty sheet
    ws.title = "Competencies"
    ws.append(list(COMPETENCY_HEADER))
    for values in competency_rows(model):
        ws.append(values)
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if c.data_type == "f":  # openpyxl takes text starting with '=' for a formula: keep it text
                c.data_type = "s"
    for i, width in enumerate((12, 30, 12, 50, 50, 16, 16), 1):
        ws.column_dimensions[chr(64 + i)].width = width
    for row in ws.iter_rows():
        for c in row:
            c.alignment = wrap
    for c in ws[1]:
        c.font = bold
    ws.freeze_panes = "A2"

    hours = wb.create_sheet("Hours log")
    hours.append(list(logbook.HOURS_COLUMNS))
    n = logbook.hours_rows(model)
    for _ in range(n):
        hours.append([None] * len(logbook.HOURS_COLUMNS))
    hours.append(["Total", f"=SUM(B2:B{n + 1})", f"At least {logbook.placement_hours(model)} hours are required"])
    for c in hours[1]:
        c.font = bold
    for i, width in enumerate((14, 10, 50, 30, 18), 1):
        hours.column_dimensions[chr(64 + i)].width = width
    hours.freeze_panes = "A2"

    sign = wb.create_sheet("Sign-off")
    sign.append(["Field", "Entry"])
    for field in logbook.SIGN_OFF_FIELDS:
        sign.append([field, None])
    for c in sign[1]:
        c.font = bold
    sign.column_dimensions["A"].width, sign.column_dimensions["B"].width = 28, 50

    # ExcelWriter directly: Workbook.save() would stamp the current time as 'modified'.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    return reproducible(buffer.getvalue())
