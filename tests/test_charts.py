"""The build-time SVG charts: accessible structure, escaping, and data that match their tables."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import pytest
from markupsafe import Markup

from cpscp_engine.loader import load
from cpscp_engine.render import charts, registry
from cpscp_engine.render.links import Ctx
from projectcopy import ROOT

NUMBER = re.compile(r"\d+(?:\.\d+)?")


class Parsed(HTMLParser):
    """The parts of a chart the tests look at."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: list[str] = []
        self.svgs: list[dict] = []
        self.texts: list[tuple[str, str]] = []  # (class, text) of each SVG <text>
        self.bars: list[dict] = []  # attributes of each bar outside <pattern>
        self.fills: list[str] = []
        self.title = self.desc = self.caption = self.figcaption = ""
        self.rows: list[list[tuple[str, str, str]]] = []  # (tag, scope, text) per cell
        self.headers: list[tuple[str, str]] = []
        self._stack: list[str] = []
        self._text: list[str] | None = None
        self._cls = ""
        self._in_pattern = False
        self._in_head = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        for key in ("fill", "stroke"):
            if key in a:
                self.fills.append(a[key])
        if tag == "svg":
            self.svgs.append(a)
        elif tag == "pattern":
            self._in_pattern = True
        elif tag == "rect" and not self._in_pattern:
            self.bars.append(a)
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr" and not self._in_head:
            self.rows.append([])
        if tag in ("text", "title", "desc", "caption", "figcaption", "th", "td"):
            self._text, self._cls = [], a.get("class", "")
            self._scope = a.get("scope", "")
        self._stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._stack.pop()
        if tag == "pattern":
            self._in_pattern = False

    def handle_endtag(self, tag):
        if self._stack:
            self._stack.pop()
        if tag == "pattern":
            self._in_pattern = False
        elif tag == "thead":
            self._in_head = False
        if self._text is None or tag not in ("text", "title", "desc", "caption", "figcaption", "th", "td"):
            return
        text = "".join(self._text).strip()
        if tag == "text":
            self.texts.append((self._cls, text))
        elif tag in ("title", "desc", "caption", "figcaption"):
            setattr(self, tag, text)
        elif self._in_head:
            self.headers.append((tag, self._scope))
        else:
            self.rows[-1].append((tag, self._scope, text))
        self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)

    def values(self) -> list[str]:
        return [t for c, t in self.texts if c == "cpscp-chart__value"]


@pytest.fixture(scope="module")
def model():
    model, _ = load(ROOT)
    assert model.modules and model.programme and model.domains, "the real curriculum did not load"
    return model


@pytest.fixture(scope="module")
def rendered(model):
    ctx = Ctx(page="why-it-matters.md")
    return {name: m.render(model, ctx) for name, m in registry.MACROS.items() if m.render.__module__ == charts.__name__}


def test_every_chart_is_a_figure_with_an_accessible_svg(rendered):
    for name, html in rendered.items():
        p = Parsed(html)
        assert len(p.svgs) == 1, name
        svg = p.svgs[0]
        assert svg["role"] == "img", name
        labelled = svg["aria-labelledby"].split()
        assert labelled and all(i in p.ids for i in labelled), name
        assert p.title and p.desc, f"{name}: the svg needs a <title> and a <desc>"
        assert p.figcaption, f"{name}: no figcaption"
        assert "viewbox" in svg and svg["width"] == "100%", f"{name}: must scale to the column"
        assert "<figure" in html and "</figure>" in html


