"""Keyboard use: a skip link first, a visible focus indicator, and navigation by Tab alone."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MAX_TABS = 60

# A description of the focused element, once its own transitions (Material fades colours on
# focus) have finished, so the computed style is the one a reader ends up seeing. Only its
# own: some of the header's transitions are restarted by each move of the focus, and waiting
# for the whole document's made every press of Tab wait the full half second.
_FOCUSED = """async () => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  await Promise.race([
    Promise.all(el.getAnimations().map(a => a.finished.catch(() => null))),
    new Promise(r => setTimeout(r, 500)),
  ]);
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 50),
    href: el.getAttribute('href'),
    inContent: !!el.closest('.md-content'),
    inPrimaryNav: !!el.closest('.md-nav--primary'),
  };
}"""

# An outline counts only if it can be seen: a style, a width and a colour that is not
# fully transparent.
_STYLE = """(el) => {
  const s = getComputedStyle(el);
  const clear = s.outlineColor === 'transparent' || /rgba\\(.*,\\s*0\\)$/.test(s.outlineColor);
  const hidden = s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0 || clear;
  return {outline: hidden ? 'none' : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
          boxShadow: s.boxShadow};
}"""


def _tab(page):
    page.keyboard.press("Tab")
    return page.evaluate(_FOCUSED)


@pytest.mark.parametrize("kind", ["home", "module"])
def test_first_tab_focuses_a_skip_link_to_the_content(tab, module_pages, kind):
    page = tab.page
    tab.open("" if kind == "home" else module_pages[0])
    first = _tab(page)
    assert first is not None and first["tag"] == "a", f"the first Tab focused {first}"
    assert first["text"] == "Skip to content", f"the first Tab focused {first}, not the skip link"
    target = first["href"]
    assert target and target.startswith("#"), f"the skip link points at {target!r}"
    assert page.evaluate("(id) => !!document.getElementById(id)?.closest('.md-content')", target[1:]), (
        f"the skip link's target {target} is not in the main content"
    )

    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # (the browser fixture says if it is missing)

    page.keyboard.press("Enter")
    # page.url follows the browser's navigation events, which may arrive after the key press
    # returns on a busy machine: ask the page itself, waiting a little for the jump.
    try:
        page.wait_for_function("(hash) => location.hash === hash", arg=target, timeout=5_000)
    except PlaywrightTimeout:
        pytest.fail(f"Enter on the skip link left the address at {page.evaluate('location.href')}, not {target}")
    following = _tab(page)
    assert following is not None and following["inContent"], (
        f"after following the skip link, Tab moved to {following} instead of into the main content"
    )


def _unindicated_focus(page, presses: int) -> tuple[int, list[str]]:
    """Press Tab ``presses`` times; return (stops seen, stops with no visible focus indicator).

    Each focused element's style is compared with its style when nothing is focused.
    """
    stops = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        described = page.evaluate(_FOCUSED)
        if described is None:
            break
        element = page.evaluate_handle("document.activeElement")
        stops.append((described, page.evaluate(_STYLE, element), element))

    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    missing = []
    for described, with_focus, element in stops:
        without = page.evaluate(_STYLE, element)
        outline_shown = with_focus["outline"] != "none" and with_focus["outline"] != without["outline"]
        shadow_shown = with_focus["boxShadow"] not in ("none", without["boxShadow"])
        if not (outline_shown or shadow_shown):
            missing.append(
                f"{described['tag']} {described['text']!r} ({described['href']}): "
                f"focused {with_focus}, unfocused {without}"
            )
    return len(stops), missing


def test_focused_elements_show_a_focus_indicator(tab, module_pages):
    page = tab.page
    module_page = module_pages[0]
    # From the top: skip link, header, search and the navigation ...
    tab.open(module_page)
    seen, missing = _unindicated_focus(page, 30)
    # ... and the links in the page's own content, Tabbing on from its heading (going
    # to a fragment moves the point where sequential focus navigation starts).
    tab.open(module_page)
    page.evaluate("() => { location.hash = document.querySelector('.md-content h1[id]').id; }")
    seen_in_content, missing_in_content = _unindicated_focus(page, 10)
    assert seen and seen_in_content, "Tab focused nothing"
    print(f"\n{seen + seen_in_content} focus stops checked on /{module_page}")
    missing += missing_in_content
    assert not missing, "focused elements with no visible focus indicator:\n  " + "\n  ".join(missing)


def test_navigation_links_are_reachable_by_tab(tab, module_pages):
    page = tab.page
    tab.open("")
    for presses in range(1, MAX_TABS + 1):  # noqa: B007 - the count is reported after the loop
        focused = _tab(page)
        if focused and focused["inPrimaryNav"] and focused["href"] in module_pages:
            break
    else:
        pytest.fail(f"no navigation link to a module page was focused in {MAX_TABS} presses of Tab")
    print(f"\nmodule link {focused['href']!r} focused after {presses} presses of Tab")

    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    assert navigation.value is not None and navigation.value.status == 200
    assert page.url == tab.url(focused["href"])
