"""pagesyntax.expand: a page's macro calls made without compiling it, with Jinja's output."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest

import macros
from cpscp_engine import pagesyntax
from cpscp_engine.loader import load

PROJECT = Path(__file__).resolve().parent.parent


def shown(name):
    """A stand-in macro that shows how it was called, so a wrong argument or order shows."""

    def macro(*args, **kwargs):
        return f"<{name}{args!r}{sorted(kwargs.items())!r}>"

    return macro


FAKES = {
    "cite": shown("cite"),
    "term": shown("term"),
    "outcomes": shown("outcomes"),
    "chart_module_hours": shown("chart_module_hours"),
    "module_facts": lambda *a: 42,
    "pathways": lambda: "Line one\r\nline two\n",
}


def jinja_render(text: str) -> str:
    # Like mkdocs-macros: the page is Markdown, not HTML, so no autoescape; the renderers escape.
    return jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(text).render(**FAKES)  # noqa: S701


def expand(text: str) -> str | None:
    calls, problems = pagesyntax.scan(text)
    assert problems == []
    return pagesyntax.expand(text, calls, lambda c: FAKES[c.name](*c.args, **dict(c.kwargs)))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# Plain page\n\nNo calls at all.\n",
        'A {{ cite("a-1", \'b-2\') }} b {{term( "t" , text="it’s" )}}.\n',
        (
            '{{ outcomes("M01", level=2) }} {{ outcomes(module_id="M02") }} {{ chart_module_hours(table=false) }}'
            " {{ chart_module_hours(True) }}"
        ),
        '{{ cite(\n  "x",\n) }}\n\n\n',
        'Windows\r\nline ends\r\n{{ module_facts("M01") }}\rold Mac\r\n',  # and a macro that returns a number
        "{{ pathways() }}\n",  # what a macro returns keeps its own line ends
        'Ends with a call {{ cite("z") }}',
        'Braces in an argument {{ term("t", text="a }} b") }} stay in it\n',
        'Café, naïve, ‘quotes’ — {{ cite("é") }}\n',
    ],
)
def test_expand_gives_what_jinja_renders(text):
    assert expand(text) == jinja_render(text)


@pytest.mark.parametrize(
    "text", ['{% raw %}{{ cite("x") }}{% endraw %}', "a {# note #} b", "{%- raw -%} x {% endraw %}"]
)
def test_raw_blocks_and_comments_are_left_to_jinja(text):
    assert expand(text) is None


def test_each_call_runs_once_in_page_order():
    text = '{{ cite("a") }} {{ term("b") }} {{ cite("c") }}'
    calls, _ = pagesyntax.scan(text)
    seen: list = []
    pagesyntax.expand(text, calls, lambda c: seen.append((c.name, c.args)) or "")
    assert seen == [("cite", ("a",)), ("term", ("b",)), ("cite", ("c",))]


class Env:
    """What define_env uses of the mkdocs-macros env, with Jinja as mkdocs-macros' own renderer."""

    def __init__(self, root: Path):
        self.project_dir = str(root)
        self.conf = {"docs_dir": str(root / "docs"), "use_directory_urls": True}
        self.config = {"on_error_fail": True}
        self.macros: dict = {}
        self.page = None

    def macro(self, fn, name=None):
        self.macros[name or fn.__name__] = fn

    def render(self, template: str) -> str:
        return jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(template).render(**self.macros)  # noqa: S701


def test_every_handbook_page_renders_as_it_did_in_jinja():
    """The handbook's own pages: the expanded page is the one Jinja's sandbox renders, byte for byte."""
    model, _ = load(PROJECT)
    expanded_env, jinja_env = Env(PROJECT), Env(PROJECT)
    macros.define_env(expanded_env)  # replaces its render with the adapter's (expand first)
    macros.define_env(jinja_env)
    sandbox = macros.sandbox(jinja_env.macros)
    expanded = 0
    for page in model.pages:
        text = (PROJECT / "docs" / page.path).read_text(encoding="utf-8")
        for env in (expanded_env, jinja_env):
            env.page = SimpleNamespace(file=SimpleNamespace(src_uri=page.path))
        calls, _ = pagesyntax.scan(text)
        expanded += pagesyntax.expand(text, calls, lambda c: "") is not None
        assert expanded_env.render(text) == sandbox.from_string(text).render(), page.path
    assert expanded >= len(model.pages) // 2  # the fast path is the one most pages take
