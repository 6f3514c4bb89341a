"""The printable edition: the whole built site on one page (print_page/), made after the build.

MkDocs (or Zensical) builds docs/print_page.md as an ordinary page, so the printable edition
has the site's own page shell (head, header, footer, its place in the navigation); on its own
that page only says how the edition is made, which is what the preview shows. `make_print_page`
then puts in place of that text, from the built site alone:

- a cover (the programme, its edition and provider, the attribution notice) and a note for the
  screen that the page is meant for printing;
- the contents: every page in navigation order, the navigation's sections around their pages;
- each page's content in a section of its own, in the same order, with every id given the
  page's key as a prefix (so ids used on several pages stay unique), what refers to an id
  (in-page links, label for, aria-*, SVG url(#...)) changed to match, links between pages turned
  into links inside this page, links to pages left out of print pointed at the web edition, and
  links to files rebased on this page's address;
- collapsed blocks opened (paper cannot be clicked open).

Nothing here depends on MkDocs. Text is never un-escaped: page content is copied as the build
wrote it (YAML text arrives escaped), titles taken from mkdocs.yml are escaped, titles taken
from pages are their heading's markup without its tags. Every step is one pass over the text.

The names in the markup are the ones print.css, scripts/pdf.py and the tests read:
#print-site-page, #print-site-cover-page, #print-site-banner, #print-page-toc and one
section.print-page per page (ids and keys as mkdocs-print-site-plugin, which this replaces,
gave them, so links into the printable edition keep working).
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import unquote

from .site import INDEX_STEMS, directory_urls, output_file, page_url, relative_url

# What the shell's partials put around each page's own content (overrides/partials/actions.html
# ends with the first, source-file.html starts with the second): everything between them is the
# page's Markdown as the build rendered it.
CONTENT_START = "<!-- cpscp:page-content -->"
CONTENT_END = "<!-- /cpscp:page-content -->"
# Says that the print page has been made (the page shell alone does not have it).
MARKER = 'id="print-site-page"'


@dataclass(frozen=True)
class PrintSettings:
    """mkdocs.yml `extra: print_edition:` — every setting with its default."""

    page: str = "print_page.md"  # the page the edition is made in
    toc_title: str = "Contents"
    exclude: tuple[str, ...] = ()  # glob patterns of docs/ pages left out of print (fnmatch; "a/*" a folder)


@dataclass(frozen=True)
class NavPage:
    src: str  # relative to docs/
    title: str | None  # from mkdocs.yml (plain text), or None: the page's own heading


@dataclass(frozen=True)
class NavSection:
    title: str
    children: tuple = ()


@dataclass
class Entry:
    """One line of the contents: a page's or section's title (HTML) and its anchor, with what it holds."""

    title: str
    anchor: str
    children: list[Entry] = field(default_factory=list)


# --- reading the configuration -------------------------------------------------------------


def settings(extra: object) -> PrintSettings:
    """The print settings from mkdocs.yml's `extra` mapping (defaults for what is not given)."""
    given = extra.get("print_edition") if isinstance(extra, dict) else None
    if not isinstance(given, dict):
        return PrintSettings()
    default = PrintSettings()
    exclude = given.get("exclude", ())
    return PrintSettings(
        page=str(given.get("page") or default.page),
        toc_title=str(given.get("toc_title") or default.toc_title),
        exclude=tuple(str(p) for p in exclude) if isinstance(exclude, list) else (),
    )


def read_nav(nav: object) -> list:
    """mkdocs.yml's nav as NavPage and NavSection items; links (URLs, anything not .md) are left out."""
    items: list = []
    for item in nav if isinstance(nav, list) else []:
        if isinstance(item, str):
            if item.endswith(".md") and "://" not in item:
                items.append(NavPage(item.lstrip("/"), None))
        elif isinstance(item, dict):
            for title, target in item.items():
                if isinstance(target, list):
                    items.append(NavSection(str(title), tuple(read_nav(target))))
                elif isinstance(target, str) and target.endswith(".md") and "://" not in target:
                    items.append(NavPage(target.lstrip("/"), str(title)))
    return items


def excluded(src: str, patterns: Iterable[str]) -> bool:
    """True when a docs/ page is left out of print: its path, or a folder above it, matches a pattern."""
    parts = src.split("/")
    candidates = [src] + ["/".join(parts[:i]) for i in range(1, len(parts))]
    return any(fnmatch.fnmatch(c, p.rstrip("/")) for p in patterns for c in candidates)


