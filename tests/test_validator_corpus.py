"""The validator is the single gate: each broken input below gets a `file:line:col` diagnostic and
exit status 1 (never an internal error), and what it accepts builds with `mkdocs build --strict`.

Each case breaks one thing in a copy of the real handbook, the way a contributor or a provider
would (issue 8 lists most of them), and names the file and the diagnostic code it expects.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

import validate as cli
import yamlio
from cpscp_engine.loader import load
from cpscp_engine.render.identity import count_words
from flows import drop_and_resolve
from projectcopy import copy_project, mkdocs_build

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("mkdocs.yml", "docs", "curriculum")


def _sub(rel: str, old: str, new: str, count: int = 1):
    """A mutation: replace text in one file (the text must be there, so a case cannot go stale)."""

    def apply(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{rel} no longer contains {old!r}: update the case"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return apply


def _append(rel: str, text: str):
    def apply(root: Path) -> None:
        with (root / rel).open("a", encoding="utf-8") as handle:
            handle.write(text)

    return apply


def _write(rel: str, text: str):
    def apply(root: Path) -> None:
        (root / rel).write_text(text, encoding="utf-8")

    return apply


def _delete(rel: str):
    return lambda root: (root / rel).unlink()


def _both(*changes):
    def apply(root: Path) -> None:
        for change in changes:
            change(root)

    return apply


def _list_modules(ids):
    """programme.yml modules: set to ids(HB), keeping the rest of the file (its comments) as it is when
    the list is written one id a line; a list written another way is rewritten with the whole file."""

    def apply(root: Path) -> None:
        wanted = ids(HB) if callable(ids) else ids
        path = root / PROG
        text = path.read_text(encoding="utf-8")
        new, n = re.subn(
            r"^modules:[ \t]*\n(?:[ \t]*- .*\n)+",
            "modules:\n" + "".join(f"  - {i}\n" for i in wanted),
            text,
            count=1,
            flags=re.M,
        )
        if n == 0 or yamlio.load(new).get("modules") != wanted:  # a flow list, comments between items
            data = yamlio.load(text)
            data["modules"] = wanted
            new = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        path.write_text(new, encoding="utf-8")

    return apply


def _drop_from_nav(*pages, exclude: bool = True):
    """Take pages (or pages(HB)) out of mkdocs.yml nav:, and with exclude=True also out of the build:
    under an `exclude_docs: |` block the file already has, or a new one."""

    def apply(root: Path) -> None:
        wanted = [p for item in pages for p in (item(HB) if callable(item) else [item])]
        path = root / "mkdocs.yml"
        lines = [
            ln
            for ln in path.read_text(encoding="utf-8").splitlines(keepends=True)
            if not any(ln.strip() == f"- {p}" or ln.rstrip().endswith(f": {p}") for p in wanted)
        ]
        text = "".join(lines)
        if exclude:
            block = re.search(r"^exclude_docs:[ \t]*\|[-+]?[ \t]*\n", text, flags=re.M)
            listed = "".join(f"  {p}\n" for p in wanted)
            assert block or not re.search(r"^exclude_docs:", text, flags=re.M), "exclude_docs: is not a | block"
            text = (
                text[: block.end()] + listed + text[block.end() :]
                if block
                else text.rstrip("\n") + "\n\nexclude_docs: |\n" + listed
            )
        path.write_text(text, encoding="utf-8")

    return apply


def _drop(*which):
    """A provider drops modules (ids from which(HB)): out of `modules:`, the navigation and the build."""

    def apply(root: Path) -> None:
        dropped = [i for w in which for i in w(HB)]
        _list_modules([i for i in HB.ids if i not in dropped])(root)
        _drop_from_nav(*[HB.pages[i] for i in dropped])(root)

    return apply


def _line(where, change):
    """A mutation of one line of a curriculum file: where(HB) is a location the loaded model gives (so the
    case finds its line in any fork), change(line) the new text of that line."""

    def apply(root: Path) -> None:
        loc = where(HB)
        path = root / loc.file
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        lines[loc.line - 1] = change(lines[loc.line - 1].rstrip("\n")) + "\n"
        path.write_text("".join(lines), encoding="utf-8")

    return apply


def _first(rel: str, key: str, change):
    """A mutation of the first line in a file that sets key (in a mapping or as a list item's first key)."""

    def apply(root: Path) -> None:
        path = root / rel
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        at = next(n for n, ln in enumerate(lines) if re.match(rf"[ \t]*(?:- )?{re.escape(key)}:", ln))
        lines[at] = change(lines[at].rstrip("\n")) + "\n"
        path.write_text("".join(lines), encoding="utf-8")

    return apply


def _value(raw: str):
    """A line's value replaced by raw YAML: 'glh: 10' -> 'glh: .nan', '  - id: 1' -> '  - id: 1.0'."""

    def change(line: str) -> str:
        key, sep, _ = line.partition(": ")
        assert sep, line
        return f"{key}: {raw}"

    return change


def _key(raw: str):
    """A mapping line's key replaced: '  C5: I' -> '  yes: I'."""

    def change(line: str) -> str:
        key, sep, value = line.partition(":")
        return line[: len(key) - len(key.lstrip())] + raw + sep + value

    return change


def _programme(change):
    """programme.yml changed by parsing it (a fork may write it in any valid way)."""

    def apply(root: Path) -> None:
        path = root / PROG
        data = yamlio.load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")

    return apply


def _tutor_notes(text):
    """The first session's tutor notes of a delivery file get text(HB) added (the file edited by parsing)."""

    def apply(root: Path) -> None:
        path = root / HB.delivery_file
        data = yamlio.load(path.read_text(encoding="utf-8"))
        data["sessions"][0]["tutor_notes"] += " " + text(HB)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")

    return apply


class Handbook:
    """What the cases need to know about the handbook they break, from its loaded model, so that the same
    cases run on upstream and on a provider's fork (renamed, modules dropped or reordered)."""

    def __init__(self, model):
        self.model = model
        self.ids = [m.id for m in model.modules]
        self.files = {m.id: m.file for m in model.modules}
        self.pages = {m.id: m.page for m in model.modules}
        self.placement = str(model.require_programme().placement.module)
        self.policy = model.require_programme().content_policy

    def module(self, index: int):
        return self.model.modules[index]

    def file(self, index: int) -> str:
        return self.module(index).file

    def page(self, index: int) -> str:
        return "docs/" + self.module(index).page

    @property
    def victim(self) -> str:
        """The module a case drops: the last taught module with a module after it (whose number then changes)."""
        return next(i for i in reversed(self.ids[1:-1]) if i != self.placement)

    @property
    def after_victim(self) -> str:
        return self.ids[self.ids.index(self.victim) + 1]

    def droppable(self, n: int) -> list[str]:
        """n taught modules, from the end, whose leaving out keeps a practice question in every exam domain (a
        provider who drops more writes new questions, which a test cannot do for them)."""
        chosen: list[str] = []
        for mid in reversed(self.ids[1:-1]):
            keep = set(self.ids) - {*chosen, mid}
            practised = {q.domain for q in self.model.questions if q.outcome.split("-LO")[0] in keep}
            if mid != self.placement and all(d.id in practised for d in self.model.exam.domains):
                chosen.append(mid)
        assert len(chosen) >= n, f"no {n} modules can be dropped without leaving an exam domain unpractised"
        return chosen[:n]

    @property
    def delivery_file(self) -> str:
        """The delivery file of the first listed module that has one, and is not the module a case drops."""
        return next(d.file for m in self.model.modules if m.id != self.victim and (d := self.model.delivery(m.id)))

    @property
    def prerequisite(self) -> tuple[str, str]:
        """(A, B): listed modules where B names A as a prerequisite."""
        return next(
            (a, m.id) for m in self.model.modules for a, _ in m.prerequisites if a in self.ids and a != self.placement
        )

    def sole_master(self, root: Path) -> str:
        """A taught module made the only one to master (M) one of its competencies: the others that master
        it reinforce it instead (nothing changes where it already is the only one)."""
        live = {c.id for c in self.model.competencies if not c.retired}
        module, competency = next(
            (m, e.competency_id)
            for m in self.model.modules
            if m.id != self.placement
            for e in m.competencies
            if e.value == "M" and e.competency_id in live
        )
        for other in self.model.modules:
            if other.id != module.id and other.map_value(competency) == "M":
                entry = next(e for e in other.competencies if e.competency_id == competency)
                _line(lambda h, loc=entry.loc: loc, _value("R"))(root)
        return module.id


HB: Handbook  # set by the base fixture from the copy's own model


CONFLICT = "<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> upstream/main\n"
PROG = "curriculum/programme.yml"
SECOND = 1  # the module the YAML cases break: the second listed (any listed module would do)


def _second(h: Handbook):
    return h.module(SECOND)


def _swap_nav(first: int, second: int):
    def apply(root: Path) -> None:
        path = root / "mkdocs.yml"
        a, b = (f"- {HB.pages[HB.ids[i]]}" for i in (first, second))
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        at = [next(n for n, ln in enumerate(lines) if ln.strip() == x) for x in (a, b)]
        lines[at[0]], lines[at[1]] = lines[at[1]], lines[at[0]]
        path.write_text("".join(lines), encoding="utf-8")

    return apply


def _competency_left_without_teaching(root: Path) -> None:
    _drop(lambda h: [h.sole_master(root)])(root)


def _too_many_outcomes(data: dict) -> None:
    most = max(len(m.outcomes) for m in HB.model.modules)
    bounds = data["content_policy"]["outcomes_per_module"]
    bounds["max"] = most - 1
    bounds["min"] = min(bounds.get("min", 1), most - 1)


def _too_long(h: Handbook) -> str:
    most = max(len(m.outcomes) for m in h.model.modules)
    return next(m.file for m in h.model.modules if len(m.outcomes) == most)


def _count_in_summary(data: dict) -> None:
    data["summary"] = f"{count_words(len(HB.ids), capital=True)} modules. " + data["summary"]


def _first_heading(root: Path) -> None:
    heading = HB.policy.module_page_headings[0]
    _sub(HB.page(0), f"## {heading}\n", f"## {heading} and more\n")(root)


# (name, mutation, file the diagnostic is in (or a function of the handbook giving it), its code)
CASES = [
    # --- the YAML itself: every mistake at its line, none an internal error ---
    (
        "merge conflict in a module",
        lambda root: _append(HB.file(SECOND), CONFLICT)(root),
        lambda h: h.file(SECOND),
        "merge-conflict",
    ),
    (
        "merge conflict in programme.yml",
        _line(lambda h: h.model.programme.field_loc("summary"), lambda line: CONFLICT + line),
        PROG,
        "merge-conflict",
    ),
    ("merge conflict in a page", _append("docs/about.md", "\n" + CONFLICT), "docs/about.md", "merge-conflict"),
    ("merge conflict in mkdocs.yml", _append("mkdocs.yml", CONFLICT), "mkdocs.yml", "merge-conflict"),
    (
        "merge conflict in a schema",
        _sub("curriculum/schema/module.schema.json", '  "type": "object",\n', '  "type": "object",\n' + CONFLICT),
        "curriculum/schema/module.schema.json",
        "merge-conflict",
    ),
    (
        "NaN hours",
        _line(lambda h: _second(h).field_loc("glh"), _value(".nan")),
        lambda h: h.file(SECOND),
        "yaml-number",
    ),
    (
        "infinite exam weight",
        _first("curriculum/assessment.yml", "weight", _value(".inf")),
        "curriculum/assessment.yml",
        "yaml-number",
    ),
    (
        "integral float hours",
        _line(lambda h: _second(h).field_loc("glh"), _value("10.0")),
        lambda h: h.file(SECOND),
        "wrong-type",
    ),
    (
        "integral float outcome id",
        _line(lambda h: _second(h).outcomes[0].loc, _value("1.0")),
        lambda h: h.file(SECOND),
        "wrong-type",
    ),
    (
        "!!int ten",
        _line(lambda h: _second(h).field_loc("tqt"), _value("!!int ten")),
        lambda h: h.file(SECOND),
        "yaml-tag",
    ),
    (
        "!!bool maybe",
        _line(lambda h: _second(h).field_loc("level"), _value("!!bool maybe")),
        lambda h: h.file(SECOND),
        "yaml-tag",
    ),
    (
        "!!python tag",
        _line(lambda h: _second(h).field_loc("level"), _value("!!python/object/apply:os.system [echo]")),
        lambda h: h.file(SECOND),
        "yaml-tag",
    ),
    (
        "5,000-digit number",
        _line(lambda h: _second(h).field_loc("tqt"), _value("9" * 5000)),
        lambda h: h.file(SECOND),
        "yaml-number",
    ),
    (
        "yes: key in a competency map",
        _line(lambda h: _second(h).competencies[0].loc, _key("yes")),
        lambda h: h.file(SECOND),
        "yaml-key",
    ),
    (
        "1: key in a competency map",
        _line(lambda h: _second(h).competencies[0].loc, _key("1")),
        lambda h: h.file(SECOND),
        "yaml-key",
    ),
    (
        "tab indentation",
        _line(lambda h: _second(h).competencies[0].loc, lambda line: "\t" + line.lstrip()),
        lambda h: h.file(SECOND),
        "yaml-syntax",
    ),
    (
        "duplicate key",
        _line(lambda h: _second(h).field_loc("tqt"), lambda line: line + "\n" + line),
        lambda h: h.file(SECOND),
        "duplicate-key",
    ),
    (
        "missing schema file",
        _delete("curriculum/schema/glossary.schema.json"),
        "curriculum/schema/glossary.schema.json",
        "schema-missing",
    ),
    (
        "schema not JSON",
        _write("curriculum/schema/references.schema.json", "{ not json"),
        "curriculum/schema/references.schema.json",
        "schema-unreadable",
    ),
    (
        "schema not a JSON Schema",
        _sub("curriculum/schema/module.schema.json", '"type": "object"', '"type": "objekt"'),
        "curriculum/schema/module.schema.json",
        "schema-invalid",
    ),
    # --- schema and cross-file rules ---
    (
        "unquoted criterion id",
        _line(lambda h: _second(h).outcomes[0].criteria[0].loc, _value("1.1")),
        lambda h: h.file(SECOND),
        "wrong-type",
    ),
    (
        "unknown competency id",
        _line(lambda h: _second(h).competencies[0].loc, _key("C61")),
        lambda h: h.file(SECOND),
        "unknown-map-competency",
    ),
    (
        "programme totals written down",
        _append(PROG, "totals:\n  glh: 1\n  tqt: 1\n  credits: 1\n"),
        PROG,
        "unknown-key",
    ),
    (
        "module order written down",
        _line(lambda h: _second(h).field_loc("level"), lambda line: "order: 13.0\n" + line),
        lambda h: h.file(SECOND),
        "unknown-key",
    ),
    # --- links and anchors in pages (what mkdocs build --strict rejects) ---
    ("link to a missing page", _append("docs/about.md", "\nSee [it](nowhere.md).\n"), "docs/about.md", "broken-link"),
    (
        "link to a missing anchor",
        _append("docs/about.md", "\nSee [the start](index.md#no-such-heading).\n"),
        "docs/about.md",
        "broken-anchor",
    ),
    ("absolute link", _append("docs/about.md", "\nSee [it](/glossary.md).\n"), "docs/about.md", "absolute-link"),
    ("link out of docs", _append("docs/about.md", "\nSee [it](../README.md).\n"), "docs/about.md", "broken-link"),
    (
        "page names a missing module",
        _append("docs/about.md", '\n{{ module_facts("M99") }}\n'),
        "docs/about.md",
        "unknown-module",
    ),
    # --- the modules list: what follows from it ---
    ("listed id without a file", _list_modules(lambda h: [*h.ids, "M99"]), PROG, "unknown-listed-module"),
    ("module listed twice", _list_modules(lambda h: [*h.ids, h.ids[0]]), PROG, "duplicate-entry"),
    (
        "reorder puts a prerequisite later",
        _list_modules(
            lambda h: (
                [i for i in h.ids if i != h.prerequisite[1]][: h.ids.index(h.prerequisite[0])]
                + [h.prerequisite[1]]
                + [i for i in h.ids if i != h.prerequisite[1]][h.ids.index(h.prerequisite[0]) :]
            )
        ),
        lambda h: h.files[h.prerequisite[1]],
        "prerequisite-order",
    ),
    ("navigation in another order", _swap_nav(0, 1), "mkdocs.yml", "nav-module-order"),
    (
        "navigation misses a module",
        _drop_from_nav(lambda h: [h.pages[h.ids[len(h.ids) // 2]]], exclude=False),
        "mkdocs.yml",
        "nav-module-missing",
    ),
    (
        "dropped module still in the navigation",
        _list_modules(lambda h: [i for i in h.ids if i != h.victim]),
        "mkdocs.yml",
        "nav-module-left-out",
    ),
    (
        "dropped module's page still built",
        _both(
            _list_modules(lambda h: [i for i in h.ids if i != h.victim]),
            _drop_from_nav(lambda h: [h.pages[h.victim]], exclude=False),
        ),
        # reported at exclude_docs when mkdocs.yml has it (a fork that dropped modules before), else at the list
        lambda h: h.model.layout.file if h.model.layout.exclude_loc else PROG,
        "left-out-page-built",
    ),
    (
        "listed module's page excluded",
        _drop_from_nav(lambda h: [h.pages[h.ids[len(h.ids) // 2]]]),
        "mkdocs.yml",
        "listed-page-excluded",
    ),
    (
        "prose links to a dropped module",
        _both(
            _drop(lambda h: [h.victim]),
            lambda root: _append("docs/about.md", f"\nSee [it]({HB.pages[HB.victim]}).\n")(root),
        ),
        "docs/about.md",
        "link-to-left-out-page",
    ),
    (
        "competency left without teaching",
        _competency_left_without_teaching,
        "curriculum/competencies.yml",
        "competency-not-mastered",
    ),
    (
        "prerequisite dropped",
        _drop(lambda h: [h.prerequisite[0]]),
        lambda h: h.files[h.prerequisite[1]],
        "prerequisite-left-out",
    ),
    ("placement module dropped", _drop(lambda h: [h.placement]), PROG, "placement-left-out"),
    (
        "macro names a dropped module",
        _both(
            _drop(lambda h: [h.victim]),
            lambda root: _append("docs/about.md", f'\n{{{{ module_facts("{HB.victim}") }}}}\n')(root),
        ),
        "docs/about.md",
        "module-left-out",
    ),
    (
        "module title keeps its old number",
        _drop(lambda h: [h.victim]),
        lambda h: "docs/" + h.pages[h.after_victim],
        "module-number",
    ),
    (
        "link text keeps the old number",
        _both(
            _drop(lambda h: [h.victim]),
            lambda root: _append("docs/about.md", f"\nSee [Module {len(HB.ids)}]({HB.pages[HB.ids[-1]]}).\n")(root),
        ),
        "docs/about.md",
        "module-number",
    ),
    (
        "prose counts the dropped modules",
        _both(
            lambda root: _append("docs/about.md", f"\nThere are {count_words(len(HB.ids))} modules.\n")(root),
            _drop(lambda h: [h.victim]),
        ),
        "docs/about.md",
        "module-count",
    ),
    (
        "tutor notes give a module's number",
        _tutor_notes(lambda h: f"Learners met this in Module {len(h.ids)}."),
        lambda h: h.delivery_file,
        "module-number-in-text",
    ),
    (
        "tutor notes name a dropped module",
        _both(_drop(lambda h: [h.victim]), _tutor_notes(lambda h: f"Learners reuse their {h.victim} plan.")),
        lambda h: h.delivery_file,
        "module-left-out-in-text",
    ),
    (
        "programme.yml counts the dropped modules",
        _both(_programme(_count_in_summary), _drop(lambda h: [h.victim])),
        PROG,
        "module-count",
    ),
    # --- content policy (thresholds in programme.yml) and honesty ---
    ("module page misses a section", _first_heading, lambda h: h.page(0), "page-heading"),
    (
        "module page too short",
        _programme(lambda data: data["content_policy"].update(module_page_min_words=10**6)),
        lambda h: h.page(0),
        "page-too-short",
    ),
    (
        "status statement removed",
        _sub("docs/about.md", "{{ status_statement() }}", ""),
        "docs/about.md",
        "status-statement-missing",
    ),
    (
        "accreditation claimed",
        _append("docs/about.md", "\nThe award is an accredited qualification.\n"),
        "docs/about.md",
        "accreditation-claim",
    ),
    ("too many outcomes for the policy", _programme(_too_many_outcomes), _too_long, "outcome-count"),
]


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus-base")
    for part in PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, root / part)
        else:
            shutil.copy2(src, root / part)
    global HB
    HB = Handbook(load(root)[0])
    assert cli.main(["--root", str(root), "--strict"]) == 0, "the handbook itself must pass"
    return root


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40 and len({name for name, *_ in CASES}) == len(CASES)


@pytest.mark.parametrize("name,mutate,file,code", CASES, ids=[c[0] for c in CASES])
def test_broken_input_is_reported_at_its_line(base, tmp_path, capsys, name, mutate, file, code):
    root = tmp_path / "copy"
    shutil.copytree(base, root)
    file = file(HB) if callable(file) else file
    capsys.readouterr()
    mutate(root)
    status = cli.main(["--root", str(root), "--strict"])
    out, err = capsys.readouterr()
    assert status == 1, f"{name}: exit {status}\n{out}\n{err}"
    assert "internal error" not in err
    pattern = re.compile(rf"^{re.escape(file)}:\d+:\d+: (error|warning) {re.escape(code)}: .+ — .+", re.M)
    assert pattern.search(out), f"{name}: no '{file}:line:col: {code}' in\n{out}"


@pytest.mark.slow
def test_what_the_validator_accepts_builds_strictly(base, tmp_path):
    """One build: a fork that dropped two taught modules and did only what the validator said."""
    root = copy_project(tmp_path / "fork")
    dropped = HB.droppable(2)
    drop_and_resolve(root, dropped)
    assert cli.main(["--root", str(root), "--strict"]) == 0, "the fork should pass the gate (validate.py says why not)"
    result = mkdocs_build(root, root / "site", strict=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    for mid in dropped:
        assert not (root / "site" / HB.pages[mid].removesuffix(".md")).exists()
        assert (root / "docs" / HB.pages[mid]).exists()  # the file is kept, so upstream edits still merge
