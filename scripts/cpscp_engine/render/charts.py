"""Charts drawn at build time as inline SVG: no JavaScript, no request to any other host.

Each chart is a <figure> whose <svg role="img"> has a <title> and <desc>, a <figcaption>
that says in words what the chart shows, and beside it a real data table with the same
numbers (left out only where the page already shows that table). Meaning never rests on colour: every bar carries a text label, series differ by
pattern (solid, hatched, outlined) as well as by name, and everything is drawn in
currentColor, so the theme's own text colour gives the contrast in light and dark schemes
and in print.

The drawing functions are pure (data in, HTML out). The `chart_*` functions at the end take
(model, ctx) like every other render function; render/registry.py declares them as macros.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..model import Curriculum, Domain, Module, Pathway
from ..vocab import INTRODUCED, MASTERED, REINFORCED
from .errors import Unavailable
from .links import Ctx, slug
from .refs import anchor as ref_anchor
from .refs import get_reference
from .refs import label as ref_label
from .text import IRM, esc, missing_block, number

# The programme description's own illustrative figures (people with convictions in employment
# support programmes, thousands). It names no source for them: they are shown as its
# illustration, never as official statistics. Source key: lsib-cpscp-listing.
EMPLOYMENT_SUPPORT = ((2020, 25), (2021, 30), (2022, 35))
EMPLOYMENT_SUPPORT_SOURCE = "lsib-cpscp-listing"

# The official statistics "Why it matters" quotes: proven reoffending rates, per cent, for the
# April to June 2023 cohort (Ministry of Justice, published 24 April 2025). The page's table
# gives the same figures; the chart shows how far the short-sentence rate stands out.
PROVEN_REOFFENDING = (
    ("All", "Everyone in the cohort", 27.5),
    ("Adults", "Adults", 27.3),
    ("Under 18", "Children and young people", 31.6),
    ("Adults, custody under 12 months", "Adults released from custodial sentences of less than 12 months", 59.2),
)
PROVEN_REOFFENDING_SOURCE = "moj-2025-proven-reoffending"
PROVEN_REOFFENDING_PERIOD = "April to June 2023 cohort, published 24 April 2025"

# Drawing units. The viewBox is narrow on purpose: the SVG scales to the column, and a
# narrow box keeps 14-unit text near 11px on a 320px phone screen. On wider screens the
# SVG stops growing at one CSS pixel and a quarter per unit (max-width in rem).
WIDTH = 400
FONT = 14
ROW = 22  # height of one bar
GAP = 10  # space between rows
PAD = 6
PATTERNS = ("solid", "hatch", "outline", "dots")


@dataclass(frozen=True)
class Series:
    key: str  # short text drawn beside each bar, e.g. "GLH"
    name: str  # used in the legend and the table header
    pattern: str  # one of PATTERNS


@dataclass(frozen=True)
class Row:
    label: str  # short label drawn in the chart, e.g. "M04"
    values: tuple[float, ...]  # one per series
    note: str = ""  # extra words after the value label, e.g. "(26 × 15)"
    text: str = ""  # the whole label of a stacked bar, when its segments' values would mislead


def _num(value: float) -> str:
    return number(float(value))


def _text_width(text: str, size: int = FONT) -> float:
    # An estimate (no font metrics at build time); generous so labels never overlap bars.
    return len(str(text)) * size * 0.62


def _defs(chart_id: str, series: tuple[Series, ...]) -> str:
    """Patterns, with ids unique to the chart: the print page puts every chart on one page."""
    parts = []
    for s in series:
        pid = f"{chart_id}-{s.pattern}"
        if s.pattern == "hatch":
            parts.append(
                f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse" '
                f'patternTransform="rotate(45)"><rect width="2.5" height="6" fill="currentColor"/></pattern>'
            )
        elif s.pattern == "dots":
            parts.append(
                f'<pattern id="{pid}" width="5" height="5" patternUnits="userSpaceOnUse">'
                f'<circle cx="2.5" cy="2.5" r="1.3" fill="currentColor"/></pattern>'
            )
    return f"<defs>{''.join(parts)}</defs>" if parts else ""


def _fill(chart_id: str, pattern: str) -> str:
    if pattern == "solid":
        return 'fill="currentColor"'
    if pattern == "outline":
        return 'fill="none"'
    return f'fill="url(#{chart_id}-{pattern})"'


def _bar(chart_id: str, pattern: str, x: float, y: float, w: float, h: float, cls: str = "bar") -> str:
    # The outline gives every bar a full-contrast edge, whatever its fill.
    return (
        f'<rect class="cpscp-chart__{cls}" x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{h:.1f}" '
        f'{_fill(chart_id, pattern)} stroke="currentColor" stroke-width="1.5"/>'
    )


def _text(x: float, y: float, text: str, anchor: str = "start", weight: str = "", cls: str = "") -> str:
    bold = ' font-weight="bold"' if weight else ""
    klass = f' class="cpscp-chart__{cls}"' if cls else ""
    return (
        f'<text{klass} x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" dominant-baseline="central"{bold}>'
        f"{esc(text)}</text>"
    )


def _value_label(series: Series, value: float, unit: str, note: str = "") -> str:
    text = f"{series.key} {_num(value)}" if series.key else _num(value)
    if unit:
        text += f" {unit}"
    return f"{text} {note}".strip()


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def bar_svg(
    chart_id: str,
    title: str,
    desc: str,
    series: tuple[Series, ...],
    rows: tuple[Row, ...],
    unit: str = "",
    stacked: bool = False,
    reference: tuple[float, str] | None = None,
    row_height: float = ROW,
    gap: float = GAP,
) -> str:
    """Horizontal bars, one row per item; grouped (one bar per series) or stacked.

    Horizontal bars keep the row labels on their own lines, which stays legible when the
    chart shrinks to a phone's width. Each bar (grouped) or each stack (stacked) is followed
    by a text label with its values, so nothing depends on telling patterns apart.
    """
    for s in series:
        if s.pattern not in PATTERNS:
            raise ValueError(f"unknown pattern {s.pattern!r}")
    label_w = max(_text_width(r.label) for r in rows) + PAD * 2 if rows else 40
    if stacked:
        end_labels = [
            r.text
            or "; ".join(_value_label(s, v, "") for s, v in zip(series, r.values, strict=True))
            + (f" {unit}" if unit and not r.text else "")
            for r in rows
        ]
        totals = [sum(r.values) for r in rows]
    else:
        end_labels = [_value_label(s, v, unit, r.note) for r in rows for s, v in zip(series, r.values, strict=True)]
        totals = [v for r in rows for v in r.values]
    value_w = max((_text_width(t) for t in end_labels), default=0) + PAD
    plot_x = label_w
    plot_w = max(WIDTH - label_w - value_w, 80)
    width = max(WIDTH, plot_x + plot_w + value_w)
    top = PAD + _legend_height(series)
    if reference:
        top += FONT + PAD * 2
    scale_max = _nice_max(max([*totals, reference[0] if reference else 0, 0]))
    per = plot_w / scale_max
    bars_per_row = 1 if stacked else len(series)
    row_h = bars_per_row * row_height + (bars_per_row - 1) * 2
    height = top + len(rows) * (row_h + gap) + PAD

    body = [_legend(chart_id, series)]
    y = top
    labels = iter(end_labels)
    for r in rows:
        body.append(_text(plot_x - PAD, y + row_h / 2, r.label, anchor="end", weight="bold", cls="label"))
        if stacked:
            x = plot_x
            for s, v in zip(series, r.values, strict=True):
                if v:
                    body.append(_bar(chart_id, s.pattern, x, y, v * per, row_height))
                x += v * per
            body.append(_text(x + PAD, y + row_height / 2, next(labels), cls="value"))
        else:
            for i, (s, v) in enumerate(zip(series, r.values, strict=True)):
                by = y + i * (row_height + 2)
                body.append(_bar(chart_id, s.pattern, plot_x, by, v * per, row_height))
                body.append(_text(plot_x + v * per + PAD, by + row_height / 2, next(labels), cls="value"))
        y += row_h + gap
    # the axis the bars grow from
    body.append(
        f'<line x1="{plot_x:.1f}" y1="{top - 4:.1f}" x2="{plot_x:.1f}" y2="{y - gap + 4:.1f}" '
        f'stroke="currentColor" stroke-width="1.5"/>'
    )
    if reference:
        value, text = reference
        rx = plot_x + value * per
        body.append(
            f'<line x1="{rx:.1f}" y1="{top - 6:.1f}" x2="{rx:.1f}" y2="{y - gap + 4:.1f}" '
            f'stroke="currentColor" stroke-width="2" stroke-dasharray="6 4"/>'
        )
        anchor = "end" if rx > width / 2 else "start"
        body.append(
            _text(rx + (-PAD if anchor == "end" else PAD), top - FONT / 2 - PAD, text, anchor=anchor, cls="reference")
        )

    tid, did = f"{chart_id}-title", f"{chart_id}-desc"
    return (
        f'<svg role="img" aria-labelledby="{tid} {did}" viewBox="0 0 {width:.0f} {height:.0f}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" font-size="{FONT}" fill="currentColor" '
        f'style="display:block;max-width:{width / 16:.1f}rem;height:auto;overflow:visible">'
        f'<title id="{tid}">{esc(title)}</title><desc id="{did}">{esc(desc)}</desc>'
        + NL
        + NL.join(part for part in (_defs(chart_id, series), *body) if part)
        + "</svg>"
    )


# Between elements, so no line of the page grows with the data: MkDocs plugins that rewrite
# the HTML line by line with regular expressions (the print edition's id rewriting) take time
# that grows with the square of a line's length. A newline between elements shows nothing.
NL = "\n"


def _legend_height(series: tuple[Series, ...]) -> float:
    return len(series) * (FONT + 6) + PAD if len(series) > 1 else 0


def _legend(chart_id: str, series: tuple[Series, ...]) -> str:
    """One line per series (a swatch, then its name): lines wrap no matter how narrow the screen."""
    if len(series) < 2:
        return ""
    items = []
    for i, s in enumerate(series):
        y = PAD + i * (FONT + 6)
        items.append(_bar(chart_id, s.pattern, 1, y + 1, 24, FONT - 1, cls="swatch"))
        items.append(_text(32, y + FONT / 2 + 0.5, s.name, cls="legend"))
    return NL.join(items)


def data_table(caption: str, header: list[str], rows: list[list[str]]) -> str:
    """A table with a caption, column headers scoped to columns and the first cell of each row a row header."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in header)
    body = NL.join(
        "<tr>" + f'<th scope="row">{esc(r[0])}</th>' + "".join(f"<td>{esc(c)}</td>" for c in r[1:]) + "</tr>"
        for r in rows
    )
    return f"<table><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def figure(chart_id: str, svg: str, caption, table: str) -> str:
    """The chart, its caption and its data table as one raw HTML block.

    No blank lines and no indentation inside, so Markdown passes the block through as it is.
    `caption` is escaped unless it is Markup (a caller's trusted HTML, such as a citation).
    Without `table` the page must already show the same figures in a table of its own (a
    page should not show one table twice); the caption then says so.
    """
    caption = escape(caption)
    if not table:
        caption += Markup(" The same figures are given in a table on this page.")
    return (
        f'<div class="cpscp-chart" id="{esc(chart_id)}">\n'
        f'<figure style="width:100%;margin-left:0;margin-right:0;text-align:left">\n{svg}\n'
        f'<figcaption style="max-width:none;margin-left:0">{caption}</figcaption>\n</figure>\n'
        + (f"{table}\n" if table else "")
        + "</div>"
    )


