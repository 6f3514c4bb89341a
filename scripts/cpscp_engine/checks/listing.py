"""programme.yml `modules:` says which modules the programme has, and in what order.

Everything readers reach follows that list or is checked against it here: the module files
it names exist, the navigation lists exactly those pages in that order, and the page of a
module left out is kept out of the site (its file stays, so upstream edits still merge).
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Iterable

from ..diagnostics import ERROR, Diagnostic, Loc, declare, error
from ..model import Curriculum, FieldLocs, Module
from ..outline import module_numbers_said
from ._common import loaded, plural, suggest

CODES = declare(
    __name__,
    (
        "module-count",
        ERROR,
        "Prose gives a number of modules, or a module number, beyond the modules the programme has.",
        "Correct the number to the programme's modules list, or reword without it.",
    ),
    (
        "module-number",
        ERROR,
        "A page says 'Module N' for a module that the modules list numbers differently now.",
        "Write the number the message gives (the module's position in programme.yml modules:).",
    ),
    (
        "unknown-listed-module",
        ERROR,
        "programme.yml modules: lists an id that no module file has.",
        "Correct the id, add the module file (make new-module), or take the line out.",
    ),
    (
        "nav-module-left-out",
        ERROR,
        "The navigation lists the page of a module that programme.yml modules: leaves out.",
        "Delete the line from nav in mkdocs.yml, or put the module back in modules:.",
    ),
    (
        "nav-module-missing",
        ERROR,
        "The page of a module the programme lists is not in the navigation.",
        "Add the page to nav in mkdocs.yml.",
    ),
    (
        "nav-module-order",
        ERROR,
        "The navigation lists the module pages in another order than programme.yml modules:.",
        "List them under nav in the order the message gives.",
    ),
    (
        "nav-module-twice",
        ERROR,
        "The navigation lists a module page a second time.",
        "Delete the second entry.",
    ),
    (
        "left-out-page-built",
        ERROR,
        "The page of a module that programme.yml modules: leaves out would still be built.",
        "Add the page to exclude_docs in mkdocs.yml, as the message shows; keep the file.",
    ),
    (
        "module-number-in-text",
        ERROR,
        "Text in a module or delivery file (tutor notes, briefs, tasks) says 'Module N': "
        "the number changes when the modules list is reordered or a module left out.",
        "Name the module by its id (such as M05), which the validator checks against the modules list.",
    ),
    (
        "module-left-out-in-text",
        ERROR,
        "Text in a module or delivery file names a module that programme.yml modules: leaves out.",
        "Reword the passage without that module, or put the module back in modules:.",
    ),
)


def _left_out(model: Curriculum) -> list[Module]:
    """Module files the programme does not list (a file whose id is also listed is a duplicate, not left out)."""
    listed = {m.id for m in model.modules}
    return [m for m in model.unlisted if m.id not in listed]


def check_listed_modules_exist(model: Curriculum) -> Iterable[Diagnostic]:
    if model.programme is None or not loaded(model, "modules"):
        return
    files = [m.id for m in model.modules] + [m.id for m in model.unlisted]
    for mid, loc in model.programme.modules:
        if model.module(mid) is None:
            yield error(
                loc,
                "unknown-listed-module",
                f"programme.yml modules: lists {mid}, but no file in curriculum/modules/ has that id",
                suggest(mid, files) + "correct the id, add the module file (make new-module), or take the line out",
            )


def check_nav_modules(model: Curriculum) -> Iterable[Diagnostic]:
    """The navigation shows the programme's module pages, in the programme's order, and no others."""
    layout = model.layout
    if model.programme is None or not loaded(model, "modules") or layout.nav_loc is None:
        return
    listed = {m.page: m for m in model.modules}
    left_out = {m.page: m for m in _left_out(model)}
    shown = [(path, loc) for path, loc in layout.nav if path in listed]
    expected = [m.page for m in model.modules]
    for path, loc in layout.nav:
        if path in left_out and path not in listed:
            m = left_out[path]
            yield error(
                loc,
                "nav-module-left-out",
                f"the navigation lists {path}, the page of module {m.id}, which programme.yml modules: leaves out",
                "delete this line from nav in mkdocs.yml (or put the id back in modules: to teach it again)",
            )
    have = [p for p, _ in shown]
    at = dict(reversed(shown))  # each listed page's first line in the navigation
    missing = [p for p in expected if p not in at]
    for path in missing:
        # point at the neighbour it belongs beside: with the modules in sections, that line
        # says which section it goes in
        i = expected.index(path)
        before = next((expected[j] for j in range(i - 1, -1, -1) if expected[j] in at), None)
        after = next((expected[j] for j in range(i + 1, len(expected)) if expected[j] in at), None)
        if before is not None:
            loc, where = at[before], f"just below this line ('- {before}')"
        elif after is not None:
            loc, where = at[after], f"just above this line ('- {after}')"
        else:
            loc, where = layout.nav_loc, "where the module pages are listed"
        yield error(
            loc,
            "nav-module-missing",
            f"module {listed[path].id} is in programme.yml modules:, but its page {path} is not in the navigation",
            f"add the line '- {path}' to nav in mkdocs.yml, {where}",
        )
    if not missing and have != expected:
        yield _first_out_of_order(shown, expected, listed)


# How many pages the order message names from the first one out of place: enough to fix a
# swap or a moved module, bounded for a programme of hundreds of modules.
ORDER_SHOWN = 5


def _first_out_of_order(shown: list[tuple[str, Loc]], expected: list[str], listed: dict[str, Module]) -> Diagnostic:
    """The first place where the navigation's module pages leave the programme's order.

    Every listed page is in the navigation, so the first difference is a page out of place, a
    page listed a second time or, when the navigation agrees as far as the list goes, a
    page listed again after the last one (the navigation is then longer than the list).
    """
    k = next((k for k, ((p, _), want) in enumerate(zip(shown, expected, strict=False)) if p != want), len(expected))
    path, loc = shown[k]
    first = next((where for p, where in shown[:k] if p == path), None)
    if first is not None:
        return error(
            loc,
            "nav-module-twice",
            f"the navigation lists {path} a second time",
            f"delete this line: the page is already listed at line {first.line} of mkdocs.yml",
        )
    want = expected[k]
    ahead = expected[k : k + ORDER_SHOWN]
    more = len(expected) - k - len(ahead)
    return error(
        loc,
        "nav-module-order",
        f"the navigation lists {path} where programme.yml modules: has {want} (module {listed[want].id}, "
        f"number {listed[want].number})",
        "list the module pages from here in this order: "
        + ", ".join(ahead)
        + (f" and the {more} after them as programme.yml modules: lists them" if more > 0 else ""),
    )


def check_left_out_pages_excluded(model: Curriculum) -> Iterable[Diagnostic]:
    """A left-out module's page must not be built: its macros name a module the programme no longer has."""
    if model.programme is None or not loaded(model, "modules", "pages"):
        return
    built = {p.path for p in model.pages}
    layout = model.layout
    for m in _left_out(model):
        if m.page not in built:
            continue
        if layout.exclude_loc is not None:
            loc, how = layout.exclude_loc, f"add the line '  {m.page}' under exclude_docs: in {layout.file}"
        else:
            loc, how = (
                model.programme.field_loc("modules"),
                (f"add to {layout.file}: 'exclude_docs: |' and under it the line '  {m.page}'"),
            )
        yield error(
            loc,
            "left-out-page-built",
            f"programme.yml modules: leaves out {m.id}, but its page docs/{m.page} would still be built",
            f"{how} (keep the file, so that later upstream changes to it still merge)",
        )