def test_ids_are_unique_within_and_across_charts(rendered):
    # The print page puts every chart on one page, so pattern and title ids must not collide.
    ids = [i for html in rendered.values() for i in Parsed(html).ids]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_no_colour_only_encoding(rendered):
    for name, html in rendered.items():
        p = Parsed(html)
        # Drawn only in the theme's text colour: contrast in light, dark and print comes from it.
        for value in p.fills:
            assert value in ("currentColor", "none") or value.startswith("url(#"), f"{name}: fill/stroke {value}"
        assert not re.search(r"#[0-9a-fA-F]{3,8}\b(?![-\w])", " ".join(p.fills)), name
        bars = [b for b in p.bars if b.get("class") == "cpscp-chart__bar"]
        assert bars, name
        assert all(b.get("stroke") == "currentColor" for b in bars), f"{name}: every bar needs an outline"
        values = p.values()
        assert all(v.strip() for v in values), f"{name}: empty value label"
        swatches = [b for b in p.bars if b.get("class") == "cpscp-chart__swatch"]
        legend = [t for c, t in p.texts if c == "cpscp-chart__legend"]
        assert len(swatches) == len(legend), f"{name}: every legend swatch has its name beside it"
        # series differ by pattern, not by colour
        assert len({s["fill"] for s in swatches}) == len(swatches), f"{name}: two series share a pattern"


def test_grouped_charts_label_every_bar(model, rendered):
    for name in ("chart_employment_support", "chart_proven_reoffending", "chart_pathway_hours"):
        p = Parsed(rendered[name])
        bars = [b for b in p.bars if b.get("class") == "cpscp-chart__bar"]
        assert len(bars) == len(p.values()), f"{name}: {len(bars)} bars but {len(p.values())} value labels"


def test_stacked_chart_labels_every_segment_by_letter(model, rendered):
    p = Parsed(rendered["chart_competency_coverage"])
    comps = [c for c in model.competencies if not c.retired]
    assert len(p.values()) == len(comps)
    for comp, label in zip(comps, p.values(), strict=True):
        found = model.competency_modules(comp.id)
        expected = f"I {len(found['I'])}; R {len(found['R'])}; M {len(found['M'])}"
        assert label.startswith(expected), (comp.id, label)


def _table_numbers(p: Parsed, columns: slice, skip_total: bool = True) -> list[str]:
    rows = [r for r in p.rows if not (skip_total and r and r[0][2] == "Total")]
    return [NUMBER.findall(cell[2])[0] for r in rows for cell in r[columns]]


def test_proven_reoffending_chart_shows_the_official_figures_with_source_and_date(rendered):
    p = Parsed(rendered["chart_proven_reoffending"])
    chart = [NUMBER.findall(v)[0] for v in p.values()]
    assert chart == [str(v) for _, _, v in charts.PROVEN_REOFFENDING]
    assert _table_numbers(p, slice(1, 2)) == chart
    html = rendered["chart_proven_reoffending"]
    assert charts.PROVEN_REOFFENDING_PERIOD in html and "references/#ref-moj-2025-proven-reoffending" in html


def test_module_hours_chart_ranks_modules_longest_first(model):
    p = Parsed(charts.module_hours(model.modules))
    labels = [t for c, t in p.texts if c == "cpscp-chart__label"]
    tqt = {m.id: m.tqt for m in model.modules}
    assert sorted(labels) == sorted(tqt) and [tqt[x] for x in labels] == sorted(tqt.values(), reverse=True)


def test_employment_support_table_matches_chart(rendered):
    p = Parsed(rendered["chart_employment_support"])
    chart = [NUMBER.findall(v)[0] for v in p.values()]
    assert chart == ["25", "30", "35"]
    assert _table_numbers(p, slice(1, 2)) == chart
    assert [r[0][2] for r in p.rows] == ["2020", "2021", "2022"]
    assert [t for c, t in p.texts if c == "cpscp-chart__label"] == ["2020", "2021", "2022"]
    assert "illustrative" in p.figcaption and "not official statistics" in p.figcaption
    assert "illustrative" in p.title and "not official statistics" in p.desc


def test_module_hours_table_matches_chart(model, rendered):
    p = Parsed(rendered["chart_module_hours"])
    assert len(p.values()) == len(model.modules), "one label per module's bar"
    assert all("GLH" in v and "TQT" in v for v in p.values())
    chart = [n for v in p.values() for n in NUMBER.findall(v)]
    ranked = sorted(model.modules, key=lambda m: (-m.tqt, -m.glh))
    assert chart == [str(n) for m in ranked for n in (m.glh, m.tqt)]
    assert _table_numbers(p, slice(1, 3)) == chart
    total = next(r for r in p.rows if r[0][2] == "Total")
    assert [c[2] for c in total[1:]] == [str(model.totals()["glh"]), str(model.totals()["tqt"])]