# --- the handbook's charts -------------------------------------------------------------------


def employment_support(
    citation, data=EMPLOYMENT_SUPPORT, chart_id: str = "chart-employment-support", table: bool = True
) -> str:
    """The programme description's illustrative figures, as bars, labelled as exactly that.

    `citation` is the rendered citation of source key lsib-cpscp-listing (Markup if HTML).
    """
    cid = slug(chart_id)
    series = (Series("", "People in employment support programmes (thousands)", "solid"),)
    rows = tuple(Row(str(year), (value,)) for year, value in data)
    listing = ", ".join(f"{year}: {_num(value)} thousand" for year, value in data)
    title = "People with convictions in employment support programmes, in thousands: illustrative figures"
    desc = f"Bar chart of the programme description's illustrative figures, not official statistics. {listing}."
    svg = bar_svg(cid, title, desc, series, rows, unit="thousand")
    caption = Markup(
        "{} {}. These are the programme description's illustrative figures, not official "
        "statistics; the description names no source for them. Source: the programme "
        "description {}."
    ).format(title + ".", listing[0].upper() + listing[1:], citation)
    rows_table = data_table(
        "Data for the chart: the programme description's illustrative figures",
        ["Year", "People in employment support programmes (thousands)"],
        [[str(year), _num(value)] for year, value in data],
    )
    return figure(cid, svg, caption, rows_table if table else "")


