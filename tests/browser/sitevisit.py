"""One visit to each page of the built site, in each view the whole-site tests check.

A page is loaded once, wide (1440 px) in the light scheme, and looked at three ways:

1. as loaded: every axe-core rule, with its traffic and console recorded;
2. after the reader switches to the dark (slate) scheme with Material's own toggle: the rules
   a colour scheme can break (axe.CONTRAST_RULES);
3. at 320 px wide (a 1280 px window zoomed to 400 %, or a small phone; WCAG 1.4.10 Reflow):
   sideways scrolling, and the axe-core rules whose outcome depends on the layout
   (NARROW_RULES), still in the dark scheme: neither depends on the colours. The page's
   markup and colours are the same at every width, and checked above; what Material shows
   only on a narrow screen (the narrow header, the drawer with the page's contents) is the
   same on every page of a kind, so every rule runs at 320 px on the home page and on one
   module page (the `everything_narrow` pages), switched back to the light scheme.

Loading each page once instead of once per view, and letting several tabs work at once (each
tab a renderer process of its own), is what keeps `make test` quick: axe-core is most of the
browser tests' time. tests/browser/test_dark.py checks that the toggled scheme is the one a
reader whose system prefers dark gets on a first visit.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator
from dataclasses import dataclass

from . import axe
from .recorder import Visit

WIDE = {"width": 1440, "height": 900}  # wide enough for Material's sidebar navigation
NARROW = {"width": 320, "height": 568}  # reflow is about width; 568 px is the narrowest phones' height
HOME = ""  # the site-relative path of the home page
# The rules whose outcome a narrower window can change on a page's own content: the size and
# spacing of links and buttons (WCAG 2.5.8), and regions that scroll sideways only when the
# window is narrow, which must take keyboard focus (2.1.1).
NARROW_RULES = ["target-size", "scrollable-region-focusable"]
# The rules about how elements look: what the print page checks on its own parts only.
LOOKS = [*axe.CONTRAST_RULES, *NARROW_RULES]
DARK, LIGHT = "slate", "default"  # Material's names for its two colour schemes

# The printable edition (cpscp_engine/printpage.py), and its copies of the site's pages within it.
PRINT_PAGE_MARKER = "#print-site-page"
PRINT_PAGE_SECTIONS = "section.print-page[id]"

_SCHEME = "() => document.body.getAttribute('data-md-color-scheme') || ''"
# Hints that open a connection to another host without any request the browser reports.
_CONNECTION_HINTS = """() => [...document.querySelectorAll('link[rel~=preconnect], link[rel~=dns-prefetch]')]
  .map(l => l.href).filter(href => new URL(href, location.href).origin !== location.origin)"""

# What the visit does to a page, as functions on its window, so that axe.start can run them
# in the page before its audit (`before`) and the test does not wait on each tab in turn.
_HELPERS = """() => {
  // Waits until what a change of scheme or of width set moving has come to rest: two frames
  // for Material's scripts to react, then the CSS transitions they started (a colour read
  // half-way through a fade would be neither scheme's).
  const settle = async () => {
    for (let i = 0; i < 2; i++) await new Promise(r => requestAnimationFrame(r));
    const moving = document.getAnimations().filter(a => a instanceof CSSTransition);
    await Promise.race([
      Promise.all(moving.map(a => a.finished.catch(() => null))),
      new Promise(r => setTimeout(r, 1000)),
    ]);
  };

  // Clicks Material's colour-scheme toggle (the label it shows) until the page is in the
  // scheme asked for, as a reader would; returns the scheme reached (another one if none of
  // the palettes in mkdocs.yml has it).
  const switchScheme = async (want) => {
    const scheme = () => document.body.getAttribute('data-md-color-scheme');
    const toggles = document.querySelectorAll('[data-md-component="palette"] input').length;
    for (let i = 0; i < toggles && scheme() !== want; i++) {
      const label = document.querySelector('[data-md-component="palette"] label:not([hidden])');
      if (!label) break;
      label.click();
      await settle();
    }
    return scheme();
  };

  // The page's horizontal overflow, and every element that scrolls sideways on it with what
  // makes it reachable by keyboard. Only elements a reader can scroll count (overflow-x auto
  // or scroll), and only if rendered: closed details and Material's hidden search panel don't.
  const reflow = async () => {
    await settle();
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
  };

  // The narrow view: the scheme asked for, then how the page fits the new width.
  const narrow = async (scheme) => ({scheme: await switchScheme(scheme), reflow: await reflow()});
  Object.assign(window, {cpscpSwitchScheme: switchScheme, cpscpNarrow: narrow});
}"""


def switch_scheme(page, want: str) -> str:
    """Switch the open page to Material's colour scheme ``want`` with its toggle; returns the scheme reached."""
    page.evaluate(_HELPERS)
    return page.evaluate("(want) => cpscpSwitchScheme(want)", want)


