#!/usr/bin/env python3
"""Create a new module: its data file, its page and its place in the navigation.

    python scripts/new_module.py "Working with families"      (or: make new-module TITLE="...")

The module gets the next order number and a fresh id, and a valid skeleton whose TODO
markers the validator reports as warnings: it validates, builds and previews at once, but
`validate.py --strict` (and so CI) refuses to publish it until every TODO is gone.
"""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

from cpscp_engine.diagnostics import Severity
from cpscp_engine.loader import load

ROOT = Path(__file__).resolve().parents[1]


def slugify(title: str) -> str:
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:50].strip("-")


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def module_yaml(mid: str, title: str, order: int, page: str, competency: str) -> str:
    return f"""# yaml-language-server: $schema=../schema/module.schema.json
id: {mid}
title: {_yaml_text(title)}
summary: >-
  TODO: two or three sentences on what this module is about and who it helps.
level: 4
glh: 10
tqt: 20
credits: 2
page: {page}
prerequisites: []
outcomes:
  - id: 1
    text: Explain TODO (what the learner will be able to do, with a measurable verb).
    criteria:
      - id: "1.1"
        text: Describe TODO (what the learner does to show the outcome).
        bloom: understand
      - id: "1.2"
        text: Apply TODO (a second criterion).
        bloom: apply
      - id: "1.3"
        text: Evaluate TODO (a third criterion).
        bloom: evaluate
competencies:
  # TODO: map the competencies this module introduces (I), reinforces (R) or masters (M).
  {competency}: R
assessment:
  - id: {mid}-T1
    type: written-assignment
    title: TODO assignment title
    description: TODO what the learner does and submits, and how long it should be.
    weighting: 100
    criteria: ["1.1", "1.2", "1.3"]
references: []
"""


def module_page(mid: str, title: str, order: int) -> str:
    return f"""---
module: {mid}
---

# Module {order}: {title}

{{{{ module_facts("{mid}") }}}}

## Overview

TODO: what this module is for, who it matters to and how it connects to the other modules.

## Learning outcomes

{{{{ outcomes("{mid}") }}}}

## Key ideas

TODO: the ideas the module teaches, in your own words. Cite every statistic, date, legal rule and
named model with the cite macro and a key from curriculum/references.yml.

## Practice scenario

!!! example "Practice scenario (fictional)"
    TODO: a short fictional case; say that names and details are invented.

## Activities

1. TODO: an activity, with a time estimate.

## Reflection questions

- TODO: a question for the learner's reflective log.

## Key points

- TODO: the main points to remember.

## Competencies

{{{{ module_competencies("{mid}") }}}}

## Assessment

{{{{ assessment_tasks("{mid}") }}}}

## Further reading

{{{{ further_reading("{mid}") }}}}
"""


def add_to_nav(mkdocs_yml: Path, page: str) -> bool:
    """Insert the page after the last module page in the nav; False if no place was found."""
    lines = mkdocs_yml.read_text(encoding="utf-8").splitlines(keepends=True)
    last = None
    for i, line in enumerate(lines):
        if re.match(r"^\s*-\s*(?:[^:]+:\s*)?modules/\d{2,3}-[a-z0-9-]+\.md\s*$", line):
            last = i
    if last is None:
        return False
    bullet = re.match(r"^(\s*-\s*)", lines[last])
    assert bullet is not None, "the line matched the nav entry pattern above, which starts the same way"
    indent = bullet.group(1)
    lines.insert(last + 1, f"{indent}{page}\n")
    mkdocs_yml.write_text("".join(lines), encoding="utf-8")
    return True


def add_to_programme(programme_yml: Path, mid: str) -> bool:
    """Append the module id to the `modules:` list of programme.yml, keeping the file's comments."""
    text = programme_yml.read_text(encoding="utf-8")
    block = re.search(r"^modules:[ \t]*\n((?:[ \t]+-.*\n?)+)", text, re.M)
    if not block:
        return False
    bullet = re.match(r"[ \t]+-[ \t]*", block.group(1))
    assert bullet is not None, "the block matched above is made of such list items"
    indent = bullet.group(0)
    body = block.group(1) if block.group(1).endswith("\n") else block.group(1) + "\n"
    programme_yml.write_text(text[: block.start(1)] + body + f"{indent}{mid}\n" + text[block.end(1):], encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Create a new module skeleton (data file, page, navigation).")
    parser.add_argument("title", help='the module title, e.g. "Working with families"')
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder")
    args = parser.parse_args(argv)
    title = " ".join(args.title.split())
    slug = slugify(title)
    if not slug:
        print("new_module: the title needs at least one letter or digit — e.g. make new-module TITLE=\"Working with families\"",
              file=sys.stderr)
        return 2
    model, diagnostics = load(args.root)
    if "modules" not in model.loaded or "competencies" not in model.loaded:
        for d in diagnostics:
            if d.severity is Severity.ERROR:
                print(d.format(), file=sys.stderr)
        print("new_module: fix the errors above first (python scripts/validate.py)", file=sys.stderr)
        return 1
    order = len(model.modules) + 1  # its place at the end of programme.yml modules:
    files = model.modules + model.unlisted  # a module the programme leaves out still owns its id and prefix
    number = max((int(m.id[1:]) for m in files), default=0) + 1
    prefix = max((int(Path(m.file).name.split("-")[0]) for m in files), default=0) + 1
    mid = f"M{number:02d}"
    name = f"{prefix:02d}-{slug}"
    data_file = args.root / "curriculum" / "modules" / f"{name}.yml"
    page = f"modules/{name}.md"
    page_file = args.root / "docs" / page
    for path in (data_file, page_file):
        if path.exists():
            print(f"new_module: {path.relative_to(args.root)} already exists — choose another title", file=sys.stderr)
            return 1
    introduced = [c.id for c in model.competencies if model.competency_modules(c.id)["I"]]
    competency = introduced[0] if introduced else (model.competencies[0].id if model.competencies else "C1")
    data_file.write_text(module_yaml(mid, title, order, page, competency), encoding="utf-8")
    page_file.parent.mkdir(parents=True, exist_ok=True)
    page_file.write_text(module_page(mid, title, order), encoding="utf-8")
    in_nav = add_to_nav(args.root / "mkdocs.yml", page)
    listed = add_to_programme(args.root / "curriculum" / "programme.yml", mid)
    print(f"Created module {mid} ({title}), position {order}:")
    print(f"  {data_file.relative_to(args.root)}   the data: outcomes, criteria, hours, competency map")
    print(f"  {page_file.relative_to(args.root)}   the page: your prose around the generated tables")
    print("  mkdocs.yml   navigation entry added" if in_nav else "  mkdocs.yml   add the page to the nav by hand (no module list found)")
    print(f"  curriculum/programme.yml   {mid} added at the end of modules: (programme totals follow: GLH +10, TQT +20, credits +2)"
          if listed else f"  curriculum/programme.yml   add '- {mid}' to modules: by hand (no modules: list found)")
    print("Next: replace every TODO, then run `make validate` (warnings list what is left) and `make serve` to preview.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
