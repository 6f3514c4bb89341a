"""The whole-site visit's handling of the printable edition (sitevisit.py), on a page made for it.

The print page holds a copy of every page of the site. The visit checks the copies once, with
the rules about names, roles, ids and references (which the print step rewrites), and checks
how the print page's own parts look (contrast, in both schemes, and target size) without the
copies. A page with one fault of each kind shows that each view still sees what it must.
"""

from __future__ import annotations

import pytest

from . import chromium, sitevisit
from .conftest import Tab
from .recorder import Recorder
from .server import SiteServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Grey on white: about 1.9:1, far below the 4.5:1 normal text needs.
FAINT = 'style="color:#bbbbbb;background:#ffffff"'
PRINT_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Printable edition</title></head>
<body><main>
<div id="print-site-page">
  <section id="print-site-cover-page"><h1>The handbook</h1><p id="own-faint" {FAINT}>Cover text.</p></section>
  <nav id="print-page-toc" aria-label="Contents"><a href="#copy-one-h">Copied page</a></nav>
  <section class="print-page" id="copy-one">
    <h2 id="copy-one-h">Copied page</h2>
    <p id="copied-faint" {FAINT}>Text of a copied page.</p>
    <label for="no-such-id">Name</label><input id="copied-broken-reference" type="text">
  </section>
</div>
</main></body></html>
"""


@pytest.fixture(scope="module")
def print_page_report(browser, tmp_path_factory):
    site = tmp_path_factory.mktemp("print-site")
    (site / "print_page").mkdir()
    (site / "print_page" / "index.html").write_text(PRINT_PAGE, encoding="utf-8")
    server = SiteServer(site).start()
    context, page = chromium.new_page(browser, sitevisit.WIDE)
    try:
        tab = Tab(page, Recorder(context, page), server)
        [report] = sitevisit.visit_all([tab], ["print_page/"])
        yield report
    finally:
        context.close()
        server.stop()


def _targets(violations: list[dict], rule: str) -> str:
    return " ".join(t for v in violations if v["id"] == rule for t in v["targets"])


def test_the_copies_are_checked_for_names_roles_and_references(print_page_report):
    assert "#copied-broken-reference" in _targets(print_page_report.violations, "label")


def test_the_print_pages_own_parts_are_checked_for_contrast_in_both_schemes(print_page_report):
    assert "#own-faint" in _targets(print_page_report.violations, "color-contrast")
    assert "#own-faint" in _targets(print_page_report.dark_violations, "color-contrast")


def test_the_copies_are_not_checked_again_for_how_they_look(print_page_report):
    # They are checked as the pages they copy; here the print page's own parts alone.
    for violations in (print_page_report.violations, print_page_report.dark_violations):
        assert "#copied-faint" not in _targets(violations, "color-contrast")
    assert print_page_report.narrow_violations == []