@dataclass(repr=False)
class Reflow:
    """How a page fits 320 px: its own width, and each part that scrolls sideways on it."""

    scroll_width: int
    client_width: int
    scrollers: list[dict]

    def scrolls_sideways(self) -> bool:
        return self.scroll_width > self.client_width + 1

    def unreachable(self) -> list[dict]:
        """Sideways scrolling a keyboard user cannot reach or a screen reader cannot name.

        Material's code blocks (pre > code) are the exception: Material makes them focusable,
        code keeps its own line breaks, and ARIA forbids naming the code role.
        """
        return [s for s in self.scrollers if not (s["focusable"] and (s["name"] or s["code"]))]


@dataclass(repr=False)
class PageReport:
    path: str
    status: int | None
    title: str
    scheme: str  # the scheme the page opened in ("default": light)
    dark_scheme: str  # the scheme after switching to dark ("slate" when the switch worked)
    narrow_scheme: str  # the scheme the 320 px view asked for: light for every rule, else dark
    narrow_scheme_reached: str  # the scheme the page was in for the 320 px view
    visit: Visit
    connection_hints: list[str]  # preconnect / dns-prefetch links to other hosts
    axe_version: str
    violations: list[dict]  # as loaded: every rule
    dark_violations: list[dict]  # in the dark scheme: the contrast rules
    narrow_violations: list[dict]  # at 320 px
    narrow_all_rules: bool  # whether every rule ran at 320 px, or NARROW_RULES only
    reflow: Reflow

    def __repr__(self) -> str:  # keeps pytest's failure reports to the point
        return f"PageReport(/{self.path})"


def is_print_page(page) -> bool:
    return bool(page.locator(PRINT_PAGE_MARKER).count())


def audit_specs(page, contrast_only: bool = False) -> list[list]:
    """The axe runs for the open page: all rules of axe.TAGS, or only the contrast rules.

    The printable edition repeats every page of the site, and the rules about how its
    elements look (contrast, and the size and scrolling of NARROW_RULES) are slow on it; that
    content is already checked page by page, so on the print page they cover only its own
    parts (cover, banner, contents). Every other rule (names, roles, ids and the references
    between them, which the print step rewrites) runs on the whole print page. For the dark
    and narrow views `visit` then removes the copies (drop_copies), so those views check the
    print page's own parts alone.
    """
    if contrast_only:
        return [axe.spec(axe.CONTRAST_RULES)]
    if is_print_page(page):
        return [axe.spec(disable=LOOKS), axe.spec(LOOKS, exclude=[PRINT_PAGE_SECTIONS])]
    return [axe.spec()]


def drop_copies(page) -> int:
    """Remove the print page's copies of the site's pages (after the wide view); how many.

    They are checked as those pages. Hidden, they were still walked by every later axe run
    (axe builds its tree of the whole document for each, whatever it excludes): about 2 s a
    run on the handbook. Removed, the dark and narrow views cost what those of an ordinary page
    cost. The wide view's rules about looks run before this, with the copies in place and left
    out of the check: without them, Material's contents sidebar follows headings that are gone,
    a state no reader sees, and its links moved while axe measured them.
    """
    return page.evaluate(
        "(sel) => { const s = document.querySelectorAll(sel); s.forEach(e => e.remove()); return s.length; }",
        PRINT_PAGE_SECTIONS,
    )


