"""Every page on a narrow screen: accessible, and never scrolling sideways (WCAG 2.2 AA).

WCAG 1.4.10 Reflow: content must fit a window 320 CSS pixels wide (a 1280px window zoomed to
400%, or a small phone) without scrolling in two directions. Parts that need two dimensions,
such as a wide data table, are exempt and may scroll on their own, but a keyboard user must
be able to scroll them too (2.1.1): the scrolling element must take focus (tabindex="0") and
have a name a screen reader announces, like the .cpscp-table-scroll regions that
cpscp_engine/render/text.py wraps around generated tables too wide to reflow.

One exception: Material's code blocks (pre > code), which Material makes focusable. Code
keeps its own line breaks, so it scrolls; a screen reader reads a focused code element's
text, and ARIA forbids naming the code role.

At this width Material's navigation becomes a drawer, so the pass also tabs through it:
whatever takes focus must be in sight (2.4.7, 2.4.11).

The pass uses a context of its own at 320px, one page for every page of the site, and the
same axe-core rules as the wide pass (test_pages.py), with the print page's copies of the
other pages left out of the contrast rules as there.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from . import axe, builtsite
from .builtsite import report as _report
from .conftest import audit_all, plain_tabs

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Reflow is about width; 568px is the height of the narrowest phones in use.
NARROW = {"width": 320, "height": 568}
COMPETENCIES_PAGE = "competencies/"
MODULE_PAGE = "modules/04-client-interaction/"
TAB_STOPS = 80  # enough to pass the header and the whole drawer (about 50 stops on this page)

# The page's horizontal overflow, and every element that scrolls sideways on it with what
# makes it reachable by keyboard. Only elements a reader can scroll count (overflow-x auto
# or scroll), and only if rendered: closed details and Material's hidden search panel don't.
_OVERFLOW = """() => {
  const root = document.documentElement;
  const named = (el) => {
    const label = (el.getAttribute('aria-label') || '').trim();
    const by = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)
      .map(id => (document.getElementById(id)?.textContent || '').trim()).join(' ').trim();
    return label || by;
  };
  const scrollers = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.clientWidth === 0 || el.scrollWidth <= el.clientWidth + 1) continue;
    if (!['auto', 'scroll'].includes(getComputedStyle(el).overflowX)) continue;
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    const cls = typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    const heading = [...document.querySelectorAll('h1, h2, h3, h4')]
      .filter(h => h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
    scrollers.push({
      element: el.tagName.toLowerCase() + cls,
      after: heading ? heading.textContent.replace('¶', '').trim().slice(0, 60) : '',
      overflow: el.scrollWidth - el.clientWidth,
      focusable: el.getAttribute('tabindex') === '0',
      name: named(el).slice(0, 80),
      code: el.matches('pre > code'),
    });
  }
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, scrollers};
}"""


@dataclass(repr=False)
class NarrowReport:
    path: str
    status: int | None
    scroll_width: int
    client_width: int
    scrollers: list[dict]
    violations: list[dict]
    axe_version: str

    def __repr__(self) -> str:  # keeps pytest's failure reports to the point
        return f"NarrowReport(/{self.path})"

    def unreachable(self) -> list[dict]:
        """Sideways scrolling a keyboard user cannot reach or a screen reader cannot name."""
        return [s for s in self.scrollers if not (s["focusable"] and (s["name"] or s["code"]))]


@pytest.fixture(scope="module")
def narrow_page(browser):
    context = browser.new_context(viewport=NARROW, color_scheme="light")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="module")
def narrow_reports(browser, site_server, site_dir) -> list[NarrowReport]:
    context, tabs = plain_tabs(browser, viewport=NARROW, color_scheme="light")

    def load(tab, path: str):
        # Traffic and console are the wide pass's business: no recorder, no waiting for
        # the network to settle.
        response = tab.page.goto(site_server.base_url + path)
        return response, tab.page.evaluate(_OVERFLOW)

    def report(tab, path: str, loaded, result: dict) -> NarrowReport:
        response, overflow = loaded
        return NarrowReport(
            path=path,
            status=response.status if response else None,
            scroll_width=overflow["scrollWidth"],
            client_width=overflow["clientWidth"],
            scrollers=overflow["scrollers"],
            violations=result["violations"],
            axe_version=result["version"],
        )

    try:
        return audit_all(tabs, builtsite.html_pages(site_dir), load, report)
    finally:
        context.close()


def _describe(scroller: dict) -> str:
    why = "not focusable" if not scroller["focusable"] else "no accessible name"
    return f"{scroller['element']} after {scroller['after']!r} scrolls {scroller['overflow']}px sideways, {why}"


def test_every_page_loads_at_320px(narrow_reports):
    assert len(narrow_reports) > 1, "the built site has no pages besides the home page"
    bad = {r.path: [f"HTTP {r.status}"] for r in narrow_reports if r.status != 200}
    assert not bad, _report(bad)


def test_no_accessibility_violations_at_320px(narrow_reports):
    problems = {r.path: [axe.describe(v) for v in r.violations] for r in narrow_reports if r.violations}
    version = narrow_reports[0].axe_version
    print(
        f"\naxe-core {version}, tags {', '.join(axe.TAGS)}: {len(narrow_reports)} pages checked at "
        f"{NARROW['width']}x{NARROW['height']}"
    )
    assert not problems, (
        f"axe-core {version} ({', '.join(axe.TAGS)}) found violations at {NARROW['width']}px:\n" + _report(problems)
    )


def test_no_page_scrolls_sideways_at_320px(narrow_reports):
    problems = {
        r.path: [f"the page is {r.scroll_width}px wide in a {r.client_width}px window"]
        for r in narrow_reports
        if r.scroll_width > r.client_width + 1
    }
    assert not problems, (
        "pages that scroll sideways at 320px (WCAG 1.4.10 Reflow): make the content reflow, or put "
        "a part that cannot (a wide table) in a focusable, named region:\n" + _report(problems)
    )


def test_parts_that_scroll_sideways_are_reachable_by_keyboard(narrow_reports):
    problems = {r.path: [_describe(s) for s in r.unreachable()] for r in narrow_reports if r.unreachable()}
    allowed = sum(len(r.scrollers) for r in narrow_reports) - sum(len(v) for v in problems.values())
    print(f"\n{allowed} focusable regions (wide tables, code) scroll sideways at {NARROW['width']}px")
    assert not problems, (
        "parts of pages that scroll sideways at 320px where a keyboard cannot scroll them (WCAG 1.4.10, "
        "2.1.1): let them reflow (CSS in docs/assets/stylesheets/extra.css) or, for a table that cannot, "
        'wrap it in a region with tabindex="0" and a name (cpscp_engine/render/text.py scroll_region):\n'
        + _report(problems)
    )


# Where the focused element ends up once Material's drawer, its panels and its search have
# slid into place (transform and opacity transitions; colour fades move nothing), and
# whether a reader can see it: inside the window, not in a transparent or hidden panel.
_FOCUS_IN_VIEW = """async () => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // Material reacts to focus a frame or two later (focusing the search field opens search).
  for (let i = 0; i < 3; i++) await new Promise(r => requestAnimationFrame(r));
  const moving = document.getAnimations().filter(a => ['transform', 'opacity'].includes(a.transitionProperty));
  await Promise.race([
    Promise.all(moving.map(a => a.finished.catch(() => null))),
    new Promise(r => setTimeout(r, 500)),
  ]);
  const r = el.getBoundingClientRect();
  return {
    text: (el.innerText || el.getAttribute('aria-label') || el.tagName).trim().split('\\n')[0].slice(0, 50),
    box: [r.left, r.top, r.width, r.height].map(Math.round),
    sized: r.width > 0 && r.height > 0,
    shown: r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight
      && el.checkVisibility({opacityProperty: true, visibilityProperty: true}),
    inContent: !!el.closest('.md-content'),
  };
}"""


def test_keyboard_focus_stays_in_view_at_320px(narrow_page, site_server):
    """Tab through the header and Material's navigation drawer into the content: nothing focused out of sight.

    Elements of no size are passed over: Material's colour-scheme switch is a radio button
    of no size whose label shows the focus ring. (So is its search results panel, which
    keeps a Tab stop while search is closed: Material's, not fixed here.)
    """
    narrow_page.goto(site_server.base_url + MODULE_PAGE)
    hidden, seen, reached_content = [], 0, False
    for _ in range(TAB_STOPS):
        narrow_page.keyboard.press("Tab")
        focused = narrow_page.evaluate(_FOCUS_IN_VIEW)
        if focused is None:
            break
        seen += 1
        if focused["sized"] and not focused["shown"]:
            hidden.append(f"{focused['text']!r} at {focused['box']}")
        if focused["inContent"]:
            reached_content = True
            break
    print(f"\n{seen} Tab stops checked on /{MODULE_PAGE} at {NARROW['width']}px")
    assert not hidden, (
        f"Tab focused elements a reader cannot see at {NARROW['width']}px (WCAG 2.4.7, 2.4.11):\n  "
        + "\n  ".join(hidden)
    )
    assert reached_content, f"{TAB_STOPS} presses of Tab did not get through the navigation to the content"


def test_a_wide_table_region_scrolls_with_the_arrow_keys(narrow_page, site_server):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # imported where the browser is known to run

    narrow_page.goto(site_server.base_url + COMPETENCIES_PAGE)
    regions = narrow_page.locator(".cpscp-table-scroll")
    assert regions.count(), f"/{COMPETENCIES_PAGE} has no .cpscp-table-scroll region"
    region = regions.first
    width = region.evaluate("el => el.scrollWidth - el.clientWidth")
    assert width > 0, f"the first region on /{COMPETENCIES_PAGE} does not scroll at {NARROW['width']}px"
    region.focus()
    assert region.evaluate("el => el === document.activeElement"), "the region did not take focus"
    for _ in range(3):
        narrow_page.keyboard.press("ArrowRight")
    # Keyboard scrolling may be animated: wait for it rather than read scrollLeft at once.
    try:
        narrow_page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle(), timeout=3_000)
    except PlaywrightTimeout:
        pytest.fail("ArrowRight did not scroll the focused region")