def test_pathway_hours_table_matches_chart(model, rendered):
    p = Parsed(rendered["chart_pathway_hours"])
    hours = [NUMBER.findall(v)[0] for v in p.values()]
    assert hours == [charts.number(float(pw.hours)) for pw in model.programme.pathways]
    assert all(v.startswith(f"{h} h") for v, h in zip(p.values(), hours, strict=True)), p.values()  # the unit shown
    assert _table_numbers(p, slice(3, 4)) == hours
    tqt = str(model.totals()["tqt"])
    assert [t for c, t in p.texts if c == "cpscp-chart__reference"] == [f"Programme TQT: {tqt} h"]


def test_coverage_table_matches_chart(model, rendered):
    p = Parsed(rendered["chart_competency_coverage"])
    chart = [n for v in p.values() for n in NUMBER.findall(v)]
    assert _table_numbers(p, slice(1, 4)) == chart


def test_tables_have_captions_and_scoped_headers(rendered):
    for name, html in rendered.items():
        p = Parsed(html)
        assert p.caption, f"{name}: the data table needs a caption"
        assert p.headers and all(scope == "col" for _, scope in p.headers), name
        assert all(r[0][:2] == ("th", "row") for r in p.rows), f"{name}: each row starts with a row header"
        assert all(c[0] == "td" for r in p.rows for c in r[1:]), name


def test_values_from_yaml_are_escaped(model):
    evil = '<script>alert("x")</script> & <b>'
    module = dataclasses.replace(model.modules[0], id="M<1>", title=evil)
    html = charts.module_hours([module, *model.modules[1:]])
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "M&lt;1&gt;" in html
    pathway = dataclasses.replace(model.programme.pathways[0], title=evil)
    assert "<script>" not in charts.pathway_hours([pathway], 390)
    domain = dataclasses.replace(
        model.domains[0], competencies=tuple(dataclasses.replace(c, title=evil) for c in model.domains[0].competencies)
    )
    assert "<script>" not in charts.competency_coverage([domain], model.modules)


def test_citation_is_escaped_unless_it_is_markup():
    plain = charts.employment_support("(<i>LSIB</i>, 2026)")
    assert "<i>" not in plain and "&lt;i&gt;LSIB" in plain
    trusted = charts.employment_support(Markup('(<a href="../references/#ref-x">LSIB, 2026</a>)'))
    assert '<a href="../references/#ref-x">LSIB, 2026</a>' in trusted


def test_citation_links_to_the_reference_entry(model, rendered):
    html = rendered["chart_employment_support"]
    assert f'href="../references/#ref-{charts.EMPLOYMENT_SUPPORT_SOURCE}"' in html


def test_chart_id_is_sanitised():
    html = charts.employment_support("x", chart_id='a"><script>')
    assert "<script>" not in html and 'id="a-script"' in html


def test_without_table_the_caption_points_to_the_page_table(model):
    html = charts.module_hours(model.modules, table=False)
    assert "<table" not in html
    assert "table on this page" in Parsed(html).figcaption


def test_raw_html_block_survives_markdown(rendered):
    # A blank line or an indented line would let Markdown break into the block.
    for name, html in rendered.items():
        assert "\n\n" not in html, name
        assert not re.search(r"^(?: {4}|\t)", html, re.M), name


@pytest.mark.slow
def test_charts_on_the_built_pages(built_site):
    _, site = built_site
    pages = {"why-it-matters": ["chart-proven-reoffending"], "about": ["chart-module-hours", "chart-pathway-hours"]}
    for page, ids in pages.items():
        html = (site / page / "index.html").read_text(encoding="utf-8")
        for chart_id in ids:
            assert html.count(f'id="{chart_id}"') == 1, f"{page}: {chart_id} missing or repeated"
    why = (site / "why-it-matters" / "index.html").read_text(encoding="utf-8")
    # the description's illustrative figures are not charted beside the official ones
    assert 'id="chart-employment-support"' not in why and "illustrative figures, not official statistics" in why
