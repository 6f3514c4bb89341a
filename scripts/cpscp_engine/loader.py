"""Load the curriculum once: read each file, check it against its schema, build the model.

Returns the model and the diagnostics found on the way. A file that cannot be read or does
not match its schema is reported and left out of the model (and its kind is not marked as
loaded), so later checks do not pile consequential errors on top of the real one.
"""

from __future__ import annotations

import bisect
import gc
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from . import pagesyntax, schemas
from .diagnostics import ERROR, Diagnostic, Loc, declare, error
from .model import (
    Activity,
    Attribution,
    Brief,
    Citation,
    Competency,
    ContentPolicy,
    Criterion,
    Curriculum,
    Delivery,
    DeliveryModes,
    Domain,
    Exam,
    ExamDomain,
    Grading,
    Jurisdiction,
    LogbookEvidence,
    MacroCall,
    MapEntry,
    Marker,
    Module,
    Outcome,
    Page,
    Pathway,
    Placement,
    Programme,
    Provider,
    Question,
    Range,
    Reference,
    ReflectionQuestion,
    RubricRow,
    Session,
    SiteLayout,
    Task,
    Term,
)
from .outline import outline
from .site import directory_urls
from .yamlsource import (
    MAX_BYTES,
    TOO_LARGE,
    RepoReader,
    UnsafeFile,
    YamlDoc,
    decode_utf8,
    find_in_strings,
    parse_text,
    read_yaml,
    where,
)

CODES = declare(
    __name__,
    (
        "missing-file",
        ERROR,
        "One of the curriculum's own files (programme, competencies, assessment, glossary, references) is missing.",
        "Create it; its schema is in curriculum/schema/.",
    ),
    (
        "file-name",
        ERROR,
        "A module or delivery file's name is not of the form NN-slug.yml.",
        "Rename it, such as 07-crisis-intervention.yml.",
    ),
    (
        "stray-file",
        ERROR,
        "A file that is not a YAML file is in curriculum/modules/ or curriculum/delivery/.",
        "Move it out of that folder.",
    ),
)

SINGLE_FILES = ("programme", "competencies", "assessment", "glossary", "references")
# A module's stem names its data file, its delivery file and its page, so this is the one place
# that says what a stem is: an order prefix that sorts the files, then a slug from the title.
MODULE_STEM = r"(?P<prefix>\d{2,3})-[a-z0-9-]+"
MODULE_FILE = re.compile(rf"^{MODULE_STEM}\.yml\Z", re.ASCII)
_STEM = re.compile(rf"^{MODULE_STEM}\Z", re.ASCII)
# The scaffold leaves this marker where an author still has to write; the validator warns,
# so a scaffold validates but --strict refuses it.
TODO = re.compile(r"\bTODO\b")
MAX_PAGE_BYTES = 2 * MAX_BYTES


def module_stem(prefix: int, slug: str) -> str:
    """The stem of a module's files: its order prefix, at least two digits, and its slug."""
    return f"{prefix:02d}-{slug}"


def stem_prefix(stem: str) -> int | None:
    """The order prefix of a module file's stem; None if it is not a module stem."""
    m = _STEM.match(stem)
    return int(m["prefix"]) if m else None


def _keyed(doc: YamlDoc, path: tuple, values) -> tuple[tuple[str, Loc], ...]:
    return tuple((str(v), doc.loc(path + (i,))) for i, v in enumerate(values or ()))


def _field_locs(doc: YamlDoc, path: tuple, data: dict) -> dict:
    return {k: doc.key_loc(path + (k,)) for k in data}


def _mapping(doc: YamlDoc) -> dict[str, Any]:
    """The top level of a document as the mapping its schema (or MkDocs) says it is; {} if it is not.

    The builders read only documents their schema accepted, so the values below are what the
    schema says; their types are checked there, not here.
    """
    return doc.data if isinstance(doc.data, dict) else {}


