"""The downloads table: each export and the PDF, what it is for, and a link to it.

The files are written into the built site after MkDocs has run (exports need the built
pages), so they are not docs files MkDocs could check: the links are raw HTML with URLs
computed relative to the page, and the site-build tests check that every target exists.
"""
from __future__ import annotations

from ..exports import FOLDER, site_paths, tutor_file_names, tutor_files
from ..model import Curriculum
from .links import Ctx, page_url, relative_url
from .text import esc

# (export key, format, who uses it and how)
_ROWS = [
    ("pdf", "PDF", "Readers who want to print the handbook or read it offline."),
    ("curriculum", "JSON", "Developers and analysts: the whole curriculum (programme, modules, outcomes, criteria, "
                           "competency map, examination, glossary, references) as one document."),
    ("curriculum_schema", "JSON Schema", "Developers: the structure of curriculum.json, to validate what they read."),
    ("outcomes", "CSV", "Curriculum managers and quality teams: one row per assessment criterion with its outcome, "
                        "Bloom level, competencies, assessing tasks and module hours, for spreadsheets."),
    ("case", "1EdTech CASE 1.1 (JSON)", "Competency registries and learning platforms that import competency "
                                        "frameworks: domains, competencies, modules, outcomes and criteria with "
                                        "stable identifiers and their links."),
    ("badge", "Open Badges 3.0 (JSON-LD)", "Providers who issue digital credentials: a template for the award, aligned "
                                           "to the competencies; the issuer adds the learner, date and signature."),
    ("cartridge", "IMS Common Cartridge 1.3", "Providers using Moodle, Canvas, Blackboard or another learning platform: "
                                              "import the programme overview and every module page as a course, and "
                                              "the practice questions as one QTI question bank per exam domain."),
]

# Files for tutors and assessors (exports.tutor_file_names): (key or key prefix, format, use).
_TUTOR_ROWS = [
    ("briefs_", "Word document (DOCX)", "Tutors who brief learners outside the site: the module's assessment tasks, "
                                        "each with its scenario, what to submit, length, deadline and rubric."),
    ("logbook_xlsx", "Spreadsheet (XLSX)", "Learners and placement supervisors: the placement logbook, with each "
                                           "placement competency and what counts as evidence, an hours log and "
                                           "sign-off fields."),
    ("logbook_csv", "CSV", "Placement co-ordinators and record systems: the logbook's competencies as plain rows."),
    ("moodle_xml", "Moodle XML", "Providers using Moodle: import the practice questions, with feedback, into the "
                                 "question bank, one category per exam domain."),
]


def pdf_name(model: Curriculum) -> str:
    return f"pdf/{model.programme.short_code.lower()}-handbook.pdf"


def download_targets(model: Curriculum) -> dict[str, str]:
    """Site-relative paths of every downloadable file, keyed as in the table."""
    return {"pdf": pdf_name(model), **site_paths(model)}


PREVIEW_NOTE = ('<div class="admonition note" markdown="0"><p class="admonition-title">Preview</p>'
                "<p>This is the live preview, which does not build these files, so they are listed without links. "
                "They appear after <code>make build</code> (in <code>site/</code>), and the published handbook "
                "links every one of them.</p></div>")


def downloads(model: Curriculum, ctx: Ctx) -> str:
    targets = download_targets(model)
    here = page_url(ctx.page, ctx.directory_urls)
    rows = []
    for key, fmt, use in _ROWS:
        path = targets[key]
        href = relative_url(path, here)
        name = path.rsplit("/", 1)[-1]
        # In the preview a link would lead to "404 Not found": say where the file comes from instead.
        shown = (f"{esc(name)} <small>(after <code>make build</code>)</small>" if ctx.preview
                 else f'<a href="{esc(href)}" download>{esc(name)}</a>')
        rows.append(f'<tr><th scope="row">{shown}</th>'
                    f"<td>{esc(fmt)}</td><td>{esc(use)}</td></tr>")
    return ((PREVIEW_NOTE if ctx.preview else "") +
            '<div class="cpscp-table-scroll" role="region" aria-label="Downloads" tabindex="0">'
            '<table class="cpscp-downloads"><caption>Files built from the curriculum</caption>'
            '<thead><tr><th scope="col">File</th><th scope="col">Format</th><th scope="col">Who uses it, and how</th>'
            "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>\n\n" + tutor_downloads(model, ctx))


def size_label(n: int) -> str:
    """Bytes as people read them: '940 bytes', '41 KB', '1.2 MB' (1 KB = 1,000 bytes)."""
    if n < 1000:
        return f"{n} bytes"
    if n < 1_000_000:
        return f"{round(n / 1000):,} KB"
    return f"{n / 1_000_000:.1f} MB"


def tutor_downloads(model: Curriculum, ctx: Ctx) -> str:
    """The files for tutors and assessors, with their sizes (a second table under downloads()).

    The files do not need the built site, so they are made here too (the same pure functions,
    the same build timestamp) to measure them: the sizes shown are those of the files written.
    """
    from ..exports.write import build_timestamp  # exports.write imports render (via badge): import late

    names = tutor_file_names(model)
    data = tutor_files(model, build_timestamp(model.root))
    here = page_url(ctx.page, ctx.directory_urls)
    rows = []
    for prefix, fmt, use in _TUTOR_ROWS:
        for key in [k for k in names if k == prefix or (prefix.endswith("_") and k.startswith(prefix))]:
            href = relative_url(f"{FOLDER}/{names[key]}", here)
            what = use
            if key.startswith("briefs_"):
                m = model.module(key[len("briefs_"):])
                what = f"Module {m.number}, {m.title}. " + use
            shown = (f"{esc(names[key])} <small>(after <code>make build</code>)</small>" if ctx.preview
                     else f'<a href="{esc(href)}" download>{esc(names[key])}</a>')
            rows.append(f'<tr><th scope="row">{shown}</th>'
                        f"<td>{esc(fmt)}</td><td>{esc(size_label(len(data[key])))}</td><td>{esc(what)}</td></tr>")
    return ('<div class="cpscp-table-scroll" role="region" aria-label="Downloads for tutors" tabindex="0">'
            '<table class="cpscp-downloads"><caption>Files for tutors and assessors</caption>'
            '<thead><tr><th scope="col">File</th><th scope="col">Format</th><th scope="col">Size</th>'
            '<th scope="col">Who uses it, and how</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table></div>")
