#!/usr/bin/env python3
"""Benchmark: how the curriculum engine's costs compare with what they are built on.

    python scripts/bench.py [--quick] [--repeat N] [--only PART] [--json FILE]

Absolute times depend on the machine and on what else it is doing, so each figure is a
ratio against a baseline measured in the same run, on the same machine:

  validation   validating 1,000 synthetic modules / parsing the same YAML files with
               PyYAML's C loader (the floor: loading the same data the usual way, nothing checked)
  growth       building the synthetic site of 1,000 modules / building it with 100
               (linear growth would be 10x), with the handbook's theme features and the
               modules in navigation sections as the provider guide tells a long programme
               to list them; beside it, `plain_ratio`, the same for plain
               MkDocs + Material builds of the same pages as the macros render them (the
               growth that comes with MkDocs and the theme)
  handbook     building the real handbook as `make build` builds its pages (`mkdocs build`,
               then the printable edition: scripts/printpage.py) / a plain MkDocs + Material
               build of the same pages as the macros render them (what the macros, the print
               edition and the rest of the engine add to a build)

The ratios are of CPU time (user + system, of this process for validation and of the
`mkdocs build` process for builds): on a machine shared with others, wall time mostly measures
what the others do. Each part runs several rounds (ROUNDS, or --repeat); in each round the runs
a ratio compares follow each other (in turn one way, then the other, so a steady drift favours
neither side), and each round gives its own ratio. The ratio printed is the median of the
rounds' ratios. The project's machine is a virtual machine whose speed changes by up to a
factor of two within seconds: the best time of each side (the usual way to time code, and
this benchmark's until 2026-12-02) then pairs one side's fastest moment with the other's, and
moved the same build's ratio from 1.05 to 1.69 between two runs; runs that follow each other
within a round see the same machine. `best_ratio` (each side's best round) and the spread of
the rounds' ratios are printed beside it, and `wall_ratio`, the median of the rounds' wall-time
ratios.
--quick uses 20 and 200 modules instead of 100 and 1,000 (for trying a change; the recorded
figures come from a full run). Results print as `name=value` lines and, with --json, are
written to FILE with the date.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import yaml
from mkdocs.utils import meta

from cpscp_engine.loader import read_site_config
from cpscp_engine.synthetic import generate, module_nav
from cpscp_engine.validate import validate

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
BUILD_TIMEOUT_S = 1800
# The targets issue #12 set; printed beside each ratio so a run says whether it holds.
TARGETS = {"validation": 1.3, "growth": 12.0, "handbook": 1.3}
# Rounds per part unless --repeat says otherwise. On a shared machine a single round can run at
# half speed on one side of a ratio; the median of more rounds is steadier, and the two quick
# parts can afford them (a round of validation or of the handbook takes seconds, of growth minutes).
ROUNDS = {"validation": 11, "growth": 2, "handbook": 11}

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


def rounds(repeat: int, *actions) -> list[list[tuple[float, float]]]:
    """For each of `repeat` rounds, (CPU seconds, wall seconds) of each action, in the actions' order.

    Each action returns the CPU seconds it used. Within a round the actions run one after
    another, forwards in the first round, backwards in the next and so on, so that a machine
    slowing down or speeding up steadily does not favour the action that runs first.
    """
    measured = []
    for number in range(max(1, repeat)):
        order = list(range(len(actions)))
        if number % 2:
            order.reverse()
        times: dict[int, tuple[float, float]] = {}
        for i in order:
            gc.collect()  # each run starts as a fresh process would: the last run's garbage gone
            start = time.perf_counter()
            cpu = actions[i]()
            times[i] = (cpu, time.perf_counter() - start)
        measured.append([times[i] for i in range(len(actions))])
    return measured


def ratio_of(measured: list[list[tuple[float, float]]], top: int, bottom: int) -> dict:
    """The ratio of action `top` to action `bottom`: the median of the rounds' own ratios (CPU and
    wall time), the ratio of each one's best round, and the spread of the rounds' ratios."""
    cpu = [row[top][0] / row[bottom][0] for row in measured]
    wall = [row[top][1] / row[bottom][1] for row in measured]
    return {
        "ratio": statistics.median(cpu),
        "wall_ratio": statistics.median(wall),
        "best_ratio": min(row[top][0] for row in measured) / min(row[bottom][0] for row in measured),
        "round_ratios": f"{min(cpu):.2f}-{max(cpu):.2f}",
    }


def median_cpu(measured: list[list[tuple[float, float]]], i: int) -> float:
    return statistics.median(row[i][0] for row in measured)


def in_process(action):
    """The action, returning the CPU seconds this process spent on it."""

    def timed() -> float:
        start = time.process_time()
        action()
        return time.process_time() - start

    return timed


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# --- validation against the parse floor ---------------------------------------------------


def parse_floor(root: Path) -> None:
    """Read and parse every YAML file validation reads, with the C loader and nothing else."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in sorted((root / "curriculum").rglob("*.yml")):
        yaml.load(path.read_bytes(), Loader=loader)  # noqa: S506 - loader is a SafeLoader (C or Python)


