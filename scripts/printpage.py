"""Repairs the anchors of the printable edition (site/print_page/index.html).

mkdocs-print-site-plugin puts every page on one page and rewrites each internal link
`page/#x` to `#page-x`, but it renames only the ids of headings, footnote marks and list
items to match. Every other anchor (a competency in a definition list, an assessment
criterion in a table, a reference entry, a chart's title) keeps its old id, so links to it
lead nowhere, and ids used on several pages (ac-1-1 on every module page) collide.

`fix_anchors` gives every remaining id inside a page's section the page's prefix, as the
plugin does for headings, and updates what points at it from inside that section
(aria-labelledby, label for, SVG url(#...)). Links need no change: the plugin already
wrote them in the prefixed form. Running it twice changes nothing.
"""
from __future__ import annotations

import re
from collections import Counter
from html import unescape
from urllib.parse import unquote

# The wrapper the plugin puts around each page (urls.fix_internal_links)
_PAGE = re.compile(r'<section class="print-page" id="([^"]+)" heading-number="[^"]*">')
_SECTION = re.compile(r"<section\b|</section>", re.I)
_ID = re.compile(r"""(\sid=(["']))([^"'<>]+)(\2)""")
_IDREFS = re.compile(r'(\s(?:aria-labelledby|aria-describedby|aria-controls|aria-owns|headers)=")([^"]*)(")')
_FOR = re.compile(r'(\sfor=")([^"]+)(")')
_URL_REF = re.compile(r"url\(#([^)\s]+)\)")
_SVG_HREF = re.compile(r'(<use\b[^>]*?\s(?:xlink:)?href="#)([^"]+)(")')


def _page_spans(html: str) -> list[tuple[str, int, int]]:
    """(page key, start, end) of each page's section, end just after its closing tag."""
    spans = []
    for m in _PAGE.finditer(html):
        depth = 0
        for tag in _SECTION.finditer(html, m.start()):
            depth += -1 if tag.group().startswith("</") else 1
            if depth == 0:
                spans.append((m.group(1), m.start(), tag.end()))
                break
    return spans


def _fix_page(key: str, chunk: str) -> str:
    prefix = key + "-"
    opening = _PAGE.match(chunk)
    head, body = chunk[: opening.end()], chunk[opening.end():]
    renamed = {i for i in (m.group(3) for m in _ID.finditer(body)) if not i.startswith(prefix)}
    if not renamed:
        return chunk

    def new(value: str) -> str:
        return prefix + value if value in renamed else value

    body = _ID.sub(lambda m: m.group(1) + new(m.group(3)) + m.group(4), body)
    body = _IDREFS.sub(lambda m: m.group(1) + " ".join(new(v) for v in m.group(2).split()) + m.group(3), body)
    body = _FOR.sub(lambda m: m.group(1) + new(m.group(2)) + m.group(3), body)
    body = _URL_REF.sub(lambda m: f"url(#{new(m.group(1))})", body)
    body = _SVG_HREF.sub(lambda m: m.group(1) + new(m.group(2)) + m.group(3), body)
    return head + body


def fix_anchors(html: str) -> str:
    """The print page with a page prefix on every id, so ids are unique and links resolve."""
    spans = _page_spans(html)
    if not spans:
        return html
    out, pos = [], 0
    for key, start, end in spans:
        if start < pos:  # nested inside a page already handled
            continue
        out.append(html[pos:start])
        out.append(_fix_page(key, html[start:end]))
        pos = end
    out.append(html[pos:])
    return "".join(out)


_CLOSED_DETAILS = re.compile(r"<details\b(?![^>]*\sopen\b)")


def open_details(html: str) -> str:
    """Expand every collapsible block (practice-question answers): paper cannot be clicked open."""
    return _CLOSED_DETAILS.sub("<details open", html)


_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)print_page/"')
_IN_PAGE_LINK = re.compile(r'(<a\b[^>]*?\shref=")#([^"]+)(")')


def link_left_out_pages(html: str, page_keys: dict[str, str]) -> str:
    """Point links to pages left out of print (the provider guide, downloads) at the web edition.

    The plugin turns a link to another page into an in-page link `#<page key>`; a page it
    left out (print-site `exclude:`) has no section there, so the link would lead nowhere on
    paper. `page_keys` maps each page's key to its site-relative URL ("providers" ->
    "providers/"); the link then shows the web address, which print prints after it.
    """
    canonical = _CANONICAL.search(html)
    if not canonical:
        return html
    base = canonical.group(1)
    ids = {unescape(m.group(3)) for m in _ID.finditer(html)}

    def relink(m: re.Match) -> str:
        key = unquote(unescape(m.group(2)))
        if key in ids or key not in page_keys:
            return m.group(0)
        return m.group(1) + base + page_keys[key] + m.group(3)

    return _IN_PAGE_LINK.sub(relink, html)


def page_keys(site) -> dict[str, str]:
    """print-site's key of every page in the built site (its URL with "/" as "-") -> its URL."""
    keys = {}
    for index in site.rglob("index.html"):
        url = index.parent.relative_to(site).as_posix()
        if url != "." and not url.startswith(("print_page", "search")):
            keys[url.replace("/", "-")] = url + "/"
    return keys


def anchor_problems(html: str) -> tuple[list[str], list[str]]:
    """(ids used more than once, in-page link targets with no element), for the checks and tests."""
    ids = Counter(unescape(m.group(3)) for m in _ID.finditer(html))
    duplicates = sorted(i for i, n in ids.items() if n > 1)
    targets = {unquote(unescape(t)) for t in re.findall(r'<a\b[^>]*?\shref="#([^"]+)"', html)}
    missing = sorted(t for t in targets if t not in ids)
    return duplicates, missing
