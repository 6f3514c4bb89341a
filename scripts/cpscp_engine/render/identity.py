"""Who the programme is and how many modules it has, for prose that must follow the data.

A provider renames the programme or drops modules in the data alone, so pages say
"{{ programme_value("short_code") }}", "{{ module_count() }} modules" and
"{{ module_link("M10") }}" instead of writing the name, the count or the number out.
"""

from __future__ import annotations

import dataclasses

from ..model import Attribution, Curriculum, Module
from ..outline import NUMBER_WORDS
from .errors import BadArgument, Unavailable, UnknownId
from .links import Ctx
from .lookup import MODULE_HINT
from .text import inline

_WORDS = ("no", *NUMBER_WORDS[1:])  # "no modules", not "zero modules"


def count_words(n: int, capital: bool = False) -> str:
    """A count as prose: words up to twenty (UK style guides), figures above."""
    text = _WORDS[n] if 0 <= n < len(_WORDS) else str(n)
    return text[:1].upper() + text[1:] if capital else text


def placement_module(model: Curriculum) -> Module | None:
    """The module that is the supervised placement (programme.yml placement.module), if there is one."""
    if model.programme is None:
        return None
    return model.module(str(model.programme.placement.module))


def online_modules(model: Curriculum) -> list[Module]:
    """The taught modules: every module except the placement."""
    placement = placement_module(model)
    return [m for m in model.modules if placement is None or m.id != placement.id]


def _need_modules(model: Curriculum, what: str) -> None:
    if not model.modules and "modules" not in model.loaded:
        raise Unavailable("curriculum/modules/", what)


def module_count(model: Curriculum, ctx: Ctx, capital: bool = False) -> str:
    """How many modules the programme has, in words ("thirteen"); capital=True starts a sentence."""
    _need_modules(model, "the modules")
    return count_words(len(model.modules), bool(capital))


def online_module_count(model: Curriculum, ctx: Ctx, capital: bool = False) -> str:
    """How many modules are taught online (all but the placement), in words."""
    _need_modules(model, "the online modules")
    return count_words(len(online_modules(model)), bool(capital))


def module_link(model: Curriculum, ctx: Ctx, module_id: str, text: str | None = None, titled: bool = False) -> str:
    """A link to a module's page: "Module N" with N its place in the programme ("Module N: Title"
    with titled=True), or `text`."""
    _need_modules(model, inline(f"module {module_id}"))
    module = model.module(str(module_id))
    if module is None:
        raise UnknownId("module id", str(module_id), MODULE_HINT)
    shown = f"Module {module.number}" + (f": {inline(module.title)}" if titled else "")
    if text is not None:
        shown = inline(text)
    return f"[{shown}]({ctx.md(module.page)})"


_NOT_FIELDS = ("file", "loc", "field_locs", "content_policy")


def _field(programme, name: str):
    value = programme
    for part in str(name).split("."):
        if (
            not dataclasses.is_dataclass(value)
            or part.startswith("_")
            or part in _NOT_FIELDS
            or part not in {f.name for f in dataclasses.fields(value)}
        ):
            raise UnknownId(
                "programme field",
                str(name),
                "fields are the keys of curriculum/programme.yml, "
                "and a field inside another is written with a dot, e.g. provider.name",
            )
        value = getattr(value, part)
    return value


def text_fields(programme, prefix: str = "") -> list[str]:
    """The names programme_value() accepts: text and number fields, with a dot for those inside another."""
    names = []
    for f in dataclasses.fields(programme):
        if f.name in _NOT_FIELDS:
            continue
        value = getattr(programme, f.name)
        if dataclasses.is_dataclass(value):
            names += text_fields(value, f"{prefix}{f.name}.")
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            names.append(f"{prefix}{f.name}")
    return names


def programme_value(model: Curriculum, ctx: Ctx, name: str) -> str:
    """A text field of programme.yml, escaped: programme_value("title"), programme_value("provider.name")."""
    if model.programme is None:
        raise Unavailable("curriculum/programme.yml", "")
    value = _field(model.programme, name)
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise BadArgument(
            f"programme field '{name}' is not text",
            "use a field such as title, short_code, version, provider.name or award_status",
        )
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return inline(value)


def attribution_notice(model: Curriculum) -> str:
    """The licence's attribution notice as plain text ("" when programme.yml has none)."""
    p = model.programme
    if p is None or p.attribution is None:
        return ""
    return " ".join(p.attribution.notice.split())


def attribution(model: Curriculum, ctx: Ctx) -> str:
    """The attribution notice for a page, as inert inline Markdown (the span alone would not stop
    Markdown inside it), marked, like the footer's, as the notice."""
    if model.programme is None:
        raise Unavailable("curriculum/programme.yml", "")
    return f'<span class="cpscp-attribution">{inline(attribution_notice(model))}</span>'


def identity(model: Curriculum) -> dict[str, str]:
    """Plain-text identity for templates outside the pages (footer, print cover): they escape it."""
    p = model.programme
    if p is None:
        return {}
    a = p.attribution or Attribution("")  # without one, the content licence's defaults
    return {
        "title": p.title,
        "short_code": p.short_code,
        "provider": p.provider.name,
        "summary": " ".join(p.summary.split()),
        "uri": p.uri,
        "attribution": attribution_notice(model),
        "licence": a.licence,
        "licence_url": a.licence_url,
    }
