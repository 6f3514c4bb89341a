"""Text from the curriculum is inert in every output: `make build` on a copy of the project whose
every text field carries hostile payloads (tests/payloads.py).

The copy is built once (site, print page, exports, PDF) beside an untouched copy, then every
output is scanned: no event-handler attribute, no script URL, no element, id or class made from
data (each page has the same elements as the untouched build, apart from the allowed inline
ones), and nothing a payload would leave behind had it run.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sys
import zipfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
import yaml

import yamlio
from htmlscan import SAFE_URL, scan
from payloads import INJECTED_IDS, PAYLOADS, RAN, RAN_FILE
from pdfmeasure import texts
from projectcopy import ROOT, copy_project, mkdocs_build, print_page, run, script

pytestmark = pytest.mark.slow

# Keys whose values are prose a contributor writes (ids, codes, dates, URLs and enums are
# checked by the schemas instead). Lists of such text (options, settings...) count too, and so
# does any other value with a space in it (prose, in files added later), except settings that
# pages must match word for word.
NOT_PROSE = {"module_page_headings"}
TEXT_KEYS = {
    "title",
    "summary",
    "description",
    "text",
    "statement",
    "term",
    "definition",
    "stem",
    "options",
    "rationale",
    "author",
    "publisher",
    "note",
    "standard_setting",
    "award_status",
    "notes",
    "online",
    "placement",
    "assessment",
    "entry_requirements",
    "settings",
    "supervision",
    "evidence",
    "award_rules",
    "name",
}
# Elements a payload may legitimately make: the allowed inline Markdown (and the abbreviations
# the pages define, which wrap matching words wherever they stand).
INLINE = {"em", "strong", "code", "a", "abbr"}  # (see INLINE_ATTRS for what they may carry)
SCRIPT_SCHEME = re.compile(r"^\s*(?:javascript|vbscript|data|file)\s*:", re.I)


def _text_slots(data, kind: str, slots: dict) -> None:
    """Collect (container, key) of every prose value, grouped by field kind (file + path)."""
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in items:
        here = f"{kind}.{key}" if isinstance(data, dict) else f"{kind}[]"
        name = key if isinstance(data, dict) else kind.rsplit(".", 1)[-1]
        is_text = name in TEXT_KEYS or (isinstance(value, str) and " " in value.strip() and name not in NOT_PROSE)
        if isinstance(value, str) and is_text:
            slots.setdefault(here, []).append((data, key))
        elif isinstance(value, (dict, list)):
            _text_slots(value, here, slots)


def inject(root: Path) -> dict[str, int]:
    """Append payloads to every prose field; every kind of field gets every payload."""
    files = sorted(p for p in (root / "curriculum").rglob("*.yml") if "schema" not in p.parts)
    loaded = {path: yamlio.load(path.read_text(encoding="utf-8")) for path in files}
    slots: dict[str, list] = {}
    for path, data in loaded.items():
        _text_slots(data, path.parent.name if path.parent.name != "curriculum" else path.stem, slots)
    for places in slots.values():
        for i, (container, key) in enumerate(places):
            mine = PAYLOADS[i :: len(places)] if len(places) < len(PAYLOADS) else [PAYLOADS[i % len(PAYLOADS)]]
            container[key] = f"{container[key]} " + " ".join(mine)
    for path, data in loaded.items():
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
    return {kind: len(places) for kind, places in slots.items()}


@pytest.fixture(scope="module")
def built(tmp_path_factory, built_site, exported_site):
    base = tmp_path_factory.mktemp("inert")
    if os.path.exists(RAN_FILE):
        os.remove(RAN_FILE)
    # the untouched side is a copy of the session's strict build (the same project, built once)
    plain = Path(shutil.copytree(built_site[0], base / "plain"))
    shutil.copytree(exported_site[1] / "exports", plain / "site" / "exports")  # as export.py wrote them
    hostile = copy_project(base / "hostile")
    for project in (plain, hostile):  # the tutor edition too, as `make build` makes it
        shutil.copy2(ROOT / "mkdocs-tutor.yml", project / "mkdocs-tutor.yml")
    kinds = inject(hostile)
    validation = script("validate.py", "--root", str(hostile), root=hostile)  # reads every payload too
    results = {"mkdocs hostile": mkdocs_build(hostile, hostile / "site")}
    for name, project in (("plain", plain), ("hostile", hostile)):
        results[f"tutor edition {name}"] = run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "-q",
                "-f",
                "mkdocs-tutor.yml",
                "--site-dir",
                str(project / "site" / "tutor"),
            ],
            cwd=project,
        )
        results[f"tutor print page {name}"] = print_page(project, project / "site" / "tutor", "mkdocs-tutor.yml")
    # the print page made again by the PDF step's --html-only, which must leave it as the build made it
    results["print page plain"] = script("pdf.py", "--root", str(plain), "--html-only", root=plain)
    results["export"] = script("export.py", "--root", str(hostile), root=hostile)
    chromium = shutil.which("chromium") or os.environ.get("CPSCP_CHROMIUM")
    if chromium:
        # The handbook alone: it holds every module page, which is all a handout prints besides
        # its cover, and the cover is set as text (test_handout_cover_is_set_as_text).
        results["pdf"] = script("pdf.py", "--root", str(hostile), "--no-handouts", root=hostile)
    return SimpleNamespace(
        plain=plain / "site", site=hostile / "site", root=hostile, kinds=kinds, results=results, validation=validation
    )


def _pages(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


# What an allowed inline element may carry when curriculum text makes it.
INLINE_ATTRS = {"em": set(), "strong": set(), "code": set(), "a": {"href"}, "abbr": {"title"}}


class _Elements(HTMLParser):
    """The elements of a page, each with its id, class and attribute names, apart from the
    allowed inline ones that carry nothing more than INLINE_ATTRS."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: Counter = Counter()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in INLINE_ATTRS and set(a) <= INLINE_ATTRS[tag]:
            return
        self.found[(tag, a.get("id"), a.get("class"), tuple(sorted(a)))] += 1

    handle_startendtag = handle_starttag