def build_programme(doc: YamlDoc) -> Programme:
    d = _mapping(doc)
    pathways = tuple(
        Pathway(p["id"], p["title"], p["weeks"], p["weekly_hours"], p["description"], doc.loc(("pathways", i)))
        for i, p in enumerate(d["pathways"])
    )
    pl = d["placement"]
    return Programme(
        id=d["id"],
        title=d["title"],
        short_code=d["short_code"],
        version=d["version"],
        status=d["status"],
        uri=d["uri"],
        provider=Provider(**d["provider"]),
        jurisdiction=Jurisdiction(**d["jurisdiction"]),
        level=str(d["level"]),
        award_status=d["award_status"],
        summary=d["summary"],
        delivery=DeliveryModes(**d["delivery"]),
        entry_requirements=tuple(d["entry_requirements"]),
        modules=_keyed(doc, ("modules",), d["modules"]),
        pathways=pathways,
        placement=Placement(
            pl["module"],
            pl["hours"],
            tuple(pl["settings"]),
            pl["supervision"],
            tuple(pl["evidence"]),
            doc.loc(("placement",)),
        ),
        award_rules=tuple(d["award_rules"]),
        file=doc.file,
        loc=doc.loc(),
        references=_keyed(doc, ("references",), d.get("references")),
        reviewed=str(d.get("reviewed") or ""),
        attribution=Attribution(**d["attribution"]) if d.get("attribution") else None,
        content_policy=build_content_policy(doc, d.get("content_policy") or {}),
        grading=Grading(**(d.get("grading") or {})),
        field_locs=_field_locs(doc, (), d),
    )


def build_content_policy(doc: YamlDoc, d: dict) -> ContentPolicy:
    def span(name: str) -> Range:
        r = d.get(name) or {}
        return Range(r.get("min"), r.get("max"))

    return ContentPolicy(
        module_page_min_words=d.get("module_page_min_words", 0),
        module_page_headings=tuple(d.get("module_page_headings", ())),
        outcomes_per_module=span("outcomes_per_module"),
        criteria_per_outcome=span("criteria_per_outcome"),
        status_statement_pages=tuple(d.get("status_statement_pages", ())),
        field_locs=_field_locs(doc, ("content_policy",), d),
    )


def build_domains(doc: YamlDoc) -> list[Domain]:
    domains = []
    for i, dd in enumerate(_mapping(doc)["domains"]):
        comps = tuple(
            Competency(
                c["id"],
                c["title"],
                c["statement"],
                dd["id"],
                doc.loc(("domains", i, "competencies", j)),
                c.get("retired", False),
                c.get("replaced_by", ""),
                c.get("proficiency") or {},
            )
            for j, c in enumerate(dd["competencies"])
        )
        domains.append(Domain(dd["id"], dd["title"], dd["description"], comps, doc.loc(("domains", i))))
    return domains


def build_module(doc: YamlDoc, number: int = 0) -> Module:
    d = _mapping(doc)
    mid = d["id"]
    outcomes = []
    for i, o in enumerate(d["outcomes"]):
        crits = tuple(
            Criterion(
                mid,
                c["id"],
                c["text"],
                c["bloom"],
                doc.loc(("outcomes", i, "criteria", j)),
                c.get("retired", False),
                c.get("replaced_by", ""),
            )
            for j, c in enumerate(o["criteria"])
        )
        outcomes.append(
            Outcome(
                mid,
                o["id"],
                o["text"],
                crits,
                doc.loc(("outcomes", i)),
                o.get("retired", False),
                o.get("replaced_by", ""),
            )
        )
    comp = tuple(MapEntry(k, v, doc.key_loc(("competencies", k))) for k, v in d["competencies"].items())
    tasks = tuple(
        Task(
            t["id"],
            t["type"],
            t["title"],
            t["description"],
            t["weighting"],
            _keyed(doc, ("assessment", i, "criteria"), t["criteria"]),
            doc.loc(("assessment", i)),
        )
        for i, t in enumerate(d["assessment"])
    )
    return Module(
        mid,
        d["title"],
        number,
        d["summary"],
        str(d["level"]),
        d["glh"],
        d["tqt"],
        d["credits"],
        d["page"],
        _keyed(doc, ("prerequisites",), d.get("prerequisites")),
        tuple(outcomes),
        comp,
        tasks,
        _keyed(doc, ("references",), d.get("references")),
        doc.file,
        doc.loc(),
        _field_locs(doc, (), d),
        essential_reading=_keyed(doc, ("essential_reading",), d.get("essential_reading")),
    )


