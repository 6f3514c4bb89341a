"""The printable placement logbook (docs page): competencies with evidence, hours log, sign-off.

Built from cpscp_engine.logbook, like the spreadsheet and CSV downloads, so the three always
list the same competencies. Blank cells are for the learner and supervisor to fill in on paper.
"""

from __future__ import annotations

from .. import logbook
from ..model import Curriculum
from .errors import Unavailable
from .links import Ctx
from .lookup import module_link
from .text import cell, inline, missing_block, scroll_region, table


def placement_logbook(model: Curriculum, ctx: Ctx) -> str:
    m = logbook.placement_module(model)
    if m is None:
        raise Unavailable("curriculum/programme.yml", missing_block("placement logbook"))
    rows = logbook.rows(model)
    hours = logbook.placement_hours(model)
    blocks = [
        f"This logbook goes with {module_link(model, ctx, m.id)}: at least {hours} hours of supervised practice "
        f"and sign-off in the {len(rows)} competencies below."
    ]
    blocks.append("### Learner and placement")
    blocks.append(table(["Field", "Entry"], [[cell(f), ""] for f in logbook.SIGN_OFF_FIELDS[:4]]))
    blocks.append("### Competencies")
    comp_rows = []
    for r in rows:
        level = f"*{cell(r.level.capitalize())}.* {cell(r.proficiency)}".strip()
        comp_rows.append([f"{cell(r.competency)} {cell(r.title)}", level, cell(r.evidence), "", ""])
    blocks.append(
        scroll_region(
            "Placement competencies",
            table(
                ["Competency", "Level and what it looks like", "What counts as evidence", *logbook.COMPETENCY_SIGN_OFF],
                comp_rows,
            ),
        )
    )
    blocks.append("### Hours log")
    blank = [[""] * len(logbook.HOURS_COLUMNS) for _ in range(logbook.hours_rows(model))]
    blank.append(["**Total**", f"(at least {hours})", "", "", ""])
    blocks.append(scroll_region("Hours log", table(list(logbook.HOURS_COLUMNS), blank)))
    blocks.append("### Sign-off")
    blocks.append(
        inline(
            "The supervisor and the tutor sign when the hours are complete and every competency above "
            "has been observed."
        )
    )
    blocks.append(table(["Field", "Entry"], [[cell(f), ""] for f in logbook.SIGN_OFF_FIELDS[2:]]))
    return "\n\n".join(blocks)
