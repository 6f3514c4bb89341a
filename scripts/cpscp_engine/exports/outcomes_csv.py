"""outcomes.csv: one row per assessment criterion, for spreadsheets and learning platforms."""

from __future__ import annotations

import csv
import io

from ..edition import edition
from ..model import Curriculum

COLUMNS = [
    "module_id",
    "module_title",
    "module_order",
    "outcome_id",
    "outcome",
    "criterion_id",
    "criterion",
    "bloom_level",
    "competencies",
    "assessed_by",
    "module_glh",
    "module_tqt",
    "module_credits",
    "programme_version",
    "reviewed",
]


# Spreadsheet programs run a cell as a formula when it starts with one of these, and several
# skip leading white space (and read the full-width forms as the ASCII ones) first.
_FORMULA_START = frozenset("=+-@\t\r\n＝＋－＠")


def safe_cell(value):
    """A CSV cell a spreadsheet shows as text: formula-like text gets a leading apostrophe."""
    if not isinstance(value, str):
        return value
    stripped = value.lstrip()
    if value[:1] in _FORMULA_START or stripped[:1] in _FORMULA_START:
        return "'" + value
    return value


def export(model: Curriculum) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    ed = edition(model)
    for m in model.modules:
        comps = ";".join(f"{e.competency_id}:{e.value}" for e in m.competencies)
        for o in m.outcomes:
            for c in o.criteria:
                tasks = ";".join(t.id for t in model.tasks_assessing(m, c.id))
                writer.writerow(
                    [
                        safe_cell(v)
                        for v in (
                            m.id,
                            m.title,
                            m.number,
                            o.global_id,
                            o.text,
                            c.global_id,
                            c.text,
                            c.bloom,
                            comps,
                            tasks,
                            m.glh,
                            m.tqt,
                            m.credits,
                            ed.version,
                            ed.reviewed,
                        )
                    ]
                )
    return out.getvalue()
