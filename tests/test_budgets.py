"""Budgets for the built site: page weight, search index size, text alternatives.

Run with -s to see the measured numbers.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from browser import builtsite
from cpscp_engine.site import SEARCH_INDEX

pytestmark = pytest.mark.slow

HOME_BUDGET = 500 * 1024  # bytes, uncompressed: the HTML and everything it loads
SEARCH_INDEX_BUDGET = 2 * 1024 * 1024

# <link rel> values that make the browser fetch the file on page load.
_FETCHED_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "manifest"}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""")
_CSS_IMPORT = re.compile(r"""@import\s+(['"])(.*?)\1""")


@pytest.fixture(scope="module")
def site(request) -> Path:
    return builtsite.site_dir(request)


class _Assets(HTMLParser):
    """Collects the URLs a page makes the browser fetch on load."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._config = False
        self.config_text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("href") and _FETCHED_RELS & set((a.get("rel") or "").lower().split()):
            self.urls.append(a["href"])
        elif tag in ("script", "img", "source", "iframe", "audio", "video", "track", "embed") and a.get("src"):
            self.urls.append(a["src"])
        if tag in ("img", "source") and a.get("srcset"):
            self.urls.extend(part.split()[0] for part in a["srcset"].split(",") if part.strip())
        if tag == "video" and a.get("poster"):
            self.urls.append(a["poster"])
        if tag == "object" and a.get("data"):
            self.urls.append(a["data"])
        self._config = tag == "script" and a.get("id") == "__config"

    def handle_data(self, data):
        if self._config:
            self.config_text += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._config = False


def _local_file(site: Path, page: Path, url: str) -> Path | None:
    """The file a same-site URL names, or None for another host, data: and the like."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    base = site if parts.path.startswith("/") else page.parent
    target = (base / unquote(parts.path.lstrip("/"))).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target


def _page_weight(site: Path, page: Path) -> tuple[int, dict[str, int], list[str]]:
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    urls = list(parser.urls)
    # Material starts its search worker from the script named in its inline config.
    if parser.config_text.strip():
        worker = json.loads(parser.config_text).get("search")
        if worker:
            urls.append(worker)

    sizes: dict[str, int] = {}
    missing: list[str] = []
    queue = [(page, url) for url in urls]
    while queue:
        referrer, url = queue.pop()
        path = _local_file(site, referrer, url)
        if path is None:
            continue
        key = path.relative_to(site.resolve()).as_posix() if path.is_relative_to(site.resolve()) else str(path)
        if key in sizes:
            continue
        if not path.is_file():
            missing.append(f"{url} (from {referrer.name})")
            continue
        sizes[key] = path.stat().st_size
        if path.suffix == ".css":
            # Fonts and images come in through the stylesheets, not the HTML.
            css = path.read_text(encoding="utf-8", errors="replace")
            refs = [m.group(2) for m in _CSS_URL.finditer(css)] + [m.group(2) for m in _CSS_IMPORT.finditer(css)]
            queue.extend((path, ref) for ref in refs if not ref.startswith(("data:", "#")))
    html = page.stat().st_size
    return html + sum(sizes.values()), {"(HTML) " + page.name: html, **sizes}, missing


def test_home_page_weight(site):
    total, parts, missing = _page_weight(site, site / "index.html")
    print(f"\nhome page: {total / 1024:.1f} KiB uncompressed (budget {HOME_BUDGET // 1024} KiB)")
    for name, size in sorted(parts.items(), key=lambda item: -item[1]):
        print(f"  {size / 1024:8.1f} KiB  {name}")
    assert not missing, "the home page references files that are not in the site: " + ", ".join(missing)
    assert total < HOME_BUDGET, f"home page weighs {total} bytes, over the {HOME_BUDGET}-byte budget"


def test_search_index_size(site):
    index = site / SEARCH_INDEX
    assert index.is_file(), "search/search_index.json is missing: is the search plugin enabled?"
    size = index.stat().st_size
    docs = len(json.loads(index.read_text(encoding="utf-8")).get("docs", []))
    print(f"\nsearch index: {size / 1024:.1f} KiB, {docs} entries (budget {SEARCH_INDEX_BUDGET // 1024} KiB)")
    assert size < SEARCH_INDEX_BUDGET, f"search index is {size} bytes, over the {SEARCH_INDEX_BUDGET}-byte budget"


class _TextAlternatives(HTMLParser):
    """Finds <img> without alt text and <svg role="img"> without an accessible name."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images = 0
        self.problems: list[str] = []
        self.ids: set[str] = set()
        self.labelledby: list[tuple[str, str]] = []
        self._svg: list[dict] = []  # open <svg> elements, innermost last
        self._in_title = False

    def _where(self) -> str:
        return f"line {self.getpos()[0]}"

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "img":
            self.images += 1
            if not (a.get("alt") or "").strip():
                self.problems.append(f"<img src={a.get('src')!r}> has no alt text ({self._where()})")
        elif tag == "svg":
            named = any((a.get(k) or "").strip() for k in ("aria-label", "aria-labelledby", "title"))
            role_img = (a.get("role") or "").strip() == "img"
            if role_img and a.get("aria-labelledby"):
                self.labelledby.append((a["aria-labelledby"], self._where()))
            self._svg.append({"role_img": role_img, "named": named, "where": self._where()})
            if role_img:
                self.images += 1
        elif tag == "title" and self._svg:
            self._in_title = True

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "svg":
            self.handle_endtag(tag)

    def handle_data(self, data):
        if self._in_title and data.strip():
            self._svg[-1]["named"] = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "svg" and self._svg:
            svg = self._svg.pop()
            if svg["role_img"] and not svg["named"]:
                self.problems.append(f'<svg role="img"> has no aria-label, aria-labelledby or title ({svg["where"]})')

    def close(self):
        super().close()
        for ref, where in self.labelledby:
            for ident in ref.split():
                if ident not in self.ids:
                    self.problems.append(f'<svg role="img"> aria-labelledby names a missing id {ident!r} ({where})')


def test_every_image_has_a_text_alternative(site):
    pages = sorted(site.rglob("*.html"))
    assert pages, "the site has no HTML pages"
    problems, images = {}, 0
    for page in pages:
        checker = _TextAlternatives()
        checker.feed(page.read_text(encoding="utf-8"))
        checker.close()
        images += checker.images
        if checker.problems:
            problems[page.relative_to(site).as_posix()] = checker.problems
    print(f"\ntext alternatives: {images} images (<img> and <svg role=img>) in {len(pages)} pages")
    assert not problems, "images without a text alternative:\n" + "\n".join(
        f"  {page}: {problem}" for page, items in problems.items() for problem in items
    )
