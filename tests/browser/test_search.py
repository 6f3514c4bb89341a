"""Material's search, used as a reader would: type a query, pick a result, land on the page.

The searches follow on from each other in one tab, as a reader's would: each starts from
the page the one before landed on (the first from the home page), so a search box on a
module page is used as well as the home page's.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Terms a practitioner would type, and the module page of this handbook that must be among
# the results. A fork that has left one of these modules out of its programme skips that
# case; the search for the first module's own title runs in every fork.
SEARCHES = {
    "relapse": "modules/08-relapse-prevention/",
    "DBS": "modules/02-law-rights-disclosure/",
    "crisis": "modules/07-crisis-intervention/",
    "motivational interviewing": "modules/04-client-interaction/",
}
FIRST_MODULE = "the first module's title"

# The page-level results Material shows once the worker has answered *this* query: each
# link carries the highlighted terms in ?h=, so results still showing from a shorter
# prefix typed a moment earlier are not mistaken for the answer.
_RESULTS = """([query, base]) => {
  const meta = document.querySelector('.md-search-result__meta');
  const links = [...document.querySelectorAll('.md-search-result__list > li > a:first-child')];
  const current = links.some(a => new URL(a.href).searchParams.get('h') === query.toLowerCase());
  if (!meta || !current) return null;
  return links.map(a => { const u = new URL(a.href); return u.href.startsWith(base) ? u.pathname.slice(new URL(base).pathname.length) : u.href; });
}"""


def _title_of(site_dir, path: str) -> str:
    html = (site_dir / path / "index.html").read_text(encoding="utf-8")
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    assert match, f"{path} has no <title>"
    return unescape(match.group(1).strip())


@pytest.mark.parametrize("query", [*SEARCHES, FIRST_MODULE])
def test_search_finds_and_opens_the_module(search_tab, site_dir, programme, module_pages, query):
    tab = search_tab
    if query == FIRST_MODULE:
        # its first three words, as a reader would type them (Material highlights words)
        query, expected = " ".join(re.findall(r"\w+", programme.modules[0].title)[:3]), module_pages[0]
    else:
        expected = SEARCHES[query]
        if expected not in module_pages:
            pytest.skip(f"{expected} is not a module page of this programme")
    page = tab.page
    if not page.url.startswith(tab.url("")):  # the first search: from the home page
        tab.open("")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=30)

    # The index loads in a web worker, so results arrive asynchronously: poll for them.
    handle = page.wait_for_function(_RESULTS, arg=[query, tab.server.base_url], timeout=15_000)
    results = handle.json_value()
    print(f"\nsearch {query!r}: {len(results)} results, first: {results[:3]}")
    assert expected in results, f"search for {query!r} did not list {expected}; results: {results}"

    link = page.locator(".md-search-result__list > li > a:first-child").nth(results.index(expected))
    with page.expect_navigation() as navigation:
        link.click()
    response = navigation.value
    assert response is not None and response.status == 200, f"{expected} answered {response and response.status}"
    assert page.url.startswith(tab.url(expected)), page.url
    assert page.title() == _title_of(site_dir, expected)
