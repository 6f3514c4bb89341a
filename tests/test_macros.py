"""The mkdocs-macros adapter (macros/__init__.py): registration, escaping, errors, caching."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest

import macros
from cpscp_engine.render import registry
from cpscp_engine.site import AWARD_RULES_ANCHOR, STATUS_ANCHOR, Pages, page_url
from fixtures import HOSTILE, edit_yaml, module_file, small_curriculum

PAGE = "modules/01-synthetic-1.md"


class FakeEnv:
    """What define_env uses of the mkdocs-macros env: macro(), page, conf, config, project_dir."""

    def __init__(self, project: Path, page: str | None = PAGE, on_error_fail: bool = True):
        self.project_dir = str(project)
        self.conf = {"docs_dir": str(project / "docs"), "use_directory_urls": True}
        self.config = {"on_error_fail": on_error_fail}
        self.macros: dict = {}
        self._page = SimpleNamespace(file=SimpleNamespace(src_uri=page)) if page else None

    @property
    def page(self):
        if self._page is None:
            raise AttributeError("Too early: page information is not available")
        return self._page

    def macro(self, fn, name=None):
        self.macros[name or fn.__name__] = fn
        return fn

    def render(self, template: str) -> str:
        """Render like mkdocs-macros does: one Jinja pass over the page, strict undefined."""
        # Like mkdocs-macros: the page is Markdown, not HTML, so no autoescape; the renderers escape.
        return jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(template).render(**self.macros)  # noqa: S701


@pytest.fixture
def project(tmp_path) -> Path:
    root = small_curriculum(tmp_path / "project")
    edit_yaml(module_file(root, "M02"), lambda d: d.update(title=HOSTILE))
    return root


def env_for(project: Path, **kwargs) -> FakeEnv:
    env = FakeEnv(project, **kwargs)
    macros.define_env(env)
    return env


def test_define_env_registers_every_macro(project):
    env = env_for(project)
    assert set(env.macros) == set(registry.MACROS)


def test_hostile_title_is_escaped_and_not_rendered_by_jinja(project):
    env = env_for(project, page="about.md")
    out = env.render('{{ programme_structure() }}\n\n{{ module_facts("M03") }}')
    assert "<script>" not in out
    assert out.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 2
    assert out.count("\\{\\{ x \\}\\}") == 2  # the macro output is not rendered again
    assert "a\\|b" in out  # escaped inside the table, not inside the fact box


def test_cite_formats_and_links_relative_to_the_page(project):
    nested = env_for(project)
    assert nested.render('{{ cite("ref-01") }}') == "([Author, 2000](../references.md#ref-ref-01))"
    top = env_for(project, page="about.md")
    assert (
        top.render('{{ cite("ref-01", "ref-02") }}')
        == "([Author, 2000](references.md#ref-ref-01); [Author, 2001](references.md#ref-ref-02))"
    )


def test_unknown_id_stops_the_build_naming_page_place_and_id(project, caplog):
    page = project / "docs" / PAGE
    page.write_text(page.read_text(encoding="utf-8") + '\nText.\n\n  {{ module_facts("M99") }}\n', encoding="utf-8")
    line = page.read_text(encoding="utf-8").splitlines().index('  {{ module_facts("M99") }}') + 1
    env = env_for(project)
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.cpscp"), pytest.raises(SystemExit):
        env.render('{{ module_facts("M99") }}')
    assert caplog.messages == [
        (
            f"docs/{PAGE}:{line}:6: error unknown-id: unknown module id 'M99' in module_facts() — "
            "ids are listed in curriculum/modules/"
        )
    ]


def test_without_on_error_fail_the_page_shows_the_error(project):
    env = env_for(project, on_error_fail=False)
    out = env.render('{{ cite("ref-01", "nope") }}')
    assert out.startswith('!!! failure "This page could not be built"')
    assert "docs/modules/01-synthetic-1.md" in out and "unknown reference key &#39;nope&#39;" in out


@pytest.mark.parametrize(
    "call,expected",
    [
        ('term("nope")', "unknown glossary term 'nope' in term()"),
        ('competency("C99")', "unknown competency id 'C99' in competency()"),
        ('cite("ref-01", "zz-1999")', "unknown reference key 'zz-1999' in cite()"),
        ('practice_questions("X7")', "unknown exam domain 'X7' in practice_questions()"),
        ('programme_value("nope")', "unknown programme field 'nope' in programme_value()"),
        ('programme_value("pathways")', "programme field 'pathways' is not text in programme_value()"),
    ],
)
def test_every_kind_of_bad_argument_is_named(project, call, expected, caplog):
    env = env_for(project, on_error_fail=False)
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.cpscp"):
        env.render("{{ " + call + " }}")
    assert len(caplog.messages) == 1
    assert expected in caplog.messages[0]
    assert caplog.messages[0].startswith(f"docs/{PAGE}")


def test_in_preview_a_bad_call_is_shown_on_the_page_and_the_preview_goes_on(project, monkeypatch, caplog):
    monkeypatch.setenv("CPSCP_PREVIEW", "1")
    env = env_for(project)  # on_error_fail is true, as in mkdocs.yml
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.cpscp"):
        out = env.render('Before {{ module_facts("M99") }} after')
    assert out.startswith('!!! failure "This page could not be built"')  # shown, not raised
    assert "unknown module id &#39;M99&#39; in module\\_facts()" in out
    assert any("unknown module id 'M99'" in m for m in caplog.messages)


def test_footer_and_print_cover_get_the_identity_from_the_programme(project):
    env = FakeEnv(project)
    env.conf["extra"] = {}
    macros.define_env(env)
    identity = env.conf["extra"]["identity"]
    assert identity["short_code"] == "SYN" and identity["attribution"].startswith("Based on")


@pytest.mark.parametrize("directory_urls", [True, False])
def test_the_footer_links_come_from_the_site_builder(project, directory_urls):
    env = FakeEnv(project)
    env.conf.update(extra={}, use_directory_urls=directory_urls)
    macros.define_env(env)
    settings, pages = env.conf["extra"]["cpscp"], Pages()
    assert settings["about_url"] == page_url(pages.about, directory_urls)
    assert settings["changes_url"] == page_url(pages.changes, directory_urls)
    assert settings["status_anchor"] == STATUS_ANCHOR


def test_the_theme_templates_build_no_url_or_anchor_of_their_own():
    """The footer and page templates link through config.extra.cpscp (above), so a page's
    address, and the anchors the engine gives, are decided in cpscp_engine/site.py alone."""
    templates = sorted((Path(macros.__file__).parents[1] / "overrides").rglob("*.html"))
    assert templates
    found = []
    for path in templates:
        text = path.read_text(encoding="utf-8")
        for written in ("use_directory_urls", f"#{STATUS_ANCHOR}", f"#{AWARD_RULES_ANCHOR}"):
            if written in text:
                found.append(f"{path.name}: {written}")
        # a page's address written out, such as "about/" or 'changes.html'
        found += [f"{path.name}: {m.group()}" for m in re.finditer(r"""["'][a-z0-9_-]+(?:/|\.html)["']""", text)]
    assert not found, found


def test_broken_curriculum_file_renders_a_placeholder_and_warns_once_per_page(project, caplog):
    (project / "curriculum" / "references.yml").write_text("references: [\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.cpscp"):
        env = env_for(project)
        out = env.render('{{ cite("ref-01") }} and {{ cite("ref-02") }}')
    assert out == "(ref-01) and (ref-02)"
    assert any("the curriculum has 1 error(s)" in m and "references.yml" in m for m in caplog.messages)
    assert sum("placeholders shown" in m for m in caplog.messages) == 1


def test_model_is_loaded_once_and_again_after_a_change(project):
    first, _ = macros.load_model(project.resolve())
    assert macros.load_model(project.resolve())[0] is first
    path = project / "curriculum" / "programme.yml"
    edit_yaml(path, lambda d: d.update(short_code="NEW"))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000_000_000))
    second, _ = macros.load_model(project.resolve())
    assert second is not first and second.programme.short_code == "NEW"


