"""The engine's commands: each declared in pyproject.toml once, with a wrapper in scripts/ that
only runs it on its checkout (no logic of its own)."""

from __future__ import annotations

import ast
import importlib
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _commands() -> dict[str, str]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]


def test_every_command_is_a_cli_module_with_main_and_a_thin_wrapper():
    commands = _commands()
    assert commands
    for name, target in commands.items():
        module, _, function = target.partition(":")
        assert module.startswith("cpscp_engine.cli.") and function == "main", name
        assert callable(importlib.import_module(module).main), name
        wrapper = ROOT / "scripts" / (module.rsplit(".", 1)[1] + ".py")
        text = wrapper.read_text(encoding="utf-8")
        assert f"from {module} import main" in text, f"{wrapper.name} does not run {name}"
        body = ast.parse(text).body
        own = [type(node).__name__ for node in body if not isinstance(node, (ast.Expr, ast.Import, ast.ImportFrom))]
        assert own == ["If"] and len(body[-1].body) == 1, f"{wrapper.name} has code of its own: {own}"


def test_every_cli_module_is_a_command():
    modules = {p.stem for p in (ROOT / "scripts" / "cpscp_engine" / "cli").glob("*.py") if p.stem != "__init__"}
    assert modules == {target.split(":")[0].rsplit(".", 1)[1] for target in _commands().values()}
