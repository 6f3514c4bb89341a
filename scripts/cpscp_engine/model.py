"""The curriculum model: typed, read-only records that know where they were written.

One model, built once by the loader, is shared by the validator, the macros and the
exports, so every consumer sees the same facts with the same source positions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, Loc


@dataclass(frozen=True)
class Reference:
    id: str
    type: str
    author: str
    year: int
    title: str
    publisher: str
    accessed: str
    loc: Loc
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    definition: str
    loc: Loc
    see_also: tuple[tuple[str, Loc], ...] = ()
    references: tuple[tuple[str, Loc], ...] = ()


@dataclass(frozen=True)
class Competency:
    id: str
    title: str
    statement: str
    domain_id: str
    loc: Loc
    retired: bool = False
    replaced_by: str = ""


@dataclass(frozen=True)
class Domain:
    id: str
    title: str
    description: str
    competencies: tuple[Competency, ...]
    loc: Loc


@dataclass(frozen=True)
class Criterion:
    module_id: str
    id: str  # "n.m" as authored
    text: str
    bloom: str
    loc: Loc
    retired: bool = False
    replaced_by: str = ""

    @property
    def numbers(self) -> tuple[int, int]:
        lo, ac = self.id.split(".")
        return int(lo), int(ac)

    @property
    def global_id(self) -> str:
        return f"{self.module_id}-AC{self.id}"

    @property
    def anchor(self) -> str:
        return "ac-" + self.id.replace(".", "-")


@dataclass(frozen=True)
class Outcome:
    module_id: str
    number: int
    text: str
    criteria: tuple[Criterion, ...]
    loc: Loc
    retired: bool = False
    replaced_by: str = ""

    @property
    def global_id(self) -> str:
        return f"{self.module_id}-LO{self.number}"

    @property
    def anchor(self) -> str:
        return f"lo-{self.number}"


@dataclass(frozen=True)
class Task:
    id: str
    type: str
    title: str
    description: str
    weighting: int
    criteria: tuple[tuple[str, Loc], ...]
    loc: Loc


@dataclass(frozen=True)
class MapEntry:
    competency_id: str
    value: str  # I, R or M
    loc: Loc


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    order: int
    summary: str
    level: str
    glh: int
    tqt: int
    credits: int
    page: str
    prerequisites: tuple[tuple[str, Loc], ...]
    outcomes: tuple[Outcome, ...]
    competencies: tuple[MapEntry, ...]
    assessment: tuple[Task, ...]
    references: tuple[tuple[str, Loc], ...]
    file: str
    loc: Loc
    field_locs: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def criteria(self) -> list[Criterion]:
        return [c for o in self.outcomes for c in o.criteria]

    def map_value(self, competency_id: str) -> str:
        for entry in self.competencies:
            if entry.competency_id == competency_id:
                return entry.value
        return ""

    def field_loc(self, name: str) -> Loc:
        return self.field_locs.get(name, self.loc)


@dataclass(frozen=True)
class Pathway:
    id: str
    title: str
    weeks: int
    weekly_hours: float
    description: str
    loc: Loc

    @property
    def hours(self) -> float:
        return self.weeks * self.weekly_hours


@dataclass(frozen=True)
class Programme:
    data: dict  # the validated programme.yml, for fields that are plain text
    pathways: tuple[Pathway, ...]
    references: tuple[tuple[str, Loc], ...]
    file: str
    loc: Loc
    field_locs: dict = field(default_factory=dict, compare=False, hash=False)

    def __getattr__(self, name: str):
        # Plain fields (title, short_code, version ...) read straight from the data.
        data = object.__getattribute__(self, "data")
        if name in data:
            return data[name]
        raise AttributeError(name)

    def field_loc(self, name: str) -> Loc:
        return self.field_locs.get(name, self.loc)


@dataclass(frozen=True)
class ExamDomain:
    id: str
    title: str
    weight: float
    items: int
    competencies: tuple[tuple[str, Loc], ...]
    loc: Loc


@dataclass(frozen=True)
class Exam:
    title: str
    format: str
    duration_minutes: int
    total_items: int
    pass_mark_percent: float
    standard_setting: str
    domains: tuple[ExamDomain, ...]
    loc: Loc


@dataclass(frozen=True)
class Question:
    id: str
    domain: str
    outcome: str
    stem: str
    options: tuple[str, ...]
    answer: str
    rationale: str
    references: tuple[tuple[str, Loc], ...]
    loc: Loc
    field_locs: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def answer_index(self) -> int:
        return "ABCDE".index(self.answer)


@dataclass(frozen=True)
class Citation:
    """A use of a reference, glossary term or model id inside a docs page."""

    kind: str  # the name of a model-id kind of render/registry.py: "cite", "term", "module", ...
    key: str
    loc: Loc


@dataclass(frozen=True)
class MacroCall:
    """A macro call on a docs page, as written: the adapter reports a render error at its loc."""

    name: str
    args: tuple
    kwargs: tuple[tuple[str, object], ...]
    loc: Loc

    def key(self) -> tuple:
        return self.name, self.args, self.kwargs


@dataclass(frozen=True)
class Marker:
    """A 'TODO' left in a curriculum string or a page: where, and in which field or page."""

    where: str
    text: str
    loc: Loc


@dataclass(frozen=True)
class Page:
    path: str  # relative to docs/, e.g. modules/04-client-interaction.md
    module_id: str  # from front matter 'module:', or ""
    words: int  # prose words, excluding front matter, macro calls and code
    citations: tuple[Citation, ...]
    loc: Loc
    todos: tuple[Marker, ...] = ()
    calls: tuple[MacroCall, ...] = ()
    syntax: tuple[Diagnostic, ...] = ()  # what the page has in braces that is not a macro call it may make


@dataclass
class Curriculum:
    root: Path
    programme: Programme | None = None
    domains: list[Domain] = field(default_factory=list)
    modules: list[Module] = field(default_factory=list)  # sorted by order
    exam: Exam | None = None
    questions: list[Question] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    # Which parts loaded cleanly: cross-checks skip what could not be read, so one broken
    # file does not drown its own message in consequential errors.
    loaded: set[str] = field(default_factory=set)
    files: list[str] = field(default_factory=list)  # every file read, relative to root
    todos: list[Marker] = field(default_factory=list)  # TODO markers in strings and pages
    site: dict = field(default_factory=dict)  # identity settings of mkdocs.yml: key -> (value, Loc)
    directory_urls: bool = True  # mkdocs.yml use_directory_urls: how page URLs are formed

    @property
    def competencies(self) -> list[Competency]:
        return [c for d in self.domains for c in d.competencies]

    def module(self, module_id: str) -> Module | None:
        return self._index("_modules", self.modules, lambda m: m.id).get(module_id)

    def competency(self, competency_id: str) -> Competency | None:
        return self._index("_competencies", lambda: self.competencies, lambda c: c.id).get(competency_id)

    def reference(self, key: str) -> Reference | None:
        return self._index("_references", self.references, lambda r: r.id).get(key)

    def term(self, term_id: str) -> Term | None:
        return self._index("_terms", self.terms, lambda t: t.id).get(term_id)

    def outcome(self, global_id: str) -> Outcome | None:
        return self._index("_outcomes", lambda: [o for m in self.modules for o in m.outcomes],
                           lambda o: o.global_id).get(global_id)

    def exam_domain(self, domain_id: str) -> ExamDomain | None:
        domains = self.exam.domains if self.exam else ()
        return self._index("_exam_domains", domains, lambda d: d.id).get(domain_id)

    def _index(self, name: str, items, key) -> dict:
        cache = self.__dict__.setdefault("_cache", {})
        if name not in cache:
            index: dict = {}
            for item in (items() if callable(items) else items):  # a callable: built only once
                index.setdefault(key(item), item)  # first wins; duplicates are a validator error
            cache[name] = index
        return cache[name]

    def tasks_assessing(self, module: Module, criterion_id: str) -> list[Task]:
        return [t for t in module.assessment if any(c == criterion_id for c, _ in t.criteria)]

    def competency_modules(self, competency_id: str) -> dict[str, list[Module]]:
        """Modules that introduce, reinforce and master a competency, in module order."""
        found: dict[str, list[Module]] = {"I": [], "R": [], "M": []}
        for m in self.modules:
            value = m.map_value(competency_id)
            if value:
                found[value].append(m)
        return found

    def totals(self) -> dict[str, int]:
        return {k: sum(getattr(m, k) for m in self.modules) for k in ("glh", "tqt", "credits")}
