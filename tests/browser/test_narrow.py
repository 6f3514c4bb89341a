"""A narrow screen (320 px) with the keyboard: WCAG 2.2 AA.

How every page fits 320 px, and axe-core's rules there, are checked on the whole-site visit
(test_pages.py, sitevisit.py). At this width Material's navigation becomes a drawer: these
tests tab through it, where whatever takes focus must be in sight (2.4.7, 2.4.11), and scroll
a wide table's region with the arrow keys (2.1.1).
"""

from __future__ import annotations

import pytest

from . import chromium
from .sitevisit import NARROW

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCROLL_REGION = "cpscp-table-scroll"  # the class of cpscp_engine/render/text.py's scroll_region
TAB_STOPS = 80  # enough to pass the header and the whole drawer (about 50 stops on this page)


@pytest.fixture(scope="module")
def narrow_page(browser):
    context, page = chromium.new_page(browser, NARROW)
    yield page
    context.close()


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


def test_keyboard_focus_stays_in_view_at_320px(narrow_page, site_server, module_pages):
    """Tab through the header and Material's navigation drawer into the content: nothing focused out of sight.

    Elements of no size are passed over: Material's colour-scheme switch is a radio button
    of no size whose label shows the focus ring. (So is its search results panel, which
    keeps a Tab stop while search is closed: Material's, not fixed here.)
    """
    module_page = module_pages[0]
    narrow_page.goto(site_server.base_url + module_page)
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
    print(f"\n{seen} Tab stops checked on /{module_page} at {NARROW['width']}px")
    assert not hidden, (
        f"Tab focused elements a reader cannot see at {NARROW['width']}px (WCAG 2.4.7, 2.4.11):\n  "
        + "\n  ".join(hidden)
    )
    assert reached_content, f"{TAB_STOPS} presses of Tab did not get through the navigation to the content"


def test_a_wide_table_region_scrolls_with_the_arrow_keys(narrow_page, site_server, site_dir):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # imported where the browser is known to run

    from .builtsite import html_pages

    with_region = [p for p in html_pages(site_dir) if SCROLL_REGION in (site_dir / p / "index.html").read_text("utf-8")]
    assert with_region, f"no page of the site has a .{SCROLL_REGION} region (the competency map has)"
    page_path = with_region[0]
    narrow_page.goto(site_server.base_url + page_path)
    regions = narrow_page.locator(f".{SCROLL_REGION}")
    assert regions.count(), f"/{page_path} has no .{SCROLL_REGION} region"
    region = regions.first
    width = region.evaluate("el => el.scrollWidth - el.clientWidth")
    assert width > 0, f"the first region on /{page_path} does not scroll at {NARROW['width']}px"
    region.focus()
    assert region.evaluate("el => el === document.activeElement"), "the region did not take focus"
    for _ in range(3):
        narrow_page.keyboard.press("ArrowRight")
    # Keyboard scrolling may be animated: wait for it rather than read scrollLeft at once.
    try:
        narrow_page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle(), timeout=3_000)
    except PlaywrightTimeout:
        pytest.fail("ArrowRight did not scroll the focused region")