def build_delivery(doc: YamlDoc) -> Delivery:
    """A delivery file (already schema-valid) as a Delivery; optional texts missing become ""."""
    d = _mapping(doc)

    def activity(path: tuple, a: dict) -> Activity:
        return Activity(
            a["id"],
            a["title"],
            a["minutes"],
            a["format"],
            a["task"],
            a.get("tutor_notes", ""),
            a.get("model_answer", ""),
            _keyed(doc, path + ("references",), a.get("references")),
            doc.loc(path),
            _field_locs(doc, path, a),
        )

    sessions = []
    for i, x in enumerate(d["sessions"]):
        path = ("sessions", i)
        sessions.append(
            Session(
                x["id"],
                x["title"],
                x["minutes"],
                _keyed(doc, path + ("aims",), x["aims"]),
                tuple(x.get("resources") or ()),
                x.get("tutor_notes", ""),
                tuple(activity(path + ("activities", j), a) for j, a in enumerate(x["activities"])),
                doc.loc(path),
                _field_locs(doc, path, x),
            )
        )
    questions = tuple(
        ReflectionQuestion(
            q["id"],
            q["question"],
            q.get("model_answer", ""),
            _keyed(doc, ("reflection_questions", i, "references"), q.get("references")),
            doc.loc(("reflection_questions", i)),
            _field_locs(doc, ("reflection_questions", i), q),
        )
        for i, q in enumerate(d.get("reflection_questions") or ())
    )
    briefs = tuple(
        Brief(
            b["task"],
            b["after_session"],
            b["scenario"],
            tuple(b["submit"]),
            b["length"],
            b["deadline"],
            tuple(
                RubricRow(
                    r["criterion"],
                    r["met"],
                    r["not_yet_met"],
                    r.get("merit", ""),
                    r.get("distinction", ""),
                    doc.loc(("briefs", i, "rubric", j)),
                )
                for j, r in enumerate(b["rubric"])
            ),
            doc.loc(("briefs", i)),
            _field_locs(doc, ("briefs", i), b),
        )
        for i, b in enumerate(d.get("briefs") or ())
    )
    logbook = tuple(
        LogbookEvidence(e["competency"], e["evidence"], doc.loc(("logbook", "evidence", i)))
        for i, e in enumerate((d.get("logbook") or {}).get("evidence", ()))
    )
    return Delivery(
        d["module"], tuple(sessions), questions, briefs, logbook, doc.file, doc.loc(), _field_locs(doc, (), d)
    )


def build_assessment(doc: YamlDoc) -> tuple[Exam, list[Question]]:
    d = _mapping(doc)
    e = d["exam"]
    domains = tuple(
        ExamDomain(
            x["id"],
            x["title"],
            x["weight"],
            x["items"],
            _keyed(doc, ("exam", "domains", i, "competencies"), x["competencies"]),
            doc.loc(("exam", "domains", i)),
        )
        for i, x in enumerate(e["domains"])
    )
    exam = Exam(
        e["title"],
        e["format"],
        e["duration_minutes"],
        e["total_items"],
        e["pass_mark_percent"],
        e["standard_setting"],
        domains,
        doc.loc(("exam",)),
    )
    questions = [
        Question(
            q["id"],
            q["domain"],
            q["outcome"],
            q["stem"],
            tuple(q["options"]),
            q["answer"],
            q["rationale"],
            _keyed(doc, ("practice_questions", i, "references"), q.get("references")),
            doc.loc(("practice_questions", i)),
            _field_locs(doc, ("practice_questions", i), q),
        )
        for i, q in enumerate(d["practice_questions"])
    ]
    return exam, questions


