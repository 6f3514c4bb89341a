#!/usr/bin/env python3
"""Benchmark: validation and site build time for synthetic curricula of growing size.

    python scripts/bench.py [--sizes 10,100,1000] [--no-build] [--repeat 3]

For each size it writes a valid synthetic curriculum (cpscp_engine.synthetic) into a temporary
folder, times validation in process (load + every check, best of --repeat) and one
`mkdocs build` of a minimal site that uses the handbook's own macros, and prints

    modules=N outcomes=N criteria=N validate_s=X build_s=Y

build_s is n/a, with the reason, when the site cannot be built (e.g. macros/ not importable).
"""
from __future__ import annotations

import argparse
import gc
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent

from cpscp_engine.synthetic import generate
from cpscp_engine.validate import validate

BUILD_TIMEOUT_S = 1800
MKDOCS_YML = """\
site_name: Synthetic handbook ({n} modules)
site_url: https://example.org/handbook/
theme:
  name: material
  font: false
plugins:
  - search
  - macros:
      module_name: macros
      on_error_fail: true
      on_undefined: strict
markdown_extensions:
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
validation:
  omitted_files: ignore
  absolute_links: ignore
  unrecognized_links: ignore
  anchors: ignore
"""


def time_validation(root: Path, repeat: int) -> tuple[float, int]:
    best, errors = float("inf"), 0
    for _ in range(repeat):
        # each run starts as a fresh process would: the last run's model freed and collected
        gc.collect()
        start = time.perf_counter()
        result = validate(root)
        best = min(best, time.perf_counter() - start)
        errors = len(result.errors)
        del result
    return best, errors


def prepare_site(root: Path, n: int) -> str | None:
    """Make root buildable with the project's macros; the reason when it cannot be."""
    macros = PROJECT / "macros"
    if not (macros / "__init__.py").is_file() and not (PROJECT / "macros.py").is_file():
        return "macros/ has no __init__.py yet"
    if macros.is_dir():
        shutil.copytree(macros, root / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    else:
        shutil.copy2(PROJECT / "macros.py", root / "macros.py")
    # the macros import the installed engine, which reads the schemas in <root>/curriculum/schema
    shutil.copytree(PROJECT / "curriculum" / "schema", root / "curriculum" / "schema", dirs_exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(n=n), encoding="utf-8")
    probe = subprocess.run([sys.executable, "-c", "import macros, sys; sys.exit(0 if hasattr(macros, 'define_env') else 3)"],
                           cwd=root, capture_output=True, text=True, env=_env(), timeout=120)
    if probe.returncode == 3:
        return "macros has no define_env()"
    if probe.returncode:
        last = (probe.stderr.strip().splitlines() or ["unknown error"])[-1]
        return f"macros not importable: {last}"
    return None


def time_build(root: Path, n: int) -> tuple[float | None, str]:
    reason = prepare_site(root, n)
    if reason:
        return None, reason
    start = time.perf_counter()
    try:
        out = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site")], cwd=root,
                             capture_output=True, text=True, env=_env(), timeout=BUILD_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return None, f"build took over {BUILD_TIMEOUT_S} s"
    elapsed = time.perf_counter() - start
    if out.returncode:
        lines = [ln for ln in (out.stderr + out.stdout).strip().splitlines() if ln.strip()]
        return None, "build failed: " + (lines[-1] if lines else f"exit {out.returncode}")
    return elapsed, ""


def _env() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000", help="comma-separated module counts (each at least 2)")
    parser.add_argument("--repeat", type=int, default=3, help="validation runs per size; the best is reported")
    parser.add_argument("--no-build", action="store_true", help="time validation only")
    args = parser.parse_args(argv)
    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        if any(s < 2 for s in sizes):
            raise ValueError
    except ValueError:
        parser.error("--sizes takes whole numbers of at least 2, e.g. 10,100,1000")
    failed = False
    with tempfile.TemporaryDirectory(prefix="cpscp-bench-") as tmp:
        for n in sizes:
            root = Path(tmp) / f"n{n}"
            counts = generate(root, modules=n)
            validate_s, errors = time_validation(root, max(1, args.repeat))
            line = (f"modules={counts.modules} outcomes={counts.outcomes} criteria={counts.criteria} "
                    f"validate_s={validate_s:.3f}")
            if errors:
                failed = True
                line += f" (INVALID: {errors} errors)"
            if args.no_build:
                line += " build_s=skipped"
            else:
                build_s, reason = time_build(root, n)
                line += f" build_s={build_s:.1f}" if build_s is not None else f" build_s=n/a ({reason})"
            print(line, flush=True)
            shutil.rmtree(root, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
