"""Pages cannot run code: the validator and the build refuse everything but macro calls with literal arguments.

Each payload below is written on line 3 of a page of its own (an unclosed brace stops Jinja,
and so the check, at the first one). The validator must report each at its line with exit 1,
and `mkdocs build` on a copy of the project with the same pages must stop before rendering
and never run the command the first payloads try.
"""

from __future__ import annotations

import pytest

from conftest import run_cli
from projectcopy import copy_project, mkdocs_build

PWNED = "PWNED"
SHELL = f"popen('touch {PWNED}').read()"
PAYLOADS = [
    f"{{{{ cycler.__init__.__globals__.os.{SHELL} }}}}",
    f"{{{{ lipsum.__globals__['os'].{SHELL} }}}}",
    f"{{{{ lipsum.__globals__.os.{SHELL} }}}}",
    f"{{{{ joiner.__init__.__globals__.os.{SHELL} }}}}",
    f"{{{{ namespace.__init__.__globals__.os.{SHELL} }}}}",
    f"{{{{ self.__init__.__globals__.__builtins__.__import__('os').{SHELL} }}}}",
    f"{{{{ self._TemplateReference__context.cycler.__init__.__globals__.os.{SHELL} }}}}",
    "{{ self }}",
    "{{ config }}",
    "{{ config.extra }}",
    "{{ environment }}",
    "{{ macros_info() }}",
    "{{ now() }}",
    "{{ context() }}",
    "{{ git.short_commit }}",
    "{{ page.file.abs_src_path }}",
    "{{ cite('maruna-2001')|attr('__class__') }}",
    "{{ ''|attr('__class__')|attr('__mro__') }}",
    "{{ request|attr('application') }}",
    f"{{% set x = cycler.__init__.__globals__.os.{SHELL} %}}",
    "{% include 'about.md' %}",
    "{% import 'about.md' as page %}",
    "{% from 'about.md' import x %}",
    "{% for x in range(3) %}x{% endfor %}",
    "{% if true %}x{% endif %}",
    "{% macro x() %}x{% endmacro %}",
    "{{ 7*191 }}",
    "{{ range(10) }}",
    "{{ dict(a=1) }}",
    "{{ cite(\u201cmaruna-2001\u201d) }}",
    '{{ cite("maruna-2001\u201d) }}',
    '{{ cit("maruna-2001") }}',
    "{{ cite(config) }}",
    '{{ cite("maruna-2001").__class__ }}',
    '{{- cite("maruna-2001") -}}',
    '{{ cite("maruna-2001" }}',
    '{{ cite("maruna-2001")',
    "{% raw %}{{ cycler }}",
    "{% endraw %}",
    "{# a comment that never ends",
    '{ cite("maruna-2001") }}',
    "```\n{{ cycler.__init__.__globals__ }}\n```",
]


def _pages(docs) -> list[str]:
    """Write each payload on line 3 of a page of its own; return their paths from the project root."""
    written = []
    for i, payload in enumerate(PAYLOADS):
        path = docs / "payloads" / f"p{i:02d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# Payload {i}\n\n{payload}\n", encoding="utf-8")
        written.append(path.relative_to(docs.parent).as_posix())
    return written


def test_the_validator_refuses_every_payload_at_its_line(tree):
    pages = _pages(tree / "docs")
    out = run_cli("--root", str(tree), "--strict")
    assert out.returncode == 1, out.stdout
    lines = out.stdout.splitlines()
    for path, payload in zip(pages, PAYLOADS, strict=True):
        line = 4 if payload.startswith("```") else 3
        found = [x for x in lines if x.startswith(f"{path}:{line}:")]
        assert found, f"{payload!r} was not reported at {path}:{line}"
        assert " — " in found[0] and "Traceback" not in out.stdout + out.stderr
    assert not (tree / PWNED).exists()


def test_the_build_refuses_every_payload_before_rendering_and_runs_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    pages = _pages(project / "docs")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    for path in pages:
        assert f"{path}:" in result.stderr, f"the build did not report {path}"
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.rglob(PWNED)), "a page ran a command"
    assert not (tmp_path / "site" / "index.html").exists(), "pages were rendered"


@pytest.mark.parametrize(
    "text",
    [
        "{% raw %}{{ cycler.__init__ }} and {% set x %}{% endraw %}",
        "```jinja\n{% raw %}\n{{ page.title }}\n{% endraw %}\n```",
        '{#- a comment -#} {{ cite("ref-01") }} {{ term("term-01", text="it’s") }}',
    ],
)
def test_raw_blocks_comments_and_calls_are_accepted(t, text):
    t.write("docs/fine.md", f"# Fine\n\n{text}\n")
    assert [d.format() for d in t.validate().errors if d.loc.file == "docs/fine.md"] == []
