"""Which curriculum file holds the generated content of a page, for its "edit the data" link.

A page's outcome tables, glossary entries or questions are written by macros from YAML; the
page's own edit link would land on a macro call, so readers and contributors are sent to
the data file instead (or as well).
"""

from __future__ import annotations

from ..model import Curriculum
from .links import Pages

_PROGRAMME_PAGES = ("index.md", "about.md")


# Pages that are nothing but a macro call or two: their edit link goes straight to the data.
GENERATED_PAGES = ("glossary.md", "references.md", "practice-questions.md", "practice-answers.md")


def data_files(model: Curriculum, pages: Pages = Pages()) -> dict[str, str]:
    """Docs page (relative to docs/) -> the curriculum file behind its generated content."""
    files = {m.page: m.file for m in model.modules if m.page and m.file}
    if model.programme is not None:
        files.update(dict.fromkeys(_PROGRAMME_PAGES, model.programme.file))
    fixed = {
        pages.glossary: "curriculum/glossary.yml",
        pages.references: "curriculum/references.yml",
        pages.competencies: "curriculum/competencies.yml",
        pages.assessment: "curriculum/assessment.yml",
        "practice-questions.md": "curriculum/assessment.yml",
        "practice-answers.md": "curriculum/assessment.yml",
    }
    files.update(fixed)
    return files