def test_the_build_loads_the_pages_without_their_outlines(project):
    # only the validator's checks read the outlines; the build renders from the rest of the model
    model, _ = macros.load_model(project.resolve())
    assert model.pages and model.outlines == {}


def test_status_statement_id_is_unique_on_each_page(project):
    env = env_for(project, page="about.md")
    out = env.render("{{ status_statement() }}\n\n{{ status_statement() }}")
    assert out.count('id="award-status"') == 1
    env._page = SimpleNamespace(file=SimpleNamespace(src_uri="assessment.md"))
    assert env.render("{{ status_statement() }}").count('id="award-status"') == 1


def test_macros_work_before_a_page_is_known(project):
    env = env_for(project, page=None)
    assert env.render('{{ competency("C1") }}') == "[C1 Competency 1](competencies.md#c1)"


def test_render_error_is_reported_at_the_position_the_loader_stored(project, caplog):
    page = project / "docs" / PAGE
    page.write_text(
        page.read_text(encoding="utf-8") + '\n{{ cite("ref-01") }} x {{ cite("ref-02", "bad") }}\n', encoding="utf-8"
    )
    line = len(page.read_text(encoding="utf-8").splitlines())
    env = env_for(project, on_error_fail=False)
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.cpscp"):
        env.render('{{ cite("ref-02", "bad") }}')
    assert caplog.messages[0].startswith(f"docs/{PAGE}:{line}:27: error unknown-id:")


