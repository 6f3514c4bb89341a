"""Write each download's size into the built pages that list it.

The downloads table (engine/render/downloads.py) marks a cell for every file with
`data-cpscp-size="<site-relative path>"`; the files exist only once `make build` has written
the exports and the PDFs, so this runs last (scripts/pdf.py). A file that is missing keeps
an empty cell, and scripts/check_site.py reports the missing file itself.
"""

from __future__ import annotations

import re
from html import escape, unescape
from pathlib import Path

from cpscp_engine.render.downloads import size_label

_CELL = re.compile(r'(<td class="cpscp-size" data-cpscp-size="([^"]*)">)(.*?)(</td>)', re.S)


def fill_sizes(site: Path) -> int:
    """Fill every size cell in the site's pages; the number of cells filled."""
    filled = 0
    site = site.resolve()
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "data-cpscp-size" not in html:
            continue

        def size_of(m: re.Match) -> str:
            nonlocal filled
            target = (site / unescape(m.group(2))).resolve()
            if not target.is_relative_to(site) or not target.is_file():  # only files inside the site
                return m.group(1) + m.group(4)
            filled += 1
            return m.group(1) + escape(size_label(target.stat().st_size)) + m.group(4)

        new = _CELL.sub(size_of, html)
        if new != html:
            page.write_text(new, encoding="utf-8")
    return filled
