#!/usr/bin/env python3
"""Create a new module: its data file, its delivery file, its page and its place in the navigation.

    python scripts/new_module.py "Working with families" [--position 4]
    make new-module TITLE="Working with families" [POSITION=4]

The module gets a fresh id and its place in programme.yml `modules:` (the end, or the position
given or asked for), and a valid skeleton whose TODO markers the validator reports as warnings:
it validates, builds and previews at once, but `validate.py --strict` (and so CI) refuses to
publish it until every TODO is gone.

The title comes from people (and from a public issue form), so it is data, never code: make
passes it in the environment (no shell sees it), it is written into YAML as a quoted string and
into the page with every character that Markdown, HTML or Jinja could read escaped.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

import yaml

from cpscp_engine.checks.hours import expected_credits
from cpscp_engine.diagnostics import Severity
from cpscp_engine.loader import MODULE_STEM, load, module_stem, stem_prefix
from cpscp_engine.vocab import INTRODUCED, MASTERED, REINFORCED

ROOT = Path(__file__).resolve().parents[1]
TITLE_ENV, POSITION_ENV = "CPSCP_NEW_MODULE_TITLE", "CPSCP_NEW_MODULE_POSITION"
MAX_TITLE = 200
# The skeleton's hours: written into its data file and, through the model, into the message;
# its delivery file's one session lasts all the guided hours.
GLH, TQT = 10, 20
CREDITS = expected_credits(TQT)  # the credit rule the validator checks
USAGE = 'make new-module TITLE="Working with families" (and POSITION=4 to place it fourth)'


def slugify(title: str) -> str:
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:50].strip("-")


def _yaml_text(value: str) -> str:
    # A JSON string is a YAML double-quoted scalar: quotes, backslashes and anything unusual escaped.
    return json.dumps(value, ensure_ascii=False)


# In a page, text passes Jinja (the macros plugin), then Markdown with attr_list, then HTML.
# Braces become character references, so Jinja never sees `{{`, `{%` or `{#` and attr_list never
# sees `{:`; HTML's own characters are escaped; Markdown's are backslash-escaped.
_PAGE_REFERENCES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;"}
_PAGE_MARKDOWN = set("\\`*_[]()#+-.!|")


def page_text(value: str) -> str:
    """Plain text for a Markdown page that Jinja, Markdown and HTML all leave as text."""
    return "".join(_PAGE_REFERENCES.get(ch) or ("\\" + ch if ch in _PAGE_MARKDOWN else ch) for ch in value)


def title_problem(title: str) -> str | None:
    """Why a title cannot be used, in plain words (None when it can)."""
    if not slugify(title):
        return "the title needs at least one letter or digit"
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs") for ch in title):
        return "the title contains an invisible or control character — type it again in plain text"
    if len(title) > MAX_TITLE:
        return f"the title is {len(title)} characters long; keep it under {MAX_TITLE}"
    return None


def _same_title(a: str, b: str) -> bool:
    return " ".join(unicodedata.normalize("NFKC", a).casefold().split()) == " ".join(
        unicodedata.normalize("NFKC", b).casefold().split()
    )


def module_yaml(mid: str, title: str, order: int, page: str, competency: str) -> str:
    return f"""# yaml-language-server: $schema=../schema/module.schema.json
id: {mid}
title: {_yaml_text(title)}
summary: >-
  TODO: two or three sentences on what this module is about and who it helps.
level: 4
glh: {GLH}
tqt: {TQT}
credits: {CREDITS}
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
  # TODO: map the competencies this module introduces ({INTRODUCED}), reinforces ({REINFORCED}) or masters ({MASTERED}).
  {competency}: {REINFORCED}
assessment:
  - id: {mid}-T1
    type: written-assignment
    title: TODO assignment title
    description: TODO what the learner does and submits, and how long it should be.
    weighting: 100
    criteria: ["1.1", "1.2", "1.3"]
references: []
"""


def delivery_yaml(mid: str) -> str:
    """The module's delivery file (curriculum/delivery/, same name): scheme of work, tutor notes, brief."""
    rubric = "".join(
        f"""      - criterion: "{c}"
        met: TODO what evidence that meets criterion {c} looks like.
        not_yet_met: TODO what falls short, and what to ask the learner to do.
"""
        for c in ("1.1", "1.2", "1.3")
    )
    return f"""# yaml-language-server: $schema=../schema/delivery.schema.json
module: {mid}
sessions:
  - id: S1
    title: TODO session title
    minutes: {GLH * 60}
    aims: ["1.1", "1.2", "1.3"]
    resources:
      - TODO what the tutor needs for the session.
    activities:
      - id: A1
        title: TODO activity title
        minutes: 30
        format: individual
        task: TODO what learners do.
        tutor_notes: TODO how to run it, what to watch for, how to adapt it online.
        model_answer: TODO what a good response contains.
reflection_questions:
  - id: R1
    question: TODO a question for the learner's reflective log.
    model_answer: TODO the points a good answer covers.
briefs:
  - task: {mid}-T1
    after_session: S1
    scenario: TODO a fictional scenario; say that it is fictional.
    submit:
      - TODO what the learner hands in.
    length: TODO expected length.
    deadline: TODO deadline guidance for each pathway.
    rubric:
{rubric}"""


