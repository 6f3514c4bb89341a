"""<code>-common-cartridge-1.3.imscc: the handbook as an IMS Common Cartridge 1.3 package.

One web-content resource per module page plus the programme overview, organised as the
handbook is, so a provider can import it into Moodle, Canvas or Blackboard. The pages come
from the built site (the article of each page), so the cartridge shows what the site shows.
"""

from __future__ import annotations

import io
import re
import zipfile
from html import escape
from urllib.parse import urljoin
from xml.sax.saxutils import quoteattr

from ..model import Curriculum
from ..site import Pages, site_of
from . import attribution, edition_label, qti

NS = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
LOM = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (
    f"{NS} http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd "
    f"{LOM} http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lommanifest_v1p0.xsd"
)
_ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_LINK = re.compile(r'(\s(?:href|src))="([^"#][^"]*)"')
_EDIT = re.compile(r'<a href="[^"]*" title="Edit this page" class="md-content__button[^"]*">.*?</a>', re.S)


def article(html: str, url: str) -> str:
    """The content of a built page, with links made absolute so they work inside an LMS."""
    found = _ARTICLE.search(html)
    body = found.group(1) if found else html
    body = _EDIT.sub("", _HEADERLINK.sub("", body))

    def absolute(match: re.Match) -> str:
        target = match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):
            return match.group(0)
        return f'{match.group(1)}="{escape(urljoin(url, target), quote=True)}"'

    return _LINK.sub(absolute, body).strip()


def _document(title: str, body: str, notice: str = "", lang: str = "en") -> str:
    footer = f"<footer>\n<p>{escape(notice)}</p>\n</footer>\n" if notice else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n</head>\n<body>\n<main>\n{body}\n</main>\n{footer}</body>\n</html>\n"
    )


def manifest(model: Curriculum, entries: list[tuple[str, str, str]], banks=()) -> str:
    """entries: (identifier suffix, title, href) in handbook order; the first is the overview."""
    p = model.require_programme()
    items, resources = [], []
    overview, modules = entries[0], entries[1:]

    def item(key: str, title: str) -> str:
        return f'<item identifier="I_{key}" identifierref="R_{key}"><title>{escape(title)}</title></item>'

    items.append(item(overview[0], overview[1]))
    items.append(
        '<item identifier="I_modules"><title>Modules</title>' + "".join(item(k, t) for k, t, _ in modules) + "</item>"
    )
    for key, _title, href in entries:
        resources.append(
            f'<resource identifier="R_{key}" type="webcontent" href={quoteattr(href)}>'
            f"<file href={quoteattr(href)}/></resource>"
        )
    # Question banks (exports/qti.py) are resources only: the CC profile forbids an
    # organisation item pointing at a bank, and a bank resource has no href of its own.
    for bank in banks:
        resources.append(
            f'<resource identifier="R_{bank.key}" type="{qti.RESOURCE_TYPE}">'
            f"<file href={quoteattr(bank.href)}/></resource>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<manifest identifier={quoteattr('M_' + p.id + '_' + p.version.replace('.', '_'))} "
        f'xmlns="{NS}" xmlns:lomimscc="{LOM}" xmlns:xsi="{XSI}" xsi:schemaLocation="{SCHEMA_LOCATION}">\n'
        "<metadata><schema>IMS Common Cartridge</schema><schemaversion>1.3.0</schemaversion>"
        "<lomimscc:lom><lomimscc:general>"
        f'<lomimscc:title><lomimscc:string language="en">{escape(p.title)}</lomimscc:string></lomimscc:title>'
        f'<lomimscc:description><lomimscc:string language="en">{escape(p.summary)}</lomimscc:string></lomimscc:description>'
        "</lomimscc:general>"
        # The edition (version, status, review date) as LOM's version of the course.
        f'<lomimscc:lifeCycle><lomimscc:version><lomimscc:string language="en">{escape(edition_label(model))}'
        "</lomimscc:string></lomimscc:version></lomimscc:lifeCycle>"
        # The content licence's attribution notice travels with the course into the platform.
        "<lomimscc:rights><lomimscc:copyrightAndOtherRestrictions><lomimscc:source>LOMv1.0</lomimscc:source>"
        "<lomimscc:value>yes</lomimscc:value></lomimscc:copyrightAndOtherRestrictions>"
        f'<lomimscc:description><lomimscc:string language="en">{escape(attribution(model))}</lomimscc:string>'
        "</lomimscc:description></lomimscc:rights>"
        "</lomimscc:lom></metadata>\n"
        '<organizations><organization identifier="O_1" structure="rooted-hierarchy"><item identifier="I_root">'
        + "".join(items)
        + "</item></organization></organizations>\n"
        "<resources>" + "".join(resources) + "</resources>\n</manifest>\n"
    )


def export(model: Curriculum, pages_html: dict[str, str], overview_page: str = Pages().about) -> bytes:
    """pages_html maps a docs page path (e.g. 'modules/01-x.md') to its built HTML."""
    p = model.require_programme()
    site = site_of(model)
    entries: list[tuple[str, str, str]] = []
    files: dict[str, str] = {}

    def add(key: str, title: str, page: str) -> None:
        href = f"pages/{key.lower()}.html"
        url = site.page(page)
        body = article(pages_html[page], url) if page in pages_html else ""
        if not body:
            raise KeyError(f"the built page for {page} was not found: build the site before exporting")
        files[href] = _document(title, body, attribution(model))
        entries.append((key, title, href))

    add("overview", f"{p.title}: programme overview", overview_page)
    for m in model.modules:
        add(m.id, f"Module {m.number}: {m.title}", m.page)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        # A fixed date keeps the archive byte-for-byte reproducible.
        def write(name: str, data: str | bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data if isinstance(data, bytes) else data.encode("utf-8"))

        banks = qti.banks(model)
        write("imsmanifest.xml", manifest(model, entries, banks))
        for name, data in files.items():
            write(name, data)
        for bank in banks:
            write(bank.href, bank.xml)
    return buffer.getvalue()
