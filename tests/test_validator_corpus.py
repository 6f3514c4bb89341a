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


def _list_modules(ids: list[str]):
    """programme.yml modules: set to ids, keeping the rest of the file (its comments) as it is."""
    def apply(root: Path) -> None:
        path = root / "curriculum" / "programme.yml"
        text = path.read_text(encoding="utf-8")
        new, n = re.subn(r"^modules:\n(?:  - .*\n)+", "modules:\n" + "".join(f"  - {i}\n" for i in ids), text,
                         flags=re.M)
        assert n == 1
        path.write_text(new, encoding="utf-8")
    return apply


def _drop_from_nav(*pages: str, exclude: bool = True):
    def apply(root: Path) -> None:
        path = root / "mkdocs.yml"
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines(keepends=True)
                 if not any(ln.strip() == f"- {p}" for p in pages)]
        if exclude:
            lines.append("exclude_docs: |\n" + "".join(f"  {p}\n" for p in pages))
        path.write_text("".join(lines), encoding="utf-8")
    return apply


IDS = [f"M{i:02d}" for i in range(1, 14)]  # replaced by the real list in the fixture below
M10_PAGE = "modules/10-designing-programmes.md"
M11_PAGE = "modules/11-running-evaluating-programmes.md"
M01 = "curriculum/modules/01-second-chance-work.yml"
M02 = "curriculum/modules/02-law-rights-disclosure.yml"
PROG = "curriculum/programme.yml"
CONFLICT = "<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> upstream/main\n"

