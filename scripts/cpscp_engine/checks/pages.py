"""Docs pages and modules point at each other: each module has its page, each page its module."""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import ERROR, Diagnostic, declare, error
from ..model import Curriculum
from ..render.identity import text_fields
from ..render.registry import EXAM_DOMAIN, MODULE, PROGRAMME_FIELD, macro_taking
from ._common import loaded, page_calls, suggest

# The macros whose ids these checks look up, named in their messages as the registry declares them.
PRACTICE, VALUE = macro_taking(EXAM_DOMAIN), macro_taking(PROGRAMME_FIELD)

CODES = declare(
    __name__,
    (
        "missing-page",
        ERROR,
        "A module's page does not exist.",
        "Create the page under docs/, or correct the module's page.",
    ),
    (
        "page-module-mismatch",
        ERROR,
        "A module's page and the page's front matter (module:) do not point at each other.",
        "Make the front matter and the module's page agree.",
    ),
    (
        "unknown-front-matter-module",
        ERROR,
        "A page's front matter names a module that does not exist.",
        "Use the id of the module the page presents.",
    ),
    (
        "unknown-module",
        ERROR,
        "A module macro on a page (module_facts, outcomes ...) names a module that does not exist.",
        "Use the id of an existing module, such as M04.",
    ),
    (
        "unknown-practice-domain",
        ERROR,
        f"{PRACTICE.name}() on a page names an exam domain the exam does not have.",
        "Use the id of one of the exam's domains.",
    ),
    (
        "unknown-programme-field",
        ERROR,
        f"{VALUE.name}() on a page names no text field of curriculum/programme.yml.",
        "Use the name of a text field of programme.yml, such as title.",
    ),
    (
        "listed-page-excluded",
        ERROR,
        "The page of a module the programme lists is excluded from the site (exclude_docs).",
        "Take the page out of exclude_docs, or the module out of modules:.",
    ),
    (
        "module-left-out",
        ERROR,
        "A module macro on a page names a module that programme.yml modules: leaves out.",
        "Reword the passage without that module, or put it back in modules:.",
    ),
)


def check_module_pages(model: Curriculum) -> Iterable[Diagnostic]:
    if not loaded(model, "pages"):
        return
    pages = {p.path: p for p in model.pages}
    claimed = {m.page for m in model.modules}
    unclaimed = [path for path in pages if path.startswith("modules/") and path not in claimed]
    for m in model.modules:
        page = pages.get(m.page)
        if page is None and m.page in model.excluded_pages:
            yield error(
                model.layout.exclude_loc or m.field_loc("page"),
                "listed-page-excluded",
                f"module {m.id} is in programme.yml modules:, but exclude_docs in {model.layout.file} leaves "
                f"its page docs/{m.page} out of the site",
                f"take the line for {m.page} out of exclude_docs (or take {m.id} out of modules:)",
            )
        elif page is None:
            yield error(
                m.field_loc("page"),
                "missing-page",
                f"the page of module {m.id}, docs/{m.page}, does not exist",
                suggest(m.page, unclaimed) + f"create docs/{m.page} (starting with front matter 'module: {m.id}'), "
                "or correct 'page:'",
            )
        elif page.module_id != m.id:
            said = f"says module: {page.module_id}" if page.module_id else "has no 'module:' front matter"
            yield error(
                page.loc,
                "page-module-mismatch",
                f"docs/{m.page} is the page of module {m.id} but {said}",
                f"start the page with the lines ---, module: {m.id}, ---",
            )


def check_page_modules(model: Curriculum) -> Iterable[Diagnostic]:
    if not loaded(model, "modules"):
        return
    ids = [m.id for m in model.modules]
    for page in model.pages:
        if not page.module_id:
            continue
        m = model.module(page.module_id)
        if m is None and model.unlisted_module(page.module_id) is not None:
            continue  # the page of a module left out: check_left_out_pages_excluded says what to do
        if m is None:
            yield error(
                page.loc,
                "unknown-front-matter-module",
                f"the front matter of {page.path} says module: {page.module_id}, which is not a module",
                suggest(page.module_id, ids) + "use the id of the module this page presents",
            )
        elif m.page != page.path:
            yield error(
                page.loc,
                "page-module-mismatch",
                f"{page.path} says module: {m.id}, but the page of {m.id} is {m.page}",
                f"correct the front matter, or set page: {page.path} in {m.file}",
            )


def check_page_module_macros(model: Curriculum) -> Iterable[Diagnostic]:
    if not loaded(model, "modules"):
        return
    ids = [m.id for m in model.modules]
    left_out_pages = {m.page for m in model.unlisted if model.module(m.id) is None}
    for page, c in page_calls(model, MODULE.name):
        if page.path in left_out_pages:
            continue  # the page of a module left out: check_left_out_pages_excluded says to exclude it
        if model.module(c.key) is None and model.unlisted_module(c.key) is not None:
            yield error(
                c.loc,
                "module-left-out",
                f"a module macro on {page.path} names {c.key}, which programme.yml modules: leaves out",
                f"reword this passage without {c.key}, or put {c.key} back in modules:",
            )
        elif model.module(c.key) is None:
            yield error(
                c.loc,
                "unknown-module",
                f"a module macro on {page.path} names {c.key}, which is not a module",
                suggest(c.key, ids) + 'use the id of an existing module, e.g. module_facts("M04")',
            )


def check_page_exam_domains(model: Curriculum) -> Iterable[Diagnostic]:
    if not loaded(model, "assessment") or model.exam is None:
        return
    ids = [d.id for d in model.exam.domains]
    for page, c in page_calls(model, EXAM_DOMAIN.name):
        if model.exam_domain(c.key) is None:
            yield error(
                c.loc,
                "unknown-practice-domain",
                f'{PRACTICE.name}("{c.key}") on {page.path} names an exam domain the exam does not have',
                suggest(c.key, ids) + "use one of " + ", ".join(ids),
            )


def check_page_programme_fields(model: Curriculum) -> Iterable[Diagnostic]:
    if model.programme is None:
        return
    fields = text_fields(model.programme)
    for page, c in page_calls(model, PROGRAMME_FIELD.name):
        if c.key not in fields:
            yield error(
                c.loc,
                "unknown-programme-field",
                f'{VALUE.name}("{c.key}") on {page.path} is not a text field of curriculum/programme.yml',
                suggest(c.key, fields) + "use a field such as title, short_code, version or provider.name",
            )