_MODULE_N = re.compile(r"\bModule (\d+)\b")


def check_module_numbers_in_pages(model: Curriculum) -> Iterable[Diagnostic]:
    """'Module 8' written in a page must be the number the modules list gives that module now.

    A module page's title and a link whose text says 'Module N' name their module, so the
    number can be checked; a number beyond the last module is wrong wherever it is written.
    """
    if model.programme is None or not loaded(model, "modules", "pages"):
        return
    by_page = {m.page: m for m in model.modules}
    count = len(model.modules)
    for path, outline in model.outlines.items():
        m = by_page.get(path)
        title = next((h for h in outline.headings if h.level == 1), None)
        if m is not None and title is not None:
            said = _MODULE_N.match(title.text)
            if said and int(said.group(1)) != m.number:
                yield error(
                    title.loc,
                    "module-number",
                    f"the title says Module {said.group(1)}, but {m.id} is number {m.number} in programme.yml modules:",
                    f"write 'Module {m.number}' in the title",
                )
        here = posixpath.dirname(path)
        for link in outline.links:
            said = _MODULE_N.search(link.text)
            if not said:
                continue
            n = int(said.group(1))
            dest = posixpath.normpath(posixpath.join(here, link.target.partition("#")[0])) if link.target else path
            target = by_page.get(dest)
            if target is not None and n != target.number:
                yield error(
                    link.loc,
                    "module-number",
                    f"the link says Module {n}, but it leads to {target.id}, which is "
                    f"number {target.number} in programme.yml modules:",
                    f"write 'Module {target.number}'",
                )
            elif target is None and n > count:
                yield error(
                    link.loc,
                    "module-number",
                    f"the link says Module {n}, but the programme has {count} modules",
                    "correct the number or the link",
                )


