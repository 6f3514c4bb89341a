"""The dark (slate) scheme a reader whose system prefers dark gets on a first visit.

The whole-site visit (sitevisit.py) checks every page's contrast in the dark scheme after
switching to it with Material's toggle. Here one page is opened afresh in a browser context
that prefers dark: it must open in that scheme, in the same colours as the toggled pages, and
with enough contrast.
"""

from __future__ import annotations

import pytest

from . import axe, chromium, sitevisit

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGE = sitevisit.HOME
# Material's colour settings on <body>, which the theme's stylesheets read.
_COLOURS = """() => Object.fromEntries(['scheme', 'primary', 'accent']
  .map(key => [key, document.body.getAttribute('data-md-color-' + key)]))"""


@pytest.fixture(scope="module")
def first_dark_visit(browser, site_server):
    context, page = chromium.new_page(browser, sitevisit.WIDE, color_scheme="dark")
    page.goto(site_server.base_url + PAGE)
    yield page
    context.close()


def test_a_reader_who_prefers_dark_gets_the_dark_scheme_with_enough_contrast(first_dark_visit):
    page = first_dark_visit
    colours = page.evaluate(_COLOURS)
    assert colours["scheme"] == sitevisit.DARK, (
        f"/{PAGE} opened in the {colours['scheme']!r} scheme for a reader who prefers dark"
    )
    result = axe.run(page, axe.CONTRAST_RULES)
    problems = [axe.describe(v) for v in result["violations"]]
    assert not problems, f"contrast failures on /{PAGE} in the dark scheme:\n  " + "\n  ".join(problems)


def test_the_toggle_gives_the_colours_of_a_first_dark_visit(first_dark_visit, tab):
    """So the whole-site visit's toggled pages are what a reader who prefers dark sees."""
    tab.open(PAGE)
    light = tab.page.evaluate(_COLOURS)
    assert sitevisit.switch_scheme(tab.page, sitevisit.DARK) == sitevisit.DARK
    toggled = tab.page.evaluate(_COLOURS)
    assert sitevisit.switch_scheme(tab.page, sitevisit.LIGHT) == sitevisit.LIGHT
    assert tab.page.evaluate(_COLOURS) == light, "switching back did not restore the light colours"
    assert toggled == first_dark_visit.evaluate(_COLOURS)
