"""Reading one YAML file: every way it can be wrong ends in one diagnostic, never an exception."""

from __future__ import annotations

import sys
import tracemalloc

import pytest

from bounded import run_bounded
from cpscp_engine import yamlsource
from cpscp_engine.yamlsource import parse_text, read_yaml


def parse(text: str):
    return parse_text(text, "f.yml")


def test_positions_of_values_and_keys():
    doc, problem = parse("id: M01\nouter:\n  list:\n    - a\n    - b: 2\n")
    assert problem is None
    assert doc.data == {"id": "M01", "outer": {"list": ["a", {"b": 2}]}}
    assert str(doc.loc(("outer", "list", 1, "b"))) == "f.yml:5:10"
    assert str(doc.key_loc(("outer", "list", 1, "b"))) == "f.yml:5:7"
    assert str(doc.loc(("outer", "missing"))) == "f.yml:3:3"  # nearest known parent


@pytest.mark.parametrize(
    "text,value",
    [
        ("a: '1.1'", "1.1"),
        ('a: "2"', "2"),
        ("a: 1.5", 1.5),
        ("a: 7", 7),
        ("a: 0x10", 16),
        ("a: yes", True),
        ("a: false", False),
        ("a: ~", None),
        ("a: null", None),
        ("a:", None),
        ("a: 2026-01-01", "2026-01-01"),
        ("a: Describe it", "Describe it"),
        ("a: -1", -1),
        ("a: .5", 0.5),
        ("a: +3", 3),
        ("a: No", False),
        ("a: '~'", "~"),
        ("a: !!str 12", "12"),
        ("a: =", "="),
        ("a: <b>", "<b>"),
    ],
)
def test_scalars_match_the_safe_loader(text, value):
    doc, problem = parse(text)
    assert problem is None and doc.data["a"] == value and type(doc.data["a"]) is type(value)


def test_duplicate_key_names_both_lines():
    _, problem = parse("id: M01\ntitle: A\nid: M02\n")
    assert problem.code == "duplicate-key" and problem.loc.line == 3 and "first on line 1" in problem.message


def test_aliases_are_refused():
    _, problem = parse("a: &x [1, 2]\nb: *x\n")
    assert problem.code == "yaml-alias" and problem.loc.line == 1  # the anchored value


def test_merge_keys_are_refused():
    _, problem = parse("base: &b {x: 1}\nother:\n  <<: *b\n")
    assert problem.code == "yaml-alias"


def test_alias_bomb_is_refused_within_bounds():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    code = (
        "import sys; from cpscp_engine.yamlsource import parse_text; "
        "_, problem = parse_text(sys.stdin.read(), 'f.yml'); print(problem.code, problem.loc.line)"
    )
    # expanded, the nine levels would be 387 million items: more than the memory or CPU time allowed
    out = run_bounded([sys.executable, "-c", code], input="\n".join(lines))
    assert (out.returncode, out.stdout.split()) == (0, ["yaml-alias", "1"]), out.stderr


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 100_000,
        "a: " + "{" * 100_000,
        "a: " + "[" * 900 + "]" * 900,
        "".join(" " * i + "- x:\n" for i in range(0, 4000, 2)),
    ],
)
def test_deep_nesting_is_a_diagnostic(text):
    doc, problem = parse(text)
    assert doc is None and problem.code in ("yaml-depth", "yaml-syntax")


def test_deep_nesting_with_the_pure_python_parser(monkeypatch):
    import yaml

    monkeypatch.setattr(yamlsource, "_FastLoader", yaml.SafeLoader)
    _, problem = parse("a: " + "[" * 1500 + "]" * 1500)
    assert problem.code == "yaml-depth"


@pytest.mark.parametrize(
    "text,code",
    [
        ("- a\n- b\n", "not-a-mapping"),
        ("just text\n", "not-a-mapping"),
        ("42\n", "not-a-mapping"),
        ("a: 1\n---\nb: 2\n", "yaml-documents"),
        ("a:\n\tb: 1\n", "yaml-syntax"),
        ("a: [1, 2\n", "yaml-syntax"),
        ("a: b: c\n", "yaml-syntax"),
        ("? [a, b]\n: 1\n", "yaml-key"),
        ("a: \x07\n", "yaml-syntax"),
        ("", "empty-file"),
        ("---\n", "empty-file"),
    ],
)
def test_malformed_text(text, code):
    doc, problem = parse(text)
    assert doc is None and problem.code == code and problem.loc.file == "f.yml"


def test_syntax_error_has_line_and_column():
    _, problem = parse("id: M01\ntitle: [unclosed\nsummary: x\n")
    assert problem.code == "yaml-syntax" and problem.loc.line >= 2 and "indentation" in problem.hint


