"""pyproject.toml [tool.coverage]: `make coverage` follows every script, wherever a test runs it from."""

from __future__ import annotations

import tomllib

from fixtures import ROOT


def _coverage() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["coverage"]


def test_every_script_is_measured_when_a_test_runs_it_from_a_copy():
    # A script run as a program from a copy of the project is outside `source`; coverage.py
    # measures it only under its name in source_pkgs.
    scripts = {p.stem for p in (ROOT / "scripts").glob("*.py")}
    assert scripts <= set(_coverage()["run"]["source_pkgs"]), "add the new script's name to source_pkgs"


def test_subprocesses_are_followed_and_copies_map_back():
    config = _coverage()
    assert "subprocess" in config["run"]["patch"] and config["run"]["parallel"] is True
    assert {p.split("/")[0] for p in config["run"]["source"]} == {"scripts", "macros"}
    for name, (canonical, *copies) in config["paths"].items():
        assert canonical == f"{name}/" and all(c.endswith(f"/{name}/") for c in copies)
