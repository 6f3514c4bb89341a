"""render/text.py: curriculum text reaches a page as text or as the few allowed inline elements.

Each payload is rendered with `inline` into the places renderers put values (a paragraph, a
heading with its anchor, a table cell, a list item, a definition), converted with the Markdown
extensions mkdocs.yml enables, and the HTML scanned.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

import yamlio
from cpscp_engine.render.text import attr, cell, inline, url
from htmlscan import scan
from payloads import INJECTED_IDS, PAYLOADS, RAN

ROOT = Path(__file__).resolve().parents[1]
ALLOWED_TAGS = {
    "p",
    "em",
    "strong",
    "code",
    "a",
    "h2",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "ul",
    "li",
    "dl",
    "dt",
    "dd",
}


def _extensions():
    config = yamlio.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            configs[name] = options
    return names, configs


NAMES, CONFIGS = _extensions()


def html_of(value: str) -> str:
    text = inline(value)
    page = "\n\n".join(
        [
            text,
            f"## Heading {text} {{ #own-anchor }}",
            f"| A | B |\n| --- | --- |\n| {cell(value)} | x |",
            f"- {text}",
            f"Term\n:   {text}",
        ]
    )
    return markdown.Markdown(extensions=NAMES, extension_configs=CONFIGS).convert(page)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_shows_as_text(payload):
    html = html_of(payload)
    found = scan(html)
    assert not found.findings, (payload, found.findings, html)
    assert found.ids <= {"own-anchor"}, (payload, html)
    assert found.classes <= {"headerlink"}, (payload, html)  # the heading's own permalink
    assert found.tags <= ALLOWED_TAGS, (payload, found.tags - ALLOWED_TAGS, html)
    assert not any(name in html for name in INJECTED_IDS if f'"{name}"' in html)
    assert RAN not in html


def test_the_corpus_is_big_enough_and_the_scan_catches_it_unprotected():
    # The same payloads written straight into Markdown make live markup: the scan sees it.
    assert len(PAYLOADS) >= 30
    caught = 0
    for payload in PAYLOADS:
        raw = markdown.Markdown(extensions=NAMES, extension_configs=CONFIGS).convert(payload)
        found = scan(raw)
        caught += bool(found.findings or found.ids or found.classes or found.tags - ALLOWED_TAGS)
    assert caught >= len(PAYLOADS) // 2


@pytest.mark.parametrize(
    "value,html",
    [
        ("*stress*", "<em>stress</em>"),
        ("**must**", "<strong>must</strong>"),
        ("`make build`", "<code>make build</code>"),
        (
            "see [the Act](https://www.legislation.gov.uk/ukpga/1974/53)",
            'see <a href="https://www.legislation.gov.uk/ukpga/1974/53">the Act</a>',
        ),
        ("[write to us](mailto:handbook@example.org)", '<a href="mailto:handbook@example.org">write to us</a>'),
        ("*see [x](https://example.org)*", '<em>see <a href="https://example.org">x</a></em>'),
    ],
)
def test_allowed_inline_markdown_still_works(value, html):
    assert html in markdown.Markdown(extensions=NAMES, extension_configs=CONFIGS).convert(inline(value))


@pytest.mark.parametrize(
    "value,shown",
    [
        ("1. not a list", "1. not a list"),
        ("12) not a list", "12) not a list"),
        ("- not a list", "&#45; not a list"),
        ("# not a heading", "&#35; not a heading"),
        ("1.5 hours", "1.5 hours"),
        ("snake_case and 2*3*4", "snake_case and 2*3*4"),
        ("a | b", "a | b"),
        ("C:\\path", "C:\\path"),
        ('people\'s "words" & <tags>', "people&#39;s &#34;words&#34; &amp; &lt;tags&gt;"),
        ("? question first", "&#63; question first"),
    ],
)
def test_other_syntax_is_shown_as_typed(value, shown):
    html = markdown.Markdown(extensions=NAMES, extension_configs=CONFIGS).convert(inline(value))
    assert html == f"<p>{shown}</p>"


def test_line_breaks_are_folded():
    assert "\n" not in inline("one\ntwo\r\nthree\u2028four")


def test_attr_is_plain_escaped_text():
    assert attr('*x* "q" <b>\n{: onclick=a}') == "*x* &#34;q&#34; &lt;b&gt; {: onclick=a}"


def test_url_quotes_cannot_break_out_of_an_attribute():
    assert url('https://example.org/"><script>') == "https://example.org/%22%3E%3Cscript%3E"
