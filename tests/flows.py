"""Helpers for the tests that follow the documented flows (CONTRIBUTING.md, the guide for providers)
on a throw-away copy of the whole project, with the same commands a person would type."""

from __future__ import annotations

import json
import re
import shutil
import sys
from collections import Counter
from pathlib import Path

import yaml

import yamlio
from cpscp_engine.checks._common import largest_remainder
from fixtures import ROOT, copy_project
from projectcopy import run

# What is not part of a provider's copy of the project: environments, builds, caches.
NOT_COPIED = {".git", ".venv", ".venv-lock", "site", "site-tutor", "build", ".pytest_cache", "__pycache__"}
_EXAMPLE = re.compile(r"<!-- worked-example: (?P<path>[^ ]+) -->\s*```yaml\n(?P<body>.*?)```", re.S)


def project_copy(dest: Path) -> Path:
    """The whole project as a provider's clone has it (its tests, workflows and guides too)."""
    copy_project(dest)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")
    for src in ROOT.iterdir():
        if src.name in NOT_COPIED or (dest / src.name).exists():
            continue
        if src.is_dir():
            shutil.copytree(src, dest / src.name, ignore=ignore)
        else:
            shutil.copy2(src, dest / src.name)
    run(["git", "init", "-q"], cwd=dest)  # a fork is a git repository (the workflow linter looks for one)
    return dest


def worked_examples(markdown: str) -> dict[str, str]:
    """The files a guide gives in full: {path: text}, from blocks marked `<!-- worked-example: path -->`."""
    found = {}
    for m in _EXAMPLE.finditer(markdown):
        indent = re.match(r"[ \t]*", m.group("body").splitlines()[0]).group(0) if m.group("body").strip() else ""
        lines = [line[len(indent) :] if line.startswith(indent) else line for line in m.group("body").splitlines()]
        found[m.group("path")] = "\n".join(lines).rstrip() + "\n"
    return found


def python(project: Path, *args: str, timeout: int = 900):
    """`.venv/bin/python ARGS` as the guides write it, in the copy (this interpreter is that venv's)."""
    return run([sys.executable, *args], cwd=project, timeout=timeout)


