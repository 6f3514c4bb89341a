"""pagesyntax.scan: the page grammar, read the way Jinja finds its tags."""

from __future__ import annotations

import pytest

from cpscp_engine import pagesyntax
from cpscp_engine.pagesyntax import (
    CURLY_QUOTES,
    EXPRESSION,
    MACRO_ARGUMENTS,
    STATEMENT,
    UNBALANCED,
    UNKNOWN_MACRO,
    scan,
)


def test_calls_with_literal_arguments_are_read_with_their_offsets():
    text = (
        'A {{ cite("a-1", \'b-2\') }} b {{term( "t" , text="it’s" )}} {{ outcomes("M01", level=2) }}'
        ' {{ chart_module_hours(table=false) }} {{ competency(\n  "C1",\n) }}'
    )
    calls, problems = scan(text)
    assert problems == []
    assert [(c.name, c.args, c.kwargs) for c in calls] == [
        ("cite", ("a-1", "b-2"), ()),
        ("term", ("t",), (("text", "it’s"),)),
        ("outcomes", ("M01",), (("level", 2),)),
        ("chart_module_hours", (), (("table", False),)),
        ("competency", ("C1",), ()),
    ]
    assert [text[c.offset : c.offset + len(c.name)] for c in calls] == [c.name for c in calls]


def test_text_in_a_string_does_not_end_the_call():
    calls, problems = scan('{{ term("t", text="a }} b") }} after { cite("x") }}')
    assert calls[0].kwargs == (("text", "a }} b"),)
    assert [p.code for p in problems] == [UNBALANCED]  # the last '}}' has one opening brace


@pytest.mark.parametrize(
    "text,code,offset,words",
    [
        ("{{ config }}", EXPRESSION, 3, "shows the value of 'config'"),
        ("{{ cycler.__init__ }}", EXPRESSION, 9, "reads an attribute of 'cycler'"),
        ("{{ cite('a')|attr('x') }}", EXPRESSION, 12, "through a filter"),
        ("{{ x['y'] }}", EXPRESSION, 4, "looks up an item of 'x'"),
        ("{{ 7*191 }}", EXPRESSION, 3, "starts with '7'"),
        ("{{ }}", EXPRESSION, 0, "is empty"),
        ("{{ cite(x) }}", EXPRESSION, 8, "'x', a name, where a value in quotes belongs"),
        ("{{ cite('a', 1+2) }}", EXPRESSION, 14, "computes with a value"),
        ("{% set x = 1 %}", STATEMENT, 0, "'{% set %}' is a template statement"),
        ("{%- include 'x' -%}", STATEMENT, 0, "'{% include %}'"),
        ("{{ cit('a') }}", UNKNOWN_MACRO, 3, "'cit' is not a macro"),
        ("{{ cite(\u201ca\u201d) }}", CURLY_QUOTES, 8, "curly quote"),
        ('{{ cite("a\u201d) }}', CURLY_QUOTES, 10, "curly quote"),
        ('{{ cite("a\u201d) }}\n"', CURLY_QUOTES, 10, "curly quote"),
        ("{{ cite('a\\'b') }}", MACRO_ARGUMENTS, 10, "backslash"),
        ("{{ cite(text='a', 'b') }}", MACRO_ARGUMENTS, 18, "without a name follows a named one"),
        ("{{ cite('a'", EXPRESSION, 11, "not closed with ')'"),
        ("{{ cite('a') ", UNBALANCED, 0, "never closed with '}}'"),
        ("{# open", UNBALANCED, 0, "never closed with '#}'"),
        ("{% raw %}{{ x }}", UNBALANCED, 0, "never closed with '{% endraw %}'"),
        ("{% endraw %}", UNBALANCED, 0, "has no '{% raw %}' before it"),
        ("{% if", UNBALANCED, 0, "never closed with '%}'"),
        ("{ cite('a') }}", UNBALANCED, 12, "closes a '{{' that was never opened"),
        ("{ set x = 1 %}", UNBALANCED, 12, "closes a '{%' that was never opened"),
    ],
)
def test_each_kind_of_problem_is_named_at_its_place(text, code, offset, words):
    _, problems = scan(text)
    assert [(p.code, p.offset) for p in problems][:1] == [(code, offset)], problems
    assert words in problems[0].message
    assert problems[0].hint and "\\" not in problems[0].hint


def test_a_lone_closer_in_other_text_is_left_alone():
    # Jinja prints it as text: a JSON or CSS example in a code block is not a broken call.
    assert scan('```json\n{"a": {"b": 1}}\n```\n50 %} of x }}') == ([], [])


def test_unknown_macro_suggests_the_closest_name():
    _, problems = scan('{{ cit("maruna-2001") }}')
    assert problems[0].hint.startswith("did you mean 'cite'?")


def test_scanning_resumes_after_a_problem_and_reads_raw_blocks_as_text():
    text = "{{ config }} {% raw %}{{ x }}{% set %}{% endraw %} {{ cite('a') }} {{ self }}"
    calls, problems = scan(text)
    assert [c.name for c in calls] == ["cite"]
    assert [p.offset for p in problems] == [3, text.index("self")]


def test_an_unclosed_brace_stops_the_scan_once_on_a_big_page():
    # One problem, not one per opening: Jinja stops at the first, and rescanning each would be quadratic.
    _, problems = scan("{{ x <a ](b TODO `c\n" * 50_000)
    assert len(problems) == 2 and problems[-1].code == UNBALANCED


def test_start_skips_the_front_matter():
    text = "---\ntitle: '{{ x }}'\n---\n{{ cite('a') }}"
    calls, problems = scan(text, text.index("{{ cite"))
    assert problems == [] and calls[0].offset == text.index("cite")


def test_messages_speak_plainly():
    texts = [
        "{{ config }}",
        "{% set x %}",
        "{{ cit('a') }}",
        "{{ cite(\u201ca\u201d) }}",
        "{{ cite('a'",
        "{ cite('a') }}",
    ]
    for text in texts:
        for p in scan(text)[1]:
            assert ".py" not in p.message + p.hint and "regex" not in p.message + p.hint
            assert p.message[0].islower() or p.message[0] in "'{"
    assert pagesyntax.RAW in pagesyntax.RAW_HINT and pagesyntax.ENDRAW in pagesyntax.RAW_HINT