def narrow_specs(page, all_rules: bool) -> list[list]:
    """The axe run at 320 px: every rule, or NARROW_RULES only (on the print page, its own parts:
    its copies of the pages are gone by then, see drop_copies)."""
    return [axe.spec(None if all_rules else NARROW_RULES)]


# A page's visit: a generator that yields each time it has started axe in its tab and
# returns the PageReport.
Steps = Generator[None, None, PageReport]


def visit(tab, path: str, everything_narrow: bool = False) -> Steps:
    """Look at one page in the three views (see the module's docstring); ``everything_narrow``:
    run every rule at 320 px, not only NARROW_RULES.

    ``tab`` has a Playwright page (``tab.page``) in a context of its own, and ``tab.open(path)``
    navigates it and returns (response, Visit) with the traffic recorded from there on.
    """
    page = tab.page
    page.set_viewport_size(WIDE)
    response, traffic = tab.open(path)
    page.evaluate(_HELPERS)
    axe.start(page, audit_specs(page))
    yield
    wide = axe.result(page)
    title, scheme, hints = page.title(), page.evaluate(_SCHEME), page.evaluate(_CONNECTION_HINTS)
    if is_print_page(page):
        drop_copies(page)  # checked as the pages they copy (see audit_specs)

    axe.start(page, audit_specs(page, contrast_only=True), before=("cpscpSwitchScheme", [DARK]))
    yield
    dark = axe.result(page)

    page.set_viewport_size(NARROW)
    # The layout rules and the reflow measure do not depend on the colours, so the page stays
    # dark for them (switching back restyles the whole page: a tenth of the visit); a page that
    # gets every rule at 320 px goes back to light, for the contrast of the narrow-only parts.
    narrow_scheme = LIGHT if everything_narrow else DARK
    axe.start(page, narrow_specs(page, everything_narrow), before=("cpscpNarrow", [narrow_scheme]))
    yield
    narrow = axe.result(page)
    narrow_reached, reflow = narrow["before"]["scheme"], narrow["before"]["reflow"]
    # Late requests (the search worker fetches its index after load) are this page's.
    page.wait_for_load_state("networkidle")
    return PageReport(
        path=path,
        status=response.status if response else None,
        title=title,
        scheme=scheme,
        dark_scheme=dark["before"],
        narrow_scheme=narrow_scheme,
        narrow_scheme_reached=narrow_reached,
        visit=traffic,
        connection_hints=hints,
        axe_version=wide["version"],
        violations=wide["violations"],
        dark_violations=dark["violations"],
        narrow_violations=narrow["violations"],
        narrow_all_rules=everything_narrow,
        reflow=Reflow(reflow["scrollWidth"], reflow["clientWidth"], reflow["scrollers"]),
    )


def visit_all(tabs: list, paths: list[str], steps: Callable[[object, str], Steps] = visit) -> list[PageReport]:
    """Visit every path, as many at once as there are tabs, and return the reports in the paths' order.

    A tab that has finished a step goes on at once, whatever the others are doing, so the
    renderers (a process each) keep the machine's cores busy.
    """
    waiting = list(enumerate(paths))
    running: dict[int, tuple[int, Steps]] = {}  # tab's index -> (path's index, its visit)
    reports: dict[int, PageReport] = {}

    def advance(slot: int, number: int, walk: Steps) -> None:
        try:
            next(walk)
            running[slot] = (number, walk)
        except StopIteration as end:
            reports[number] = end.value
            running.pop(slot, None)

    while waiting or running:
        for slot, tab in enumerate(tabs):
            if slot not in running and waiting:
                number, path = waiting.pop(0)
                advance(slot, number, steps(tab, path))
        ready = [slot for slot in running if axe.finished(tabs[slot].page)]
        if not ready:
            time.sleep(0.05)
        for slot in ready:
            advance(slot, *running[slot])
    return [reports[number] for number in range(len(paths))]
