"""The downloads table: each export and the PDF, what it is for, and a link to it.

The files are written into the built site after MkDocs has run (exports need the built
pages), so they are not docs files MkDocs could check: the links are raw HTML with URLs
computed relative to the page, and the site-build tests check that every target exists.
"""
from __future__ import annotations

from ..exports import site_paths
from ..model import Curriculum
from .links import Ctx, page_url, relative_url
from .text import esc

# (export key, format, who uses it and how)
_ROWS = [
    ("pdf", "PDF", "Readers who want to print the handbook or read it offline."),
    ("curriculum", "JSON", ("Developers and analysts: the whole curriculum (programme, modules, outcomes, criteria, "
                           "competency map, examination, glossary, references) as one document.")),
    ("curriculum_schema", "JSON Schema", "Developers: the structure of curriculum.json, to validate what they read."),
    ("outcomes", "CSV", ("Curriculum managers and quality teams: one row per assessment criterion with its outcome, "
                        "Bloom level, competencies, assessing tasks and module hours, for spreadsheets.")),
    ("case", "1EdTech CASE 1.1 (JSON)", ("Competency registries and learning platforms that import competency "
                                        "frameworks: domains, competencies, modules, outcomes and criteria with "
                                        "stable identifiers and their links.")),
    ("badge", "Open Badges 3.0 (JSON-LD)", ("Providers who issue digital credentials: a template for the award, aligned "
                                           "to the competencies; the issuer adds the learner, date and signature.")),
    ("cartridge", "IMS Common Cartridge 1.3", ("Providers using Moodle, Canvas, Blackboard or another learning platform: "
                                              "import the programme overview and every module page as a course.")),
]


def pdf_name(model: Curriculum) -> str:
    return f"pdf/{model.require_programme().short_code.lower()}-handbook.pdf"


def download_targets(model: Curriculum) -> dict[str, str]:
    """Site-relative paths of every downloadable file, keyed as in the table."""
    return {"pdf": pdf_name(model), **site_paths(model)}


def downloads(model: Curriculum, ctx: Ctx) -> str:
    targets = download_targets(model)
    here = page_url(ctx.page, ctx.directory_urls)
    rows = []
    for key, fmt, use in _ROWS:
        path = targets[key]
        href = relative_url(path, here)
        name = path.rsplit("/", 1)[-1]
        rows.append(f'<tr><th scope="row"><a href="{esc(href)}" download>{esc(name)}</a></th>'
                    f"<td>{esc(fmt)}</td><td>{esc(use)}</td></tr>")
    return ('<div class="cpscp-table-scroll" role="region" aria-label="Downloads" tabindex="0">'
            '<table class="cpscp-downloads"><caption>Files built from the curriculum</caption>'
            '<thead><tr><th scope="col">File</th><th scope="col">Format</th><th scope="col">Who uses it, and how</th>'
            "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>")
