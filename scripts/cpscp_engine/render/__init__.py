"""Render the curriculum model as Markdown for the handbook's pages.

Pure functions: each takes the model, a Ctx (the page being rendered and how the site
builds URLs) and the macro's own arguments, and returns Markdown (with a little raw HTML
where Markdown cannot express it). Nothing here imports MkDocs; macros/__init__.py is the
thin adapter that registers MACROS with mkdocs-macros.

Argument errors raise RenderError (UnknownId, BadArgument): the build stops. A curriculum
file that could not be loaded raises Unavailable with a placeholder to show instead.
"""
from __future__ import annotations

from .competencies import competency, competency_coverage, competency_framework, competency_map
from .errors import BadArgument, RenderError, Unavailable, UnknownId, error_block
from .downloads import downloads
from .exam import exam_blueprint, practice_questions
from .glossary import glossary, term
from .links import Ctx, Pages, page_url, relative_url
from .modules import assessment_tasks, module_competencies, module_facts, outcomes
from .identity import attribution, identity, module_count, module_link, online_module_count, programme_value
from .programme import award_rules, pathways, placement, programme_structure, status_statement
from .refs import cite, further_reading, references, short_author

# The macro names content writers use: changing one breaks pages (and the validator's scan).
MACROS = {
    "module_facts": module_facts,
    "outcomes": outcomes,
    "module_competencies": module_competencies,
    "assessment_tasks": assessment_tasks,
    "further_reading": further_reading,
    "programme_structure": programme_structure,
    "pathways": pathways,
    "placement": placement,
    "award_rules": award_rules,
    "status_statement": status_statement,
    "competency_framework": competency_framework,
    "competency_map": competency_map,
    "competency_coverage": competency_coverage,
    "exam_blueprint": exam_blueprint,
    "practice_questions": practice_questions,
    "glossary": glossary,
    "references": references,
    "cite": cite,
    "term": term,
    "competency": competency,
    "programme_value": programme_value,
    "module_count": module_count,
    "online_module_count": online_module_count,
    "module_link": module_link,
    "attribution": attribution,
    "downloads": downloads,
}

__all__ = ["MACROS", "Ctx", "identity", "error_block", "Pages", "RenderError", "UnknownId", "BadArgument", "Unavailable", "page_url",
           "relative_url", "short_author", *MACROS]