def check_module_counts_in_prose(model: Curriculum) -> Iterable[Diagnostic]:
    """'twelve online modules', 'Modules 1 to 12' written in prose must fit the programme's modules.

    After a provider drops modules, a count or a module number beyond the last one is stale.
    (A count below it may be right: 'twelve online modules' and a placement make thirteen.)
    """
    if model.programme is None or not loaded(model, "modules", "pages"):
        return
    count = len(model.modules)
    hint = "correct the number (programme.yml modules: lists the programme's modules), or reword without it"
    p = model.programme
    texts = [("summary", p.summary, p.field_loc("summary"))]
    texts += [
        (f"delivery.{k}", getattr(p.delivery, k), p.field_loc("delivery"))
        for k in ("online", "placement", "assessment")
    ]
    texts += [(f"pathway '{pw.id}'", pw.description, pw.loc) for pw in p.pathways]
    for where, text, loc in texts:
        for _, n, phrase in module_numbers_said(text):
            if n > count:
                yield error(
                    loc,
                    "module-count",
                    f"programme.yml {where} says '{phrase}', but the programme has {plural(count, 'module')}",
                    hint,
                )
    pages = {m.page for m in model.modules}
    for path, outline in model.outlines.items():
        # a link's 'Module N' and a module page's title are checked by check_module_numbers_in_pages
        skip = {(link.loc.line, link.loc.col + 1) for link in outline.links}
        if path in pages:
            skip |= {(h.loc.line, h.loc.col + 2) for h in outline.headings if h.level == 1}
        for n, phrase, loc in outline.module_numbers:
            if n > count and (loc.line, loc.col) not in skip:
                yield error(
                    loc,
                    "module-count",
                    f"the page says '{phrase}', but the programme has {plural(count, 'module')}",
                    hint,
                )


# Prose fields of the records in module and delivery files, by record type, and the records inside them
# (with the word a message calls them by).
_PROSE = {
    "Module": ("title", "summary"),
    "Outcome": ("text",),
    "Criterion": ("text",),
    "Task": ("title", "description"),
    "Session": ("title", "tutor_notes", "resources"),
    "Activity": ("title", "task", "tutor_notes", "model_answer"),
    "ReflectionQuestion": ("question", "model_answer"),
    "Brief": ("scenario", "submit", "length", "deadline"),
    "RubricRow": ("met", "not_yet_met", "merit", "distinction"),
    "LogbookEvidence": ("evidence",),
}
_INSIDE = {
    "outcomes": "outcome",
    "criteria": "criterion",
    "assessment": "task",
    "sessions": "session",
    "activities": "activity",
    "reflection_questions": "question",
    "briefs": "brief",
    "rubric": "rubric row",
    "logbook": "logbook evidence",
}