def build_terms(doc: YamlDoc) -> list[Term]:
    return [
        Term(
            t["id"],
            t["term"],
            t["definition"],
            doc.loc(("terms", i)),
            _keyed(doc, ("terms", i, "see_also"), t.get("see_also")),
            _keyed(doc, ("terms", i, "references"), t.get("references")),
        )
        for i, t in enumerate(_mapping(doc)["terms"])
    ]


def build_references(doc: YamlDoc) -> list[Reference]:
    return [
        Reference(
            r["id"],
            r["type"],
            r["author"],
            r["year"],
            r["title"],
            r["publisher"],
            r["accessed"],
            doc.loc(("references", i)),
            r.get("url", ""),
            r.get("note", ""),
        )
        for i, r in enumerate(_mapping(doc)["references"])
    ]


# --- docs pages -------------------------------------------------------------------------

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
_NEWLINE = re.compile("\n")
_PAIRS = (("```", "```"), ("{{", "}}"), ("{%", "%}"))
# Character classes that stop at the next opener, so a page full of '<' or '](' stays linear.
_STRIP = [re.compile(p) for p in (r"<[^<>\n]{0,500}>", r"\]\([^()\n]{0,1000}\)")]
# Code (fenced or inline) may mention the marker, e.g. a guide explaining `TODO` markers.
_CODE = re.compile(r"^[ \t]*(```|~~~).{0,20000}?^[ \t]*\1|`[^`\n]+`", re.S | re.M)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


def read_page(path: Path, docs: Path, root: Path) -> tuple[Page | None, list[Diagnostic]]:
    page, diags, _ = _read_page(path, docs, root, RepoReader(root))
    return page, diags


def _read_page(path: Path, docs: Path, root: Path, reader: RepoReader) -> tuple[Page | None, list[Diagnostic], str]:
    """read_page, and the text it read (for the outline)."""
    rel = path.relative_to(docs).as_posix()
    file = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    try:
        raw = reader.read(path, MAX_PAGE_BYTES, what="page")
    except UnsafeFile as unsafe:
        if unsafe.code == TOO_LARGE:
            unsafe.hint = "split it into several pages, or check that it is not generated or binary content"
        return None, [unsafe.diagnostic(file)], ""
    text, problem = decode_utf8(raw, file, "page")
    if text is None:
        return None, [problem] if problem else [], ""
    read = text
    if text.startswith("\ufeff"):
        text = text[1:]
    module_id, body_start, diags = "", 0, []
    m = _FRONT.match(text)
    if m:
        body_start = m.end()
        fm, problem = parse_text(m.group(1), file)
        if problem:
            # positions in the front matter are offset by the opening '---' line
            diags.append(
                error(
                    Loc(file, problem.loc.line + 1, problem.loc.col),
                    problem.code,
                    "front matter: " + problem.message,
                    problem.hint,
                )
            )
        elif fm is not None and isinstance(fm.data, dict) and fm.data.get("module") is not None:
            module_id = str(fm.data["module"])
    newlines: list[int] = []

    def position(offset: int) -> tuple[int, int]:
        # a running count from the top would make a page with many calls quadratic
        if not newlines:
            newlines.extend(m.start() for m in _NEWLINE.finditer(text))
            newlines.append(len(text))
        before = bisect.bisect_left(newlines, offset)
        return before + 1, offset - (newlines[before - 1] + 1 if before else 0) + 1

    calls: list[MacroCall] = []
    cites: list[Citation] = []
    syntax: list[Diagnostic] = []
    found, problems = pagesyntax.scan(text, body_start)
    for call in found:
        loc = Loc(file, *position(call.offset))
        calls.append(MacroCall(call.name, call.args, call.kwargs, loc))
        cites.extend(Citation(param.kind.name, value, loc) for param, value in call.bound if param.kind.model_id)
    for bad in problems:
        syntax.append(error(Loc(file, *position(bad.offset)), bad.code, bad.message, bad.hint))
    todos = []
    masked = _CODE.sub(lambda c: re.sub(r"[^\n]", " ", c.group()), text) if "TODO" in text else ""
    for mark in TODO.finditer(masked):
        line, col = position(mark.start())
        start = mark.start() - col + 1
        end = text.find("\n", mark.start())
        line_text = text[start : end if end >= 0 else len(text)]
        col = mark.start() - start
        snippet = (
            ("..." if col > 30 else "")
            + line_text[max(0, col - 30) : col + 40].strip()
            + ("..." if len(line_text) > col + 40 else "")
        )
        todos.append(Marker("the page text", snippet, Loc(file, line, col + 1)))
    body = text[body_start:]
    for opener, closer in _PAIRS:
        body = _cut(body, opener, closer)
    for pattern in _STRIP:
        body = pattern.sub(" ", body)
    return (
        Page(
            rel,
            module_id,
            len(_WORD.findall(body)),
            tuple(cites),
            Loc(file, 1, 1),
            tuple(todos),
            tuple(calls),
            tuple(syntax),
        ),
        diags,
        read,
    )