# --- pages cannot run code: the sandbox behind the page check ------------------------------

SANDBOX_PAYLOADS = [
    "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "{{ lipsum.__globals__.os.popen('touch PWNED').read() }}",
    "{{ joiner.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "{{ namespace.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "{{ self.__init__.__globals__.__builtins__.__import__('os').popen('touch PWNED').read() }}",
    "{{ cite.__globals__.os.popen('touch PWNED').read() }}",
    "{{ cite('ref-01').__class__.__mro__[1].__subclasses__() }}",
    "{{ ''|attr('__class__') }}",
    "{{ config }}",
    "{{ page }}",
    "{{ environment }}",
    "{{ macros_info() }}",
    "{{ range(3) }}",
    "{{ dict(a=1) }}",
    "{% set x = cycler %}{{ x }}",
    "{% include 'about.md' %}",
]


@pytest.mark.parametrize("payload", SANDBOX_PAYLOADS)
def test_the_sandbox_has_only_the_macros_even_without_the_page_check(project, payload, monkeypatch):
    monkeypatch.chdir(project)
    env = env_for(project, page="about.md")
    jinja = macros.sandbox(env.macros)
    with pytest.raises((jinja2.TemplateError, TypeError)):  # TypeError: an include with no loader to read from
        jinja.from_string(payload).render()
    assert not (project / "PWNED").exists()


def test_the_page_renderer_refuses_what_the_page_check_refuses(project, caplog, monkeypatch):
    monkeypatch.chdir(project)
    env = env_for(project, page="about.md")
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.cpscp"), pytest.raises(SystemExit):
        env.render("# Title\n\n{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}\n")
    assert "page-expression" in caplog.messages[0] and not (project / "PWNED").exists()
    assert env_for(project, on_error_fail=False).render("{{ config }}").startswith('!!! failure "This page')


def test_raw_shows_braces_as_they_are(project):
    env = env_for(project, page="about.md")
    assert env.render('{% raw %}{{ cite("x") }}{% endraw %} {{ cite("ref-01") }}').startswith('{{ cite("x") }} ([')


def test_define_env_stops_the_build_before_any_page_renders(project, caplog):
    (project / "docs" / "bad.md").write_text("# Bad\n\n{% set x = 1 %}\n", encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.cpscp"), pytest.raises(SystemExit):
        env_for(project)
    assert caplog.messages[0].startswith("docs/bad.md:3:1: error page-statement:")


def test_a_bug_in_a_renderer_is_one_line_naming_the_page(project, caplog, monkeypatch):
    def broken(model, ctx):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(registry.MACROS, "glossary", registry.declare(broken))
    env = env_for(project, page="about.md")
    with caplog.at_level(logging.ERROR, logger="mkdocs.plugins.cpscp"), pytest.raises(SystemExit):
        env.render("{{ glossary() }}")
    assert caplog.messages == [
        "docs/about.md: internal error while rendering the page (ZeroDivisionError: division "
        "by zero) — a bug in the handbook's engine, not in the page; please report it"
    ]


def test_the_engine_names_the_programme_pages_only_in_site_pages():
    """Where the home, about, glossary ... pages live is said in site.Pages; a copy elsewhere would
    send links, edit links or exports to the old place once a provider moved a page."""
    from dataclasses import astuple

    engine = Path(macros.__file__).parents[1] / "scripts" / "cpscp_engine"
    written = re.compile("|".join(rf"""["']{re.escape(page)}["']""" for page in astuple(Pages())))
    found = [
        f"{path.relative_to(engine)}: {m.group()}"
        for path in sorted(engine.rglob("*.py"))
        if path.name not in ("site.py", "synthetic.py")  # the definition, and the generator's example pages
        for m in written.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found, found


def test_use_directory_urls_is_read_one_way():
    from cpscp_engine.site import directory_urls

    assert directory_urls({"use_directory_urls": False}) is False
    assert directory_urls({}) is True and directory_urls({"use_directory_urls": True}) is True
    assert directory_urls(None) is True  # no mkdocs.yml: MkDocs' default