def _write(tmp_path, data: bytes):
    path = tmp_path / "curriculum" / "x.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "data", [b"", b"   \n\n", b"# only\n  # comments\n", b"# old Mac\r  # line ends\r", b"\t# tab\r\n\x0c\n# form feed"]
)
def test_empty_files(tmp_path, data):
    doc, problem = read_yaml(_write(tmp_path, data), tmp_path)
    assert doc is None and problem.code == "empty-file" and problem.loc.file == "curriculum/x.yml"


def test_a_comment_before_the_data_is_not_an_empty_file(tmp_path):
    doc, problem = read_yaml(_write(tmp_path, b"# a comment\r  # another\rid: M01\r"), tmp_path)
    assert problem is None and doc.data == {"id": "M01"}


def test_invalid_utf8_points_at_the_byte(tmp_path):
    _, problem = read_yaml(_write(tmp_path, b"id: M01\ntitle: caf\xe9\n"), tmp_path)
    assert problem.code == "not-utf8" and (problem.loc.line, problem.loc.col) == (2, 11) and "0xe9" in problem.message


def test_bom_is_accepted(tmp_path):
    doc, problem = read_yaml(_write(tmp_path, "\ufeffid: M01\n".encode()), tmp_path)
    assert problem is None and doc.data == {"id": "M01"}


def test_huge_file_is_refused_without_reading(tmp_path):
    path = _write(tmp_path, b"a: " + b"x" * 10_000_000 + b"\n")
    tracemalloc.start()
    try:
        _, problem = read_yaml(path, tmp_path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert problem.code == "file-too-large"
    assert peak < yamlsource.MAX_BYTES, f"{peak:,} bytes allocated: the file was read"


def test_missing_file(tmp_path):
    _, problem = read_yaml(tmp_path / "nope.yml", tmp_path)
    assert problem.code == "unreadable"


def test_find_in_strings_and_where():
    import re

    doc, _ = parse("a: ok\nb:\n  - TODO one\n  - c: fine\n    d: TODO two\n")
    found = yamlsource.find_in_strings(doc, re.compile(r"\bTODO\b"))
    assert [yamlsource.where(p) for p, _ in found] == ["b[1]", "b[2].d"]


@pytest.mark.parametrize(
    "word",
    [
        "yes",
        "Yes",
        "YES",
        "no",
        "No",
        "NO",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
        "null",
        "Null",
        "NULL",
        "y",
        "n",
        "falsey",
        "nullable",
        "onwards",
        "Offender",
        "title",
        "tRUE",
        ".inf",
        "-.inf",
        ".NaN",
        "1_000",
        "0o17",
        "1e3",
        "2026-01-01 10:00:00",
        "+",
        "~",
    ],
)
def test_fast_resolver_agrees_with_pyyaml(word):
    import yaml

    expected = yaml.safe_load(f"a: {word}\n")["a"]
    doc, problem = parse(f"a: {word}\n")
    if isinstance(expected, float) and (expected != expected or expected in (float("inf"), float("-inf"))):
        assert problem.code == "yaml-number"  # read the same way, then refused: no field can use it
        return
    assert problem is None
    got = doc.data["a"]
    if isinstance(expected, (int, float, bool, type(None))):
        assert type(got) is type(expected) and (got == expected or got != got)  # got != got: NaN
    else:  # dates and times stay as written
        assert got == (expected if isinstance(expected, str) else word)


@pytest.mark.parametrize(
    "text,code,col",
    [
        ("a: !!int ten", "yaml-tag", 4),
        ("a: !!bool maybe", "yaml-tag", 4),
        ("a: !!float x", "yaml-tag", 4),
        ("a: !!python/object/apply:os.system [echo]", "yaml-tag", 4),
        ("a: !!python/name:os.system", "yaml-tag", 4),
        ("a: !local x", "yaml-tag", 4),
        ("a: !!set {x: null}", "yaml-tag", 4),
        ("a: !!binary aGk=", "yaml-tag", 4),
        ("a: .nan", "yaml-number", 4),
        ("a: -.Inf", "yaml-number", 4),
        ("a: " + "7" * 5000, "yaml-number", 4),
        ("a: 1.0e+999", "yaml-number", 4),
        ("yes: 1", "yaml-key", 1),
        ("1: x", "yaml-key", 1),
        ("null: x", "yaml-key", 1),
        ("<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> upstream/main\n", "merge-conflict", 1),
    ],
)
def test_values_no_field_can_use_are_refused_where_written(text, code, col):
    _, problem = parse("x: 1\n" + text)
    assert problem is not None and problem.code == code
    assert (problem.loc.line, problem.loc.col) == (2, col)


def test_plain_values_and_str_tags_still_read():
    doc, problem = parse("a: !!str 12\nb: !!int 10\nc: 13.0\nd: =\n")
    assert problem is None and doc.data == {"a": "12", "b": 10, "c": 13.0, "d": "="}


def test_mkdocs_tags_are_kept_as_text_when_allowed():
    doc, problem = parse_text("a: !ENV [X, y]\nb: !!python/name:m.f\n", "mkdocs.yml", allow_tags=True)
    assert problem is None and doc.data == {"a": ["X", "y"], "b": ""}
