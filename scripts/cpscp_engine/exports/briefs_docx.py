"""<code>-briefs-<module>.docx: a module's assessment briefs and rubrics, for briefing learners off the site.

Learner-facing only (scenario, what to submit, length, deadline, rubric met / not yet met, and
merit / distinction when the programme grades them): no tutor notes or model answers. Written
with python-docx; text from YAML goes in as runs of plain text, so it stays inert.
"""

from __future__ import annotations

import io
from datetime import datetime

from docx import Document
from docx.shared import Pt

from ..logbook import module_levels
from ..model import Curriculum, Module
from ..render.text import humanise, number
from ._zip import reproducible


def _property(text: str) -> str:
    # DOCX core properties hold at most 255 characters (python-docx refuses more); the full
    # text is in the document itself.
    return text if len(text) <= 255 else text[:254] + "…"


def export(model: Curriculum, module: Module, timestamp: str) -> bytes:
    p = model.require_programme()
    d = model.delivery(module.id)
    grades = model.merit_distinction
    doc = Document()
    props = doc.core_properties
    props.title = _property(f"{module.id} {module.title}: assessment briefs")
    props.author = props.last_modified_by = _property(p.provider.name)
    props.created = props.modified = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    props.revision = 1
    props.language = "en-GB"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(f"{p.title}", level=0)
    doc.add_heading(f"Module {module.number}: {module.title} — assessment briefs", level=1)
    doc.add_paragraph(
        f"Version {p.version}. {len(module.assessment)} task"
        f"{'' if len(module.assessment) == 1 else 's'}; weightings add up to 100 per cent."
    )
    criteria = {c.id: c for c in module.criteria}
    for t in module.assessment:
        b = d.brief(t.id) if d else None
        doc.add_heading(f"{t.id}: {t.title}", level=2)
        doc.add_paragraph(f"{humanise(t.type)}, {number(t.weighting)} per cent of the module mark.")
        doc.add_paragraph(t.description)
        if b is None:
            continue
        doc.add_heading("Scenario", level=3)
        doc.add_paragraph(b.scenario)
        doc.add_heading("What to submit", level=3)
        for item in b.submit:
            doc.add_paragraph(item, style="List Bullet")
        for label, text in (("Length: ", b.length), ("Deadline: ", b.deadline)):
            paragraph = doc.add_paragraph()
            paragraph.add_run(label).bold = True
            paragraph.add_run(text)
        doc.add_heading("Rubric", level=3)
        header = ["Criterion", "Met", "Not yet met", *(["Merit", "Distinction"] if grades else [])]
        table = doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for r in b.rubric:
            c = criteria.get(r.criterion)
            values = [
                f"{r.criterion} {c.text}" if c else r.criterion,
                r.met,
                r.not_yet_met,
                *([r.merit, r.distinction] if grades else []),
            ]
            for cell, text in zip(table.add_row().cells, values, strict=True):
                cell.text = text
    levels = [x for x in module_levels(model, module) if x.proficiency]
    if levels:
        doc.add_heading("The competencies this module develops", level=2)
        doc.add_paragraph(
            "What each looks like at the level this module reaches. Evidence that meets the criteria "
            "should show the competency at this level."
        )
        table = doc.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("Competency", "Level", "What the person does"), strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for x in levels:
            for cell, text in zip(
                table.add_row().cells, (f"{x.competency} {x.title}", x.level.capitalize(), x.proficiency), strict=True
            ):
                cell.text = text
    buffer = io.BytesIO()
    doc.save(buffer)
    return reproducible(buffer.getvalue())
