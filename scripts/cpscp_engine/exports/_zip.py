"""Office files are ZIP archives: rewrite one with fixed entry dates, so a rebuild is byte-identical."""

from __future__ import annotations

import io
import zipfile

FIXED = (2020, 1, 1, 0, 0, 0)  # ZIP entry dates carry no meaning here; the document metadata has the date


def reproducible(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