def _prose(record, wanted: re.Pattern, inside: tuple = ()) -> Iterable[tuple[str, str, Loc]]:
    """(where, text, loc) of every prose field of a record and of the records written inside it, in
    which `wanted` is found, in the order they are written. Where a text is, in words, is worked out
    only for those: nearly every text of a large curriculum is passed over, and the words for all
    of them were most of this check's time; so is the walk itself, which goes through a stack of
    records rather than a generator for each (a large curriculum has tens of thousands)."""
    todo = [(record, inside)]
    while todo:
        record, inside = todo.pop()
        prose, within = _plan(type(record)) or ((), ())
        for name in prose:
            value = getattr(record, name)
            for text in value if isinstance(value, tuple) else (value,):
                if text and wanted.search(text):
                    loc = record.field_loc(name) if isinstance(record, FieldLocs) else record.loc
                    yield _where(inside) + name, text, loc
        children = [
            (child, (*inside, (name, child)))
            for name in within
            for child in getattr(record, name)
            if _plan(type(child)) is not None  # a task's criteria are ids
        ]
        todo.extend(reversed(children))  # the first child is taken next


_PLANS: dict[type, tuple[tuple[str, ...], tuple[str, ...]] | None] = {}


def _plan(record_type: type) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """A record type's prose fields, and its fields that hold records written inside it (worked out
    once per type); None for what is not a record."""
    if record_type not in _PLANS:
        _PLANS[record_type] = (
            (
                _PROSE.get(record_type.__name__, ()),
                # fields only: Delivery.activities repeats the sessions' activities
                tuple(f.name for f in dataclasses.fields(record_type) if f.name in _INSIDE),
            )
            if dataclasses.is_dataclass(record_type)
            else None
        )
    return _PLANS[record_type]


def _where(inside: tuple) -> str:
    """'outcome 2, criterion 2.1, ': the records a text is written inside, as a message names them."""
    return "".join(f"{_INSIDE[name]} {_label(child)}, " for name, child in inside)


def _label(record) -> str:
    return next(
        (str(v) for k in ("id", "number", "task", "criterion", "competency") if (v := getattr(record, k, ""))), ""
    )


# 'Module 10', 'Modules 7 and 8', 'Modules 2, 3, 4, 6 and 7' (not a title such as 'Synthetic module 1')
_SAYS_NUMBER = re.compile(r"\bModules?\s+\d+(?:\s*(?:,|and|or|to|-|–)\s*\d+)*")


def check_module_mentions_in_text(model: Curriculum) -> Iterable[Diagnostic]:
    """Text in the files of the programme's modules names other modules in a form the modules list can check.

    Pages name a module through macros (module_link), which follow the list; text in YAML is shown
    as written, so 'see Module 10' there would silently point at another module once a provider
    drops or reorders modules. An id (M10) stays true, and is checked here against the list.
    """
    if model.programme is None or not loaded(model, "modules"):
        return
    left_out = sorted({m.id for m in model.unlisted} - {m.id for m in model.modules}, key=len, reverse=True)
    mention = re.compile(r"\b(" + "|".join(map(re.escape, left_out)) + r")\b") if left_out else None
    records = [*model.modules, *filter(None, (model.delivery(m.id) for m in model.modules))]
    example = model.modules[0].id if model.modules else "M01"
    wanted = re.compile("Module" + ("|" + mention.pattern if mention else ""))  # what either pattern needs
    # A file whose text holds none of these words has no prose that could: the only other way to
    # write a letter in YAML is an escape ("\x4D"), which needs a backslash. Most files are
    # passed over without walking their records (0.3 s of the 0.7 s the checks took on 1,000 modules).
    needles = ("Module", "\\", *left_out)
    for record in records:
        source = model.sources.get(record.file)
        if source is not None and not any(needle in source for needle in needles):
            continue
        for where, text, loc in _prose(record, wanted):
            for said in _SAYS_NUMBER.finditer(text):
                yield error(
                    loc,
                    "module-number-in-text",
                    f"{where} says '{said.group(0)}', but a module's number "
                    "changes when programme.yml modules: is reordered or a module is left out",
                    f"name the module by its id instead (such as {example}): ids stay the same, and the "
                    "validator checks them against the list",
                )
            for named in mention.finditer(text) if mention else ():
                yield error(
                    loc,
                    "module-left-out-in-text",
                    f"{where} names {named.group(1)}, which programme.yml modules: leaves out",
                    f"reword this passage without {named.group(1)}, or put {named.group(1)} back in modules:",
                )
