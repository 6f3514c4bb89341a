"""render/registry.py: every macro declared once, and the scan, the checks and the adapter follow it."""

from __future__ import annotations

import pytest
import yaml

import yamlio
from cpscp_engine.loader import load
from cpscp_engine.render import registry
from cpscp_engine.render.errors import UnknownId
from cpscp_engine.render.links import Ctx
from cpscp_engine.render.registry import MACROS, declare


def example_call(macro: registry.Macro) -> str:
    """A call of the macro with an example of every argument: required ones by position, the rest by name."""
    args = [p.kind.example if p.required or p.many else f"{p.name}={p.kind.example}" for p in macro.params]
    return "{{ " + f"{macro.name}({', '.join(args)})" + " }}"


@pytest.mark.parametrize("name", sorted(MACROS))
def test_the_scan_sees_every_registered_macro_and_each_id_it_names(tree, name):
    macro = MACROS[name]
    (tree / "docs" / "scan.md").write_text(f"# Scan\n\nBefore.\n\n{example_call(macro)}\n", encoding="utf-8")
    model, _ = load(tree)
    page = next(p for p in model.pages if p.path == "scan.md")
    assert [(c.name, c.loc.line, c.loc.col) for c in page.calls] == [(name, 5, 4)]
    assert page.syntax == ()
    ids = [p.kind for p in macro.params if p.kind.model_id]
    assert [(c.kind, c.loc.line) for c in page.citations] == [(k.name, 5) for k in ids]


BOGUS = "zz-not-there"


@pytest.mark.parametrize(
    "name,param", [(m.name, p.name) for m in MACROS.values() for p in m.params if p.kind.model_id and not p.many]
)
def test_the_validator_reports_an_unknown_id_in_every_macro_at_its_place(t, name, param):
    macro = MACROS[name]
    args = [f'"{BOGUS}"' if p.name == param else p.kind.example for p in macro.params if p.required or p.name == param]
    if not macro.params[0].name == param and not macro.params[0].required:
        args = [f'{param}="{BOGUS}"']
    t.write("docs/scan.md", f"# Scan\n\nText {{{{ {name}({', '.join(args)}) }}}}\n")
    found = [d for d in t.validate().errors if d.loc.file == "docs/scan.md"]
    assert [(d.loc.line, d.loc.col) for d in found] == [(3, 9)], [d.format() for d in found]
    assert BOGUS in found[0].message


def test_declared_kinds_must_match_the_renderer():
    def shown(model, ctx, module_id, level=3):
        return ""

    assert [p.name for p in declare(shown, module_id=registry.MODULE, level=registry.LEVEL).params] == [
        "module_id",
        "level",
    ]
    with pytest.raises(TypeError):
        declare(shown, module_id=registry.MODULE)
    with pytest.raises(TypeError):
        declare(shown, module_id=registry.MODULE, level=registry.LEVEL, extra=registry.TEXT)


@pytest.mark.parametrize(
    "call,message",
    [
        ("cite()", "cite() needs a reference key"),
        ('outcomes("M01", 9)', "not 9"),
        ('outcomes("M01", level="3")', 'not "3"'),
        ("outcomes(5)", "takes a module id as 'module_id', not 5"),
        ('term("a", "b", "c")', "takes at most 2 arguments, but 3 were given"),
        ("glossary(levels=2)", "has no argument called 'levels'"),
        ('chart_module_hours(table="no")', "takes true or false"),
        ('term("a", text="b", text="c")', "is given 'text' twice"),
    ],
)
def test_bind_says_what_is_wrong_with_the_arguments(call, message):
    from cpscp_engine.pagesyntax import MACRO_ARGUMENTS, scan

    _, problems = scan("{{ " + call + " }}")
    assert [p.code for p in problems] == [MACRO_ARGUMENTS]
    assert message in problems[0].message and problems[0].hint.startswith("write it as {{ ")


def _an_id(model, kind: registry.Kind):
    """A value of this kind that the loaded curriculum has."""
    return {
        registry.REFERENCE: lambda: model.references[0].id,
        registry.TERM: lambda: model.terms[0].id,
        registry.MODULE: lambda: model.modules[0].id,
        registry.DELIVERY: lambda: next(m.id for m in model.modules if model.delivery(m.id) is not None),
        registry.COMPETENCY: lambda: model.competencies[0].id,
        registry.EXAM_DOMAIN: lambda: model.exam.domains[0].id,
        registry.PROGRAMME_FIELD: lambda: "title",
        registry.TEXT: lambda: "the words shown",
        registry.LEVEL: lambda: 3,
        registry.FLAG: lambda: False,
    }[kind]()


@pytest.mark.parametrize("name", sorted(MACROS))
def test_every_registered_macro_renders_on_a_valid_curriculum(tree, name):
    # Every renderer, through the registry as the macros adapter calls it, on a curriculum the
    # validator accepts: text out, no template syntax left in it, and the ids it was given in it.
    macro = MACROS[name]
    model, diagnostics = load(tree)
    assert not [d for d in diagnostics if d.severity.value == "error"]
    args = [_an_id(model, p.kind) for p in macro.params if p.required]
    try:
        out = macro.render(model, Ctx(page=model.modules[0].page), *args)
    except UnknownId as missing:
        # the handbook's own charts cite a fixed source: with it in references.yml they render
        key = str(missing).split("'")[1]
        path = tree / "curriculum" / "references.yml"
        data = yamlio.load(path.read_text(encoding="utf-8"))
        data["references"].append(
            {
                "id": key,
                "type": "report",
                "author": "Office, A.",
                "year": 2025,
                "title": "Statistics",
                "publisher": "P",
                "accessed": "2026-11-28",
            }
        )
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        model, _ = load(tree)
        out = macro.render(model, Ctx(page=model.modules[0].page), *args)
        assert key in out or "Office" in out
    assert isinstance(out, str) and out.strip(), f"{name} rendered nothing"
    assert "{{" not in out and "{%" not in out


def test_the_engine_names_macros_and_kinds_only_through_the_registry():
    """A check that wrote a macro's or a kind's name itself would find nothing once it was renamed.

    Looks at the engine's strings (not its docstrings): a kind's name given to page_calls, a
    macro call written out ("{{ cite(" ...), or a string that opens with a macro's name and
    its bracket ('term("' in a message).
    """
    import ast
    import re
    from pathlib import Path

    engine = Path(registry.__file__).parents[1]
    names = "|".join(map(re.escape, MACROS))
    written = re.compile(rf"\{{\{{-?\s*(?:{names})\s*\(|^(?:{names})\(")
    found = []
    for path in sorted(engine.rglob("*.py")):
        if path.name == "registry.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                if written.search(node.value):
                    found.append(f"{path.relative_to(engine)}:{node.lineno}: {node.value[:50]!r}")
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "page_calls":
                if len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
                    found.append(f"{path.relative_to(engine)}:{node.lineno}: page_calls with a written kind")
    assert not found, found


def test_macro_taking_names_the_one_macro_of_a_kind_and_refuses_a_shared_kind():
    assert registry.macro_taking(registry.TERM).name == "term"
    with pytest.raises(ValueError, match="macros take module ids"):
        registry.macro_taking(registry.MODULE)
