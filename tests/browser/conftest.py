"""Fixtures for the browser tests: the built site, a local server, and one headless Chromium.

One browser serves the whole session. The whole-site visit (sitevisit.py: each page wide,
dark and at 320 px) works on several pages at once in tabs of their own; the single `tab`
serves the tests that drive one page, each of which navigates before it looks at anything.

Environment:
  CPSCP_CHROMIUM    the browser to drive (default /usr/bin/chromium)
  CPSCP_BUILT_SITE  test an already built site instead of the session's strict build
  CPSCP_BROWSER_TABS  how many pages the whole-site visit works on at once (default 3)
  CI                when set, a missing browser fails the run instead of skipping it
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from . import builtsite, chromium, sitevisit
from .recorder import Recorder
from .server import SiteServer

VIEWPORT = sitevisit.WIDE
# Pages worked on at once. Each tab is a renderer process of its own; three keep two cores busy
# while one tab is loading its next page. CPSCP_BROWSER_TABS changes it (1: one at a time).
TABS = max(1, int(os.environ.get("CPSCP_BROWSER_TABS", "3")))


@pytest.fixture(scope="session")
def site_dir(request):
    return builtsite.site_dir(request)


@pytest.fixture(scope="session")
def programme(request):
    """The model of the project under test, so the tests name its own modules and pages."""
    from cpscp_engine.loader import load

    return load(builtsite.project_dir(request))[0]


@pytest.fixture(scope="session")
def module_pages(programme) -> list[str]:
    """The site-relative URL of each module's page, in the programme's order."""
    from cpscp_engine.site import page_url

    return [page_url(m.page) for m in programme.modules]


@pytest.fixture(scope="session")
def site_server(site_dir):
    """The site, with a search index that has no entries (server.py): for every test but search's."""
    server = SiteServer(site_dir, searchable=False).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def search_server(site_dir):
    """The site as built, search index and all."""
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
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=chromium.TEST_ARGS)
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


def _tab(browser, server):
    context, page = chromium.new_page(browser, VIEWPORT)
    recorder = Recorder(context, page)
    yield Tab(page, recorder, server)
    context.close()


@pytest.fixture(scope="session")
def tab(browser, site_server):
    yield from _tab(browser, site_server)


@pytest.fixture(scope="session")
def search_tab(browser, search_server):
    """A tab on the site with its whole search index."""
    yield from _tab(browser, search_server)


@pytest.fixture(scope="session")
def page_reports(browser, site_server, site_dir, module_pages) -> list[sitevisit.PageReport]:
    """Visits every page once (sitevisit.py), recording its traffic, console and axe-core results.

    The per-concern tests read these reports, so each page is loaded only once. Each tab has
    a context of its own, so the traffic a recorder sees is its own page's.
    """
    contexts, tabs = [], []
    for _ in range(TABS):
        context, page = chromium.new_page(browser, VIEWPORT)
        contexts.append(context)
        tabs.append(Tab(page, Recorder(context, page), site_server))
    everything_narrow = {sitevisit.HOME, *module_pages[:1]}  # one page of each kind Material lays out
    try:
        return sitevisit.visit_all(
            tabs,
            builtsite.html_pages(site_dir),
            lambda tab, path: sitevisit.visit(tab, path, everything_narrow=path in everything_narrow),
        )
    finally:
        for context in contexts:
            context.close()
