"""The downloads table: each export and the PDF, what it is for, and a link to it.

The files are written into the built site after MkDocs has run (exports need the built
pages), so they are not docs files MkDocs could check: the links are raw HTML with URLs
computed relative to the page, and the site-build tests check that every target exists.
"""

from __future__ import annotations

from ..exports import FOLDER, site_paths, tutor_file_names
from ..model import Curriculum
from .links import Ctx, page_url, relative_url
from .text import esc

# (export key, format, who uses it and how)
_ROWS = [
    ("pdf", "PDF", "Readers who want to print the handbook or read it offline."),
    (
        "curriculum",
        "JSON",
        "Developers and analysts: the whole curriculum (programme, modules, outcomes, criteria, "
        "competency map, examination, glossary, references) as one document.",
    ),
    ("curriculum_schema", "JSON Schema", "Developers: the structure of curriculum.json, to validate what they read."),
    (
        "outcomes",
        "CSV",
        "Curriculum managers and quality teams: one row per assessment criterion with its outcome, "
        "Bloom level, competencies, assessing tasks and module hours, for spreadsheets.",
    ),
    (
        "case",
        "1EdTech CASE 1.1 (JSON)",
        "Competency registries and learning platforms that import competency "
        "frameworks: domains, competencies, modules, outcomes and criteria with "
        "stable identifiers and their links.",
    ),
    (
        "badge",
        "Open Badges 3.0 (JSON-LD)",
        "Providers who issue digital credentials: a template for the award, aligned "
        "to the competencies; the issuer adds the learner, date and signature.",
    ),
    (
        "cartridge",
        "IMS Common Cartridge 1.3",
        "Providers using Moodle, Canvas, Blackboard or another learning platform: "
        "import the programme overview and every module page as a course, and "
        "the practice questions as one QTI question bank per exam domain.",
    ),
]

# Files for tutors and assessors (exports.tutor_file_names): (key or key prefix, format, use).
_TUTOR_ROWS = [
    (
        "briefs_",
        "Word document (DOCX)",
        "Tutors who brief learners outside the site: the module's assessment tasks, "
        "each with its scenario, what to submit, length, deadline and rubric.",
    ),
    (
        "logbook_xlsx",
        "Spreadsheet (XLSX)",
        "Learners and placement supervisors: the placement logbook, with each "
        "placement competency and what counts as evidence, an hours log and "
        "sign-off fields.",
    ),
    ("logbook_csv", "CSV", "Placement co-ordinators and record systems: the logbook's competencies as plain rows."),
    (
        "moodle_xml",
        "Moodle XML",
        "Providers using Moodle: import the practice questions, with feedback, into the "
        "question bank, one category per exam domain.",
    ),
]


def pdf_name(model: Curriculum) -> str:
    return f"pdf/{model.require_programme().short_code.lower()}-handbook.pdf"


def handout_name(model: Curriculum, module) -> str:
    """Where a module's handout PDF is in the built site: pdf/modules/<code>-<page name>.pdf."""
    stem = module.page.rsplit("/", 1)[-1].removesuffix(".md")
    return f"pdf/modules/{model.require_programme().short_code.lower()}-{stem}.pdf"


def handouts(model: Curriculum) -> dict[str, str]:
    """Module id -> site-relative path of its handout, for every module."""
    return {m.id: handout_name(model, m) for m in model.modules}


def download_targets(model: Curriculum) -> dict[str, str]:
    """Site-relative paths of every downloadable file, keyed as in the table (handouts by module id)."""
    return {"pdf": pdf_name(model), **site_paths(model), **handouts(model)}


# The size of each file is known only once `make build` has written it: scripts/pdf.py fills
# every cell marked with the file's path (scripts/sitesizes.py fill_sizes), last of all.
def _size_cell(path: str) -> str:
    return f'<td class="cpscp-size" data-cpscp-size="{esc(path)}"></td>'


PREVIEW_NOTE = (
    '<div class="admonition note" markdown="0"><p class="admonition-title">Preview</p>'
    "<p>This is the live preview, which does not build these files, so they are listed without links. "
    "They appear after <code>make build</code> (in <code>site/</code>), and the published handbook "
    "links every one of them.</p></div>"
)


def _row(ctx: Ctx, path: str, fmt: str, use_html: str) -> str:
    """A table row for one file: its link (or, in the preview, its name), format, size and use.

    The size cell is filled after the build (scripts/sitesizes.py), from the file written."""
    return (
        f'<tr><th scope="row">{_file_cell(ctx, path)}</th><td>{esc(fmt)}</td>{_size_cell(path)}<td>{use_html}</td></tr>'
    )


def _table(label: str, caption: str, rows: list[str]) -> str:
    return (
        f'<div class="cpscp-table-scroll" role="region" aria-label="{esc(label)}" tabindex="0">'
        f'<table class="cpscp-downloads"><caption>{esc(caption)}</caption>'
        '<thead><tr><th scope="col">File</th><th scope="col">Format</th><th scope="col">Size</th>'
        '<th scope="col">Who uses it, and how</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table></div>"
    )


def downloads(model: Curriculum, ctx: Ctx) -> str:
    targets = download_targets(model)
    rows = [_row(ctx, targets[key], fmt, esc(use)) for key, fmt, use in _ROWS]
    rows += [
        _row(
            ctx,
            targets[m.id],
            "PDF",
            f"Learners and tutors: the handout for {esc(m.id)} {esc(m.title)} "
            "(its outcomes, content and references), to print or read offline.",
        )
        for m in model.modules
    ]
    return (
        (PREVIEW_NOTE if ctx.preview else "")
        + _table("Downloads", "Files built from the curriculum", rows)
        + "\n\n"
        + tutor_downloads(model, ctx)
    )


def _file_cell(ctx: Ctx, path: str) -> str:
    """A link to a file written into the site (path relative to the site), or in the preview,
    where the link would lead to "404 Not found", its name and where it comes from."""
    name = path.rsplit("/", 1)[-1]
    if ctx.preview:
        return f"{esc(name)} <small>(after <code>make build</code>)</small>"
    href = relative_url(path, page_url(ctx.page, ctx.directory_urls))
    return f'<a href="{esc(href)}" download>{esc(name)}</a>'


def size_label(n: int) -> str:
    """Bytes as people read them: '940 bytes', '41 KB', '1.2 MB' (1 KB = 1,000 bytes)."""
    if n < 1000:
        return f"{n} bytes"
    if n < 1_000_000:
        return f"{round(n / 1000):,} KB"
    return f"{n / 1_000_000:.1f} MB"


def tutor_downloads(model: Curriculum, ctx: Ctx) -> str:
    """The files for tutors and assessors (a second table under downloads())."""
    names = tutor_file_names(model)
    rows = []
    for prefix, fmt, use in _TUTOR_ROWS:
        for key in [k for k in names if k == prefix or (prefix.endswith("_") and k.startswith(prefix))]:
            what = use
            if key.startswith("briefs_"):
                m = model.module(key[len("briefs_") :])
                if m is not None:  # always: tutor_file_names names the briefs after the model's modules
                    what = f"Module {m.number}, {m.title}. " + use
            rows.append(_row(ctx, f"{FOLDER}/{names[key]}", fmt, esc(what)))
    return _table("Downloads for tutors", "Files for tutors and assessors", rows)
