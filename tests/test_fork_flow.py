"""The fork guide followed on a copy of the project: rebrand through programme.yml and the MkDocs site
fields, drop two modules from `modules:`, resolve only what the validator reports, then build and run
the test suite. The upstream name is then left in the built site only inside the attribution notice
and reference entries."""
from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from cpscp_engine.checks._common import largest_remainder
from cpscp_engine.checks.branding import UPSTREAM_IDENTITY, UPSTREAM_MARKERS
from fixtures import mkdocs_build
from flows import dump, edit, engine_tests, project_copy, python

DROPPED = ("M08", "M11")  # an edition whose learners study relapse prevention and evaluation elsewhere
FORK = {"id": "fresh-start", "title": "Fresh Start Practitioner Award", "short_code": "FSPA",
        "uri": "https://training.example.org/fresh-start/"}
PROVIDER = {"name": "Example Training Trust", "contact": "courses@example.org", "url": "https://training.example.org/"}
NOTICE = ("Based on the CPSCP open handbook (https://github.com/cpscp-handbook/handbook), © The CPSCP open handbook "
          "contributors, licensed under CC BY-SA 4.0. Changes were made.")
# The project's address and name in any case; its short code as a word in capitals (the lower-case
# form is also the engine's CSS prefix and part of a reference key, which readers do not see as text).
UPSTREAM = re.compile("|".join([*(f"(?i:{re.escape(m)})" for m in UPSTREAM_MARKERS),
                                f"(?i:{re.escape(UPSTREAM_IDENTITY['title'])})", r"\bCPSCP\b"]))


# --- step 2 of the guide: make it yours -------------------------------------------------------

def rebrand(project: Path) -> None:
    def programme(data):
        data.update(FORK)
        data["provider"] = PROVIDER
        data["attribution"]["notice"] = NOTICE
    edit(project / "curriculum" / "programme.yml", programme)
    site = project / "mkdocs.yml"
    text = site.read_text(encoding="utf-8")
    settings = {
        "site_name": "Fresh Start handbook",
        "site_description": ">-\n  The course handbook of the Fresh Start Practitioner Award.",
        "site_url": FORK["uri"], "repo_url": "https://git.example.org/fresh-start",
    }
    for key, value in settings.items():  # each setting and its folded continuation lines
        text, n = re.subn(rf"^{key}:.*\n(?:[ \t]+.*\n)*", f"{key}: {value}\n", text, count=1, flags=re.M)
        assert n == 1, key
    text, n = re.subn(r"^(\s*- Contributing: ).*$", r"\1https://git.example.org/fresh-start/CONTRIBUTING.md", text,
                      flags=re.M)
    assert n == 1
    site.write_text(text, encoding="utf-8")


# --- step 3: drop modules, then do what the validator says ----------------------------------------

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
        return next(p for p in (self.cur / "modules").glob("*.yml")
                    if yaml.safe_load(p.read_text(encoding="utf-8"))["id"] == module_id)

    def listed(self) -> list[str]:
        return yaml.safe_load((self.cur / "programme.yml").read_text(encoding="utf-8"))["modules"]

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
        title = yaml.safe_load(self.module_file(mid).read_text(encoding="utf-8"))["title"]

        def reword(line: str) -> str:
            start = line.rfind("{{", 0, d["col"] + 1)  # the message points into the call
            end = line.index("}}", start) + 2
            assert start >= 0 and mid in line[start:end], (d, line)
            return line[:start] + title.lower() + line[end:]
        _line_edit(self.project / d["file"], d["line"], reword)

    def module_left_out_in_text(self, d):
        # "reword this passage without M08": tutor notes and briefs name it by id; its subject in words instead
        mid = re.search(r"names (\S+), which", d["message"]).group(1)
        title = yaml.safe_load(self.module_file(mid).read_text(encoding="utf-8"))["title"]
        path = self.project / d["file"]
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        at = next(n for n in range(d["line"] - 1, len(lines)) if re.search(rf"\b{mid}\b", lines[n]))
        _line_edit(path, at + 1, lambda line: re.sub(rf"\b{mid}\b", f"the {title.lower()} module", line, count=1))

    def _map(self, module_id: str, competency: str, value: str) -> None:
        edit(self.module_file(module_id), lambda data: data["competencies"].update({competency: value}))

    def competency_not_mastered(self, d):
        # "mark it M in the module where learners show it in full (often the placement)"
        competency = re.search(r"competency (C\d+)", d["message"]).group(1)
        placement = yaml.safe_load((self.cur / "programme.yml").read_text(encoding="utf-8"))["placement"]["module"]
        self._map(placement, competency, "M")

    def competency_not_introduced(self, d):
        # "mark it I in the first module that teaches it"
        competency = re.search(r"competency (C\d+)", d["message"]).group(1)
        for mid in self.listed():
            data = yaml.safe_load(self.module_file(mid).read_text(encoding="utf-8"))
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
        titles = {c["id"]: c["title"] for dom in yaml.safe_load((self.cur / "competencies.yml").read_text(
            encoding="utf-8"))["domains"] for c in dom["competencies"]}

        def add(data):
            entries = data.setdefault("logbook", {}).setdefault("evidence", [])
            entries += [{"competency": c, "evidence": f"An observed-practice record and a reflective logbook entry "
                                                      f"that show {titles[c].lower()} in the learner's own practice."}
                        for c in wanted if c not in {e["competency"] for e in entries}]
        edit(self.project / d["file"], add)

    def module_number(self, d):
        # "the link says Module 13, but it leads to M13, which is number 11": write what the hint says
        said = re.search(r"says (Module \d+)", d["message"]).group(1)
        right = re.search(r"write '(Module \d+)'", d["hint"]).group(1)

        def renumber(line: str) -> str:
            at = line.index(said, max(0, d["col"] - 2))
            return line[:at] + right + line[at + len(said):]
        _line_edit(self.project / d["file"], d["line"], renumber)

    def unknown_module(self, d):
        # a prerequisite on a module the edition no longer has: take it out of the list
        mid = re.search(r"prerequisite (M\d+)", d["message"]).group(1)
        edit(self.project / d["file"], lambda data: data.update(
            prerequisites=[p for p in data.get("prerequisites", []) if p != mid]))

    prerequisite_left_out = unknown_module

    def unused_reference(self, d):
        # "cite it where it supports a statement ... or remove it": its only citations were on dropped pages
        key = re.search(r"reference '([^']+)'", d["message"]).group(1)
        edit(self.cur / "references.yml",
             lambda data: data.update(references=[r for r in data["references"] if r["id"] != key]))

    def question_spread(self, d):
        # "spread the questions like the exam": take out questions of the domains that have most too many,
        # until every domain is within one of its share (what a provider does who writes no new ones)
        path = self.cur / "assessment.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        listed = set(self.listed())
        weights = {x["id"]: x["weight"] for x in data["exam"]["domains"]}
        while True:
            live = [q for q in data["practice_questions"] if q["outcome"].split("-LO")[0] in listed]
            counts = Counter(q["domain"] for q in live)
            want = dict(zip(weights, largest_remainder(list(weights.values()), len(live)), strict=True))
            if all(abs(counts[x] - want[x]) <= 1 for x in weights):
                break
            domain = max(weights, key=lambda x: counts[x] - want[x])
            last = max(i for i, q in enumerate(data["practice_questions"])
                       if q["domain"] == domain and q["outcome"].split("-LO")[0] in listed)
            del data["practice_questions"][last]
        path.write_text(dump(data), encoding="utf-8")