# (name, mutation, file the diagnostic is in, its code)
CASES = [
    # --- the YAML itself: every mistake at its line, none an internal error ---
    ("merge conflict in a module", _append(M02, CONFLICT), M02, "merge-conflict"),
    ("merge conflict in programme.yml", _sub(PROG, "status: draft\n", "status: draft\n" + CONFLICT), PROG,
     "merge-conflict"),
    ("merge conflict in a page", _append("docs/about.md", "\n" + CONFLICT), "docs/about.md", "merge-conflict"),
    ("merge conflict in mkdocs.yml", _append("mkdocs.yml", CONFLICT), "mkdocs.yml", "merge-conflict"),
    ("merge conflict in a schema", _sub("curriculum/schema/module.schema.json", '  "type": "object",\n',
                                        '  "type": "object",\n' + CONFLICT),
     "curriculum/schema/module.schema.json", "merge-conflict"),
    ("NaN hours", _sub(M02, "glh: 10\n", "glh: .nan\n"), M02, "yaml-number"),
    ("infinite exam weight", _sub("curriculum/assessment.yml", "weight: 20\n", "weight: .inf\n"),
     "curriculum/assessment.yml", "yaml-number"),
    ("integral float hours", _sub(M02, "glh: 10\n", "glh: 10.0\n"), M02, "wrong-type"),
    ("integral float outcome id", _sub(M02, "  - id: 1\n", "  - id: 1.0\n"), M02, "wrong-type"),
    ("!!int ten", _sub(M02, "tqt: 20\n", "tqt: !!int ten\n"), M02, "yaml-tag"),
    ("!!bool maybe", _sub(M02, "level: 4\n", "level: !!bool maybe\n"), M02, "yaml-tag"),
    ("!!python tag", _sub(M02, "level: 4\n", "level: !!python/object/apply:os.system [echo]\n"), M02, "yaml-tag"),
    ("5,000-digit number", _sub(M02, "tqt: 20\n", "tqt: " + "9" * 5000 + "\n"), M02, "yaml-number"),
    ("yes: key in a competency map", _sub(M02, "  C5: I\n", "  yes: I\n"), M02, "yaml-key"),
    ("1: key in a competency map", _sub(M02, "  C5: I\n", "  1: I\n"), M02, "yaml-key"),
    ("tab indentation", _sub(M02, "  C5: I\n", "\tC5: I\n"), M02, "yaml-syntax"),
    ("duplicate key", _sub(M02, "tqt: 20\n", "tqt: 20\ntqt: 21\n"), M02, "duplicate-key"),
    ("missing schema file", _delete("curriculum/schema/glossary.schema.json"),
     "curriculum/schema/glossary.schema.json", "schema-missing"),
    ("schema not JSON", _write("curriculum/schema/references.schema.json", "{ not json"),
     "curriculum/schema/references.schema.json", "schema-unreadable"),
    ("schema not a JSON Schema", _sub("curriculum/schema/module.schema.json", '"type": "object"', '"type": "objekt"'),
     "curriculum/schema/module.schema.json", "schema-invalid"),
    # --- schema and cross-file rules ---
    ("unquoted criterion id", _sub(M02, 'id: "1.1"', "id: 1.1"), M02, "wrong-type"),
    ("unknown competency id", _sub(M02, "  C5: I\n", "  C61: I\n"), M02, "unknown-map-competency"),
    ("programme totals written down", _append(PROG, "totals:\n  glh: 1\n  tqt: 1\n  credits: 1\n"), PROG,
     "unknown-key"),
    ("module order written down", _sub(M02, "level: 4\n", "order: 13.0\nlevel: 4\n"), M02, "unknown-key"),
    # --- links and anchors in pages (what mkdocs build --strict rejects) ---
    ("link to a missing page", _append("docs/about.md", "\nSee [it](nowhere.md).\n"), "docs/about.md", "broken-link"),
    ("link to a missing anchor", _sub("docs/index.md", "about.md#entry-requirements", "about.md#entry-requirement"),
     "docs/index.md", "broken-anchor"),
    ("absolute link", _append("docs/about.md", "\nSee [it](/glossary.md).\n"), "docs/about.md", "absolute-link"),
    ("link out of docs", _append("docs/about.md", "\nSee [it](../README.md).\n"), "docs/about.md", "broken-link"),
    ("page names a missing module", _append("docs/about.md", '\n{{ module_facts("M99") }}\n'), "docs/about.md",
     "unknown-module"),
    # --- the modules list: what follows from it ---
    ("listed id without a file", lambda root: _list_modules(IDS + ["M14"])(root), PROG, "unknown-listed-module"),
    ("module listed twice", lambda root: _list_modules(IDS + [IDS[0]])(root), PROG, "duplicate-entry"),
    ("reorder puts a prerequisite later", lambda root: _list_modules([IDS[1], IDS[0]] + IDS[2:])(root),
     M02, "prerequisite-order"),
    ("navigation in another order", _sub("mkdocs.yml", "      - modules/01-second-chance-work.md\n"
                                         "      - modules/02-law-rights-disclosure.md\n",
                                         "      - modules/02-law-rights-disclosure.md\n"
                                         "      - modules/01-second-chance-work.md\n"), "mkdocs.yml", "nav-module-order"),
    ("navigation misses a module", _sub("mkdocs.yml", "      - modules/05-needs-assessment.md\n", ""), "mkdocs.yml",
     "nav-module-missing"),
    ("dropped module still in the navigation", lambda root: _list_modules([i for i in IDS if i != "M11"])(root),
     "mkdocs.yml", "nav-module-left-out"),
    ("dropped module's page still built",
     lambda root: _both(_list_modules([i for i in IDS if i != "M11"]), _drop_from_nav(M11_PAGE, exclude=False))(root),
     PROG, "left-out-page-built"),
    ("listed module's page excluded", _drop_from_nav("modules/05-needs-assessment.md"), "mkdocs.yml",
     "listed-page-excluded"),
    ("prose links to a dropped module",
     lambda root: _both(_list_modules([i for i in IDS if i != "M11"]), _drop_from_nav(M11_PAGE),
                        _append("docs/about.md", f"\nSee [evaluation]({M11_PAGE}).\n"))(root),
     "docs/about.md", "link-to-left-out-page"),
    ("competency left without teaching",
     lambda root: _both(_list_modules([i for i in IDS if i != "M11"]), _drop_from_nav(M11_PAGE))(root),
     "curriculum/competencies.yml", "competency-not-mastered"),
    ("prerequisite dropped", lambda root: _both(_list_modules([i for i in IDS if i != "M10"]),
                                                _drop_from_nav(M10_PAGE))(root),
     "curriculum/modules/11-running-evaluating-programmes.yml", "prerequisite-left-out"),
    ("placement module dropped", lambda root: _both(_list_modules(IDS[:-1]),
                                                    _drop_from_nav("modules/13-practice-placement.md"))(root),
     PROG, "placement-left-out"),
    ("macro names a dropped module",
     lambda root: _both(_list_modules([i for i in IDS if i != "M11"]), _drop_from_nav(M11_PAGE),
                        _append("docs/about.md", '\n{{ module_facts("M11") }}\n'))(root),
     "docs/about.md", "module-left-out"),
    ("module title keeps its old number", lambda root: _both(_list_modules([i for i in IDS if i != "M11"]),
                                                             _drop_from_nav(M11_PAGE))(root),
     "docs/modules/12-community-collaboration.md", "module-number"),
    ("link text keeps the old number", lambda root: _both(_list_modules([i for i in IDS if i != "M11"]),
                                                          _drop_from_nav(M11_PAGE),
                                                          _append("docs/about.md",
                                                                  "\nSee [Module 13](modules/13-practice-placement.md).\n"))(root),
     "docs/about.md", "module-number"),
    ("prose counts the dropped modules", lambda root: _both(_list_modules([i for i in IDS if i != "M11"]),
                                                            _drop_from_nav(M11_PAGE),
                                                            _append("docs/about.md", "\nThere are thirteen modules.\n"))(root),
     "docs/about.md", "module-count"),
    ("programme.yml counts the dropped modules", lambda root: _both(_list_modules(IDS[:9] + IDS[11:]),
                                                                   _drop_from_nav(M10_PAGE, M11_PAGE),
                                                                   _sub(PROG, "summary: >-\n",
                                                                        "summary: >-\n  Thirteen modules.\n"))(root),
     PROG, "module-count"),
    # --- content policy (thresholds in programme.yml) and honesty ---
    ("module page misses a section", _sub("docs/modules/05-needs-assessment.md", "## Key ideas\n", "## Main ideas\n"),
     "docs/modules/05-needs-assessment.md", "page-heading"),
    ("module page too short", _sub(PROG, "module_page_min_words: 900", "module_page_min_words: 90000"),
     "docs/modules/01-second-chance-work.md", "page-too-short"),
    ("status statement removed", _sub("docs/about.md", "{{ status_statement() }}", ""), "docs/about.md",
     "status-statement-missing"),
    ("accreditation claimed", _append("docs/about.md", "\nThe award is an accredited qualification.\n"),
     "docs/about.md", "accreditation-claim"),
    ("too many outcomes for the policy", _sub(PROG, "outcomes_per_module: {min: 4, max: 6}",
                                              "outcomes_per_module: {min: 4, max: 4}"), M02, "outcome-count"),
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
    ids = yaml.safe_load((root / PROG).read_text(encoding="utf-8"))["modules"]
    IDS[:] = ids
    assert cli.main(["--root", str(root), "--strict"]) == 0, "the handbook itself must pass"
    return root


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40 and len({name for name, *_ in CASES}) == len(CASES)


@pytest.mark.parametrize("name,mutate,file,code", CASES, ids=[c[0] for c in CASES])
def test_broken_input_is_reported_at_its_line(base, tmp_path, capsys, name, mutate, file, code):
    root = tmp_path / "copy"
    shutil.copytree(base, root)
    capsys.readouterr()
    mutate(root)
    status = cli.main(["--root", str(root), "--strict"])
    out, err = capsys.readouterr()
    assert status == 1, f"{name}: exit {status}\n{out}\n{err}"
    assert "internal error" not in err
    pattern = re.compile(rf"^{re.escape(file)}:\d+:\d+: (error|warning) {re.escape(code)}: .+ — .+", re.M)
    assert pattern.search(out), f"{name}: no '{file}:line:col: {code}' in\n{out}"


def _renumber(text: str) -> str:
    """What the provider writes after the validator's module-number and module-count messages."""
    text = re.sub(r"\b[Mm]odules? [\d ,–-]*\d(?:(?: and| or| to) \d+)?",
                  lambda m: re.sub(r"\d+", lambda n: {"12": "10", "13": "11"}.get(n.group(), n.group()), m.group()),
                  text)
    for old, now in (("thirteen", "eleven"), ("twelve", "ten"), ("Thirteen", "Eleven"), ("Twelve", "Ten")):
        text = re.sub(rf"\b{old}(\s+[a-z]+)?(\s+)modules", rf"{now}\1\2modules", text)
    return text


def _accepted_fork(root: Path) -> None:
    """A provider's fork that dropped two modules and resolved only what the validator reported."""
    _list_modules([i for i in IDS if i not in ("M10", "M11")])(root)
    _drop_from_nav(M10_PAGE, M11_PAGE)(root)
    # competencies M10 and M11 taught: taught in M09 and M12 instead, or retired
    m12 = root / "curriculum" / "modules" / "12-community-collaboration.yml"
    text = m12.read_text(encoding="utf-8").replace("  C26: M\n", "")
    m12.write_text(re.sub(r"^competencies:\n", "competencies:\n  C3: M\n  C6: M\n  C25: M\n", text, count=1,
                          flags=re.M), encoding="utf-8")
    m09 = root / "curriculum" / "modules" / "09-resettlement-pathways.yml"
    m09.write_text(re.sub(r"^competencies:\n", "competencies:\n  C25: I\n", m09.read_text(encoding="utf-8"),
                          count=1, flags=re.M), encoding="utf-8")
    comp = root / "curriculum" / "competencies.yml"
    text = comp.read_text(encoding="utf-8")
    for cid in ("C26", "C27"):
        text, n = re.subn(rf"^(\s*)- id: {cid}\n", rf"\1- id: {cid}\n\1  retired: true\n", text, count=1, flags=re.M)
        assert n == 1
    comp.write_text(text, encoding="utf-8")
    programme = root / PROG
    programme.write_text(_renumber(programme.read_text(encoding="utf-8")), encoding="utf-8")
    # prose links to the two pages become plain text; Modules 12 and 13 are now 10 and 11
    subjects = {"M10": "the design of programmes", "M11": "running and evaluating programmes"}
    for page in (root / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        text = re.sub(r'\{\{ module_link\("(M10|M11)"[^}]*\}\}', lambda m: subjects[m.group(1)], text)
        page.write_text(text, encoding="utf-8")
        new = re.sub(r"\[([^\]]*)\]\((?:\.\./|modules/)?(?:10-designing-programmes|11-running-evaluating-programmes)"
                     r"\.md[^)]*\)", r"\1", text)
        new = re.sub(r'\{\{\s*module_link\("M1[01]"[^}]*\}\}', "a module this edition leaves out", new)
        new = _renumber(new)
        if new != text:
            page.write_text(new, encoding="utf-8")


@pytest.mark.slow
def test_what_the_validator_accepts_builds_strictly(base, tmp_path):
    """One build: a fork that dropped two modules and fixed what the validator said."""
    root = copy_project(tmp_path / "fork")
    _accepted_fork(root)
    status = cli.main(["--root", str(root)])
    assert status == 0, "the fork should pass the gate (run validate.py on it to see why not)"
    result = mkdocs_build(root, root / "site", strict=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert not (root / "site" / "modules" / "10-designing-programmes").exists()