def validation_ratio(root: Path, repeat: int) -> dict:
    errors = len(validate(root).errors)  # also warms imports and compiled schemas
    if errors:
        raise SystemExit(
            f"bench: the synthetic curriculum has {errors} validation errors; the generator is out "
            "of step with the validator"
        )
    parse_floor(root)
    measured = rounds(repeat, in_process(lambda: validate(root)), in_process(lambda: parse_floor(root)))
    return {
        **ratio_of(measured, 0, 1),
        "validate_s": median_cpu(measured, 0),
        "parse_floor_s": median_cpu(measured, 1),
    }


# --- site builds ---------------------------------------------------------------------------


def _env() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def mkdocs_build(root: Path, config: str = "mkdocs.yml") -> float:
    """Build the site in root; the CPU seconds the build process used."""
    before = _children_cpu()
    out = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(root / "site")],
        cwd=root,
        capture_output=True,
        text=True,
        env=_env(),
        timeout=BUILD_TIMEOUT_S,
    )
    if out.returncode:
        lines = [ln for ln in (out.stderr + out.stdout).strip().splitlines() if ln.strip()]
        raise SystemExit(f"bench: the build in {root} failed: " + (lines[-1] if lines else f"exit {out.returncode}"))
    return _children_cpu() - before


def print_step(root: Path) -> float:
    """Make the printable edition of the site built in root; the CPU seconds it used."""
    before = _children_cpu()
    out = subprocess.run(
        [sys.executable, str(root / "scripts" / "printpage.py"), "--root", str(root)],
        cwd=root,
        capture_output=True,
        text=True,
        env=_env(),
        timeout=BUILD_TIMEOUT_S,
    )
    if out.returncode:
        raise SystemExit(f"bench: the print step in {root} failed: {out.stderr.strip() or out.returncode}")
    return _children_cpu() - before


def handbook_features() -> list[str]:
    """The theme features of the handbook's mkdocs.yml (its navigation's behaviour among them)."""
    doc, _ = read_site_config(PROJECT)
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    theme = data.get("theme")
    features = theme.get("features") if isinstance(theme, dict) else None
    return [str(f) for f in features] if isinstance(features, list) else []


def synthetic_site(root: Path, n: int) -> Path:
    """A synthetic site of n modules, with the handbook's theme features and its modules in the
    navigation as the provider guide tells a long programme to list them (in sections)."""
    site = root / f"synthetic-{n}"
    counts = generate(site, modules=n)
    shutil.copytree(PROJECT / "macros", site / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(PROJECT / "curriculum" / "schema", site / "curriculum" / "schema", dirs_exist_ok=True)
    config = yaml.safe_load(MKDOCS_YML.format(n=n))
    config["theme"]["features"] = handbook_features()
    config["nav"] = [{"Home": "index.md"}, {"Modules": module_nav(list(counts.pages))}]
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return site


class _PageEnv:
    """What macros.define_env reads of mkdocs-macros' env, to render pages outside a build."""

    def __init__(self, root: Path):
        self.project_dir = str(root)
        self.conf = {"docs_dir": str(root / "docs"), "use_directory_urls": True}
        self.config = {"on_error_fail": True}
        self.macros: dict = {}
        self.page: SimpleNamespace | None = None

    def macro(self, fn, name=None):
        self.macros[name or fn.__name__] = fn

    def render(self, markdown: str) -> str:
        """mkdocs-macros' own renderer, which define_env replaces with the handbook's."""
        raise RuntimeError("define_env did not install the handbook's page renderer")


def plain_site(site: Path) -> Path:
    """Beside the synthetic site: its pages as the macros render them, built with plain MkDocs + Material."""
    spec = importlib.util.spec_from_file_location(f"bench_macros_{site.name}", site / "macros" / "__init__.py")
    assert spec is not None and spec.loader is not None, "the synthetic site has macros/__init__.py"
    adapter = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(adapter)
    env = _PageEnv(site)
    adapter.define_env(env)
    plain = site.parent / f"{site.name}-plain"
    for path in sorted((site / "docs").rglob("*.md")):
        rel = path.relative_to(site / "docs").as_posix()
        text = path.read_text(encoding="utf-8")
        body, _ = meta.get_data(text)  # MkDocs takes the front matter off before the macros see the page
        env.page = SimpleNamespace(file=SimpleNamespace(src_uri=rel))
        target = plain / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text[: len(text) - len(body)] + env.render(body), encoding="utf-8")
    config = plain_config(yaml.safe_load((site / "mkdocs.yml").read_text(encoding="utf-8")))
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return plain


