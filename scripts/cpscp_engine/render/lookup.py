"""Finding what a macro argument names, and linking to it.

Lookups of macro arguments raise UnknownId (the build stops); links for ids found inside
the data degrade to plain text, because a broken cross-reference in the data is the
validator's to report.
"""

from __future__ import annotations

from ..model import Competency, Curriculum, Module, Task
from .errors import Unavailable, UnknownId
from .links import Ctx, slug
from .text import inline, missing_block

MODULE_HINT = "ids are listed in curriculum/modules/"
COMPETENCY_HINT = "ids are listed in curriculum/competencies.yml"


def get_module(model: Curriculum, module_id: str) -> Module:
    module = model.module(str(module_id))
    if module is None:
        if "modules" not in model.loaded:
            raise Unavailable("curriculum/modules/", missing_block(f"data of module {inline(module_id)}"))
        raise UnknownId("module id", str(module_id), MODULE_HINT)
    return module


def get_competency(model: Curriculum, competency_id: str, inline_use: bool = False) -> Competency:
    comp = model.competency(str(competency_id))
    if comp is None:
        if "competencies" not in model.loaded:
            text = inline(competency_id) if inline_use else missing_block("competency framework")
            raise Unavailable("curriculum/competencies.yml", text)
        raise UnknownId("competency id", str(competency_id), COMPETENCY_HINT)
    return comp


def task_anchor(task: Task) -> str:
    return slug(task.id)


def competency_anchor(competency_id: str) -> str:
    return slug(competency_id)


def module_label(module: Module) -> str:
    return f"{inline(module.id)} {inline(module.title)}"


def module_link(model: Curriculum, ctx: Ctx, module_id: str, text: str | None = None, anchor: str = "") -> str:
    module = model.module(module_id)
    if module is None:
        return inline(module_id)
    return f"[{text if text is not None else module_label(module)}]({ctx.md(module.page, anchor)})"


def competency_label(comp: Competency) -> str:
    return f"{inline(comp.id)} {inline(comp.title)}"


def competency_link(model: Curriculum, ctx: Ctx, competency_id: str) -> str:
    comp = model.competency(competency_id)
    if comp is None:
        return inline(competency_id)
    return f"[{competency_label(comp)}]({ctx.md(ctx.pages.competencies, competency_anchor(comp.id))})"


def task_link(model: Curriculum, ctx: Ctx, module: Module, task: Task) -> str:
    return f"[{inline(task.id)}]({ctx.md(module.page, task_anchor(task))})"
