"""Open-data exports of the curriculum: pure functions from the model to files' contents.

Each exporter takes the model (and, where it needs them, a timestamp or rendered pages) and
returns bytes or a JSON-ready dict; the CLI (scripts/export.py) decides where they are written.
"""

from __future__ import annotations

import uuid

from ..model import Attribution, Curriculum


def namespace(model: Curriculum) -> uuid.UUID:
    """The UUIDv5 namespace for this programme: re-exports keep every identifier stable."""
    return uuid.uuid5(uuid.NAMESPACE_URL, model.require_programme().uri)


def stable_uuid(model: Curriculum, kind: str, item_id: str) -> str:
    return str(uuid.uuid5(namespace(model), f"{kind}:{item_id}"))


def attribution(model: Curriculum) -> str:
    """The content licence's attribution notice (programme.yml attribution.notice), on one line."""
    a = model.require_programme().attribution
    return " ".join(a.notice.split()) if a else ""


def licence_url(model: Curriculum) -> str:
    a = model.require_programme().attribution
    return (a or Attribution("")).licence_url


# The folder of the built site the exports are written into (scripts/export.py).
FOLDER = "exports"


def site_paths(model: Curriculum) -> dict[str, str]:
    """Where each export is in the built site, keyed by exporter."""
    return {key: f"{FOLDER}/{name}" for key, name in file_names(model).items()}


def edition_label(model: Curriculum) -> str:
    """'1.0.0 (draft), last reviewed 2026-12-01': the edition as every export states it."""
    from ..edition import edition

    ed = edition(model)
    return (
        ed.version
        + (f" ({ed.status})" if ed.status else "")
        + (f", last reviewed {ed.reviewed}" if ed.reviewed else "")
    )


def file_names(model: Curriculum) -> dict[str, str]:
    """The published file name of each export, keyed by exporter."""
    code = model.require_programme().short_code.lower()
    return {
        "curriculum": "curriculum.json",
        "curriculum_schema": "curriculum.schema.json",
        "outcomes": "outcomes.csv",
        "case": "case-1.1.json",
        "badge": "open-badge-3.0.json",
        "cartridge": f"{code}-common-cartridge-1.3.imscc",
        **tutor_file_names(model),
    }


def tutor_file_names(model: Curriculum) -> dict[str, str]:
    """Files for tutors and assessors (issue 11): briefs per module with a delivery file, logbook, quizzes."""
    code = model.require_programme().short_code.lower()
    briefs = {
        f"briefs_{m.id}": f"{code}-briefs-{m.id.lower()}.docx"
        for m in model.modules
        if model.delivery(m.id) is not None and m.assessment
    }
    return {
        **briefs,
        "logbook_xlsx": f"{code}-placement-logbook.xlsx",
        "logbook_csv": f"{code}-placement-logbook.csv",
        "moodle_xml": f"{code}-practice-questions-moodle.xml",
    }


def tutor_files(model: Curriculum, timestamp: str) -> dict[str, bytes]:
    """The contents of the tutor_file_names files, keyed the same way (pure: no built site needed)."""
    from . import briefs_docx, logbook, moodle_xml  # python-docx and openpyxl load only when exporting

    out: dict[str, bytes] = {}
    names = tutor_file_names(model)
    for m in model.modules:
        if f"briefs_{m.id}" in names:
            out[f"briefs_{m.id}"] = briefs_docx.export(model, m, timestamp)
    out["logbook_xlsx"] = logbook.export_xlsx(model, timestamp)
    out["logbook_csv"] = logbook.export_csv(model).encode("utf-8")
    out["moodle_xml"] = moodle_xml.export(model)
    return out
