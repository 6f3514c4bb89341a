"""Write every export into a folder. Used by scripts/export.py and the tests."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from ..model import Curriculum
from ..site import Pages, output_file
from . import badge, cartridge, case, curriculum_json, file_names, outcomes_csv, tutor_files


def build_timestamp(root: Path) -> str:
    """A reproducible timestamp: SOURCE_DATE_EPOCH, else the last commit, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        moment = datetime.fromtimestamp(int(epoch), UTC)
    else:
        try:
            out = subprocess.run(
                ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=10, check=True
            ).stdout.strip()
            moment = datetime.fromtimestamp(int(out), UTC)
        except (OSError, subprocess.SubprocessError, ValueError):
            moment = datetime.now(UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def read_site_pages(model: Curriculum, site: Path) -> dict[str, str]:
    pages = {}
    for page in [Pages().about, Pages().home] + [m.page for m in model.modules]:
        path = site / output_file(page, model.directory_urls)
        if path.exists():
            pages[page] = path.read_text(encoding="utf-8")
    return pages


def write_all(model: Curriculum, out: Path, site: Path, timestamp: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    names = file_names(model)

    def dump(name: str, data) -> Path:
        path = out / names[name]
        if isinstance(data, bytes):
            path.write_bytes(data)
        elif isinstance(data, str):
            path.write_text(data, encoding="utf-8", newline="")
        else:
            path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return path

    return [
        dump("curriculum", curriculum_json.export(model)),
        dump("curriculum_schema", curriculum_json.schema(model)),
        dump("outcomes", outcomes_csv.export(model)),
        dump("case", case.export(model, timestamp)),
        dump("badge", badge.export(model, timestamp)),
        dump("cartridge", cartridge.export(model, read_site_pages(model, site))),
        *(dump(key, data) for key, data in tutor_files(model, timestamp).items()),
    ]