def page_key(url: str) -> str:
    """The prefix of a page's ids on the print page: its URL with "/" as "-" ('modules/m1/' -> 'modules-m1')."""
    key = url.lower().strip().rstrip("/").replace(".html", "").replace("/", "-").lstrip("-")
    return key or "index"


# --- taking a page apart --------------------------------------------------------------------

_ARTICLE = re.compile(r"<article\b[^>]*>")
_H1 = re.compile(r"<h1\b")


def content_span(html: str) -> tuple[int, int] | None:
    """Where a built page's own content is: between the partials' markers, else from the article's
    first h1 to the end of the article (a theme without our partials). None: no content found."""
    start = html.find(CONTENT_START)
    if start >= 0:
        end = html.find(CONTENT_END, start)
        if end >= 0:
            return start + len(CONTENT_START), end
    article = _ARTICLE.search(html)
    if article is None:
        return None
    end = html.find("</article>", article.end())
    h1 = _H1.search(html, article.end(), end if end >= 0 else len(html))
    if end < 0 or h1 is None:
        return None
    return h1.start(), end


_FIRST_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_TAG_ONLY = re.compile(r"<[^>]*>")


def heading_title(content: str) -> tuple[str, bool]:
    """(the text of the content's first heading as HTML, without tags or the permalink; whether it
    is an h1). The text stays as escaped as the page has it."""
    m = _FIRST_HEADING.search(content)
    if m is None:
        return "", False
    text = _TAG_ONLY.sub("", _HEADERLINK.sub("", m.group(2)))
    return " ".join(text.split()), m.group(1) == "1"


# --- rewriting one page's content ---------------------------------------------------------------


@dataclass(frozen=True)
class Links:
    """What the rewriting needs to know about the site: the print page's keys, its address."""

    keys: dict[str, str]  # site-relative page URL without a trailing "/" -> its key on the print page
    base: str  # the published address, ending in "/"
    print_url: str  # the print page's own site-relative URL