def _elements(html: str) -> Counter:
    parser = _Elements()
    parser.feed(html)
    return parser.found


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_every_kind_of_text_field_carries_every_payload(built):
    assert len(PAYLOADS) >= 30
    assert len(built.kinds) >= 25, sorted(built.kinds)
    for kind in (
        "modules.outcomes[].text",
        "modules.outcomes[].criteria[].text",
        "modules.assessment[].title",
        "glossary.terms[].definition",
        "references.references[].title",
        "programme.title",
        "assessment.practice_questions[].stem",
        "competencies.domains[].competencies[].statement",
    ):
        assert kind in built.kinds
    data = json.loads(next((built.site / "exports").glob("*curriculum.json")).read_text(encoding="utf-8"))
    exported = "\n".join(_strings(data))
    assert all(" ".join(p.split()) in " ".join(exported.split()) for p in PAYLOADS)


def test_the_hostile_copy_builds(built):
    for name, result in built.results.items():
        assert result.returncode == 0, f"{name}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


def test_site_pages_and_print_page_have_no_markup_from_data(built):
    plain, hostile = _pages(built.plain), _pages(built.site)
    assert "print_page/index.html" in hostile and len(hostile) == len(plain)
    assert any(name.startswith("tutor/") for name in hostile), "the tutor edition was scanned too"
    problems = []
    for name, html in hostile.items():
        found = scan(html)
        problems += [f"{name}: {f}" for f in found.findings]
        problems += [
            f"{name}: id/class {n!r} from data"
            for n in INJECTED_IDS
            if n in found.ids | found.classes or f"{n}-heading" in found.ids
        ]
        extra = _elements(html) - _elements(plain[name])
        problems += [f"{name}: element {e} made by data" for e in extra]
    assert not problems, "\n".join(problems[:40])


def test_the_page_structure_check_catches_injected_markup(built):
    # The comparison above is not vacuous: one attribute list or raw tag shows up in it.
    page = built.plain / "index.html"
    html = page.read_text(encoding="utf-8")
    assert _elements(html.replace("</article>", '<p id="injected-id"></p></article>')) - _elements(html)
    assert _elements(html.replace("</article>", '<p><em title="x" tabindex="0">y</em></p></article>')) - _elements(html)
    assert _elements(html.replace("<p>", '<p style="color:red">', 1)) - _elements(html)
    assert scan('<em onmouseover="alert(1)">x</em><a href=" JaVa\tscript:alert(1)">y</a>').findings.__len__() == 2


def test_search_index_has_no_markup_from_data(built):
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    problems = []
    for doc in index["docs"]:
        for field in ("title", "text"):
            found = scan(doc.get(field) or "")
            problems += [f"{doc['location']}: {f}" for f in found.findings]
            problems += [f"{doc['location']}: {n}" for n in INJECTED_IDS if n in found.ids | found.classes]
            tags = (
                found.tags
                - INLINE
                - {
                    "p",
                    "ul",
                    "ol",
                    "li",
                    "pre",
                    "table",
                    "thead",
                    "tbody",
                    "tr",
                    "th",
                    "td",
                    "dl",
                    "dt",
                    "dd",
                    "blockquote",
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                }
            )
            problems += [f"{doc['location']}: <{t}>" for t in tags]
    assert not problems, "\n".join(problems[:40])


