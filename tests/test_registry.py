"""render/registry.py: every macro declared once, and the scan, the checks and the adapter follow it."""
from __future__ import annotations

import pytest

from cpscp_engine.loader import load
from cpscp_engine.render import registry
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


@pytest.mark.parametrize("name,param", [(m.name, p.name) for m in MACROS.values() for p in m.params
                                        if p.kind.model_id and not p.many])
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

    assert [p.name for p in declare(shown, module_id=registry.MODULE, level=registry.LEVEL).params] == \
        ["module_id", "level"]
    with pytest.raises(TypeError):
        declare(shown, module_id=registry.MODULE)
    with pytest.raises(TypeError):
        declare(shown, module_id=registry.MODULE, level=registry.LEVEL, extra=registry.TEXT)


@pytest.mark.parametrize("call,message", [
    ('cite()', "cite() needs a reference key"),
    ('outcomes("M01", 9)', "not 9"),
    ('outcomes("M01", level="3")', "not \"3\""),
    ('outcomes(5)', "takes a module id as 'module_id', not 5"),
    ('term("a", "b", "c")', "takes at most 2 arguments, but 3 were given"),
    ('glossary(levels=2)', "has no argument called 'levels'"),
    ('chart_module_hours(table="no")', "takes true or false"),
    ('term("a", text="b", text="c")', "is given 'text' twice"),
])
def test_bind_says_what_is_wrong_with_the_arguments(call, message):
    from cpscp_engine.pagesyntax import MACRO_ARGUMENTS, scan

    _, problems = scan("{{ " + call + " }}")
    assert [p.code for p in problems] == [MACRO_ARGUMENTS]
    assert message in problems[0].message and problems[0].hint.startswith("write it as {{ ")
