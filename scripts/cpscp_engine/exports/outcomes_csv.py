"""outcomes.csv: one row per assessment criterion, for spreadsheets and learning platforms."""
from __future__ import annotations

import csv
import io

from ..model import Curriculum

COLUMNS = ["module_id", "module_title", "module_order", "outcome_id", "outcome", "criterion_id", "criterion",
           "bloom_level", "competencies", "assessed_by", "module_glh", "module_tqt", "module_credits"]


def _safe(value: str) -> str:
    # A cell starting with = + - @ is run as a formula by spreadsheet programs.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def export(model: Curriculum) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for m in model.modules:
        comps = ";".join(f"{e.competency_id}:{e.value}" for e in m.competencies)
        for o in m.outcomes:
            for c in o.criteria:
                tasks = ";".join(t.id for t in model.tasks_assessing(m, c.id))
                writer.writerow([m.id, _safe(m.title), m.number, o.global_id, _safe(o.text), c.global_id, _safe(c.text),
                                 c.bloom, comps, tasks, m.glh, m.tqt, m.credits])
    return out.getvalue()