def module_page(mid: str, title: str, order: int) -> str:
    return f"""---
module: {mid}
---

# Module {order}: {page_text(title)}

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

{{{{ activities("{mid}") }}}}

## Reflection questions

{{{{ reflection_questions("{mid}") }}}}

## Key points

- TODO: the main points to remember.

## Competencies

{{{{ module_competencies("{mid}") }}}}

## Assessment

{{{{ assessment_tasks("{mid}") }}}}

## Further reading

{{{{ further_reading("{mid}") }}}}
"""


_NAV_MODULE = re.compile(rf"^\s*-\s*(?:[^:]+:\s*)?(?P<page>modules/{MODULE_STEM}\.md)\s*$", re.ASCII)


def add_to_nav(mkdocs_yml: Path, page: str, before: str | None = None) -> bool:
    """Insert the page before the nav entry of page `before` (else after the last module page).

    False if no place was found.
    """
    lines = mkdocs_yml.read_text(encoding="utf-8").splitlines(keepends=True)
    found = [(i, m["page"]) for i, line in enumerate(lines) if (m := _NAV_MODULE.match(line))]
    if not found:
        return False
    # beside its neighbour, indented as that line is: with the modules in sections, in its section
    follower = next((i for i, name in found if name == before), None)
    neighbour = follower if follower is not None else found[-1][0]
    bullet = re.match(r"^(\s*-\s*)", lines[neighbour])
    assert bullet is not None, "the line matched the nav entry pattern above, which starts the same way"
    indent = bullet.group(1)
    lines.insert(neighbour if follower is not None else neighbour + 1, f"{indent}{page}\n")
    mkdocs_yml.write_text("".join(lines), encoding="utf-8")
    return True


# The `modules:` list as block items, indented or not, with comments or blank lines between them...
_BLOCK_LIST = re.compile(r"^modules:[ \t]*(?:#.*)?\n((?:[ \t]*(?:-.*|#.*)?\n)*)", re.M)
# ... or as a flow list on one line: `modules: [M01, M02]`.
_FLOW_LIST = re.compile(r"^modules:[ \t]*\[([^\]\n]*)\]", re.M)


def add_to_programme(programme_yml: Path, mid: str, position: int) -> bool:
    """Put the module id at `position` (1-based) in programme.yml `modules:`, keeping comments.

    False (and the file unchanged) when the list is written in a way this cannot edit safely.
    """
    text = programme_yml.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    new = _insert_in_block(text, mid, position) or _insert_in_flow(text, mid, position)
    if new is None:
        return False
    try:  # the edit must read back as the list with the module in its place
        listed = yaml.safe_load(new).get("modules")
    except yaml.YAMLError:
        return False
    if not isinstance(listed, list) or mid not in listed or listed.index(mid) != min(max(position, 1), len(listed)) - 1:
        return False
    programme_yml.write_text(new, encoding="utf-8")
    return True


def _insert_in_block(text: str, mid: str, position: int) -> str | None:
    block = _BLOCK_LIST.search(text)
    if not block:
        return None
    lines = block.group(1).splitlines(keepends=True)
    while lines and not lines[-1].lstrip().startswith("-"):
        lines.pop()  # comments and blank lines after the last item belong to what follows
    items = [n for n, line in enumerate(lines) if line.lstrip().startswith("-")]
    if not items:
        return None
    end = block.start(1) + sum(len(line) for line in lines)
    bullet = re.match(r"[ \t]*-[ \t]*", lines[items[0]])
    assert bullet is not None, "items were chosen as the lines that start with a dash"
    at = items[position - 1] if 1 <= position <= len(items) else (items[0] if position < 1 else items[-1] + 1)
    lines.insert(at, f"{bullet.group(0)}{mid}\n")
    return text[: block.start(1)] + "".join(lines) + text[end:]


def _insert_in_flow(text: str, mid: str, position: int) -> str | None:
    flow = _FLOW_LIST.search(text)
    if not flow:
        return None
    ids = [x.strip() for x in flow.group(1).split(",") if x.strip()]
    ids.insert(min(max(position, 1), len(ids) + 1) - 1, mid)
    return text[: flow.start(1)] + ", ".join(ids) + text[flow.end(1) :]


def _position(given: str | None, count: int) -> int | str:
    """The 1-based place for the new module: given, asked for at a terminal, or the end.

    A string is a usage problem to report.
    """
    last = count + 1
    if not given and sys.stdin.isatty():
        try:
            given = input(f"Position of the new module (1 to {last}; Enter for {last}, the end): ").strip()
        except EOFError:
            given = ""
    if not given:
        return last
    if not (given.isascii() and given.isdigit()) or not 1 <= int(given) <= last:
        return f"the position must be a whole number from 1 to {last}, not '{given[:20]}'"
    return int(given)


