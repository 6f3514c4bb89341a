"""Loading the whole curriculum into the model, and the schema fast path."""

from __future__ import annotations

import copy
import random

import pytest
import yaml

import yamlio
from conftest import CRITERIA, MODULES, OUTCOMES
from cpscp_engine import schemas
from cpscp_engine.loader import MODULE_FILE, load, module_stem, stem_prefix
from cpscp_engine.yamlsource import parse_text


def test_valid_tree_loads_completely(tree):
    model, diagnostics = load(tree)
    assert diagnostics == []
    assert model.loaded == {
        "programme",
        "competencies",
        "assessment",
        "glossary",
        "references",
        "modules",
        "pages",
        "delivery",
    }  # no delivery files is a clean (empty) delivery load
    assert [m.number for m in model.modules] == list(range(1, MODULES + 1))
    assert [m.id for m in model.modules] == model.programme.module_ids
    assert sum(len(m.criteria) for m in model.modules) == MODULES * OUTCOMES * CRITERIA
    assert len(model.files) == 5 + 2 * MODULES + len(model.pages)  # each module has its delivery file
    assert model.module("M02").prerequisites[0][0] == "M01"
    assert model.outcome("M03-LO2").global_id == "M03-LO2"


def test_missing_required_file(tree):
    (tree / "curriculum" / "glossary.yml").unlink()
    model, diagnostics = load(tree)
    assert [d.code for d in diagnostics] == ["missing-file"]
    assert diagnostics[0].loc.file == "curriculum/glossary.yml"
    assert "glossary" not in model.loaded


def test_a_broken_file_is_left_out_without_cascading(tree):
    from cpscp_engine.validate import validate

    (tree / "curriculum" / "competencies.yml").write_text("domains: [\n", encoding="utf-8")
    result = validate(tree)
    assert {d.code for d in result.diagnostics} == {"yaml-syntax"}


def test_schema_error_is_explained_with_position(tree):
    path = sorted((tree / "curriculum" / "modules").glob("*.yml"))[0]
    path.write_text(path.read_text(encoding="utf-8").replace("glh: 10", "glh: ten"), encoding="utf-8")
    model, diagnostics = load(tree)
    assert [d.code for d in diagnostics] == ["wrong-type"]
    assert diagnostics[0].loc.line > 1 and "modules" not in model.loaded


def test_module_file_names(tree):
    mods = tree / "curriculum" / "modules"
    (mods / "Bad Name.yml").write_text("id: M09\n", encoding="utf-8")
    (mods / "notes.txt").write_text("hello", encoding="utf-8")
    _, diagnostics = load(tree)
    assert sorted(d.code for d in diagnostics) == ["file-name", "stray-file"]


def test_page_scanning(tree):
    page = tree / "docs" / "scan.md"
    page.write_text(
        "---\nmodule: M01\ntitle: x\n---\n\n# Title\n\nWords here {{ cite(\"a-1\", 'b-2') }} and\n"
        '{{ term("t") }} {{ competency("C3") }} {{ outcomes("M02") }}\n\nTODO finish\n',
        encoding="utf-8",
    )
    model, _ = load(tree)
    p = next(p for p in model.pages if p.path == "scan.md")
    assert p.module_id == "M01"
    assert [(c.kind, c.key, c.loc.line) for c in p.citations] == [
        ("cite", "a-1", 8),
        ("cite", "b-2", 8),
        ("term", "t", 9),
        ("competency", "C3", 9),
        ("module", "M02", 9),
    ]
    assert [(m.loc.line, m.loc.col) for m in p.todos] == [(11, 1)]
    assert p.words == 6  # Title, Words, here, and, TODO, finish


def test_without_outlines_the_pages_are_the_same_and_only_the_outlines_are_left_out(tree):
    with_outlines, found = load(tree)
    without, found_without = load(tree, outlines=False)
    assert with_outlines.outlines and set(with_outlines.outlines) == {p.path for p in with_outlines.pages}
    assert without.outlines == {}
    assert without.pages == with_outlines.pages and found_without == found


def test_page_problems(tree):
    (tree / "docs" / "latin1.md").write_bytes(b"# caf\xe9\n")
    (tree / "docs" / "huge.md").write_bytes(b"x" * 3_000_000)
    _, diagnostics = load(tree)
    assert sorted((d.code, d.loc.file) for d in diagnostics) == [
        ("file-too-large", "docs/huge.md"),
        ("not-utf8", "docs/latin1.md"),
    ]


def test_unclosed_macro_on_a_big_page_is_read(tree):
    # 50,000 unclosed openers: a scan that rescanned after each one would never finish here;
    # how fast it is belongs to `make bench`.
    (tree / "docs" / "big.md").write_text("{{ x <a ](b TODO `c\n" * 50_000, encoding="utf-8")
    model, _ = load(tree)
    big = next(p for p in model.pages if p.path == "big.md")
    assert len(big.todos) == 50_000 and big.todos[-1].loc.line == 50_000


# --- the compiled schema fast path must agree with jsonschema ------------------------------


