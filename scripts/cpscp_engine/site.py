"""Where each page and file lives in the built site: the one place URLs are worked out.

MkDocs gives the page built from `a/b.md` the URL `a/b/` (or `a/b.html` without directory
URLs) and writes it to `a/b/index.html`; the published address puts `site_url` in front.
Render functions (links between pages), exports (absolute URLs), scripts/check_site.py and
the tests all ask here, so how the site is addressed is decided once.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

# Anchors that something outside the page points at (the Open Badges template, the footer).
STATUS_ANCHOR = "award-status"
AWARD_RULES_ANCHOR = "award-rules"
# The search index Material's search plugin writes; every page's search worker fetches it and
# builds its index from it when the page opens.
SEARCH_INDEX = "search/search_index.json"


@dataclass(frozen=True)
class Pages:
    """Where the programme-wide pages live, relative to docs/."""

    home: str = "index.md"
    competencies: str = "competencies.md"
    glossary: str = "glossary.md"
    references: str = "references.md"
    assessment: str = "assessment.md"
    about: str = "about.md"
    changes: str = "changes.md"  # what changed in each edition (the footer links to it)
    modules: str = "modules/index.md"
    practice_questions: str = "practice-questions.md"
    practice_answers: str = "practice-answers.md"


def directory_urls(settings: object) -> bool:
    """MkDocs' use_directory_urls in a configuration mapping: true (its default) unless set false."""
    get = getattr(settings, "get", None)
    return get("use_directory_urls", True) is not False if callable(get) else True


# The page names MkDocs takes as their folder's own page (a/index.md is a/).
INDEX_STEMS = ("index", "README")


def page_url(src: str, directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs gives the page built from `src` (e.g. 'a/b.md' -> 'a/b/')."""
    stem = posixpath.splitext(src)[0]
    folder, name = posixpath.split(stem)
    if name in INDEX_STEMS:
        if directory_urls:
            return f"{folder}/" if folder else ""
        return f"{folder}/index.html" if folder else "index.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def output_file(src: str, directory_urls: bool = True) -> str:
    """The file, relative to the built site, that MkDocs writes for the page `src`."""
    url = page_url(src, directory_urls)
    return url + "index.html" if url.endswith("/") or not url else url


def relative_url(to_url: str, from_url: str) -> str:
    """`to_url` as seen from the page at `from_url` (both site-relative, as page_url gives them)."""
    from_dir = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath("/" + to_url, "/" + from_dir)
    if rel == ".":
        return "./"
    if to_url.endswith("/") or not to_url:
        rel += "/"
    return rel


@dataclass(frozen=True)
class Site:
    """The published site: its address, how it builds URLs, and where its pages are."""

    base: str  # the published address, ending in "/"
    directory_urls: bool = True
    pages: Pages = field(default_factory=Pages)

    def page(self, src: str, anchor: str = "") -> str:
        """The absolute URL of docs page `src` (and an anchor on it)."""
        return self.base + page_url(src, self.directory_urls) + (f"#{anchor}" if anchor else "")

    def file(self, path: str) -> str:
        """The absolute URL of a file written into the site, e.g. 'exports/case-1.1.json'."""
        return self.base + path.lstrip("/")


def site_of(model) -> Site:
    """The site the curriculum is published as: mkdocs.yml's site_url, else the programme's uri."""
    configured = model.site.get("site_url")
    base = configured[0] if configured else model.programme.uri
    return Site(base.rstrip("/") + "/", model.directory_urls)
