"""The catalogue of diagnostic codes: every code reported anywhere is declared once, and DIAGNOSTICS.md is current."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from cpscp_engine import catalogue
from cpscp_engine.diagnostics import CATALOGUE, ERROR, WARNING, declare
from projectcopy import ROOT, script

SOURCES = sorted((ROOT / "scripts" / "cpscp_engine").rglob("*.py")) + [ROOT / "macros" / "__init__.py"]
# Where each reporting call takes its code: error(loc, code, ...), Problem(offset, code, ...) ...
CODE_ARG = {"error": 1, "warning": 1, "Problem": 1, "Diagnostic": 2, "UnsafeFile": 0}
SEVERITY = {"error": ERROR, "warning": WARNING}


def reported(path: Path) -> list[tuple[str, str, int]]:
    """(function, code, line) of every reporting call in path whose code is written in the source."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = {
        t.id: n.value.value
        for n in tree.body
        if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)
        for t in n.targets
        if isinstance(t, ast.Name)
    }
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func.id if isinstance(node.func, ast.Name) else None  # not log.error(...)
        if func not in CODE_ARG or len(node.args) <= CODE_ARG[func]:
            continue
        arg = node.args[CODE_ARG[func]]
        if isinstance(arg, ast.Constant):
            found.append((func, arg.value, node.lineno))
        elif isinstance(arg, ast.Name) and arg.id in constants:
            found.append((func, constants[arg.id], node.lineno))
    return found


def test_every_reported_code_is_declared_with_its_severity():
    catalogue.codes()  # imports every reporter
    seen = []
    for path in SOURCES:
        for func, code, line in reported(path):
            where = f"{path.relative_to(ROOT)}:{line}"
            assert code in CATALOGUE, f"{where}: code '{code}' is not declared (diagnostics.declare)"
            if func in SEVERITY:
                assert CATALOGUE[code].severity is SEVERITY[func], f"{where}: '{code}' is declared as another severity"
            seen.append(code)
    assert len(seen) > 80  # the scan found the reporting calls
    assert not set(CATALOGUE) - set(seen) - {"unknown-id", "bad-argument"}, "declared but never reported"


# Rules about reading any file, declared where files are read, that the loader applies to pages too.
SHARED = {"file-too-large", "unreadable", "not-utf8"}


def test_a_code_is_reported_only_by_the_module_that_declares_it():
    # One code per rule: a check that reuses another module's code (say unknown-module for a
    # different kind of reference) makes the catalogue's one line stand for two rules.
    catalogue.codes()
    engine = ROOT / "scripts" / "cpscp_engine"
    for path in (p for p in SOURCES if p.is_relative_to(engine)):
        module = "cpscp_engine." + ".".join(path.relative_to(engine).with_suffix("").parts)
        for _, code, line in reported(path):
            family = CATALOGUE[code].family
            assert family == module or code in SHARED, (
                f"{path.relative_to(ROOT)}:{line}: '{code}' is {family}'s code; declare a code of its own for this rule"
            )


def test_a_code_belongs_to_one_module():
    declare("one.module", ("test-only-code", ERROR, "A rule.", "A fix."))
    declare("one.module", ("test-only-code", ERROR, "A rule.", "A fix."))  # a module imported again
    with pytest.raises(ValueError, match="declared by both"):
        declare("another.module", ("test-only-code", WARNING, "Another rule.", "Another fix."))
    del CATALOGUE["test-only-code"]


def test_every_code_says_its_rule_and_fix_plainly():
    for code in catalogue.codes().values():
        for c in code:
            assert c.meaning.endswith(".") and c.fix.endswith("."), c.name
            assert ".py" not in c.meaning + c.fix, c.name


def test_the_committed_catalogue_is_current():
    assert (ROOT / catalogue.FILE).read_text(encoding="utf-8") == catalogue.markdown(), (
        "DIAGNOSTICS.md is out of date: run `make diagnostics` and commit it"
    )
    assert script("diagnostics_catalogue.py", "--check").returncode == 0


def test_contributing_links_the_catalogue():
    assert f"]({catalogue.FILE})" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