def _mutations(data, rng: random.Random, n: int):
    """Random small breakages of a valid document: wrong types, missing and extra keys, odd values."""
    odd = [None, True, 0, -1, 1.5, 2.0, "", "x", "M1", "1.1", [], {}, ["a", "a"], [1, True], {"k": 1}, "2026-13-01"]
    paths = []

    def collect(node, path):
        paths.append(path)
        if isinstance(node, dict):
            for k, v in node.items():
                collect(v, path + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                collect(v, path + (i,))

    collect(data, ())
    for _ in range(n):
        doc = copy.deepcopy(data)
        path = rng.choice(paths[1:])
        parent = doc
        for p in path[:-1]:
            parent = parent[p]
        action = rng.random()
        if action < 0.6:
            parent[path[-1]] = copy.deepcopy(rng.choice(odd))
        elif action < 0.8 and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent["extra_key"] = 1
        else:
            parent.append(copy.deepcopy(rng.choice(odd)))
        yield doc


# delivery files are optional and not in the template: test_delivery.py runs the same comparison
@pytest.mark.parametrize("kind", [k for k in schemas.KINDS if k != "delivery"])
def test_fast_validator_agrees_with_jsonschema(template, kind):
    path = (
        sorted((template / "curriculum" / "modules").glob("*.yml"))[0]
        if kind == "module"
        else template / "curriculum" / f"{kind}.yml"
    )
    data = yamlio.load(path.read_text(encoding="utf-8"))
    fast, slow = schemas.fast_validator(kind), schemas.validator(kind)
    assert fast is not None and fast(data) and slow.is_valid(data)
    rng = random.Random(kind)
    for doc in _mutations(data, rng, 150):
        try:
            verdict = fast(doc)
        except schemas._Unsure:
            continue
        assert verdict == slow.is_valid(doc), doc


def test_check_uses_jsonschema_messages_for_invalid_docs():
    doc, _ = parse_text("references:\n  - id: Bad Key\n    type: book\n", "r.yml")
    codes = sorted(d.code for d in schemas.check(doc, "references"))
    assert "bad-format" in codes and "missing-field" in codes


@pytest.mark.parametrize("kind", schemas.KINDS)
def test_schemas_pass_the_meta_schema(kind):
    schemas.validator(kind)  # raises SchemaError if a schema is malformed
    assert schemas.fast_validator(kind) is not None  # every keyword used is one the fast path knows


def test_bad_uri_and_date_still_rejected(template):
    data = yamlio.load((template / "curriculum" / "references.yml").read_text(encoding="utf-8"))
    data["references"][0]["accessed"] = "2026-02-30"
    doc, _ = parse_text(yaml.safe_dump(data), "references.yml")
    assert [d.code for d in schemas.check(doc, "references")] == ["bad-format"]


def test_a_clean_run_does_not_import_jsonschema(template):
    import subprocess
    import sys

    code = (
        "import sys; from cpscp_engine.validate import validate; "
        f"r = validate({str(template)!r}); assert not r.diagnostics; print('jsonschema' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=schemas.SCHEMA_DIR.parents[1]
    )
    assert out.stdout.strip() == "False", out.stderr


def test_programme_fields_are_the_schema_properties():
    """Each programme.yml setting is declared once with its type in model.Programme, and only there."""
    import json

    from cpscp_engine.model import ContentPolicy, Programme
    from cpscp_engine.schemas import SCHEMA_DIR

    schema = json.loads((SCHEMA_DIR / "programme.schema.json").read_text(encoding="utf-8"))
    assert set(Programme.settings()) == set(schema["properties"])
    policy = schema["properties"]["content_policy"]["properties"]
    assert {f for f in ContentPolicy.__dataclass_fields__ if f != "field_locs"} == set(policy)
    text = {k for k, v in schema["properties"].items() if v.get("type") == "string"} | {"level"}
    assert set(Programme.text_fields()) == text


# The module stem rule, said once in the loader: the names it accepts and refuses.
STEMS_ACCEPTED = ["00-z", "07-crisis-intervention", "99-a", "100-x9", "123-a-b-c", "999-9"]
STEMS_REFUSED = ["7-a", "1234-a", "07-Crisis", "07_a", "07-", "07-a b", "07-a.b", "07-é", "x7-a", "07-a\n", "-07-a"]


@pytest.mark.parametrize("stem", STEMS_ACCEPTED)
def test_a_module_stem_names_a_module_file(stem):
    assert MODULE_FILE.match(f"{stem}.yml")
    assert stem_prefix(stem) == int(stem.split("-")[0])
    assert module_stem(stem_prefix(stem) or 0, stem.split("-", 1)[1]) == stem


@pytest.mark.parametrize("stem", STEMS_REFUSED)
def test_what_is_not_a_module_stem_names_no_module_file(stem):
    assert not MODULE_FILE.match(f"{stem}.yml")
    assert stem_prefix(stem) is None


@pytest.mark.parametrize(("prefix", "stem"), [(1, "01-a"), (9, "09-a"), (10, "10-a"), (100, "100-a"), (999, "999-a")])
def test_the_prefix_has_at_least_two_digits(prefix, stem):
    assert module_stem(prefix, "a") == stem and MODULE_FILE.match(f"{stem}.yml")