def _cut(text: str, opener: str, closer: str) -> str:
    """Blank out every opener...closer span in one pass (a regex would rescan after an unclosed opener)."""
    out, pos = [], 0
    while True:
        start = text.find(opener, pos)
        if start < 0:
            break
        end = text.find(closer, start + len(opener))
        if end < 0:
            break
        out.append(text[pos:start])
        out.append(" ")
        pos = end + len(closer)
    out.append(text[pos:])
    return "".join(out)


# --- the whole curriculum -----------------------------------------------------------------


def load(root: Path | str, docs_dir: str = "docs", *, outlines: bool = True) -> tuple[Curriculum, list[Diagnostic]]:
    """Read the whole curriculum under root. Never raises for a problem in the files.

    outlines=False leaves model.outlines empty. Only the validator's checks read them (each
    page's headings, anchors, links and the module numbers its prose gives), and working them
    out is about two fifths of loading the handbook: a build, which runs no checks, asks for
    the model without them.
    """
    # Loading allocates hundreds of thousands of small objects that all stay alive; the
    # cyclic garbage collector would rescan them again and again (about half the time of a
    # large load) while finding nothing to free.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(Path(root), docs_dir, outlines)
    finally:
        if was_enabled:
            promote_survivors()
            gc.enable()


def promote_survivors() -> None:
    """Move every live object to the oldest GC generation without scanning it.

    The model is long-lived and acyclic; left in the youngest generation, the first
    allocation after the collector is re-enabled would trigger a pass over all of it (a
    quarter of a second for 1000 modules). freeze() then unfreeze() moves them in O(1), and
    unlike freeze() alone leaves them collectable.
    """
    gc.freeze()
    gc.unfreeze()


