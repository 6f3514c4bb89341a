"""The command line: exit codes, output formats, and bad input that must never crash it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import validate as cli
from conftest import CLI, run_cli
from cpscp_engine.diagnostics import Loc, error, warning
from cpscp_engine.report import github_line


def _run(root, *args, **kw):
    return run_cli("--root", str(root), *args, **kw)


# --- exit codes and formats ----------------------------------------------------------------


def test_clean_tree_exits_0_with_summary(tree):
    out = _run(tree)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.strip().startswith("curriculum OK: 4 modules, 16 outcomes, 48 criteria, 30 competencies")


def test_errors_exit_1_sorted_with_summary(t):
    t.edit_module(1, lambda d: d["assessment"][0].update(weighting=10))
    t.edit_module(0, lambda d: d.update(summary="TODO"))
    out = _run(t.root)
    assert out.returncode == 1
    lines = out.stdout.strip().splitlines()
    assert lines[-1].startswith("1 error, 1 warning in ")
    assert lines[0].startswith("curriculum/modules/01-") and ": warning todo: " in lines[0]
    assert ": error weighting-total: " in lines[1] and " — " in lines[1]


def test_warnings_exit_0_unless_strict(t):
    t.edit_module(0, lambda d: d.update(summary="TODO"))
    assert _run(t.root).returncode == 0
    strict = _run(t.root, "--strict")
    assert strict.returncode == 1 and "--strict" in strict.stdout.splitlines()[-1]


def test_json_format(t):
    t.edit_module(0, lambda d: d.update(summary="TODO"))
    data = json.loads(_run(t.root, "--format", "json").stdout)
    assert data["ok"] is True and data["errors"] == 0 and data["warnings"] == 1
    assert data["diagnostics"][0]["code"] == "todo" and data["diagnostics"][0]["line"] > 0
    strict = json.loads(_run(t.root, "--format", "json", "--strict").stdout)
    assert strict["ok"] is False


def test_github_format(t):
    t.edit_module(0, lambda d: d.update(summary="TODO"))
    t.edit_module(1, lambda d: d["assessment"][0].update(weighting=10))
    out = _run(t.root, "--format", "github")
    assert out.returncode == 1
    commands = [ln for ln in out.stdout.splitlines() if ln.startswith("::")]
    assert len(commands) == 2
    assert all(ln.startswith(("::error file=", "::warning file=")) for ln in commands)
    assert any(",title=weighting-total::" in ln for ln in commands)


def test_github_escaping():
    d = error(Loc("docs/a,b:c.md", 3, 4), "some-code", "50% done\r\nnext line", "fix: it, now")
    assert github_line(d) == (
        "::error file=docs/a%2Cb%3Ac.md,line=3,col=4,title=some-code::50%25 done%0D%0Anext line — fix: it, now"
    )
    w = warning(Loc("curriculum/x.yml"), "w", "m")
    assert github_line(w) == "::warning file=curriculum/x.yml,title=w::m"


@pytest.mark.parametrize("args", [["--format", "xml"], ["--bogus"], ["--root", "/no/such/folder"]])
def test_usage_errors_exit_2(args):
    out = run_cli(*args)
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_root_without_curriculum_exits_2(tmp_path):
    out = _run(tmp_path)
    assert out.returncode == 2 and "curriculum/" in out.stderr


def test_a_broken_schema_file_is_a_problem_in_the_files_not_a_bug(tree):
    (tree / "curriculum" / "schema").mkdir()
    for f in (CLI.parents[1] / "curriculum" / "schema").glob("*.json"):
        shutil.copy(f, tree / "curriculum" / "schema")
    # valid JSON but not a JSON Schema: the engine cannot use it (a schema file that is not JSON at
    # all is a plain error at that file, see test_safe_reading.py)
    (tree / "curriculum" / "schema" / "module.schema.json").write_text('{"type": 5}', encoding="utf-8")
    out = _run(tree)
    assert out.returncode == 1 and "Traceback" not in out.stderr + out.stdout
    assert "curriculum/schema/module.schema.json:1:1: error schema-invalid" in out.stdout


def test_internal_error_exits_2_with_one_line(tree):
    crash = (
        "import runpy, sys, cpscp_engine.validate as v; v.run_all = lambda model: 1 / 0; "
        f"sys.argv = ['validate.py', '--root', {str(tree)!r}]; runpy.run_path({str(CLI)!r}, run_name='__main__')"
    )
    out = subprocess.run([sys.executable, "-c", crash], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1 and "please report it" in out.stderr
    assert "Traceback" not in out.stderr
    debug = subprocess.run(
        [sys.executable, "-c", crash],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "CPSCP_DEBUG": "1"},
    )
    assert "Traceback" in debug.stderr


def test_internal_error_in_process(monkeypatch, tree, capsys):
    import cpscp_engine.validate

    monkeypatch.setattr(cpscp_engine.validate, "run_all", lambda model: 1 / 0)
    monkeypatch.delenv("CPSCP_DEBUG", raising=False)
    assert cli.main(["--root", str(tree)]) == 2
    err = capsys.readouterr().err
    assert "ZeroDivisionError" in err and "Traceback" not in err


# --- bad input: a clear message naming the file, exit 1, no traceback, no hang ---------------


def _module(root):
    return sorted((root / "curriculum" / "modules").glob("*.yml"))[1]


def _billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _bad(kind: str, root):
    """Break the tree in one way; returns (file that must be named, code expected)."""
    mod = _module(root)
    rel = mod.relative_to(root).as_posix()
    if kind == "invalid-utf8":
        mod.write_bytes(mod.read_bytes().replace(b"Synthetic", b"Synth\xe9tic", 1))
        return rel, "not-utf8"
    if kind == "list-document":
        mod.write_text("- id: M02\n- title: x\n", encoding="utf-8")
        return rel, "not-a-mapping"
    if kind == "scalar-document":
        mod.write_text("just some words\n", encoding="utf-8")
        return rel, "not-a-mapping"
    if kind == "empty-file":
        mod.write_text("", encoding="utf-8")
        return rel, "empty-file"
    if kind == "only-comments":
        mod.write_text("# a module\n# to be written\n", encoding="utf-8")
        return rel, "empty-file"
    if kind == "alias-bomb":
        mod.write_text(_billion_laughs(), encoding="utf-8")
        return rel, "yaml-alias"
    if kind == "ten-megabytes":
        mod.write_text("summary: " + "x" * 10_000_000 + "\n", encoding="utf-8")
        return rel, "file-too-large"
    if kind == "duplicate-module-file":
        copy = mod.with_name("98-duplicate.yml")
        shutil.copy(mod, copy)
        return copy.relative_to(root).as_posix(), "duplicate-id"
    if kind == "duplicate-key":
        mod.write_text(mod.read_text(encoding="utf-8") + "glh: 12\n", encoding="utf-8")
        return rel, "duplicate-key"
    if kind == "tabs":
        text = mod.read_text(encoding="utf-8")
        assert "\n- id: 1\n" in text
        mod.write_text(text.replace("\n- id: 1\n", "\n\t- id: 1\n", 1), encoding="utf-8")
        return rel, "yaml-syntax"
    if kind == "syntax-error":
        mod.write_text("id: M02\ntitle: [unclosed\nsummary: x\n", encoding="utf-8")
        return rel, "yaml-syntax"
    if kind == "deep-nesting":
        mod.write_text("id: " + "[" * 100_000 + "\n", encoding="utf-8")
        return rel, "yaml-depth"
    if kind == "missing-required-file":
        (root / "curriculum" / "references.yml").unlink()
        return "curriculum/references.yml", "missing-file"
    if kind == "binary-page":
        (root / "docs" / "modules" / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
        return "docs/modules/image.md", "not-utf8"
    raise AssertionError(kind)


BAD = [
    "invalid-utf8",
    "list-document",
    "scalar-document",
    "empty-file",
    "only-comments",
    "alias-bomb",
    "ten-megabytes",
    "duplicate-module-file",
    "duplicate-key",
    "tabs",
    "syntax-error",
    "deep-nesting",
    "missing-required-file",
    "binary-page",
]


@pytest.mark.parametrize("kind", BAD)
def test_bad_input_is_reported_not_crashed(tree, kind):
    file, code = _bad(kind, tree)
    # within limits of memory and CPU time (tests/bounded.py): no input may blow the validator up
    out = _run(tree, bounded=True)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "Traceback" not in out.stdout + out.stderr
    named = [ln for ln in out.stdout.splitlines() if ln.startswith(file + ":") and f" error {code}: " in ln]
    assert named, out.stdout


def test_cli_runs_from_any_directory(tree, tmp_path):
    import subprocess

    out = subprocess.run(
        [sys.executable, str(CLI), "--root", str(tree)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0


def test_the_installed_command_validates_the_project_in_the_current_folder(tree):
    """`make` installs the engine with its commands (pyproject.toml [project.scripts])."""
    import subprocess

    command = Path(sys.executable).with_name("cpscp-validate")
    if not command.exists():
        pytest.skip(f"{command.name} is not installed: `make` installs the engine with its commands")
    out = subprocess.run([str(command)], cwd=tree, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "curriculum OK" in out.stdout, out.stdout + out.stderr
    broken = subprocess.run([str(command)], cwd=tree.parent, capture_output=True, text=True, timeout=60)
    assert broken.returncode == 2 and "no curriculum/ folder" in broken.stderr
