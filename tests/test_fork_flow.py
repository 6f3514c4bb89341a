"""The fork guide followed on a copy of the project: rebrand through programme.yml and the MkDocs site
fields, drop two modules from `modules:`, resolve only what the validator reports, then build and run
the test suite. The upstream name is then left in the built site only inside the attribution notice
and reference entries."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cpscp_engine.checks.branding import UPSTREAM_IDENTITY, UPSTREAM_MARKERS
from fixtures import mkdocs_build
from flows import drop_and_resolve, edit, engine_tests, project_copy, python

DROPPED = ("M08", "M11")  # an edition whose learners study relapse prevention and evaluation elsewhere
FORK = {
    "id": "fresh-start",
    "title": "Fresh Start Practitioner Award",
    "short_code": "FSPA",
    "uri": "https://training.example.org/fresh-start/",
}
PROVIDER = {"name": "Example Training Trust", "contact": "courses@example.org", "url": "https://training.example.org/"}
NOTICE = (
    "Based on the CPSCP open handbook (https://github.com/cpscp-handbook/handbook), © The CPSCP open handbook "
    "contributors, licensed under CC BY-SA 4.0. Changes were made."
)
# The project's address and name in any case; its short code as a word in capitals (the lower-case
# form is also the engine's CSS prefix and part of a reference key, which readers do not see as text).
UPSTREAM = re.compile(
    "|".join(
        [
            *(f"(?i:{re.escape(m)})" for m in UPSTREAM_MARKERS),
            f"(?i:{re.escape(UPSTREAM_IDENTITY['title'])})",
            r"\bCPSCP\b",
        ]
    )
)


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
        "site_url": FORK["uri"],
        "repo_url": "https://git.example.org/fresh-start",
    }
    for key, value in settings.items():  # each setting and its folded continuation lines
        text, n = re.subn(rf"^{key}:.*\n(?:[ \t]+.*\n)*", f"{key}: {value}\n", text, count=1, flags=re.M)
        assert n == 1, key
    text, n = re.subn(
        r"^(\s*- Contributing: ).*$", r"\1https://git.example.org/fresh-start/CONTRIBUTING.md", text, flags=re.M
    )
    assert n == 1
    site.write_text(text, encoding="utf-8")


# --- step 3: drop modules, then do what the validator says (flows.drop_and_resolve) ----------------

# --- what readers see --------------------------------------------------------------------------


class _Visible(HTMLParser):
    """Text and reader-facing attribute values, leaving out the attribution notice and reference entries."""

    ALLOWED = ("cpscp-attribution", "cpscp-ref")
    VOID = frozenset(
        {"meta", "link", "img", "br", "hr", "input", "source", "col", "wbr", "area", "base", "embed", "track"}
    )

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
        hits += [
            f"{page.relative_to(site)}: {m.group(0)!r} in {text.strip()[:120]!r}"
            for text in parser.found
            for m in UPSTREAM.finditer(text)
        ]
    return hits


@pytest.mark.slow
@pytest.mark.flow
def test_rebranded_fork_with_two_modules_dropped_builds_and_passes_the_tests(tmp_path):
    project = project_copy(tmp_path / "fork")
    rebrand(project)
    codes = drop_and_resolve(project, DROPPED)
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

    tests = engine_tests(project, builds=True)  # the test suite, its site builds too
    assert tests.returncode == 0, tests.stdout[-6000:] + tests.stderr[-2000:]


def test_the_site_scan_finds_the_upstream_name_outside_the_notice():
    parser = _Visible()
    parser.feed(
        '<p class="cpscp-attribution">The CPSCP open handbook</p><p class="cpscp-ref">Certified Professional '
        'in Second Chance Programs (course listing)</p><p>Welcome to the CPSCP</p><a title="cpscp-handbook">x</a>'
    )
    hits = [m.group(0) for text in parser.found for m in UPSTREAM.finditer(text)]
    assert hits == ["CPSCP", "cpscp-handbook"]
