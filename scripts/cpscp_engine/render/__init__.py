"""Render the curriculum model as Markdown for the handbook's pages.

Pure functions: each takes the model, a Ctx (the page being rendered and how the site
builds URLs) and the macro's own arguments, and returns Markdown (with a little raw HTML
where Markdown cannot express it). Nothing here imports MkDocs; macros/__init__.py is the
thin adapter that registers the macros of render/registry.py with mkdocs-macros.

Argument errors raise RenderError (UnknownId, BadArgument): the build stops. A curriculum
file that could not be loaded raises Unavailable with a placeholder to show instead.
"""

from __future__ import annotations

from . import registry
from .changes import what_changed
from .competencies import competency, competency_coverage, competency_framework, competency_map
from .delivery import EDITIONS, activities, assessment_briefs, reflection_questions
from .downloads import downloads, tutor_downloads
from .errors import BadArgument, RenderError, Unavailable, UnknownId
from .exam import exam_blueprint, practice_answers, practice_questions
from .glossary import glossary, term
from .home import at_a_glance, edition_note, print_cover
from .identity import attribution, identity, module_count, module_link, online_module_count, programme_value
from .links import Ctx, Pages, page_url, relative_url
from .logbook import placement_logbook
from .modules import assessment_tasks, module_competencies, module_facts, outcomes
from .programme import award_rules, pathways, placement, programme_structure, status_statement
from .refs import cite, further_reading, references, short_author

# Every macro a page may call, name -> renderer; registry.MACROS says what each argument is.
MACROS = {name: macro.render for name, macro in registry.MACROS.items()}

__all__ = [
    "MACROS",
    "EDITIONS",
    "tutor_downloads",
    "Ctx",
    "Pages",
    "RenderError",
    "UnknownId",
    "BadArgument",
    "Unavailable",
    "page_url",
    "relative_url",
    "short_author",
    "registry",
    "identity",
    *(name for name in MACROS if name in globals()),
]
