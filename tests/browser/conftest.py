"""Fixtures for the browser tests: the built site, a local server, and one headless Chromium.

One browser serves the whole session. The whole-site passes (light, dark, 320 px) audit
several pages at once in tabs of their own; the single `tab` serves the tests that drive
one page, each of which navigates before it looks at anything.

Environment:
  CPSCP_CHROMIUM    the browser to drive (default /usr/bin/chromium)
  CPSCP_BUILT_SITE  test an already built site instead of the session's strict build
  CPSCP_BROWSER_TABS  how many pages the whole-site passes audit at once (default 3)
  CI                when set, a missing browser fails the run instead of skipping it
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from . import axe, builtsite, chromium
from .recorder import Recorder, Visit
from .server import SiteServer

VIEWPORT = {"width": 1440, "height": 900}  # wide enough for Material's sidebar navigation
# Pages audited at once. Each tab is a renderer process of its own; three keep two cores busy
# while one tab is loading its next page. CPSCP_BROWSER_TABS changes it (1: one at a time).
TABS = max(1, int(os.environ.get("CPSCP_BROWSER_TABS", "3")))
# The printable edition (cpscp_engine/printpage.py), and its copies of the site's pages within it.
PRINT_PAGE_MARKER = "#print-site-page"
PRINT_PAGE_SECTIONS = "section.print-page[id]"


@pytest.fixture(scope="session")
def site_dir(request):
    return builtsite.site_dir(request)


@pytest.fixture(scope="session")
def site_server(site_dir):
    server = SiteServer(site_dir).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    executable = chromium.find_chromium()
    if executable is None:
        chromium.unavailable(chromium.MISSING)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium.unavailable("Playwright is not installed: run `make test`, which installs requirements.txt")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=chromium.ARGS)
        yield browser
        browser.close()


@dataclass
class Tab:
    page: object
    recorder: Recorder
    server: SiteServer

    def url(self, path: str) -> str:
        return self.server.base_url + path

    def open(self, path: str):
        """Navigate to a site-relative path and wait for its load event; returns (response, Visit)."""
        # Let the previous page finish first: navigating away aborts its requests, and
        # those aborts must not be counted against the page opened next.
        self.page.wait_for_load_state("networkidle")
        visit = self.recorder.start()
        response = self.page.goto(self.url(path))
        return response, visit


@pytest.fixture(scope="session")
def tab(browser, site_server):
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
    page = context.new_page()
    page.set_default_timeout(15_000)
    recorder = Recorder(context, page)
    yield Tab(page, recorder, site_server)
    context.close()


@dataclass(repr=False)
class PageReport:
    path: str
    status: int | None
    title: str
    scheme: str  # Material's colour scheme the page was shown in: "default" or "slate"
    visit: Visit
    axe_version: str
    violations: list[dict]
    connection_hints: list[str]  # preconnect / dns-prefetch links to other hosts

    def __repr__(self) -> str:  # keeps pytest's failure reports to the point
        return f"PageReport(/{self.path})"


_SCHEME = "() => document.body.getAttribute('data-md-color-scheme') || ''"
# Hints that open a connection to another host without any request the browser reports.
_CONNECTION_HINTS = """() => [...document.querySelectorAll('link[rel~=preconnect], link[rel~=dns-prefetch]')]
  .map(l => l.href).filter(href => new URL(href, location.href).origin !== location.origin)"""


def audit_specs(page, contrast_only: bool = False) -> list[list]:
    """The axe runs for the open page: all rules of axe.TAGS, or only the contrast rules.

    The printable edition repeats every page of the site, and the contrast rules are
    slow on it (about 30 s of a two-core machine's time); that content is already checked
    page by page, so on the print page they cover only its own parts (cover, banner,
    contents). Every other rule still runs on the whole print page.
    """
    if not page.locator(PRINT_PAGE_MARKER).count():
        return [axe.spec(axe.CONTRAST_RULES if contrast_only else None)]
    contrast = axe.spec(axe.CONTRAST_RULES, exclude=[PRINT_PAGE_SECTIONS])
    return [contrast] if contrast_only else [axe.spec(disable=axe.CONTRAST_RULES), contrast]


def audit(page, contrast_only: bool = False) -> dict:
    """axe-core's result for the open page (see audit_specs)."""
    axe.start(page, audit_specs(page, contrast_only))
    return axe.result(page)


def audit_all(tabs: list, paths: list[str], open_page, report, contrast_only: bool = False) -> list:
    """Audit every path, as many at once as there are tabs, keeping the paths' order.

    For each page: open_page(tab, path) navigates the tab (whose `.page` is a Playwright
    page) and returns what the report needs of the load; axe then starts there without
    waiting, and report(tab, path, loaded, axe_result) makes the page's report once its
    result is in. Each tab runs in its own renderer process, so the cores share the work.
    """
    reports = []
    for first in range(0, len(paths), len(tabs)):
        batch = list(zip(tabs, paths[first : first + len(tabs)], strict=False))  # the last batch may be short
        loaded = []
        for tab, path in batch:
            loaded.append(open_page(tab, path))
            axe.start(tab.page, audit_specs(tab.page, contrast_only))
        reports += [
            report(tab, path, state, axe.result(tab.page)) for (tab, path), state in zip(batch, loaded, strict=True)
        ]
    return reports


@dataclass
class PlainTab:
    """A tab with no recorder, for passes whose traffic the light pass already checks."""

    page: object


def plain_tabs(browser, count: int = TABS, **context_options) -> tuple[object, list[PlainTab]]:
    context = browser.new_context(**context_options)
    tabs = []
    for _ in range(count):
        page = context.new_page()
        page.set_default_timeout(15_000)
        tabs.append(PlainTab(page))
    return context, tabs


@pytest.fixture(scope="session")
def page_reports(browser, site_server, site_dir) -> list[PageReport]:
    """Visits every page once, recording its traffic, console and axe-core result.

    The per-concern tests below read these reports, so each page is loaded only once. Each
    tab has a context of its own, so the traffic a recorder sees is its own page's.
    """
    contexts, tabs = [], []
    for _ in range(TABS):
        context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
        page = context.new_page()
        page.set_default_timeout(15_000)
        contexts.append(context)
        tabs.append(Tab(page, Recorder(context, page), site_server))

    def report(tab: Tab, path: str, loaded, result: dict) -> PageReport:
        response, visit = loaded
        # Then wait for the network to go quiet (the search worker fetches its index
        # after load), so late requests are counted for this page, not the next one.
        # axe's run overlaps most of that quiet period.
        tab.page.wait_for_load_state("networkidle")
        return PageReport(
            path=path,
            status=response.status if response else None,
            title=tab.page.title(),
            scheme=tab.page.evaluate(_SCHEME),
            visit=visit,
            connection_hints=tab.page.evaluate(_CONNECTION_HINTS),
            axe_version=result["version"],
            violations=result["violations"],
        )

    try:
        return audit_all(tabs, builtsite.html_pages(site_dir), lambda tab, path: tab.open(path), report)
    finally:
        for context in contexts:
            context.close()


@pytest.fixture(scope="session")
def dark_scheme_reports(browser, site_server, site_dir) -> list[PageReport]:
    """Colour contrast of every page in Material's dark (slate) scheme.

    A reader whose system prefers dark gets that scheme on their first visit; a context
    of its own that prefers dark from the start is that reader (the main context keeps
    light, and Material keeps a scheme it has stored across pages).
    """
    context, tabs = plain_tabs(browser, viewport=VIEWPORT, color_scheme="dark")

    def report(tab: PlainTab, path: str, response, result: dict) -> PageReport:
        # Traffic and console are the light pass's business: no recorder, no waiting for
        # the network to settle.
        return PageReport(
            path=path,
            status=response.status if response else None,
            title=tab.page.title(),
            scheme=tab.page.evaluate(_SCHEME),
            visit=Visit(),
            connection_hints=[],
            axe_version=result["version"],
            violations=result["violations"],
        )

    try:
        return audit_all(
            tabs,
            builtsite.html_pages(site_dir),
            lambda tab, path: tab.page.goto(site_server.base_url + path),
            report,
            contrast_only=True,
        )
    finally:
        context.close()
