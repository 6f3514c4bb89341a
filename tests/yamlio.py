"""YAML as the tests read it: libyaml's C parser when PyYAML has it.

The tests read and edit the handbook's module files many times (a provider's flow follows the
validator's messages over several rounds); PyYAML's pure-Python parser takes about ten times
as long on them. What is read is the same (tests/test_yamlsource.py compares the engine's own
reader with the pure-Python one).
"""

from __future__ import annotations

from pathlib import Path

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str | bytes):
    return yaml.load(text, Loader=Loader)  # noqa: S506 (a safe loader: C or pure-Python SafeLoader)


def read(path: Path):
    return load(path.read_text(encoding="utf-8"))
