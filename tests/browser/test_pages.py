"""Every page of the built site, in a real browser: accessible, self-contained and error-free.

Each page is visited once (sitevisit.py) and seen three ways: as loaded (wide, light), in the
dark scheme, and 320 px wide. The tests below each read one concern from those visits.
"""

from __future__ import annotations

import pytest

from . import axe, sitevisit
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


def test_dark_scheme_has_enough_contrast(page_reports):
    not_dark = [r.path for r in page_reports if r.dark_scheme != sitevisit.DARK]
    assert not not_dark, (
        f"Material's colour-scheme toggle did not switch these pages to the dark ({sitevisit.DARK}) scheme: "
        f"{not_dark} (theme.palette in mkdocs.yml needs a palette with scheme: {sitevisit.DARK})"
    )
    problems = {r.path: [axe.describe(v) for v in r.dark_violations] for r in page_reports if r.dark_violations}
    print(f"\ndark scheme: {', '.join(axe.CONTRAST_RULES)} on {len(page_reports)} pages")
    assert not problems, "contrast failures in the dark (slate) scheme:\n" + _report(problems)


# WCAG 1.4.10 Reflow: content must fit a window 320 CSS pixels wide without scrolling in two
# directions. Parts that need two dimensions, such as a wide data table, are exempt and may
# scroll on their own, but a keyboard user must be able to scroll them too (2.1.1): the
# scrolling element must take focus (tabindex="0") and have a name a screen reader announces,
# like the .cpscp-table-scroll regions that cpscp_engine/render/text.py wraps around
# generated tables too wide to reflow.
NARROW = f"{sitevisit.NARROW['width']}px"


def test_no_accessibility_violations_at_320px(page_reports):
    not_switched = [r.path for r in page_reports if r.narrow_scheme_reached != r.narrow_scheme]
    assert not not_switched, (
        f"the toggle did not switch these pages to the scheme asked for at {NARROW}: {not_switched}"
    )
    light = [r.path for r in page_reports if r.narrow_all_rules and r.narrow_scheme != sitevisit.LIGHT]
    assert not light, f"every rule ran at {NARROW} on these pages, but not in the light scheme: {light}"
    problems = {r.path: [axe.describe(v) for v in r.narrow_violations] for r in page_reports if r.narrow_violations}
    everything = [f"/{r.path}" for r in page_reports if r.narrow_all_rules]
    assert len(everything) >= 2, f"every rule ran at {NARROW} on {everything}: the home page and a module page should"
    version = page_reports[0].axe_version
    print(
        f"\naxe-core {version} at {sitevisit.NARROW['width']}x{sitevisit.NARROW['height']}: "
        f"{', '.join(sitevisit.NARROW_RULES)} on {len(page_reports)} pages, every rule of {', '.join(axe.TAGS)} "
        f"on {', '.join(everything)}"
    )
    assert not problems, f"axe-core {version} found violations at {NARROW}:\n" + _report(problems)


def test_no_page_scrolls_sideways_at_320px(page_reports):
    wider = [
        f"/{r.path}: {r.reflow.client_width}px"
        for r in page_reports
        if r.reflow.client_width > sitevisit.NARROW["width"]
    ]
    assert not wider, f"the window was not narrowed to {NARROW} for: {wider}"
    problems = {
        r.path: [f"the page is {r.reflow.scroll_width}px wide in a {r.reflow.client_width}px window"]
        for r in page_reports
        if r.reflow.scrolls_sideways()
    }
    assert not problems, (
        f"pages that scroll sideways at {NARROW} (WCAG 1.4.10 Reflow): make the content reflow, or put "
        "a part that cannot (a wide table) in a focusable, named region:\n" + _report(problems)
    )


def _describe(scroller: dict) -> str:
    why = "not focusable" if not scroller["focusable"] else "no accessible name"
    return f"{scroller['element']} after {scroller['after']!r} scrolls {scroller['overflow']}px sideways, {why}"


def test_parts_that_scroll_sideways_are_reachable_by_keyboard(page_reports):
    problems = {r.path: [_describe(s) for s in r.reflow.unreachable()] for r in page_reports if r.reflow.unreachable()}
    allowed = sum(len(r.reflow.scrollers) for r in page_reports) - sum(len(v) for v in problems.values())
    print(f"\n{allowed} focusable regions (wide tables, code) scroll sideways at {NARROW}")
    assert not problems, (
        f"parts of pages that scroll sideways at {NARROW} where a keyboard cannot scroll them (WCAG 1.4.10, "
        "2.1.1): let them reflow (CSS in docs/assets/stylesheets/extra.css) or, for a table that cannot, "
        'wrap it in a region with tabindex="0" and a name (cpscp_engine/render/text.py scroll_region):\n'
        + _report(problems)
    )