def proven_reoffending(
    citation,
    data=PROVEN_REOFFENDING,
    period: str = PROVEN_REOFFENDING_PERIOD,
    chart_id: str = "chart-proven-reoffending",
    table: bool = True,
) -> str:
    """Official proven reoffending rates by group, as bars, with their source and date in the caption.

    `citation` is the rendered citation of PROVEN_REOFFENDING_SOURCE (Markup if HTML).
    """
    cid = slug(chart_id)
    series = (Series("", "Proven reoffending rate (%)", "solid"),)
    rows = tuple(Row(short, (value,)) for short, _, value in data)
    listing = "; ".join(f"{name}: {_num(value)}%" for _, name, value in data)
    title = f"Proven reoffending rates by group, {period.split(',')[0]}"
    desc = f"Bar chart of official statistics. {listing}."
    svg = bar_svg(cid, title, desc, series, rows, unit="%")
    caption = Markup("{}. {}. Source: Ministry of Justice proven reoffending statistics, {} {}.").format(
        title, listing, period, citation
    )
    rows_table = data_table(
        f"Data for the chart: proven reoffending rates, {period}",
        ["Group", "Proven reoffending rate (%)"],
        [[name, _num(value)] for _, name, value in data],
    )
    return figure(cid, svg, caption, rows_table if table else "")


