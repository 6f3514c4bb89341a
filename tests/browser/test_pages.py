"""Every page of the built site, in a real browser: accessible, self-contained and error-free."""

from __future__ import annotations

import pytest

from . import axe
from .builtsite import report as _report

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_every_page_loads(page_reports):
    assert len(page_reports) > 1, "the built site has no pages besides the home page"
    bad = {r.path: [f"HTTP {r.status}"] for r in page_reports if r.status != 200}
    untitled = {r.path: ["empty <title>"] for r in page_reports if not r.title.strip()}
    assert not (bad or untitled), _report({**bad, **untitled})
    print(f"\n{len(page_reports)} pages visited")


def test_no_accessibility_violations(page_reports):
    problems = {r.path: [axe.describe(v) for v in r.violations] for r in page_reports if r.violations}
    version = page_reports[0].axe_version
    print(f"\naxe-core {version}, tags {', '.join(axe.TAGS)}: {len(page_reports)} pages checked")
    assert not problems, f"axe-core {version} ({', '.join(axe.TAGS)}) found violations:\n" + _report(problems)


def test_no_request_leaves_the_local_server(page_reports, site_server):
    problems = {r.path: r.visit.third_party(site_server.origin) + r.connection_hints for r in page_reports}
    problems = {path: urls for path, urls in problems.items() if urls}
    total = sum(len(r.visit.requests) for r in page_reports)
    print(f"\n{total} requests recorded on {len(page_reports)} pages")
    assert not problems, (
        "requests (or preconnect / dns-prefetch hints) to hosts other than the local server:\n" + _report(problems)
    )


def test_every_local_request_succeeds(page_reports):
    problems = {r.path: sorted(set(r.visit.failed)) for r in page_reports if r.visit.failed}
    assert not problems, "requests that failed or returned an error status:\n" + _report(problems)


def test_no_console_or_page_errors(page_reports):
    problems = {
        r.path: [f"console: {m}" for m in r.visit.console_errors] + [f"uncaught: {m}" for m in r.visit.page_errors]
        for r in page_reports
        if r.visit.console_errors or r.visit.page_errors
    }
    assert not problems, "errors in the browser console:\n" + _report(problems)