def _xml_problems(name: str, text: str) -> list[str]:
    """An XML part: well formed (so no element came from data) and no script URL in an attribute."""
    problems = []
    for el in ElementTree.fromstring(text.encode("utf-8")).iter():
        problems += [f"{name}: script URL in {k}" for k, v in el.attrib.items() if SCRIPT_SCHEME.match(v)]
    return problems


def _formulas(path: Path) -> Counter:
    """The spreadsheet formulas (`<f>` cells) in a zip export, by part."""
    found: Counter = Counter()
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                for el in ElementTree.fromstring(zf.read(name)).iter():
                    if el.tag.rsplit("}", 1)[-1] == "f":
                        found[(name, el.text)] += 1
    return found


def _zip_problems(path: Path) -> list[str]:
    problems = []
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            where = f"{path.name}/{name}"
            if name.endswith((".html", ".htm")):
                found = scan(zf.read(name).decode("utf-8"))
                problems += [f"{where}: {f}" for f in found.findings]
                problems += [f"{where}: {n}" for n in INJECTED_IDS if n in found.ids | found.classes]
            elif name.endswith((".xml", ".rels")):
                problems += _xml_problems(where, zf.read(name).decode("utf-8"))
    return problems


def test_exports_carry_text_as_data_only(built):
    files = sorted(
        p
        for folder in (built.site / "exports", built.site / "tutor" / "exports")
        if folder.exists()
        for p in folder.iterdir()
    )
    assert len(files) >= 6
    problems = []
    for path in files:
        if path.suffix == ".json":
            for s in _strings(json.loads(path.read_text(encoding="utf-8"))):
                if SCRIPT_SCHEME.match(s):
                    problems.append(f"{path.name}: script URL {s[:60]!r}")
        elif path.suffix == ".csv":
            for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
                for cell in row:
                    if cell.lstrip()[:1] in set("=+-@＝＋－＠") or (cell[:1] in "\t\r\n" and cell):
                        problems.append(f"{path.name}: formula cell {cell[:60]!r}")
        elif path.suffix == ".xml":
            problems += _xml_problems(path.name, path.read_text(encoding="utf-8"))
        elif zipfile.is_zipfile(path):  # Common Cartridge, QTI package, DOCX, XLSX
            problems += _zip_problems(path)
            # a formula the template writes (a total) is fine; one that text from data became is not
            extra = _formulas(path) - _formulas(built.plain / "exports" / path.name)
            problems += [f"{path.name}/{name}: formula {text!r} from data" for name, text in extra]
        else:
            problems.append(f"{path.name}: a kind of export this test does not know how to scan")
    assert not problems, "\n".join(problems[:40])


def test_pdf_has_no_script_or_data_link(built):
    pypdf = pytest.importorskip("pypdf")
    pdfs = sorted((built.site / "pdf").glob("*.pdf")) if (built.site / "pdf").exists() else []
    if "pdf" not in built.results:
        pytest.skip("Chromium is not installed, so the build makes no PDF")
    assert len(pdfs) == 1, f"pdf.py --no-handouts printed more than the handbook: {[p.name for p in pdfs]}"
    raw = pdfs[0].read_bytes()
    assert b"/JavaScript" not in raw and b"/Launch" not in raw and b"/JS " not in raw
    reader = pypdf.PdfReader(str(pdfs[0]))
    uris, text = [], texts(pdfs[0])
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            if "/URI" in action:
                uris.append(str(action["/URI"]))
    assert uris, "the PDF keeps its web links"
    assert [u for u in uris if not SAFE_URL.match(u) or SCRIPT_SCHEME.match(u)] == []
    assert "onmouseover" in "".join(text)  # the payloads are printed, as text
    assert RAN not in "".join(text)


def test_handout_cover_is_set_as_text():
    from pdf import _HANDOUT_COVER

    assert "textContent" in _HANDOUT_COVER
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\b", _HANDOUT_COVER)


def test_no_payload_ran(built):
    assert not os.path.exists(RAN_FILE)
    assert "Traceback" not in built.validation.stderr and built.validation.returncode in (0, 1)
    assert RAN not in built.validation.stdout
    for path in built.site.rglob("*"):
        if path.suffix in (".html", ".json", ".csv", ".xml"):
            assert RAN not in path.read_text(encoding="utf-8"), path
