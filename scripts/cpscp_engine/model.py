"""The curriculum model: typed, read-only records that know where they were written.

One model, built once by the loader, is shared by the validator, the macros and the
exports, so every consumer sees the same facts with the same source positions.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache
from pathlib import Path

from .diagnostics import Diagnostic, Loc
from .outline import Outline
from .vocab import MAP_WORDS, answer_letters


class FieldLocs:
    """A record that knows where each of its fields was written (field_locs), else where it was."""

    field_locs: dict
    loc: Loc

    def field_loc(self, name: str) -> Loc:
        return self.field_locs.get(name, self.loc)


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
    # introduced / reinforced / mastered -> what the person does at that level (optional for now)
    proficiency: dict = field(default_factory=dict, compare=False, hash=False)


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
class Module(FieldLocs):
    id: str
    title: str
    number: int  # position in programme.yml `modules:` (1, 2 ...); 0 for a module file the programme leaves out
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
    essential_reading: tuple[tuple[str, Loc], ...] = ()  # a chosen few of `references`

    @cached_property  # the checks ask for it many times per module; the record never changes
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for o in self.outcomes for c in o.criteria)

    def map_value(self, competency_id: str) -> str:
        for entry in self.competencies:
            if entry.competency_id == competency_id:
                return entry.value
        return ""


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
class Provider:
    name: str
    contact: str
    url: str = ""


@dataclass(frozen=True)
class Attribution:
    """The credit the content licence requires, stated once and shown wherever the content is published."""

    notice: str
    # The content's licence (LICENSE-CONTENT.md) unless programme.yml names it: share-alike, so
    # a fork publishes its changes under the same one.
    licence: str = "CC BY-SA 4.0"
    licence_url: str = "https://creativecommons.org/licenses/by-sa/4.0/"


@dataclass(frozen=True)
class Jurisdiction:
    primary: str
    notes: str = ""


@dataclass(frozen=True)
class Grading:
    """programme.yml `grading:`: pass / not yet passed only, unless merit and distinction are on."""

    merit_distinction: bool = False


@dataclass(frozen=True)
class DeliveryModes:
    """programme.yml `delivery:`: how the programme is delivered, in words for readers."""

    online: str
    placement: str
    assessment: str


@dataclass(frozen=True)
class Placement:
    module: str
    hours: int
    settings: tuple[str, ...]
    supervision: str
    evidence: tuple[str, ...]
    loc: Loc


@dataclass(frozen=True)
class Range:
    """A whole-number range a count must fall in; None for no limit on that side."""

    min: int | None = None
    max: int | None = None

    def __contains__(self, n: int) -> bool:
        return (self.min is None or n >= self.min) and (self.max is None or n <= self.max)

    def __str__(self) -> str:
        if self.min is not None and self.max is not None:
            return f"exactly {self.min}" if self.min == self.max else f"{self.min} to {self.max}"
        return f"at least {self.min}" if self.min is not None else f"at most {self.max}"


@dataclass(frozen=True)
class ContentPolicy:
    """programme.yml `content_policy:`: the house rules a provider may set (each has no effect when absent)."""

    module_page_min_words: int = 0
    module_page_headings: tuple[str, ...] = ()  # level-2 headings every module page has, in this order
    outcomes_per_module: Range = Range()
    criteria_per_outcome: Range = Range()
    status_statement_pages: tuple[str, ...] = ()  # pages (under docs/) that must show status_statement()
    field_locs: dict = field(default_factory=dict, compare=False, hash=False)

    def loc(self, name: str, default: Loc) -> Loc:
        return self.field_locs.get(name, default)


@dataclass(frozen=True)
class Programme(FieldLocs):
    """programme.yml, each setting declared once with its type (and default when optional).

    The JSON Schema says what an author may write; these fields say what the engine reads. A
    field added to one must be added to the other (tests/test_loader.py compares them).
    """

    id: str
    title: str
    short_code: str
    version: str
    status: str
    uri: str
    provider: Provider
    jurisdiction: Jurisdiction
    level: str
    award_status: str
    summary: str
    delivery: DeliveryModes
    entry_requirements: tuple[str, ...]
    modules: tuple[tuple[str, Loc], ...]  # the programme's module ids in teaching order, where each is listed
    pathways: tuple[Pathway, ...]
    placement: Placement
    award_rules: tuple[str, ...]
    file: str
    loc: Loc
    references: tuple[tuple[str, Loc], ...] = ()
    reviewed: str = ""  # ISO date of the last whole review; "" falls back to git (edition.py)
    attribution: Attribution | None = None
    content_policy: ContentPolicy = field(default_factory=lambda: ContentPolicy())
    grading: Grading = field(default_factory=lambda: Grading())
    field_locs: dict = field(default_factory=dict, compare=False, hash=False)

    # Not settings of programme.yml, but where they came from.
    _NOT_SETTINGS = ("file", "loc", "field_locs")

    @classmethod
    def text_fields(cls) -> tuple[str, ...]:
        """The top-level settings that are plain text (what programme_value() may show)."""
        return tuple(f.name for f in fields(cls) if f.type == "str" and f.name not in cls._NOT_SETTINGS)

    @classmethod
    def settings(cls) -> tuple[str, ...]:
        """Every top-level key of programme.yml the engine reads."""
        return tuple(f.name for f in fields(cls) if f.name not in cls._NOT_SETTINGS)

    def text(self, name: str) -> str:
        if name not in self.text_fields():
            raise KeyError(name)
        return getattr(self, name)

    @property
    def module_ids(self) -> list[str]:
        return [mid for mid, _ in self.modules]


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
        return answer_letters().index(self.answer)


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


@dataclass(frozen=True)
class SiteLayout:
    """What mkdocs.yml says about which pages are built and how readers reach them."""

    file: str = "mkdocs.yml"
    nav: tuple[tuple[str, Loc], ...] = ()  # every page path in the navigation, in order
    nav_loc: Loc | None = None  # None: no `nav:`, so MkDocs lists every page itself
    exclude_docs: str = ""  # the gitignore-style patterns of pages MkDocs leaves out
    exclude_loc: Loc | None = None

    def excludes(self, path: str) -> bool:
        """True when MkDocs leaves docs/<path> out of the site."""
        return bool(self.exclude_docs.strip()) and _spec(self.exclude_docs).match_file(path)


@lru_cache(maxsize=8)
def _spec(patterns: str):
    import pathspec  # MkDocs' own dependency, and what it matches exclude_docs with

    return pathspec.GitIgnoreSpec.from_lines(patterns.splitlines())


@dataclass
class Curriculum:
    root: Path
    programme: Programme | None = None
    domains: list[Domain] = field(default_factory=list)
    modules: list[Module] = field(default_factory=list)  # the programme's modules, in programme.yml order
    # Module files that programme.yml `modules:` leaves out: read and checked, but not taught.
    unlisted: list[Module] = field(default_factory=list)
    exam: Exam | None = None
    questions: list[Question] = field(default_factory=list)
    # Practice questions on a module the programme leaves out: not shown, not exported.
    dropped_questions: list[Question] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    # Which parts loaded cleanly: cross-checks skip what could not be read, so one broken
    # file does not drown its own message in consequential errors.
    loaded: set[str] = field(default_factory=set)
    files: list[str] = field(default_factory=list)  # every file read, relative to root
    # The text of each YAML file that parsed, by its path relative to root: a check that looks
    # for words can pass over a file whose text does not hold them without walking its records.
    sources: dict[str, str] = field(default_factory=dict)
    todos: list[Marker] = field(default_factory=list)  # TODO markers in strings and pages
    site: dict = field(default_factory=dict)  # identity settings of mkdocs.yml: key -> (value, Loc)
    layout: SiteLayout = field(default_factory=SiteLayout)
    excluded_pages: list[str] = field(default_factory=list)  # pages under docs/ that exclude_docs leaves out
    outlines: dict[str, Outline] = field(default_factory=dict)  # page path -> headings, anchors, links
    directory_urls: bool = True  # mkdocs.yml use_directory_urls: how page URLs are formed
    deliveries: list = field(default_factory=list)  # Delivery records, in file-name order

    @property
    def competencies(self) -> list[Competency]:
        return [c for d in self.domains for c in d.competencies]

    def module(self, module_id: str) -> Module | None:
        return self._index("_modules", self.modules, lambda m: m.id).get(module_id)

    def unlisted_module(self, module_id: str) -> Module | None:
        """A module file that exists but is not in the programme's `modules:` list."""
        return self._index("_unlisted", self.unlisted, lambda m: m.id).get(module_id)

    def competency(self, competency_id: str) -> Competency | None:
        return self._index("_competencies", lambda: self.competencies, lambda c: c.id).get(competency_id)

    def reference(self, key: str) -> Reference | None:
        return self._index("_references", self.references, lambda r: r.id).get(key)

    def term(self, term_id: str) -> Term | None:
        return self._index("_terms", self.terms, lambda t: t.id).get(term_id)

    def outcome(self, global_id: str) -> Outcome | None:
        return self._index(
            "_outcomes", lambda: [o for m in self.modules for o in m.outcomes], lambda o: o.global_id
        ).get(global_id)

    def exam_domain(self, domain_id: str) -> ExamDomain | None:
        domains = self.exam.domains if self.exam else ()
        return self._index("_exam_domains", domains, lambda d: d.id).get(domain_id)

    def derived(self, name: str, compute):
        """compute(self), worked out once per model: a fact the renderers derive from the whole model
        (such as citation labels) would otherwise be derived again for every macro call."""
        cache = self.__dict__.setdefault("_cache", {})
        if name not in cache:
            cache[name] = compute(self)
        return cache[name]

    def _index(self, name: str, items, key) -> dict:
        cache = self.__dict__.setdefault("_cache", {})
        if name not in cache:
            index: dict = {}
            for item in items() if callable(items) else items:  # a callable: built only once
                index.setdefault(key(item), item)  # first wins; duplicates are a validator error
            cache[name] = index
        return cache[name]

    def require_programme(self) -> Programme:
        """The programme, for code that runs only on a curriculum that loaded (exports, downloads, diffs).

        Their callers check first (scripts/export.py refuses a curriculum with errors), so a model
        without programme.yml here is a mistake in the calling code, not in an author's files.
        """
        if self.programme is None:
            raise ValueError("curriculum/programme.yml did not load: validate the curriculum before using it")
        return self.programme

    @property
    def merit_distinction(self) -> bool:
        """True when programme.yml turns on merit and distinction grades (upstream: off)."""
        p = self.programme
        return bool(p and p.grading.merit_distinction)

    def delivery(self, module_id: str):
        """The Delivery of a module (the file in curriculum/delivery/ named as the module's file), or None."""
        module = self.module(module_id)
        if module is None:
            return None
        return self._index("_deliveries", self.deliveries, lambda d: d.name).get(module.file.rsplit("/", 1)[-1])

    def tasks_assessing(self, module: Module, criterion_id: str) -> list[Task]:
        return [t for t in module.assessment if any(c == criterion_id for c, _ in t.criteria)]

    def competency_modules(self, competency_id: str) -> dict[str, list[Module]]:
        """Modules that introduce, reinforce and master a competency, in module order."""
        found: dict[str, list[Module]] = {value: [] for value in MAP_WORDS}
        for m in self.modules:
            value = m.map_value(competency_id)
            if value:
                found[value].append(m)
        return found

    def totals(self) -> dict[str, int]:
        return {k: sum(getattr(m, k) for m in self.modules) for k in ("glh", "tqt", "credits")}


