"""Delivery files for tests: the synthetic generator's, for any module's data.

cpscp_engine.synthetic writes a valid delivery file for every module it generates; these
helpers write the same for other curricula (a copy of the real handbook) and let a test
remove some. The texts carry unique markers (TUTORNOTE-..., MODELANSWER-...) so tests can
search built output.
"""

from __future__ import annotations

from pathlib import Path

import yaml

import yamlio
from cpscp_engine.synthetic import delivery


def dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def delivery_for(module: dict) -> dict:
    return delivery(module)


def write_deliveries(root: Path, count: int | None = None) -> list[Path]:
    """Write a delivery file for the first `count` modules (all when None) and none for the rest."""
    out = root / "curriculum" / "delivery"
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for i, path in enumerate(sorted((root / "curriculum" / "modules").glob("*.yml"))):
        target = out / path.name
        if count is not None and i >= count:
            target.unlink(missing_ok=True)
            continue
        module = yamlio.load(path.read_text(encoding="utf-8"))
        target.write_text(dump(delivery_for(module)), encoding="utf-8")
        written.append(target)
    return written