def _load(root: Path, docs_dir: str, outlines: bool) -> tuple[Curriculum, list[Diagnostic]]:
    cur_dir = root / "curriculum"
    model = Curriculum(root=root)
    diags: list[Diagnostic] = []
    schema_dir = cur_dir / "schema"
    if not schema_dir.is_dir():
        schema_dir = schemas.SCHEMA_DIR

    unusable: dict[str, Diagnostic | None] = {}  # kind -> why its schema cannot be used

    reader = RepoReader(root)

    def read(path: Path, kind: str) -> YamlDoc | None:
        doc, problem = read_yaml(path, root, reader=reader)
        if problem is not None:
            model.files.append(doc.file if doc else problem.loc.file)
            diags.append(problem)
            return None
        assert doc is not None, "read_yaml returns a document or the problem that stopped it"
        model.files.append(doc.file)
        model.sources[doc.file] = doc.source
        if kind not in unusable:
            why = unusable[kind] = schemas.problem(kind, schema_dir)
            if why:
                diags.append(why)
        if unusable[kind]:
            return None  # said once, at the schema file
        for spot, value in find_in_strings(doc, TODO) if "TODO" in doc.source else ():
            model.todos.append(Marker(where(spot), value, doc.loc(spot)))
        found = schemas.check(doc, kind, schema_dir)
        diags.extend(found)
        return None if found else doc

    for kind in SINGLE_FILES:
        path = cur_dir / f"{kind}.yml"
        if not path.exists():
            diags.append(
                error(
                    Loc(path.relative_to(root).as_posix()),
                    "missing-file",
                    f"curriculum/{kind}.yml is missing",
                    f"create it; its schema is curriculum/schema/{kind}.schema.json",
                )
            )
            continue
        doc = read(path, kind)
        if doc is None:
            continue
        if kind == "programme":
            model.programme = build_programme(doc)
        elif kind == "competencies":
            model.domains = build_domains(doc)
        elif kind == "assessment":
            model.exam, model.questions = build_assessment(doc)
        elif kind == "glossary":
            model.terms = build_terms(doc)
        elif kind == "references":
            model.references = build_references(doc)
        model.loaded.add(kind)

    modules_ok = True
    mod_dir = cur_dir / "modules"
    # programme.yml `modules:` says which module files make the programme, and in what order.
    positions: dict[str, int] = {}
    for i, mid in enumerate(model.programme.module_ids if model.programme else ()):
        positions.setdefault(mid, i + 1)
    found_modules: list[Module] = []
    for path in sorted(mod_dir.glob("*")) if mod_dir.is_dir() else []:
        if path.name.startswith(".") or path.is_dir():
            continue
        rel = path.relative_to(root).as_posix()
        if path.suffix in (".yaml", ".YML", ".yml") and not MODULE_FILE.match(path.name):
            diags.append(
                error(
                    Loc(rel),
                    "file-name",
                    f"module file name '{path.name}' is not of the form NN-slug.yml",
                    "rename it, e.g. 07-crisis-intervention.yml (two-digit order, lower-case words and hyphens, .yml)",
                )
            )
            modules_ok = False
            continue
        if path.suffix != ".yml":
            diags.append(
                error(
                    Loc(rel),
                    "stray-file",
                    f"'{path.name}' is not a module file",
                    "move it out of curriculum/modules/ (only NN-slug.yml files belong here)",
                )
            )
            continue
        doc = read(path, "module")
        if doc is None:
            modules_ok = False
            continue
        found_modules.append(build_module(doc, positions.get(_mapping(doc)["id"], 0)))
    _arrange_modules(model, found_modules)
    if modules_ok:
        model.loaded.add("modules")
    if _load_deliveries(root, cur_dir / "delivery", model, diags, read):
        model.loaded.add("delivery")

    config, problem = read_site_config(root)
    if problem:
        diags.append(problem)
    model.layout = site_layout(config)
    docs = root / docs_dir
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        rel = path.relative_to(docs).as_posix()
        if model.layout.excludes(rel):  # MkDocs does not build it, so neither its links nor its macros matter
            model.excluded_pages.append(rel)
            continue
        page, found, text = _read_page(path, docs, root, reader)
        model.files.append(page.loc.file if page else found[0].loc.file)
        diags.extend(found)
        if page:
            model.pages.append(page)
            model.todos.extend(page.todos)
            if outlines:  # what the link and policy checks read
                model.outlines[rel] = outline(text.lstrip("\ufeff"), rel, page.loc.file)
    model.loaded.add("pages")
    model.site = site_settings(config)
    model.directory_urls = directory_urls(config.data if config else None)
    return model, diags