# --- delivery: scheme of work, tutor notes, briefs (curriculum/delivery/*.yml) --------------
# Linked to its module by file name; tutor_notes and model_answer are for the tutor edition only.


@dataclass(frozen=True)
class Activity(FieldLocs):
    id: str
    title: str
    minutes: int
    format: str
    task: str  # learner-visible
    tutor_notes: str  # tutor edition only; "" when missing (the validator reports it)
    model_answer: str  # tutor edition only; "" when missing (the validator reports it)
    references: tuple[tuple[str, Loc], ...]
    loc: Loc
    field_locs: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Session(FieldLocs):
    id: str
    title: str
    minutes: int
    aims: tuple[tuple[str, Loc], ...]  # criterion ids taught
    resources: tuple[str, ...]
    tutor_notes: str
    activities: tuple[Activity, ...]
    loc: Loc
    field_locs: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class ReflectionQuestion(FieldLocs):
    id: str
    question: str  # learner-visible
    model_answer: str  # tutor edition only
    references: tuple[tuple[str, Loc], ...]
    loc: Loc
    field_locs: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class RubricRow:
    criterion: str
    met: str
    not_yet_met: str
    merit: str  # "" unless merit/distinction grading is on
    distinction: str
    loc: Loc


@dataclass(frozen=True)
class Brief(FieldLocs):
    task: str
    after_session: str
    scenario: str
    submit: tuple[str, ...]
    length: str
    deadline: str
    rubric: tuple[RubricRow, ...]
    loc: Loc
    field_locs: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class LogbookEvidence:
    competency: str
    evidence: str
    loc: Loc


@dataclass(frozen=True)
class Delivery(FieldLocs):
    """One curriculum/delivery/NN-slug.yml: how its module (the one with the same file name) is taught."""

    module_id: str  # as written in the file's `module:`; the validator checks it matches
    sessions: tuple[Session, ...]
    reflection_questions: tuple[ReflectionQuestion, ...]
    briefs: tuple[Brief, ...]
    logbook: tuple[LogbookEvidence, ...]
    file: str
    loc: Loc
    field_locs: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def name(self) -> str:
        """The file name, which is also the name of its module's file."""
        return self.file.rsplit("/", 1)[-1]

    @property
    def activities(self) -> list[Activity]:
        return [a for s in self.sessions for a in s.activities]

    @property
    def minutes(self) -> int:
        return sum(s.minutes for s in self.sessions)

    def session(self, session_id: str) -> Session | None:
        return next((s for s in self.sessions if s.id == session_id), None)

    def brief(self, task_id: str) -> Brief | None:
        return next((b for b in self.briefs if b.task == task_id), None)
