"""scripts/mutation.py (`make mutation`): the mutants it makes, where, and which tests it picks."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import mutation  # scripts/ is on pytest's pythonpath

SOURCE = '''"""A module docstring."""
LIMIT = 3  # module level: not a function body, never mutated


def check(items, name: str = "x"):
    """A docstring stays."""
    found = []
    for item in items:
        if item.size < LIMIT and not item.hidden:
            found.append(f"{item.name} — {item.size + 1}")
            continue
        total = item.size * 2
    return "|".join(found)
'''


def kinds(source: str) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for m in mutation.mutants_of("m.py", source.encode("utf-8")):
        found.setdefault(m.kind, []).append((m.before, m.after))
    return found


def test_each_operator_finds_its_mutant():
    found = kinds(SOURCE)
    assert found["flip comparison"] == [("item.size < LIMIT", "(item.size >= LIMIT)")]
    assert found["move boundary"] == [("item.size < LIMIT", "(item.size <= LIMIT)")]
    assert found["swap and/or"] == [("item.size < LIMIT and not item.hidden", "(item.size < LIMIT or not item.hidden)")]
    assert found["drop not"] == [("not item.hidden", "(item.hidden)")]
    assert found["change arithmetic"] == [("item.size * 2", "(item.size // 2)")]
    assert found["change number"] == [("2", "3")]
    assert found["empty string"] == [('"x"', '""'), ('"|"', '""')]  # a default is behaviour too
    assert found["return None"] == [('return "|".join(found)', "return None")]
    assert sorted(b for b, _ in found["drop statement"]) == sorted(
        ['found.append(f"{item.name} — {item.size + 1}")', "continue"]
    )


def test_module_level_code_docstrings_fstrings_and_defaults_are_left_alone():
    found = kinds(SOURCE)
    everything = [before for pairs in found.values() for before, _ in pairs]
    assert "3" not in everything  # LIMIT = 3 is module level
    assert not any("docstring" in before for before in everything)
    assert "item.size + 1" not in everything  # inside an f-string (positions unreliable before 3.12)


def test_applying_a_mutant_changes_only_its_own_bytes_and_compiles():
    source = SOURCE.encode("utf-8")
    for m in mutation.mutants_of("m.py", source):
        changed = m.apply(source)
        assert changed[: m.start] == source[: m.start]
        assert changed.endswith(source[m.end :])
        assert m.replacement in changed.decode("utf-8")
        compile(changed, "m.py", "exec")
        assert ast.dump(ast.parse(changed)) != ast.dump(ast.parse(source))


def test_byte_offsets_survive_non_ascii_text_before_the_mutant():
    source = 'def f(x):\n    note = "café — naïve"\n    return x == 1\n'.encode()
    flips = [m for m in mutation.mutants_of("m.py", source) if m.kind == "flip comparison"]
    assert [m.before for m in flips] == ["x == 1"]
    assert b"return (x != 1)" in flips[0].apply(source)


def test_text_is_not_subtracted():
    found = kinds('def f(a):\n    return "x" + a + f"{a}"\n')
    assert "change arithmetic" not in found


def test_the_sample_is_reproducible_and_bounded():
    every = mutation.all_mutants(mutation.ROOT, "checks/hours.py")
    assert every, "the engine's hours check has comparisons to mutate"
    first = mutation.sample(every, 5, seed=3)
    assert first == mutation.sample(every, 5, seed=3)
    assert len(first) == 5 and set(first) <= set(every)
    assert mutation.sample(every, None, seed=3) == sorted(every, key=lambda m: (m.path, m.start, m.kind))


def test_only_the_three_packages_are_mutated():
    packages = {
        Path(p).relative_to(mutation.ROOT / mutation.ENGINE).parts[0] for p in mutation.engine_files(mutation.ROOT)
    }
    assert packages == set(mutation.PACKAGES)


@pytest.mark.parametrize(
    "context,node",
    [
        ("test_exports.test_badge", "tests/test_exports.py::test_badge"),
        ("test_render.TestTables.test_cell", "tests/test_render.py::TestTables::test_cell"),
        ("conftest.template", None),
        ("test_exports", None),
    ],
)
def test_coverage_contexts_become_pytest_node_ids(context, node):
    assert mutation._node_id(context) == node


def test_a_module_is_tried_against_the_tests_that_mirror_it():
    assert "tests/test_checks_hours.py" in mutation.tests_for(mutation.ROOT, "scripts/cpscp_engine/checks/hours.py")
    text = mutation.tests_for(mutation.ROOT, "scripts/cpscp_engine/render/text.py")
    assert "tests/test_render_text.py" in text and "tests/test_checks_hours.py" not in text
    assert "tests/test_exports.py" in mutation.tests_for(mutation.ROOT, "scripts/cpscp_engine/exports/case.py")


def test_list_shows_the_sample_without_running_it(capsys):
    assert mutation.main(["--list", "--only", "checks/hours.py", "--limit", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("3 of ") and f"(seed {mutation.DEFAULT_SEED})" in out[0]
    assert len(out) == 4 and all(line.startswith("  scripts/cpscp_engine/checks/hours.py:") for line in out[1:])