def _arrange_modules(model: Curriculum, found: list[Module]) -> None:
    """Split the module files into the programme (in list order) and the files it leaves out."""
    if model.programme is None:
        # Without the list, take every module file in file-name order, so the module checks still run
        # (the list's own checks wait until programme.yml loads).
        model.modules = [replace(m, number=i) for i, m in enumerate(found, 1)]
        return
    model.modules = sorted((m for m in found if m.number), key=lambda m: m.number)
    model.unlisted = [m for m in found if not m.number]
    dropped = {m.id for m in model.unlisted} - {m.id for m in model.modules}
    if dropped:
        # A practice question on a module the programme leaves out is left out with it.
        keep = [q for q in model.questions if q.outcome.split("-LO")[0] not in dropped]
        model.dropped_questions = [q for q in model.questions if q.outcome.split("-LO")[0] in dropped]
        model.questions = keep


def _load_deliveries(root: Path, folder: Path, model: Curriculum, diags: list[Diagnostic], read) -> bool:
    """Read curriculum/delivery/*.yml (optional folder) into model.deliveries; True when all loaded."""
    ok = True
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        if path.name.startswith(".") or path.is_dir():
            continue
        rel = path.relative_to(root).as_posix()
        if path.suffix in (".yaml", ".YML", ".yml") and not MODULE_FILE.match(path.name):
            diags.append(
                error(
                    Loc(rel),
                    "file-name",
                    f"delivery file name '{path.name}' is not of the form NN-slug.yml",
                    "name it exactly as its module's file in curriculum/modules/, e.g. 04-client-interaction.yml",
                )
            )
            ok = False
            continue
        if path.suffix != ".yml":
            diags.append(
                error(
                    Loc(rel),
                    "stray-file",
                    f"'{path.name}' is not a delivery file",
                    "move it out of curriculum/delivery/ (only NN-slug.yml files belong here)",
                )
            )
            continue
        doc = read(path, "delivery")
        if doc is None:
            ok = False
            continue
        model.deliveries.append(build_delivery(doc))
    return ok


SITE_KEYS = ("site_name", "site_description", "site_url", "repo_url", "copyright")


def read_site_config(root: Path) -> tuple[YamlDoc | None, Diagnostic | None]:
    """mkdocs.yml with positions, or the reason MkDocs could not read it at all (bad YAML, a merge
    conflict). MkDocs validates the meaning of its own settings; tags such as !ENV are its business."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return None, None
    doc, problem = read_yaml(path, root, allow_tags=True)
    return (doc if problem is None and doc is not None and isinstance(doc.data, dict) else None), problem


def site_settings(doc: YamlDoc | None) -> dict[str, tuple[str, Loc]]:
    """The identity settings of mkdocs.yml, with their positions, for the fork-branding check."""
    if doc is None:
        return {}
    data = _mapping(doc)
    found = {key: (str(data[key]), doc.loc((key,))) for key in SITE_KEYS if isinstance(data.get(key), str)}

    def walk(items, path: tuple) -> None:
        # nav entries are "page.md", {title: "page.md" or a URL} or {title: [nested entries]}
        for i, item in enumerate(items if isinstance(items, list) else []):
            for title, target in item.items() if isinstance(item, dict) else []:
                if isinstance(target, list):
                    walk(target, path + (i, title))
                elif isinstance(target, str) and "://" in target:
                    found[f"nav link '{title}'"] = (target, doc.loc(path + (i, title)))

    walk(data.get("nav"), ("nav",))
    return found


def site_layout(doc: YamlDoc | None) -> SiteLayout:
    """The navigation and the excluded pages of mkdocs.yml, with their positions."""
    if doc is None:
        return SiteLayout()
    nav: list[tuple[str, Loc]] = []

    def walk(value, where: tuple) -> None:
        if isinstance(value, str):
            if "://" not in value and value.endswith(".md"):
                nav.append((value.lstrip("/"), doc.loc(where)))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, where + (i,))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, where + (key,))

    data = _mapping(doc)
    walk(data.get("nav"), ("nav",))
    exclude = data.get("exclude_docs")
    return SiteLayout(
        doc.file,
        tuple(nav),
        doc.key_loc(("nav",)) if "nav" in data else None,
        exclude if isinstance(exclude, str) else "",
        doc.key_loc(("exclude_docs",)) if "exclude_docs" in data else None,
    )
