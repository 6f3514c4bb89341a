"""Which curriculum file holds the generated content of a page, for its "edit the data" link.

A page's outcome tables, glossary entries or questions are written by macros from YAML; the
page's own edit link would land on a macro call, so readers and contributors are sent to
the data file instead (or as well).
"""

from __future__ import annotations

from ..model import Curriculum
from .links import Pages

_PAGES = Pages()


# Pages that are nothing but a macro call or two: their edit link goes straight to the data.
GENERATED_PAGES = (_PAGES.glossary, _PAGES.references, _PAGES.practice_questions, _PAGES.practice_answers)


def data_files(model: Curriculum, pages: Pages = _PAGES) -> dict[str, str]:
    """Docs page (relative to docs/) -> the curriculum file behind its generated content."""
    files = {m.page: m.file for m in model.modules if m.page and m.file}
    if model.programme is not None:
        files.update(dict.fromkeys((pages.home, pages.about), model.programme.file))
    fixed = {
        pages.glossary: "curriculum/glossary.yml",
        pages.references: "curriculum/references.yml",
        pages.competencies: "curriculum/competencies.yml",
        pages.assessment: "curriculum/assessment.yml",
        pages.practice_questions: "curriculum/assessment.yml",
        pages.practice_answers: "curriculum/assessment.yml",
    }
    files.update(fixed)
    return files