def _totals_line(before: dict, after: dict) -> str:
    parts = [
        f"{label} {before[k]} → {after[k]}" for k, label in (("glh", "GLH"), ("tqt", "TQT"), ("credits", "credits"))
    ]
    return "programme totals now " + ", ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Create a new module skeleton (data file, page, navigation).")
    parser.add_argument("title", nargs="?", help='the module title, e.g. "Working with families"')
    parser.add_argument("--position", help="its place in the programme, 1 for first (default: ask, or the end)")
    parser.add_argument(
        "--from-environment",
        action="store_true",
        help=f"read the title and position from {TITLE_ENV} and {POSITION_ENV} (what make uses)",
    )
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder")
    args = parser.parse_args(argv)
    raw_title = os.environ.get(TITLE_ENV, "") if args.from_environment else (args.title or "")
    raw_position = os.environ.get(POSITION_ENV, "") if args.from_environment else args.position
    if not raw_title.strip():
        print(f"new_module: give the module a title — {USAGE}", file=sys.stderr)
        return 2
    title = " ".join(raw_title.split())
    problem = title_problem(title)
    if problem:
        print(f"new_module: {problem} — e.g. {USAGE}", file=sys.stderr)
        return 2
    slug = slugify(title)
    model, diagnostics = load(args.root)
    if "modules" not in model.loaded or "competencies" not in model.loaded:
        for d in diagnostics:
            if d.severity is Severity.ERROR:
                print(d.format(), file=sys.stderr)
        print("new_module: fix the errors above first (python scripts/validate.py)", file=sys.stderr)
        return 1
    files = model.modules + model.unlisted  # a module the programme leaves out still owns its id, prefix, title
    same = next((m for m in files if _same_title(m.title, title)), None)
    if same:
        print(
            f'new_module: module {same.id} ({same.file}) already has the title "{same.title}" — '
            "choose another title, or edit that module",
            file=sys.stderr,
        )
        return 1
    order = _position(raw_position, len(model.modules))
    if isinstance(order, str):
        print(f"new_module: {order} — e.g. {USAGE}", file=sys.stderr)
        return 2
    number = max((int(m.id[1:]) for m in files), default=0) + 1
    # the loader left out every file whose name is not a module stem, so `or 0` never hides one
    prefix = max((stem_prefix(Path(m.file).stem) or 0 for m in files), default=0) + 1
    mid = f"M{number:02d}"
    name = module_stem(prefix, slug)
    data_file = args.root / "curriculum" / "modules" / f"{name}.yml"
    page = f"modules/{name}.md"
    page_file = args.root / "docs" / page
    for path in (data_file, page_file, args.root / "curriculum" / "delivery" / f"{name}.yml"):
        if path.exists():
            print(f"new_module: {path.relative_to(args.root)} already exists — choose another title", file=sys.stderr)
            return 1
    introduced = [c.id for c in model.competencies if model.competency_modules(c.id)[INTRODUCED]]
    competency = introduced[0] if introduced else (model.competencies[0].id if model.competencies else "C1")
    data_file.write_text(module_yaml(mid, title, order, page, competency), encoding="utf-8")
    delivery_file = args.root / "curriculum" / "delivery" / f"{name}.yml"
    delivery_file.parent.mkdir(parents=True, exist_ok=True)
    delivery_file.write_text(delivery_yaml(mid), encoding="utf-8")
    page_file.parent.mkdir(parents=True, exist_ok=True)
    page_file.write_text(module_page(mid, title, order), encoding="utf-8")
    follower = model.modules[order - 1] if order <= len(model.modules) else None
    in_nav = add_to_nav(args.root / "mkdocs.yml", page, before=follower.page if follower else None)
    listed = add_to_programme(args.root / "curriculum" / "programme.yml", mid, order)
    after, _ = load(args.root)  # the totals as the handbook will show them, not a promise
    print(f"Created module {mid} ({title}), position {order} of {len(model.modules) + 1}:")
    print(f"  {data_file.relative_to(args.root)}   the data: outcomes, criteria, hours, competency map")
    print(f"  curriculum/delivery/{name}.yml   how it is taught: sessions, activities, tutor notes, brief and rubric")
    print(f"  {page_file.relative_to(args.root)}   the page: your prose around the generated tables")
    print(
        "  mkdocs.yml   navigation entry added"
        if in_nav
        else "  mkdocs.yml   add the page to the nav by hand (no module list found)"
    )
    if listed:
        print(
            f"  curriculum/programme.yml   {mid} added to modules: at position {order}; "
            f"{_totals_line(model.totals(), after.totals())}"
        )
    else:
        print(
            f"  curriculum/programme.yml   add '- {mid}' to modules: by hand (no modules: list found); "
            "the programme totals change once it is listed"
        )
    if follower:
        print(
            f"  Modules from {follower.id} on move one place down: page headings that say 'Module N' need the new numbers."
        )
    print(
        "Next: replace every TODO, then run `make validate` (warnings list what is left) and `make serve` to preview."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
