#!/usr/bin/env python3
"""Benchmark: how the curriculum engine's costs compare with what they are built on.

    python scripts/bench.py [--quick] [--repeat 2] [--json FILE]

Absolute times depend on the machine and on what else it is doing, so each figure is a
ratio against a baseline measured in the same run, on the same machine:

  validation   validating 1,000 synthetic modules / parsing the same YAML files with
               PyYAML's C loader (the floor: no validator can read the files faster)
  growth       building the synthetic site of 1,000 modules / building it with 100
               (linear growth would be 10x)
  handbook     building the real handbook / a plain MkDocs + Material build of the same
               pages as the macros render them (what the macros, the print edition and
               the rest of the engine add to a build)

Each timing is the best of --repeat runs. --quick uses 20 and 200 modules instead of 100
and 1,000 (for trying a change; the recorded figures come from a full run). Results print
as `name=value` lines and, with --json, are written to FILE with the date.
"""
from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml

from cpscp_engine.synthetic import generate
from cpscp_engine.validate import validate

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
BUILD_TIMEOUT_S = 1800
# The targets issue #12 set; printed beside each ratio so a run says whether it holds.
TARGETS = {"validation": 1.3, "growth": 12.0, "handbook": 1.3}

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

# A build hook (bench-only: the handbook's own mkdocs.yml has no hooks, for Zensical) that
# saves each page's Markdown after the macros have rendered it (hooks run after plugins).
CAPTURE_HOOK = """\
from pathlib import Path
OUT = Path({out!r})

def on_page_markdown(markdown, page, config, files):
    target = OUT / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")
    return markdown
"""


def best_of(repeat: int, action) -> float:
    best = float("inf")
    for _ in range(max(1, repeat)):
        gc.collect()  # each run starts as a fresh process would: the last run's garbage gone
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


# --- validation against the parse floor ---------------------------------------------------

def parse_floor(root: Path) -> None:
    """Read and parse every YAML file validation reads, with the C loader and nothing else."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in sorted((root / "curriculum").rglob("*.yml")):
        yaml.load(path.read_bytes(), Loader=loader)  # noqa: S506 - loader is a SafeLoader (C or Python)


def validation_ratio(root: Path, repeat: int) -> dict:
    errors = len(validate(root).errors)  # also warms imports and compiled schemas
    if errors:
        raise SystemExit(f"bench: the synthetic curriculum has {errors} validation errors; the generator is out "
                         "of step with the validator")
    parse_floor(root)
    floor = best_of(repeat, lambda: parse_floor(root))
    validate_s = best_of(repeat, lambda: validate(root))
    return {"validate_s": validate_s, "parse_floor_s": floor, "ratio": validate_s / floor}


# --- site builds ---------------------------------------------------------------------------

def _env() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def mkdocs_build(root: Path, config: str = "mkdocs.yml") -> None:
    out = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(root / "site")],
                         cwd=root, capture_output=True, text=True, env=_env(), timeout=BUILD_TIMEOUT_S)
    if out.returncode:
        lines = [ln for ln in (out.stderr + out.stdout).strip().splitlines() if ln.strip()]
        raise SystemExit(f"bench: the build in {root} failed: " + (lines[-1] if lines else f"exit {out.returncode}"))


def synthetic_site(root: Path, n: int) -> Path:
    site = root / f"synthetic-{n}"
    generate(site, modules=n)
    shutil.copytree(PROJECT / "macros", site / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(PROJECT / "curriculum" / "schema", site / "curriculum" / "schema", dirs_exist_ok=True)
    (site / "mkdocs.yml").write_text(MKDOCS_YML.format(n=n), encoding="utf-8")
    return site


def growth_ratio(root: Path, small: int, large: int, repeat: int) -> dict:
    times = {}
    for n in (small, large):
        site = synthetic_site(root, n)
        times[n] = best_of(repeat, functools.partial(mkdocs_build, site))
        shutil.rmtree(site, ignore_errors=True)
    return {f"build_{small}_s": times[small], f"build_{large}_s": times[large], "ratio": times[large] / times[small]}


def _copy_project(dest: Path) -> Path:
    ignore = shutil.ignore_patterns(".git", ".venv", "site", "site-*", "__pycache__", "*.egg-info", ".pytest_cache")
    shutil.copytree(PROJECT, dest, ignore=ignore)
    return dest


def plain_config(handbook_config: dict) -> dict:
    """The handbook's MkDocs settings without the plugins that render or add pages."""
    config = {k: v for k, v in handbook_config.items() if k not in ("plugins", "hooks", "watch")}
    config["plugins"] = ["search"]
    config["validation"] = {"omitted_files": "ignore", "absolute_links": "ignore", "unrecognized_links": "ignore",
                            "anchors": "ignore"}
    return config


def handbook_ratio(root: Path, repeat: int) -> dict:
    project = _copy_project(root / "handbook")
    rendered = root / "rendered"
    (project / "bench_capture.py").write_text(CAPTURE_HOOK.format(out=str(rendered)), encoding="utf-8")
    (project / "bench-capture.yml").write_text(
        "INHERIT: mkdocs.yml\nhooks:\n  - bench_capture.py\n", encoding="utf-8")
    mkdocs_build(project, "bench-capture.yml")  # not timed: the hook only saves the rendered pages
    handbook_s = best_of(repeat, lambda: mkdocs_build(project))

    plain = root / "plain"
    shutil.copytree(project / "docs", plain / "docs", ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(rendered, plain / "docs", dirs_exist_ok=True)
    if (project / "overrides").is_dir():
        shutil.copytree(project / "overrides", plain / "overrides")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(plain_config(config), sort_keys=False), encoding="utf-8")
    mkdocs_build(plain)  # warm the disk cache as the handbook's capture build did
    plain_s = best_of(repeat, lambda: mkdocs_build(plain))
    return {"handbook_s": handbook_s, "plain_s": plain_s, "ratio": handbook_s / plain_s}


# --- report --------------------------------------------------------------------------------

def report(results: dict) -> str:
    lines = []
    for name, values in results.items():
        detail = " ".join(f"{k}={v:.3f}" for k, v in values.items() if k != "ratio")
        target = TARGETS[name]
        verdict = "meets" if values["ratio"] <= target else "MISSES"
        lines.append(f"{name}: ratio={values['ratio']:.2f} ({verdict} target <= {target}) {detail}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="20 and 200 modules instead of 100 and 1,000")
    parser.add_argument("--repeat", type=int, default=2, help="runs per timing; the best counts (default 2)")
    parser.add_argument("--only", choices=sorted(TARGETS), action="append", help="run only this part (repeatable)")
    parser.add_argument("--json", type=Path, help="also write the results, with the date, to this file")
    args = parser.parse_args(argv)
    small, large = (20, 200) if args.quick else (100, 1000)
    parts = args.only or list(TARGETS)
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="cpscp-bench-") as tmp:
        root = Path(tmp)
        if "validation" in parts:
            generate(root / "validation", modules=large)
            results["validation"] = validation_ratio(root / "validation", args.repeat)
            print(report({"validation": results["validation"]}), flush=True)
        if "growth" in parts:
            results["growth"] = growth_ratio(root, small, large, args.repeat)
            print(report({"growth": results["growth"]}), flush=True)
        if "handbook" in parts:
            results["handbook"] = handbook_ratio(root, args.repeat)
            print(report({"handbook": results["handbook"]}), flush=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"date": date.today().isoformat(), "modules": [small, large],
                                         "results": results}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