_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9:-]*)((?:\s[^>]*)?)(/?)>")
_ATTR = re.compile(r"""(\s)([A-Za-z_:][-A-Za-z0-9_:.]*)(\s*=\s*)(?:"([^"]*)"|'([^']*)')""")
_URL_REF = re.compile(r"url\(#([^)\s]+)\)")
# An attribute rewrite_page may change (ids, references to them, links, sources, lazy loading)
_WORTH_A_LOOK = re.compile(r"\s(?:id|href|xlink:href|src|for|name|loading|headers|aria-[a-z]+)\s*=|url\(#", re.I)
_IDREF_ATTRS = frozenset({"for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "headers"})
_EXTERNAL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//|/)")
_PAGE_EXT = ("", ".html", ".htm")


def _resolve(href: str, from_url: str) -> tuple[str, str, bool]:
    """A relative link as (site-relative path, fragment, whether it names a folder)."""
    path, _, fragment = href.partition("#")
    path = path.partition("?")[0]
    folder = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    joined = posixpath.normpath(posixpath.join("/" + folder, unquote(path))).lstrip("/")
    return ("" if joined == "." else joined), fragment, path.endswith("/") or path in ("", ".", "..")


def rewrite_link(href: str, key: str, page_url_: str, links: Links) -> str:
    """Where a link in page `page_url_` (key `key`) points on the print page."""
    if href.startswith("#"):
        return f"#{key}-{href[1:]}" if len(href) > 1 else href
    if not href or _EXTERNAL.match(href):
        return href
    path, fragment, folder = _resolve(href, page_url_)
    if not href.split("#")[0]:  # "?x#y" or "" on this page
        return f"#{key}-{fragment}" if fragment else f"#{key}"
    target = links.keys.get(path.removesuffix("/"))
    if target is not None:
        return f"#{target}-{fragment}" if fragment else f"#{target}"
    if folder or posixpath.splitext(path)[1] in _PAGE_EXT:
        # a page left out of print (or not in the navigation): its web address, printed after it
        suffix = "/" if folder and path else ""
        return links.base + path + suffix + (f"#{fragment}" if fragment else "")
    rebased = relative_url(path, links.print_url)
    return rebased + (f"#{fragment}" if fragment else "")


def rewrite_page(content: str, key: str, url: str, links: Links) -> str:
    """A page's content for the print page: ids prefixed with `key`, links pointed within the
    print page, collapsed blocks opened. One pass over the tags, one over each tag's attributes."""
    prefix = key + "-"

    def ref(value: str) -> str:
        return prefix + value

    def attr(name: str, value: str, tag: str) -> str:
        if name == "id":
            return ref(value)
        if name in _IDREF_ATTRS:
            return " ".join(ref(v) for v in value.split())
        if name == "href" or name == "xlink:href":  # <a>, and <use> in SVG (always "#id")
            return rewrite_link(value, key, url, links)
        if name == "src":
            return (
                value if _EXTERNAL.match(value) or value.startswith("data:") else rewrite_link(value, key, url, links)
            )
        if name == "name" and tag == "input":
            return ref(value)
        if "url(#" in value:
            return _URL_REF.sub(lambda m: f"url(#{ref(m.group(1))})", value)
        return value

    def tag(m: re.Match) -> str:
        attrs = m.group(2)
        name = m.group(1).lower()
        if name != "details" and not _WORTH_A_LOOK.search(attrs):
            return m.group()  # most tags (<p>, <td>, <span class=...>) have nothing to change
        if attrs:

            def one(a: re.Match) -> str:
                aname = a.group(2).lower()
                if aname == "loading" and name == "img":
                    return ""  # a lazy image may not have loaded when the page is printed
                value = a.group(4) if a.group(4) is not None else a.group(5)
                quote = '"' if a.group(4) is not None else "'"
                return f"{a.group(1)}{a.group(2)}{a.group(3)}{quote}{attr(aname, value, name)}{quote}"

            attrs = _ATTR.sub(one, attrs)
        if name == "details" and not re.search(r"\sopen\b", attrs):
            attrs = " open" + attrs
        return f"<{m.group(1)}{attrs}{m.group(3)}>"

    return _TAG.sub(tag, content)


# --- putting the print page together ------------------------------------------------------------

# Shown on screen above the printable edition; print.css hides it on paper.
BANNER = (
    '<div id="print-site-banner">\n<p><strong>The whole handbook on one page, for printing.</strong> Use your '
    "browser's Print command to print it or\nsave it as a PDF: navigation, search and the footer are left out "
    "of the printout, and the address of every\nexternal link is printed after it.</p>\n</div>\n"
)


def contents_list(entries: list[Entry], top_attrs: str = "") -> str:
    """The contents as the theme's navigation list (the sidebar's markup, which print.css styles)."""
    out = [f'<ul class="md-nav__list"{top_attrs}>']
    for entry in entries:
        out.append(
            f'<li class="md-nav__item">\n<a href="#{entry.anchor}" class="md-nav__link">\n'
            f'<span class="md-ellipsis">{entry.title}</span>\n</a>'
        )
        if entry.children:
            out.append(f'<nav class="md-nav" aria-label="{_attr_text(entry.title)}">')
            out.append(contents_list(entry.children))
            out.append("</nav>")
        out.append("</li>")
    out.append("</ul>")
    return "\n".join(out)


def _attr_text(title_html: str) -> str:
    """A title (HTML text without tags) as an attribute value: it is already escaped but for quotes."""
    return title_html.replace('"', "&quot;")


def contents_html(entries: list[Entry], title: str) -> str:
    return (
        '<section class="print-page">\n<div id="print-page-toc" data-toc-depth="2">\n'
        "<nav role='navigation' class='print-page-toc-nav'>\n"
        f"<h1 class='print-page-toc-title'>{escape(title)}</h1>\n{contents_list(entries)}\n</nav>\n</div>\n"
        "</section>\n"
    )


@dataclass(frozen=True)
class BuiltPage:
    """A page of the built site as the print page takes it: where it is and its content."""

    url: str
    content: str  # its own content, as built
    title: str  # HTML text for the contents


def assemble(
    nav: list, pages: dict[str, BuiltPage], links: Links, cover: str, toc_title: str
) -> tuple[str, list[Entry]]:
    """The print page's content and its contents entries. `pages` maps a nav page's src to the page
    (pages not in it are left out: excluded or not built)."""
    body: list[str] = []

    def walk(items: list, number: str) -> list[Entry]:
        entries = []
        for i, item in enumerate(items, start=1):
            mine = f"{number}{i}"
            if isinstance(item, NavSection):
                anchor = "section-" + mine.replace(".", "-")
                title = escape(item.title)
                at = len(body)
                body.append(
                    f'<section class="print-page md-section" id="{anchor}" heading-number="{mine}">\n'
                    f'<h1>{title}<a class="headerlink" href="#{anchor}" title="Permanent link"></a></h1>\n'
                )
                children = walk(list(item.children), mine + ".")
                if not children:  # a section with nothing printed in it is left out with its title
                    del body[at:]
                    continue
                body.append("</section>\n")
                entries.append(Entry(title, anchor, children))
                continue
            page = pages.get(item.src)
            if page is None:
                continue
            key = page_key(page.url)
            title = escape(item.title) if item.title else page.title
            content = rewrite_page(page.content, key, page.url, links)
            if not heading_title(page.content)[1]:  # every page starts with its title, as a chapter
                content = f"<h1>{title}</h1>\n{content}"
            body.append(f'<section class="print-page" id="{key}" heading-number="{mine}">{content}</section>\n')
            entries.append(Entry(title, key))
        return entries

    entries = walk(nav, "")
    head = '<div id="print-site-page" class="print-site-enumerate-figures">\n'
    head += cover + BANNER + contents_html(entries, toc_title)
    return head + "".join(body) + "</div>\n", entries


_EDIT_BUTTON = re.compile(r'<a\b[^>]*\sclass="md-content__button[^"]*"[^>]*>.*?</a>\s*', re.S)
_SKIP = re.compile(r'(<a href="#)[^"]*(" class="md-skip">)')
_SECONDARY_NAV = re.compile(r'<nav class="md-nav md-nav--secondary"[^>]*>')
_NAV_TAG = re.compile(r"<nav\b|</nav>")


def _with_sidebar_contents(shell: str, entries: list[Entry]) -> str:
    """The shell with its tables of contents (the sidebar's, and the copy in the navigation for
    small screens) listing the print page's pages instead of its own headings (Material's markup)."""
    out, pos = [], 0
    listing = contents_list(entries, ' data-md-component="toc" data-md-scrollfix')
    for nav in _SECONDARY_NAV.finditer(shell):
        if nav.start() < pos:
            continue
        depth, end = 0, -1
        for m in _NAV_TAG.finditer(shell, nav.start()):
            depth += -1 if m.group() == "</nav>" else 1
            if depth == 0:
                end = m.start()
                break
        if end < 0:
            break
        ul = shell.find("<ul", nav.end(), end)
        out.append(shell[pos : ul if ul >= 0 else end])
        out.append(listing + "\n")
        pos = end
    out.append(shell[pos:])
    return "".join(out)


def fill_shell(shell: str, content: str, entries: list[Entry]) -> str | None:
    """The print page's built shell with `content` in place of its own text; None: no place for it."""
    span = content_span(shell)
    if span is None:
        return None
    start, end = span
    head = shell[:start]
    article = head.rfind("<article")
    if article >= 0:  # "Edit this page" would open docs/print_page.md, not the pages printed here
        head = head[:article] + _EDIT_BUTTON.sub("", head[article:])
    if entries:  # "Skip to content" leads to the first page, not to the page's own first heading
        head = _SKIP.sub(lambda m: m.group(1) + entries[0].anchor + m.group(2), head, count=1)
    return _with_sidebar_contents(head + "\n" + content + shell[end:], entries)


_COVER = re.compile(r'<section id="print-site-cover-page">.*?</section>\s*', re.S)


def take_cover(content: str) -> str:
    """The cover the print page's own text carries (the print_cover macro), or "" when it has none."""
    m = _COVER.search(content)
    return m.group() if m else ""


# --- the site on disk -------------------------------------------------------------------------


class PrintPageError(Exception):
    """Why the print page could not be made, in words for the person running the build."""


def _merge(base: dict, over: dict) -> dict:
    """MkDocs' INHERIT: mappings merged key by key, anything else replaced."""
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def read_config(root: Path, config_file: str = "mkdocs.yml") -> dict:
    """The MkDocs configuration as a mapping (INHERIT followed), read only inside `root`."""
    from .yamlsource import read_yaml

    path = (root / config_file).resolve()
    doc, problem = read_yaml(path, root.resolve(), allow_tags=True)
    if problem is not None or doc is None or not isinstance(doc.data, dict):
        raise PrintPageError(f"{config_file} could not be read" + (f": {problem.message}" if problem else ""))
    data = dict(doc.data)
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str):
        inherited = (path.parent / parent).resolve().relative_to(root.resolve()).as_posix()
        data = _merge(read_config(root, inherited), data)
    return data


def _stem(src: str) -> str:
    return posixpath.splitext(posixpath.basename(src))[0]


def _pages_without_nav(docs: Path) -> list:
    """Without `nav:`, MkDocs lists every page: index first in each folder, then by name (sections
    are left flat here)."""
    srcs = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    return [
        NavPage(s, None)
        for s in sorted(srcs, key=lambda s: (s.rsplit("/", 1)[0] if "/" in s else "", _stem(s) not in INDEX_STEMS, s))
    ]


def print_source(root: Path, config_file: str = "mkdocs.yml") -> str:
    """The docs/ page the printable edition is made in (mkdocs.yml `extra: print_edition: page:`)."""
    return settings(read_config(root, config_file).get("extra")).page


def make_print_page(root: Path, site: Path | None = None, config_file: str = "mkdocs.yml") -> tuple[Path | None, int]:
    """Make the print page of the site built from `root`'s `config_file` (in `site`, default its
    site_dir): (the page written, how many pages it holds); (None, 0) when the project has no page
    to make it in (a fork that removed docs/print_page.md has no printable edition). Running it
    again gives the same page."""
    config = read_config(root, config_file)
    use_directory_urls = directory_urls(config)
    site = site or root / str(config.get("site_dir") or "site")
    options = settings(config.get("extra"))
    docs = root / str(config.get("docs_dir") or "docs")
    nav = read_nav(config["nav"]) if "nav" in config else _pages_without_nav(docs)
    print_src = options.page
    if not (docs / print_src).is_file():
        return None, 0
    target = site / output_file(print_src, use_directory_urls)
    if not target.is_file():
        raise PrintPageError(
            f"the built site has no {output_file(print_src, use_directory_urls)} "
            f"(docs/{print_src} is where the printable edition is made): build the site first "
            "(`make build`)"
        )
    shell = target.read_text(encoding="utf-8")
    span = content_span(shell)
    if span is None:
        raise PrintPageError(
            f"{target} has no page content to replace: is overrides/partials/actions.html the project's own?"
        )
    cover = take_cover(shell[span[0] : span[1]])

    def wanted(items: list) -> Iterable[NavPage]:
        for item in items:
            if isinstance(item, NavSection):
                yield from wanted(list(item.children))
            elif item.src != print_src and not excluded(item.src, options.exclude):
                yield item

    pages: dict[str, BuiltPage] = {}
    for item in wanted(nav):
        path = site / output_file(item.src, use_directory_urls)
        if item.src in pages or not path.is_file():  # listed twice, or left out of the build
            continue
        html = path.read_text(encoding="utf-8")
        found = content_span(html)
        if found is None:
            continue
        content = html[found[0] : found[1]]
        title = heading_title(content)[0] or escape(posixpath.splitext(posixpath.basename(item.src))[0])
        pages[item.src] = BuiltPage(page_url(item.src, use_directory_urls), content, title)
    site_url = str(config.get("site_url") or "/")
    links = Links(
        {p.url.removesuffix("/"): page_key(p.url) for p in pages.values()},
        site_url.rstrip("/") + "/",
        page_url(print_src, use_directory_urls),
    )
    content, entries = assemble(nav, pages, links, cover, options.toc_title)
    filled = fill_shell(shell, content, entries)
    assert filled is not None, "content_span found the place in this shell above"
    if filled != shell:
        target.write_text(filled, encoding="utf-8")
    return target, len(pages)


_ID = re.compile(r"""\sid=(["'])([^"'<>]+)\1""")
_IN_PAGE_HREF = re.compile(r'<a\b[^>]*?\shref="#([^"]+)"')


def anchor_problems(html: str) -> tuple[list[str], list[str]]:
    """(ids used more than once, in-page link targets with no element), for the checks and tests."""
    from collections import Counter
    from html import unescape

    ids = Counter(unescape(m.group(2)) for m in _ID.finditer(html))
    duplicates = sorted(i for i, n in ids.items() if n > 1)
    targets = {unquote(unescape(t)) for t in _IN_PAGE_HREF.findall(html)}
    missing = sorted(t for t in targets if t not in ids)
    return duplicates, missing