def module_hours(modules: list[Module], chart_id: str = "chart-module-hours", table: bool = True) -> str:
    """Each module's total qualification time as a bar, the guided learning hours within it solid.

    Stacked, because GLH are part of the TQT: the whole bar is the TQT, and its label gives
    both figures, so no one has to add segments up.
    """
    cid = slug(chart_id)
    series = (
        Series("GLH", "GLH: guided learning hours", "solid"),
        Series("Own study", "Rest of the TQT: the learner's own study and assessment", "hatch"),
    )
    # Longest first: the table beside it keeps the teaching order, the chart shows the differences.
    ranked = sorted(modules, key=lambda m: (-m.tqt, -m.glh))
    rows = tuple(Row(m.id, (m.glh, max(m.tqt - m.glh, 0)), text=f"GLH {m.glh} h of TQT {m.tqt} h") for m in ranked)
    glh, tqt = sum(m.glh for m in modules), sum(m.tqt for m in modules)
    biggest = max(modules, key=lambda m: m.tqt, default=None)
    title = "Guided learning hours within the total qualification time of each module"
    desc = (
        "Stacked bar chart, one bar per module: the whole bar is the total qualification time (TQT), its solid "
        "part the guided learning hours (GLH). "
        + "; ".join(f"{m.id}: {m.glh} GLH of {m.tqt} TQT" for m in modules)
        + "."
    )
    words = (
        f"Modules from the longest to the shortest. Each whole bar is a module's total qualification time "
        f"(TQT); the solid part is its guided learning hours (GLH). {len(modules)} modules total {glh} guided learning hours within {tqt} hours of total "
        f"qualification time."
    )
    if biggest is not None:
        words += f" The largest is {biggest.id} {biggest.title}, at {biggest.tqt} hours."
    svg = bar_svg(cid, title, desc, series, rows, stacked=True)
    rows_table = data_table(
        "Data for the chart: hours of each module",
        ["Module", "Guided learning hours (GLH)", "Total qualification time (TQT), hours"],
        [[f"{m.id} {m.title}", str(m.glh), str(m.tqt)] for m in ranked] + [["Total", str(glh), str(tqt)]],
    )
    return figure(cid, svg, f"{title}. {words}", rows_table if table else "")


