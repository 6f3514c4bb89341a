"""The reader-facing "What changed" page: the curriculum diff between released versions."""

from __future__ import annotations

import itertools

from ..diff import SECTIONS, compare
from ..edition import edition
from ..model import Curriculum
from ..releases import Release, history
from .links import Ctx
from .text import inline, long_date


def _changes(old: Curriculum, new: Curriculum, hashes: str) -> str:
    report = compare(old, new)
    if not report.changes:
        return "No change to the curriculum data: modules, outcomes, competencies, hours and the examination are as before."
    parts = []
    for section in SECTIONS:
        items = [c for c in report.changes if c.section == section]
        if items:
            # diff texts quote author text: escape it here, where it becomes a page
            parts.append(f"{hashes} {section}\n\n" + "\n".join(f"- {inline(c.text)}" for c in items))
    return "\n\n".join(parts)


def what_changed(model: Curriculum, ctx: Ctx) -> str:
    """Each release against the one before, newest first, and this edition against the latest release."""
    return changes_between(model, history(model.root))


def _model(release: Release) -> Curriculum:
    assert release.model is not None, "only releases whose curriculum loaded are compared"
    return release.model


def changes_between(model: Curriculum, releases: tuple[Release, ...]) -> str:
    ed = edition(model)
    this = f"version {inline(ed.version)}" + (f" ({inline(ed.status)})" if ed.status else "")
    loaded = [r for r in releases if r.model is not None]
    if not loaded:
        return (
            f"No version of the handbook has been released yet: this edition, {this}, is the first. "
            "Once a version is released (tagged in the project's history, for example `v1.0.0`), this page "
            "lists what changed in the curriculum from one release to the next: modules, learning outcomes "
            "and criteria, competencies, hours and credits, and the examination."
        )
    blocks = []
    latest = loaded[-1]
    if compare(_model(latest), model).changes:
        blocks.append(
            f"## Since {inline(latest.tag)}: this edition, {this}\n\n" + _changes(_model(latest), model, "###")
        )
    for older, newer in reversed(list(itertools.pairwise(loaded))):
        blocks.append(
            f"## {inline(newer.tag)}, released {long_date(newer.date)}\n\nCompared with {inline(older.tag)}.\n\n"
            + _changes(_model(older), _model(newer), "###")
        )
    first = loaded[0]
    blocks.append(f"## {inline(first.tag)}, released {long_date(first.date)}\n\nThe first released version.")
    return "\n\n".join(blocks)