class _Indented(yaml.SafeDumper):
    """Lists indented under their key, as the project's files (and the scaffold that appends to them) have them."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def dump(data) -> str:
    return yaml.dump(data, Dumper=_Indented, sort_keys=False, allow_unicode=True, width=110)


def edit(path: Path, change) -> None:
    """Change a YAML file as a person would in an editor (comments are not kept)."""
    data = yamlio.load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(dump(data), encoding="utf-8")


def fill_page(project: Path, module_id: str, page: str, model_page: str, model_id: str) -> None:
    """Replace a scaffolded page with finished prose: an existing module page retargeted at the new
    module (a stand-in for the prose a tutor writes; the test is about the flow, not the words)."""
    text = (project / "docs" / model_page).read_text(encoding="utf-8")
    text = text.replace(f"module: {model_id}", f"module: {module_id}", 1)
    text = text.replace(f'("{model_id}"', f'("{module_id}"')  # every macro about the module
    title = yamlio.load((project / "curriculum" / "modules" / (Path(page).stem + ".yml")).read_text(encoding="utf-8"))[
        "title"
    ]
    text = re.sub(r"^# .*$", f"# {title}", text, count=1, flags=re.M)
    (project / "docs" / page).write_text(text, encoding="utf-8")


# The flow tests copy the upstream project and follow its guides: they are not run inside a copy.
FLOW_TESTS = ("tests/test_contributing_example.py", "tests/test_fork_flow.py")


def engine_tests(project: Path, *ignore: str, builds: bool = False):
    """The copy's own test suite without the browser tests (they need Chromium and take longest), and
    without the whole-site builds unless builds=True (make test-fast, or that and the builds)."""
    skip = [f"--ignore={path}" for path in (*FLOW_TESTS, *ignore)]
    marks = "not browser" if builds else "not browser and not slow"
    return run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", marks, *skip], cwd=project, timeout=1800
    )


# --- a provider's step 3: drop modules, then do what the validator says --------------------------


def diagnostics(project: Path) -> list[dict]:
    result = python(project, "scripts/validate.py", "--strict", "--format", "json")
    assert "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)["diagnostics"]


def _line_edit(path: Path, line: int, change) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = change(lines[line - 1])
    path.write_text("".join(lines), encoding="utf-8")


class Resolver:
    """What a provider does with each message, following its hint; an unknown message fails the test."""

    def __init__(self, project: Path):
        self.project = project
        self.cur = project / "curriculum"

    def module_file(self, module_id: str) -> Path:
        return next(
            p
            for p in (self.cur / "modules").glob("*.yml")
            if yamlio.load(p.read_text(encoding="utf-8"))["id"] == module_id
        )

    def listed(self) -> list[str]:
        return yamlio.load((self.cur / "programme.yml").read_text(encoding="utf-8"))["modules"]

    def resolve(self, d: dict) -> None:
        handler = getattr(self, d["code"].replace("-", "_"), None)
        assert handler is not None, f"the test does not know how to follow: {d}"
        handler(d)

    def left_out_page_built(self, d):
        page = re.search(r"its page docs/(\S+) would", d["message"]).group(1)
        site = self.project / "mkdocs.yml"
        text = site.read_text(encoding="utf-8")
        if "exclude_docs:" not in text:
            text += "\nexclude_docs: |\n"
        site.write_text(text.replace("exclude_docs: |\n", f"exclude_docs: |\n  {page}\n", 1), encoding="utf-8")

    def nav_module_left_out(self, d):
        _line_edit(self.project / d["file"], d["line"], lambda line: "")

    def module_left_out(self, d):
        # "reword this passage without M10": the link becomes the subject in plain words
        mid = re.search(r"names (M\d+)", d["message"]).group(1)
        title = yamlio.load(self.module_file(mid).read_text(encoding="utf-8"))["title"]

        def reword(line: str) -> str:
            start = line.rfind("{{", 0, d["col"] + 1)  # the message points into the call
            end = line.index("}}", start) + 2
            assert start >= 0 and mid in line[start:end], (d, line)
            return line[:start] + title.lower() + line[end:]

        _line_edit(self.project / d["file"], d["line"], reword)

    def module_left_out_in_text(self, d):
        # "reword this passage without M08": tutor notes and briefs name it by id; its subject in words instead
        mid = re.search(r"names (\S+), which", d["message"]).group(1)
        title = yamlio.load(self.module_file(mid).read_text(encoding="utf-8"))["title"]
        path = self.project / d["file"]
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        at = next(n for n in range(d["line"] - 1, len(lines)) if re.search(rf"\b{mid}\b", lines[n]))
        _line_edit(path, at + 1, lambda line: re.sub(rf"\b{mid}\b", f"the {title.lower()} module", line, count=1))

    def _map(self, module_id: str, competency: str, value: str) -> None:
        edit(self.module_file(module_id), lambda data: data["competencies"].update({competency: value}))

    def competency_not_mastered(self, d):
        # "mark it M in the module where learners show it in full (often the placement)"
        competency = re.search(r"competency (C\d+)", d["message"]).group(1)
        placement = yamlio.load((self.cur / "programme.yml").read_text(encoding="utf-8"))["placement"]["module"]
        self._map(placement, competency, "M")

    def competency_not_introduced(self, d):
        # "mark it I in the first module that teaches it"
        competency = re.search(r"competency (C\d+)", d["message"]).group(1)
        for mid in self.listed():
            data = yamlio.load(self.module_file(mid).read_text(encoding="utf-8"))
            if data["competencies"].get(competency) in ("R", "M"):
                self._map(mid, competency, "I" if data["competencies"][competency] == "R" else "M")
                if data["competencies"][competency] == "M":
                    self._map(self.listed()[0], competency, "I")
                return
        self._map(self.listed()[0], competency, "I")

    def competency_progression(self, d):
        pass  # follows from the introduction fixed above; the next round shows whether anything is left

    def logbook_competency(self, d):
        # "add one entry (competency, evidence) under logbook: evidence: for each" competency now mastered there
        wanted = re.findall(r"C\d+", d["message"])
        titles = {
            c["id"]: c["title"]
            for dom in yamlio.load((self.cur / "competencies.yml").read_text(encoding="utf-8"))["domains"]
            for c in dom["competencies"]
        }

        def add(data):
            entries = data.setdefault("logbook", {}).setdefault("evidence", [])
            entries += [
                {
                    "competency": c,
                    "evidence": f"An observed-practice record and a reflective logbook entry "
                    f"that show {titles[c].lower()} in the learner's own practice.",
                }
                for c in wanted
                if c not in {e["competency"] for e in entries}
            ]

        edit(self.project / d["file"], add)

    def module_number(self, d):
        # "the link says Module 13, but it leads to M13, which is number 11": write what the hint says
        said = re.search(r"says (Module \d+)", d["message"]).group(1)
        right = re.search(r"write '(Module \d+)'", d["hint"]).group(1)

        def renumber(line: str) -> str:
            at = line.index(said, max(0, d["col"] - 2))
            return line[:at] + right + line[at + len(said) :]

        _line_edit(self.project / d["file"], d["line"], renumber)

    def unknown_module(self, d):
        # a prerequisite on a module the edition no longer has: take it out of the list
        mid = re.search(r"prerequisite (M\d+)", d["message"]).group(1)
        edit(
            self.project / d["file"],
            lambda data: data.update(prerequisites=[p for p in data.get("prerequisites", []) if p != mid]),
        )

    def prerequisite_left_out(self, d):
        # "take M06 out of the prerequisites of M12": the module now stands without it
        mid, dependent = re.search(r"take (\S+) out of the prerequisites of (\S+),", d["hint"]).groups()
        edit(
            self.module_file(dependent),
            lambda data: data.update(prerequisites=[p for p in data.get("prerequisites", []) if p != mid]),
        )

    def unused_reference(self, d):
        # "cite it where it supports a statement ... or remove it": its only citations were on dropped pages
        key = re.search(r"reference '([^']+)'", d["message"]).group(1)
        edit(
            self.cur / "references.yml",
            lambda data: data.update(references=[r for r in data["references"] if r["id"] != key]),
        )

    def question_spread(self, d):
        # "spread the questions like the exam": take out questions of the domains that have most too many,
        # until every domain is within one of its share (what a provider does who writes no new ones)
        path = self.cur / "assessment.yml"
        data = yamlio.load(path.read_text(encoding="utf-8"))
        listed = set(self.listed())
        weights = {x["id"]: x["weight"] for x in data["exam"]["domains"]}
        while True:
            live = [q for q in data["practice_questions"] if q["outcome"].split("-LO")[0] in listed]
            counts = Counter(q["domain"] for q in live)
            want = dict(zip(weights, largest_remainder(list(weights.values()), len(live)), strict=True))
            if all(abs(counts[x] - want[x]) <= 1 for x in weights):
                break
            domain = max(weights, key=lambda x: counts[x] - want[x])
            last = max(
                i
                for i, q in enumerate(data["practice_questions"])
                if q["domain"] == domain and q["outcome"].split("-LO")[0] in listed
            )
            del data["practice_questions"][last]
        path.write_text(dump(data), encoding="utf-8")


def drop_and_resolve(project: Path, dropped) -> list[str]:
    """Take modules out of programme.yml `modules:`, then do what the validator says until it is clean:
    the codes of every message followed, in order."""
    edit(
        project / "curriculum" / "programme.yml",
        lambda data: data.update(modules=[m for m in data["modules"] if m not in dropped]),
    )
    resolver, seen = Resolver(project), []
    for _ in range(8):  # each round fixes what is reported; a fix may uncover the next message
        found = diagnostics(project)
        if not found:
            return seen
        for d in sorted(found, key=lambda d: (d["file"], -d["line"], -d["col"])):  # bottom up: positions stay valid
            seen.append(d["code"])
            resolver.resolve(d)
    raise AssertionError("still reported after 8 rounds:\n" + "\n".join(map(str, diagnostics(project))))