def _compared(hours: float, tqt: float) -> str:
    diff = hours - tqt
    if diff == 0:
        return "equal to the TQT"
    return f"{_num(abs(diff))} hours {'more' if diff > 0 else 'less'} than the TQT"


def pathway_hours(
    pathways: list[Pathway], tqt: float, chart_id: str = "chart-pathway-hours", table: bool = True
) -> str:
    """Study hours each pathway schedules (weeks × weekly hours) against the programme's TQT."""
    cid = slug(chart_id)
    series = (Series("", "Hours scheduled (weeks × hours a week)", "solid"),)
    rows = tuple(Row(p.title.split(" (")[0], (p.hours,), f"({p.weeks} × {_num(p.weekly_hours)})") for p in pathways)
    ref_text = f"Programme TQT: {_num(tqt)} h"
    title = "Hours each study pathway schedules, against the programme's total qualification time"
    desc = (
        "Bar chart with a dashed line at the total qualification time (TQT) of "
        f"{_num(tqt)} hours. "
        + "; ".join(
            f"{p.title}: {p.weeks} weeks at {_num(p.weekly_hours)} hours a week, {_num(p.hours)} hours, "
            f"{_compared(p.hours, tqt)}"
            for p in pathways
        )
        + "."
    )
    svg = bar_svg(cid, title, desc, series, rows, unit="h", reference=(tqt, ref_text))
    words = " ".join(
        f"{p.title}: {p.weeks} weeks × {_num(p.weekly_hours)} hours = {_num(p.hours)} hours, {_compared(p.hours, tqt)}."
        for p in pathways
    )
    rows_table = data_table(
        f"Data for the chart: hours each pathway schedules, against a TQT of {_num(tqt)} hours",
        ["Pathway", "Weeks", "Hours a week", "Hours scheduled", "Compared with the TQT"],
        [[p.title, str(p.weeks), _num(p.weekly_hours), _num(p.hours), _compared(p.hours, tqt)] for p in pathways],
    )
    return figure(
        cid, svg, f"{title}. The dashed line marks the TQT of {_num(tqt)} hours. {words}", rows_table if table else ""
    )


# The competency map's stages as the coverage chart draws and says them: fuller as a competency grows.
_STAGES = {
    INTRODUCED: ("modules that introduce it", "outline"),
    REINFORCED: ("modules that reinforce it", "hatch"),
    MASTERED: ("modules that bring it to mastery", "solid"),
}


