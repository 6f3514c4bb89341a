"""Hostile text a pull request could put into any curriculum field.

Each entry tries one way of turning data into markup: attribute lists (mkdocs.yml enables
attr_list), event handlers, script URLs in every spelling, raw HTML and SVG, images,
reference-style links and definitions, footnotes, abbreviations, blocks, and Jinja syntax.
The tests write them into every kind of text field and check that every output shows them as
text only.
"""

from __future__ import annotations

PAYLOADS = [
    # attribute lists after an inline element, a block and a heading
    "*x*{: onmouseover=alert(1) }",
    '**x**{: onclick="alert(1)" autofocus }',
    "`code`{: onfocus=alert(1) tabindex=0 }",
    "plain text {: #injected-id .injected-class }",
    "plain text {#injected-id2 .injected-class2 data-x=1}",
    "{: onmouseover=alert(1) }",
    "[link](https://example.org){: onclick=alert(1) target=_blank }",
    "![a](https://example.invalid/a.png){: onerror=alert(1) }",
    # raw HTML and SVG
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "<svg onload=alert(1)><circle r=1 /></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>t</text></a></svg>',
    '<a href="javascript:alert(1)">click</a>',
    '<div markdown="1" id="injected-div" class="injected-div">*x*</div>',
    '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
    "<details open ontoggle=alert(1)>",
    # script URLs in Markdown links, in every spelling
    "[a](javascript:alert(1))",
    "[a](JaVaScRiPt:alert(1))",
    "[a]( javascript:alert(1))",
    "[a](java\tscript:alert(1))",
    "[a](&#106;avascript:alert(1))",
    "[a](&#x6A;&#x61;vascript&colon;alert(1))",
    "[a](javascript&#58;alert(1))",
    "[a](vbscript:msgbox(1))",
    "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[a](<javascript:alert(1)>)",
    "<javascript:alert(1)>",
    '[a](https://example.org "title" onmouseover="alert(1)")',
    '[a](https://example.org" onmouseover="alert(1))',
    # reference-style links, definitions, footnotes, abbreviations
    "[a][evil]\n\n[evil]: javascript:alert(1)",
    "[evil]: javascript:alert(1)",
    "[a][] and [b]",
    "text[^1]\n\n[^1]: note with [x](javascript:alert(1))",
    "*[HTML]: Hyper <b onmouseover=alert(1)>Text</b>",
    # entities and look-alikes
    "&lt;img src=x onerror=alert(1)&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "＜script＞alert(1)＜/script＞",
    # blocks
    '!!! danger "x"\n    body',
    '??? note "Injected"\n    body',
    "# Injected heading {#injected-h}",
    ": injected definition",
    "```html\n<script>alert(1)</script>\n```",
    "    indented code <b>",
    "1. list {: .injected-list }",
    "---",
    # templates
    "{{ 7*191919 }}",
    "{% for x in range(3) %}{{ x }}{% endfor %}",
    "{{ cycler.__init__.__globals__.os.popen('touch /tmp/cpscp-payload-ran').read() }}",
    "{# comment #}",
]

# Strings that may not appear in any output built from the payloads: the signs of a payload
# that ran or of markup it made. (The payloads themselves contain them only as text.)
INJECTED_IDS = (
    "injected-id",
    "injected-id2",
    "injected-class",
    "injected-class2",
    "injected-div",
    "injected-h",
    "injected-list",
)
# What a payload leaves behind if it ran: Jinja's answer to 7*191919, and the file the
# os.popen payload would create.
RAN = "1343433"
RAN_FILE = "/tmp/cpscp-payload-ran"