def growth_ratio(root: Path, small: int, large: int, repeat: int) -> dict:
    sites = [synthetic_site(root, n) for n in (small, large)]
    plains = [plain_site(site) for site in sites]
    measured = rounds(repeat, *(lambda s=s: mkdocs_build(s) for s in (*sites, *plains)))
    for site in (*sites, *plains):
        shutil.rmtree(site, ignore_errors=True)
    return {
        **ratio_of(measured, 1, 0),
        f"build_{small}_s": median_cpu(measured, 0),
        f"build_{large}_s": median_cpu(measured, 1),
        f"plain_{small}_s": median_cpu(measured, 2),
        f"plain_{large}_s": median_cpu(measured, 3),
        "plain_ratio": ratio_of(measured, 3, 2)["ratio"],
    }


def _copy_project(dest: Path) -> Path:
    ignore = shutil.ignore_patterns(".git", ".venv", "site", "site-*", "__pycache__", "*.egg-info", ".pytest_cache")
    shutil.copytree(PROJECT, dest, ignore=ignore)
    return dest


def plain_config(handbook_config: dict) -> dict:
    """The handbook's MkDocs settings without the plugins that render or add pages."""
    config = {k: v for k, v in handbook_config.items() if k not in ("plugins", "hooks", "watch")}
    config["plugins"] = ["search"]
    config["validation"] = {
        "omitted_files": "ignore",
        "absolute_links": "ignore",
        "unrecognized_links": "ignore",
        "anchors": "ignore",
    }
    return config


def handbook_ratio(root: Path, repeat: int) -> dict:
    project = _copy_project(root / "handbook")
    rendered = root / "rendered"
    (project / "bench_capture.py").write_text(CAPTURE_HOOK.format(out=str(rendered)), encoding="utf-8")
    (project / "bench-capture.yml").write_text("INHERIT: mkdocs.yml\nhooks:\n  - bench_capture.py\n", encoding="utf-8")
    mkdocs_build(project, "bench-capture.yml")  # not timed: the hook only saves the rendered pages

    plain = root / "plain"
    shutil.copytree(project / "docs", plain / "docs", ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(rendered, plain / "docs", dirs_exist_ok=True)
    if (project / "overrides").is_dir():
        shutil.copytree(project / "overrides", plain / "overrides")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(plain_config(config), sort_keys=False), encoding="utf-8")
    # The engine's and the macros' bytecode, as pip has compiled MkDocs' and Material's (and
    # `make build` compiles ours): builds run with PYTHONDONTWRITEBYTECODE, so without it each
    # handbook build would compile them from source, which is not what a build costs.
    import compileall

    import cpscp_engine

    for folder in (Path(cpscp_engine.__file__).parent, project / "macros", project / "scripts"):
        compileall.compile_dir(folder, quiet=1)
    mkdocs_build(plain)  # warm the disk cache as the handbook's capture build did
    measured = rounds(repeat, lambda: mkdocs_build(project) + print_step(project), lambda: mkdocs_build(plain))
    return {**ratio_of(measured, 0, 1), "handbook_s": median_cpu(measured, 0), "plain_s": median_cpu(measured, 1)}


# --- report --------------------------------------------------------------------------------


def report(results: dict) -> str:
    lines = []
    for name, values in results.items():
        detail = " ".join(
            f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in values.items() if k != "ratio"
        )
        target = TARGETS[name]
        verdict = "meets" if values["ratio"] <= target else "MISSES"
        lines.append(f"{name}: ratio={values['ratio']:.2f} ({verdict} target <= {target}) {detail}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="20 and 200 modules instead of 100 and 1,000")
    parser.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="rounds per part; the median of the rounds' ratios counts (default: "
        + ", ".join(f"{part} {n}" for part, n in ROUNDS.items())
        + ")",
    )
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
            rounds = args.repeat or ROUNDS["validation"]
            results["validation"] = {**validation_ratio(root / "validation", rounds), "rounds": rounds}
            print(report({"validation": results["validation"]}), flush=True)
        if "growth" in parts:
            rounds = args.repeat or ROUNDS["growth"]
            results["growth"] = {**growth_ratio(root, small, large, rounds), "rounds": rounds}
            print(report({"growth": results["growth"]}), flush=True)
        if "handbook" in parts:
            rounds = args.repeat or ROUNDS["handbook"]
            results["handbook"] = {**handbook_ratio(root, rounds), "rounds": rounds}
            print(report({"handbook": results["handbook"]}), flush=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({"date": date.today().isoformat(), "modules": [small, large], "results": results}, indent=2)
            + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