def competency_coverage(
    domains: list[Domain], modules: list[Module], chart_id: str = "chart-competency-coverage", table: bool = True
) -> str:
    """For each competency, how many modules introduce (I), reinforce (R) and master (M) it."""
    cid = slug(chart_id)
    series = tuple(Series(k, f"{k}: {words}", fill) for k, (words, fill) in _STAGES.items())
    comps = [c for d in domains for c in d.competencies if not c.retired]
    names = {c.id: {k: [m.id for m in modules if m.map_value(c.id) == k] for k in _STAGES} for c in comps}
    counts = {c.id: tuple(len(found) for found in names[c.id].values()) for c in comps}
    rows = tuple(Row(c.id, counts[c.id]) for c in comps)
    title = "How many modules introduce, reinforce and bring each competency to mastery"
    said = [f"{k} ({IRM[k].lower()})" for k in _STAGES]
    desc = (
        f"Stacked bar chart, one bar per competency, with segments for {', '.join(said[:-1])} and {said[-1]}. "
        + "; ".join(f"{c.id}: " + ", ".join(f"{k} {len(found)}" for k, found in names[c.id].items()) for c in comps)
        + "."
    )
    gaps = [c.id for c in comps if not names[c.id][MASTERED]]
    words = f"{len(comps)} competencies. Each bar is labelled with its counts: " + (
        ", ".join(f"{k} = {IRM[k].lower()}" for k in _STAGES) + "."
    )
    words += (
        f" No module brings {', '.join(gaps)} to mastery."
        if gaps
        else " Every competency is brought to mastery in at least one module."
    )
    svg = bar_svg(cid, title, desc, series, rows, unit="modules", stacked=True, row_height=18, gap=6)

    def cell(cid_: str, k: str) -> str:
        found = names[cid_][k]
        return f"{len(found)} ({', '.join(found)})" if found else "0"

    rows_table = data_table(
        "Data for the chart: number of modules (and which) at each stage, per competency",
        ["Competency", *(f"{IRM[k]} ({k})" for k in _STAGES)],
        [[f"{c.id} {c.title}", *(cell(c.id, k) for k in _STAGES)] for c in comps],
    )
    return figure(cid, svg, f"{title}. {words}", rows_table if table else "")


# --- the chart macros: (model, ctx) like every render function -----------------------------


def _modules(model: Curriculum) -> list[Module]:
    if not model.modules and "modules" not in model.loaded:
        raise Unavailable("curriculum/modules/", missing_block("modules"))
    return model.modules


def citation_html(model: Curriculum, ctx: Ctx, key: str) -> Markup:
    """cite() as raw HTML, for use inside a chart: MkDocs does not rewrite links in raw HTML."""
    ref = get_reference(model, key)
    href = ctx.href(ctx.pages.references, ref_anchor(ref.id))
    # label() is already escaped, so wrapping it in Markup does not let YAML text through unescaped
    return Markup('(<a href="{}">{}</a>)').format(href, Markup(ref_label(model, ref)))  # noqa: S704


def chart_employment_support(model: Curriculum, ctx: Ctx, table: bool = True) -> str:
    return employment_support(citation_html(model, ctx, EMPLOYMENT_SUPPORT_SOURCE), table=bool(table))


def chart_proven_reoffending(model: Curriculum, ctx: Ctx, table: bool = True) -> str:
    return proven_reoffending(citation_html(model, ctx, PROVEN_REOFFENDING_SOURCE), table=bool(table))


def chart_module_hours(model: Curriculum, ctx: Ctx, table: bool = True) -> str:
    return module_hours(_modules(model), table=bool(table))


def chart_pathway_hours(model: Curriculum, ctx: Ctx, table: bool = True) -> str:
    if model.programme is None:
        raise Unavailable("curriculum/programme.yml", missing_block("programme description"))
    tqt = model.totals()["tqt"]  # the programme's modules, as programme.yml lists them
    return pathway_hours(list(model.programme.pathways), tqt, table=bool(table))


def chart_competency_coverage(model: Curriculum, ctx: Ctx, table: bool = True) -> str:
    if not model.domains:
        raise Unavailable("curriculum/competencies.yml", missing_block("competency framework"))
    return competency_coverage(model.domains, _modules(model), table=bool(table))