def drop_and_resolve(project: Path) -> list[str]:
    edit(project / "curriculum" / "programme.yml",
         lambda data: data.update(modules=[m for m in data["modules"] if m not in DROPPED]))
    resolver, seen = Resolver(project), []
    for _ in range(8):  # each round fixes what is reported; a fix may uncover the next message
        found = diagnostics(project)
        if not found:
            return seen
        for d in sorted(found, key=lambda d: (d["file"], -d["line"], -d["col"])):  # bottom up: positions stay valid
            seen.append(d["code"])
            resolver.resolve(d)
    raise AssertionError("still reported after 8 rounds:\n" + "\n".join(map(str, diagnostics(project))))


# --- what readers see --------------------------------------------------------------------------

class _Visible(HTMLParser):
    """Text and reader-facing attribute values, leaving out the attribution notice and reference entries."""

    ALLOWED = ("cpscp-attribution", "cpscp-ref")
    VOID = frozenset({"meta", "link", "img", "br", "hr", "input", "source", "col", "wbr", "area", "base", "embed",
                      "track"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # > 0 inside an allowed element
        self.stack: list[bool] = []
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        allowed = any(c in (attrs.get("class") or "").split() for c in self.ALLOWED)
        if not self.depth and not allowed:
            self.found += [attrs[k] for k in ("title", "aria-label", "alt", "content", "href") if attrs.get(k)]
        if tag not in self.VOID:
            self.stack.append(allowed)
            self.depth += allowed

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.depth -= self.stack.pop()

    def handle_data(self, data):
        if not self.depth:
            self.found.append(data)


def upstream_mentions(site: Path) -> list[str]:
    hits = []
    for page in sorted(site.rglob("*.html")):
        parser = _Visible()
        parser.feed(page.read_text(encoding="utf-8"))
        hits += [f"{page.relative_to(site)}: {m.group(0)!r} in {text.strip()[:120]!r}"
                 for text in parser.found for m in UPSTREAM.finditer(text)]
    return hits


@pytest.mark.slow
@pytest.mark.flow
def test_rebranded_fork_with_two_modules_dropped_builds_and_passes_the_tests(tmp_path):
    project = project_copy(tmp_path / "fork")
    rebrand(project)
    codes = drop_and_resolve(project)
    assert {"nav-module-left-out", "left-out-page-built", "module-left-out", "module-left-out-in-text"} <= set(codes)
    assert python(project, "scripts/validate.py", "--strict").returncode == 0

    site = project / "site"
    built = mkdocs_build(project, site, strict=True)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    # the dropped modules are gone from the site, and the rest renumbered
    assert not (site / "modules" / "08-relapse-prevention" / "index.html").exists()
    assert "Module 10: Community collaboration" in (site / "modules" / "index.html").read_text(encoding="utf-8")
    assert upstream_mentions(site) == []
    footer = (site / "index.html").read_text(encoding="utf-8")
    assert "Changes were made." in footer and "Fresh Start Practitioner Award" in footer

    tests = engine_tests(project)
    assert tests.returncode == 0, tests.stdout[-6000:] + tests.stderr[-2000:]


def test_the_site_scan_finds_the_upstream_name_outside_the_notice():
    parser = _Visible()
    parser.feed('<p class="cpscp-attribution">The CPSCP open handbook</p><p class="cpscp-ref">Certified Professional '
                'in Second Chance Programs (course listing)</p><p>Welcome to the CPSCP</p><a title="cpscp-handbook">x</a>')
    hits = [m.group(0) for text in parser.found for m in UPSTREAM.finditer(text)]
    assert hits == ["CPSCP", "cpscp-handbook"]
