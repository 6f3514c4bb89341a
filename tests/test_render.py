"""Unit tests of the pure render functions (engine.render) on a small synthetic curriculum."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.utils import get_relative_url

from cpscp_engine import render
from cpscp_engine.render.glossary import running_text
from cpscp_engine.render.links import page_url, relative_url
from cpscp_engine.render.refs import year_labels
from fixtures import HOSTILE, ROOT, edit_yaml, model_of, module_file, small_curriculum

MODULE_PAGE = "modules/01-synthetic-1.md"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = small_curriculum(tmp_path_factory.mktemp("curriculum"))
    edit_yaml(module_file(root, "M02"), lambda d: d.update(title=HOSTILE, summary=HOSTILE))
    edit_yaml(root / "curriculum" / "programme.yml", lambda d: d.update(title=HOSTILE))

    def refs(data):
        data["references"] += [
            {
                "id": "bonta-andrews-2007",
                "type": "report",
                "author": "Bonta, J. and Andrews, D. A.",
                "year": 2007,
                "title": "Risk-Need-Responsivity Model",
                "publisher": "Public Safety Canada",
                "url": "https://example.org/rnr (pdf)",
                "accessed": "2026-11-28",
            },
            {
                "id": "smith-2010a",
                "type": "book",
                "author": "Smith, J.",
                "year": 2010,
                "title": "Beta",
                "publisher": "P",
                "accessed": "2026-11-28",
                "note": "Pages not checked against a stored copy.",
            },
            {
                "id": "smith-2010b",
                "type": "article",
                "author": "Smith, J.",
                "year": 2010,
                "title": "Alpha",
                "publisher": "Journal of Tests, 1(2), 3-4",
                "accessed": "2026-11-28",
            },
        ]

    edit_yaml(root / "curriculum" / "references.yml", refs)

    def terms(data):
        data["terms"].append({"id": "desistance", "term": "Desistance", "definition": "Stopping offending."})
        data["terms"].append({"id": "approved-premises", "term": "Approved Premises", "definition": HOSTILE})

    edit_yaml(root / "curriculum" / "glossary.yml", terms)
    return root


@pytest.fixture(scope="module")
def model(project):
    m = model_of(project)
    assert {"modules", "programme", "competencies", "assessment", "glossary", "references"} <= m.loaded
    return m


@pytest.fixture
def ctx():
    return render.Ctx(page=MODULE_PAGE)


# --- links ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "src,directory,url",
    [
        ("index.md", True, ""),
        ("about.md", True, "about/"),
        ("modules/index.md", True, "modules/"),
        ("modules/04-x.md", True, "modules/04-x/"),
        ("about.md", False, "about.html"),
        ("modules/index.md", False, "modules/index.html"),
        ("index.md", False, "index.html"),
    ],
)
def test_page_url_matches_mkdocs(src, directory, url):
    assert page_url(src, directory) == url


@pytest.mark.parametrize(
    "to,frm",
    [
        ("competencies/", "modules/04-x/"),
        ("competencies/", ""),
        ("", "modules/04-x/"),
        ("modules/", "about/"),
        ("modules/04-x/", "modules/"),
        ("about.html", "modules/04-x.html"),
        ("index.html", "about.html"),
        ("about/", "about/"),
    ],
)
def test_relative_url_agrees_with_mkdocs(to, frm):
    # MkDocs drops the trailing slash of a link to the home page; both forms reach it
    assert relative_url(to, frm).rstrip("/") == get_relative_url(to, frm).rstrip("/")


def test_markdown_links_are_relative_to_the_page_depth():
    assert render.Ctx("modules/04-x.md").md("competencies.md", "c1") == "../competencies.md#c1"
    assert render.Ctx("about.md").md("competencies.md", "c1") == "competencies.md#c1"
    assert render.Ctx("competencies.md").md("competencies.md", "c1") == "#c1"
    assert render.Ctx("modules/04-x.md").md("modules/05-y.md") == "05-y.md"


def test_html_links_are_final_urls():
    assert render.Ctx("competencies.md").href("modules/04-x.md") == "../modules/04-x/"
    assert render.Ctx("competencies.md", directory_urls=False).href("modules/04-x.md") == "modules/04-x.html"
    assert render.Ctx("index.md").href("competencies.md", "c3") == "competencies/#c3"


# --- citations and references -----------------------------------------------------------


@pytest.mark.parametrize(
    "author,short",
    [
        ("Bonta, J. and Andrews, D. A.", "Bonta and Andrews"),
        ("Maruna, S.", "Maruna"),
        ("Andrews, D. A., Bonta, J. and Hoge, R. D.", "Andrews et al."),
        ("Marlatt, G. A. and Gordon, J. R. (eds)", "Marlatt and Gordon"),
        ("Substance Abuse and Mental Health Services Administration (SAMHSA)", "SAMHSA"),
        ("International Certification & Reciprocity Consortium (IC&RC)", "IC&RC"),
        ("Bachu, A. (House of Lords Library)", "Bachu"),
        ("New Futures Network (HM Prison and Probation Service)", "New Futures Network"),
        ("UK Parliament", "UK Parliament"),
        ("NAADAC, the Association for Addiction Professionals", "NAADAC"),
        ("European Parliament and Council; retained in UK law", "European Parliament and Council"),
        (
            "HM Inspectorate of Probation and HM Inspectorate of Prisons",
            "HM Inspectorate of Probation and HM Inspectorate of Prisons",
        ),
    ],
)
def test_short_author(author, short):
    assert render.short_author(author) == short


def test_cite_formats_author_year_linked_to_the_references_page(model, ctx):
    assert (
        render.cite(model, ctx, "bonta-andrews-2007")
        == "([Bonta and Andrews, 2007](../references.md#ref-bonta-andrews-2007))"
    )


def test_cite_several_keys_are_separated_by_semicolons(model):
    out = render.cite(model, render.Ctx("about.md"), "bonta-andrews-2007", "ref-01")
    assert out == (
        "([Bonta and Andrews, 2007](references.md#ref-bonta-andrews-2007); [Author, 2000](references.md#ref-ref-01))"
    )


def test_same_author_and_year_get_letters_in_title_order(model, ctx):
    labels = year_labels(model)
    assert (labels["smith-2010b"], labels["smith-2010a"]) == ("2010a", "2010b")  # Alpha before Beta
    assert "[Smith, 2010a]" in render.cite(model, ctx, "smith-2010b")


def test_past_z_the_same_author_and_year_count_on(tmp_path):
    # Harvard letters run a to z; a 27th work that year is numbered rather than given a
    # character after 'z'.
    root = small_curriculum(tmp_path)
    edit_yaml(
        root / "curriculum" / "references.yml",
        lambda d: d["references"].extend(
            {
                "id": f"jones-2011-{i:02d}",
                "type": "report",
                "author": "Jones, K.",
                "year": 2011,
                "title": f"Part {i:02d}",
                "publisher": "P",
                "accessed": "2026-11-28",
            }
            for i in range(27)
        ),
    )
    labels = year_labels(model_of(root))
    assert [labels[f"jones-2011-{i:02d}"] for i in (0, 1, 25, 26)] == ["2011a", "2011b", "2011z", "2011-27"]


def test_references_sorted_with_anchors_urls_and_accessed_dates(model):
    out = render.references(model, render.Ctx("references.md"))
    anchors = re.findall(r"\{ #ref-([a-z0-9-]+) \.cpscp-ref \}", out)
    assert len(anchors) == len(model.references)
    assert anchors.index("bonta-andrews-2007") < anchors.index("smith-2010a")
    assert anchors.index("smith-2010b") < anchors.index("smith-2010a")
    # the URL is a link whose destination cannot break out of the Markdown parentheses
    assert "[https://example.org/rnr (pdf)](https://example.org/rnr%20%28pdf%29)" in out
    assert "(accessed 28 November 2026)" in out
    assert "‘Alpha’, *Journal of Tests, 1(2), 3-4*." in out


def test_checked_wording_claims_only_what_was_checked(model):
    text = render.references(model, render.Ctx(page="references.md"))
    beta = next(b for b in text.split("\n\n") if "*Beta*" in b)
    alpha = next(b for b in text.split("\n\n") if "Alpha" in b)
    assert "Entry checked" not in beta and "not checked against a copy" in beta
    assert "Entry checked 28 November 2026" in alpha


def test_further_reading_lists_the_module_references_in_full(model, ctx):
    out = render.further_reading(model, ctx, "M01")
    assert out.startswith("- [Author, A. (2000)](../references.md#ref-ref-01) *Generated work 1*. Example Press.")


def test_further_reading_puts_the_chosen_few_first_and_folds_the_full_list(model, ctx):
    import dataclasses

    module = model.module("M01")
    keys = [k for k, _ in module.references]
    chosen = dataclasses.replace(module, essential_reading=tuple((k, module.loc) for k in keys[:2]))
    varied = dataclasses.replace(model, modules=[chosen if m.id == "M01" else m for m in model.modules])
    varied.__dict__.pop("_cache", None)
    out = render.further_reading(varied, ctx, "M01")
    head, folded = out.split("??? info ")
    assert head.startswith("### Essential reading { #essential-reading }")
    assert ("\n" + head).count("\n- [") == len(keys[:2])
    assert folded.startswith(f'"All {len(keys)} references for this module"')
    assert folded.count("\n    - [") == len(keys)


# --- module pages -----------------------------------------------------------------------


def test_module_facts(model, ctx):
    out = render.module_facts(model, render.Ctx("modules/02-synthetic-2.md"), "M02")
    assert '<div class="cpscp-facts" markdown="1">' in out
    for fact in (
        "Level\n:   4",
        "Guided learning hours\n:   10 hours",
        "Total qualification time\n:   20 hours",
        "Credits\n:   2",
        "Study time\n:   - Standard: about 2 weeks at 10 hours a week",
    ):
        assert fact in out
    assert "[M01 Synthetic module 1](01-synthetic-1.md)" in out  # prerequisite linked to its page


def test_outcomes_have_stable_anchors_bloom_text_and_tasks(model, ctx):
    out = render.outcomes(model, ctx, "M01")
    assert "### LO1: Explain topic 1 of module M01 in practice. { #lo-1 }" in out
    assert (
        '| <span id="ac-1-1"></span>[1.1](#ac-1-1 "Link to criterion 1.1"){ .cpscp-anchor } | '
        "Describe aspect 1 of topic 1 of module M01. | Understand | [M01-T1](#m01-t1) |"
    ) in out
    assert "{ #lo-2 }" in out and 'id="ac-2-2"' in out
    assert render.outcomes(model, ctx, "M01", level=4).startswith("#### LO1")


def test_module_competencies_spell_out_irm(model, ctx):
    out = render.module_competencies(model, ctx, "M01")
    assert "| [C1 Competency 1](../competencies.md#c1) | Introduced |" in out
    assert not re.search(r"\| [IRM] \|", out)
    rows = re.findall(r"\[C(\d+) ", out)
    assert rows == sorted(rows, key=int)  # C2 before C10


def test_assessment_tasks_table_links_criteria(model, ctx):
    out = render.assessment_tasks(model, ctx, "M01")
    assert out.splitlines()[0] == "| Task | Type | Weighting | Criteria assessed |"
    assert (
        '<span id="m01-t1"></span>**M01-T1** Written assignment | Written assignment | 60% | '
        "[1.1](#ac-1-1), [1.2](#ac-1-2) |"
    ) in out
    assert "**M01-T2 Case study.** A case study analysis of 1,000 words." in out


# --- escaping ---------------------------------------------------------------------------


def test_yaml_values_are_escaped_everywhere(model):
    ctx = render.Ctx("about.md")
    structure = render.programme_structure(model, ctx)
    facts = render.module_facts(model, render.Ctx("modules/02-synthetic-2.md"), "M02")
    for out in (
        structure,
        facts,
        render.programme_value(model, ctx, "title"),
        render.glossary(model, render.Ctx("glossary.md")),
    ):
        assert "<script>" not in out
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
        assert "\\{\\{ x \\}\\}" in out  # shown as text: macro output is not re-rendered


def test_pipes_in_table_cells_are_escaped(model):
    out = render.programme_structure(model, render.Ctx("about.md"))
    row = next(line for line in out.splitlines() if "alert(1)" in line)
    assert "a\\|b" in row
    assert row.count(" | ") == 5  # six cells: the title's pipe did not add one


def test_cell_escapes_the_pipe_that_would_end_a_table_cell():
    from cpscp_engine.render.text import cell

    assert cell("a|b") == "a\\|b"
    assert cell("x | y | z").count("\\|") == 2


def test_script_links_in_values_show_as_text():
    from cpscp_engine.render.text import inline

    assert (
        inline("[a](javascript:alert(1)) [b](https://example.org) *c*")
        == "\\[a\\](javascript:alert(1)) [b](https://example.org) *c*"
    )


def test_url_quotes_cannot_break_out_of_an_attribute():
    from cpscp_engine.render.text import url

    assert url('https://example.org/"><script>') == "https://example.org/%22%3E%3Cscript%3E"


# --- programme-wide ---------------------------------------------------------------------


def test_programme_structure_totals_row(model):
    out = render.programme_structure(model, render.Ctx("about.md"))
    assert "| 1 | [M01 Synthetic module 1](modules/01-synthetic-1.md) | 10 | 20 | 2 | None |" in out
    assert "|   | **Total** | **30** | **60** | **6** |   |" in out
    assert "[M01](modules/01-synthetic-1.md)" in out  # prerequisites linked


def test_pathways_compare_hours_with_tqt(model):
    out = render.pathways(model, render.Ctx("about.md"))
    assert "| Standard | 6 | 10 | 60 | Equal to the TQT |" in out
    assert "**Standard.** Ten hours a week." in out


def test_placement_award_rules_and_status(model):
    ctx = render.Ctx("about.md")
    assert render.placement(model, ctx).startswith(
        "- **Hours.** At least 10 hours of supervised practice, as part of [M03 Synthetic module 3]"
    )
    assert render.award_rules(model, ctx) == '<div id="award-rules" markdown="1">\n\n1. Pass every module.\n\n</div>'
    assert render.award_rules(model, ctx) == "1. Pass every module."  # same page: the id is not repeated
    status = render.status_statement(model, ctx)
    assert 'id="award-status"' in status and 'class="admonition info cpscp-status"' in status
    assert "An open curriculum, not a regulated qualification." in status
    again = render.status_statement(model, ctx)  # same page: the id is not repeated
    assert "id=" not in again and "An open curriculum, not a regulated qualification." in again
    assert 'id="award-status"' in render.status_statement(model, render.Ctx("index.md"))


def test_programme_value(model):
    ctx = render.Ctx("about.md")
    assert render.programme_value(model, ctx, "short_code") == "SYN"
    with pytest.raises(render.UnknownId, match="programme field 'nope'"):
        render.programme_value(model, ctx, "nope")
    with pytest.raises(render.BadArgument, match="not text"):
        render.programme_value(model, ctx, "pathways")


def test_programme_value_reads_a_field_inside_another_with_a_dot(model):
    ctx = render.Ctx("about.md")
    assert render.programme_value(model, ctx, "provider.name") == model.programme.provider.name
    assert render.programme_value(model, ctx, "placement.hours") == str(model.programme.placement.hours)
    with pytest.raises(render.BadArgument, match="not text"):
        render.programme_value(model, ctx, "placement")


def test_counts_follow_the_modules_in_words(model):
    from cpscp_engine.render.identity import count_words

    ctx = render.Ctx("about.md")
    n = len(model.modules)
    assert render.module_count(model, ctx) == count_words(n)
    # the placement module is not taught online
    assert render.online_module_count(model, ctx, capital=True) == count_words(n - 1, capital=True)
    assert [count_words(k) for k in (1, 12, 13, 20, 21)] == ["one", "twelve", "thirteen", "twenty", "21"]
    assert count_words(3, capital=True) == "Three"


def test_module_link_numbers_the_module_by_its_place(model, ctx):
    second = model.modules[1]
    assert render.module_link(model, render.Ctx("about.md"), second.id) == f"[Module {second.number}]({second.page})"
    titled = render.module_link(model, ctx, model.modules[0].id, titled=True)
    assert titled == f"[Module {model.modules[0].number}: {model.modules[0].title}](01-synthetic-1.md)"
    assert render.module_link(model, ctx, second.id, text="the <next> one").startswith("[the &lt;next&gt; one](")


def test_attribution_and_identity_come_from_the_programme(model):
    notice = " ".join(model.programme.attribution.notice.split())
    assert (
        render.attribution(model, render.Ctx("about.md"))
        == f'<span class="cpscp-attribution">{render.text.esc(notice)}</span>'
    )
    ident = render.identity(model)
    assert ident["attribution"] == notice and ident["short_code"] == model.programme.short_code
    assert ident["title"] == model.programme.title  # raw: the templates escape it


def test_glossary_has_an_entry_for_the_programme_written_from_its_data(model):
    out = render.glossary(model, render.Ctx("glossary.md"))
    p = model.programme
    assert f"[**{render.text.inline(p.short_code + ' (' + p.title + ')')}**](#{p.id}) {{ #{p.id} }}" in out
    assert "&lt;script&gt;" in out and "<script>" not in out  # the hostile title stays inert
    assert f"(glossary.md#{p.id} " in render.term(model, render.Ctx("about.md"), p.id)


# --- competencies -----------------------------------------------------------------------


def test_competency_link(model, ctx):
    assert render.competency(model, ctx, "C11") == "[C11 Competency 11](../competencies.md#c11)"


def test_competency_framework_anchors(model):
    out = render.competency_framework(model, render.Ctx("competencies.md"))
    assert "### D1 Domain 1 { #d1 }" in out
    assert "[**C1 Competency 1**](#c1) { #c1 }\n:   Does generated thing 1." in out
    assert len(re.findall(r"\{ #c\d+ \}", out)) == len(model.competencies)
    assert out.count("*In the programme:* Introduced in ") == len(model.competencies)


def test_competency_entries_say_each_stage_once_and_show_proficiency_when_given(model):
    import dataclasses

    domains = [
        dataclasses.replace(
            d,
            competencies=tuple(
                dataclasses.replace(
                    c,
                    proficiency={
                        "mastered": "Does it alone.",
                        "introduced": "Knows <b>it</b>.",
                        "reinforced": "Applies it.",
                    },
                )
                if c.id == "C1"
                else c
                for c in d.competencies
            ),
        )
        for d in model.domains
    ]
    varied = dataclasses.replace(model, domains=domains)
    varied.__dict__.pop("_cache", None)
    out = render.competency_framework(varied, render.Ctx("competencies.md"))
    c1 = out[out.index("{ #c1 }") : out.index("{ #c2 }")]
    assert (
        "- **Introduced:** Knows &lt;b&gt;it&lt;/b&gt;.\n    - **Reinforced:** Applies it.\n    - **Mastered:** Does it alone."
        in c1
    )


def test_competency_map_is_an_accessible_table(model):
    out = render.competency_map(model, render.Ctx("competencies.md"))
    assert re.search(r'<div class="cpscp-table-scroll" role="region" tabindex="0" aria-labelledby="([^"]+)">', out)
    assert '<caption id="cpscp-map-caption">' in out
    assert out.count('<th scope="col">') == 1 + len(model.modules)
    assert out.count('<th scope="row">') == 30
    assert 'scope="rowgroup"' in out
    assert "I = Introduced, R = Reinforced, M = Mastered" in out
    letters = re.findall(r'<abbr title="(Introduced|Reinforced|Mastered)">([IRM])</abbr>', out)
    assert letters and all(word[0] == letter for word, letter in letters)
    assert '<a href="../modules/01-synthetic-1/">' in out  # raw HTML: final URL relative to the page
    assert '<a href="#c1">C1 Competency 1</a>' in out
    assert "&lt;script&gt;" in out and "<script>" not in out  # M02's hostile title in the abbr title


def test_competency_coverage_lists_stages_and_tasks(model):
    out = render.competency_coverage(model, render.Ctx("competencies.md"))
    row = next(line for line in out.splitlines() if "[C1 Competency 1]" in line)
    cells = [c.strip() for c in row.strip("|").split(" | ")]
    assert cells[1] == "[M01](modules/01-synthetic-1.md)"
    assert cells[3].startswith("[M02](modules/02-synthetic-2.md)")
    assert "[M01-T1](modules/01-synthetic-1.md#m01-t1)" in cells[4]
    assert "[M02-T2](modules/02-synthetic-2.md#m02-t2)" in cells[4]


# --- examination ------------------------------------------------------------------------


def test_exam_blueprint(model):
    out = render.exam_blueprint(model, render.Ctx("assessment.md"))
    assert "Pass mark\n:   65 per cent (at least 52 of 80 items)" in out
    # a definition list: each fact a paragraph of its own, or Markdown runs them together
    assert "80 scored items\n\nPass mark\n:" in out
    assert '| <span id="x1"></span>X1 Exam domain 1 | 22.5% | 18 | [C1 Competency 1](competencies.md#c1)' in out
    assert "| **Total** | **100%** | **80** |" in out


def test_practice_questions_hide_the_answer(model):
    out = render.practice_questions(model, render.Ctx("practice-questions.md"), domain="X2")
    assert out.startswith('<div class="cpscp-question" id="q04" markdown="1">')
    assert "<strong>Question Q04</strong>" in out
    assert "- **A.** First\n- **B.** Second\n- **C.** Third\n- **D.** Fourth" in out
    assert '??? question "Answer to question Q04"\n    **Answer: D.** Generated.' in out
    assert "[M01 LO1](modules/01-synthetic-1.md#lo-1)" in out
    whole = render.practice_questions(model, render.Ctx("practice-questions.md"))
    assert "## X1 Exam domain 1 { #questions-x1 }" in whole and 'id="q01"' in whole
    assert "Question Q01 {" not in whole, "questions are not headings: the contents list stays one line a domain"
    with pytest.raises(render.UnknownId, match="exam domain 'X9'"):
        render.practice_questions(model, render.Ctx("assessment.md"), domain="X9")


# --- glossary ---------------------------------------------------------------------------


def test_answer_key_follows_the_domains_and_links_back(model):
    key = render.practice_answers(model, render.Ctx("practice-answers.md"))
    assert key.index("## X1 Exam domain 1 { #answers-x1 }") < key.index("## X2")
    assert "[Question Q04](practice-questions.md#q04)\n:   **D.** Generated." in key
    assert len(re.findall(r"^\[Question ", key, re.M)) == len(model.questions)


def test_glossary_sorted_with_anchors_and_see_also(model):
    out = render.glossary(model, render.Ctx("glossary.md"))
    assert out.index("## A { #glossary-a }") < out.index("## D { #glossary-d }") < out.index("## T { #glossary-t }")
    assert "[**Desistance**](#desistance) { #desistance }\n:   Stopping offending." in out
    assert "*See also:* [Term 2](#term-02)." in out
    assert "*Sources:* [Author, 2000](references.md#ref-ref-01)." in out


@pytest.mark.parametrize(
    "term,text",
    [
        ("Desistance", "desistance"),
        ("Primary desistance", "primary desistance"),
        ("Risk-need-responsivity (RNR)", "risk-need-responsivity (RNR)"),
        ("Approved Premises", "Approved Premises"),
        ("DBS check", "DBS check"),
        ("OASys", "OASys"),
        ("Disclosure and Barring Service", "Disclosure and Barring Service"),
    ],
)
def test_terms_read_as_running_text(term, text):
    assert running_text(term) == text


def test_term_links_to_the_glossary(model, ctx):
    assert render.term(model, ctx, "desistance") == '[desistance](../glossary.md#desistance "Stopping offending.")'
    assert render.term(model, ctx, "desistance", text="Desistance").startswith(
        "[Desistance](../glossary.md#desistance "
    )


def test_term_tooltip_is_the_first_sentence_and_cannot_break_out(model, ctx):
    hostile = render.term(model, ctx, "approved-premises")
    assert "<script>" not in hostile and '"' not in hostile.split(' "', 1)[1][:-2]


def test_module_facts_open_with_what_the_learner_will_be_able_to_do(model, ctx):
    out = render.module_facts(model, ctx, "M01")
    box = out[out.index('!!! success "By the end of this module you can"') :]
    module = model.module("M01")
    assert box.count("\n    - ") == len(module.outcomes)
    assert "    - explain topic 1 of module M01 in practice ([LO1](#lo-1))" in box


# --- errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,args,what",
    [
        ("module_facts", ("M99",), "module id 'M99'"),
        ("outcomes", ("M99",), "module id 'M99'"),
        ("module_competencies", ("M99",), "module id 'M99'"),
        ("assessment_tasks", ("M99",), "module id 'M99'"),
        ("further_reading", ("M99",), "module id 'M99'"),
        ("cite", ("ref-01", "nope-2000"), "reference key 'nope-2000'"),
        ("term", ("nope",), "glossary term 'nope'"),
        ("competency", ("C99",), "competency id 'C99'"),
        ("practice_questions", ("X9",), "exam domain 'X9'"),
        ("module_link", ("M99",), "module id 'M99'"),
        ("programme_value", ("provider.nope",), "programme field 'provider.nope'"),
    ],
)
def test_unknown_ids_raise(model, ctx, name, args, what):
    with pytest.raises(render.UnknownId) as info:
        render.MACROS[name](model, ctx, *args)
    assert info.value.describe(name).startswith(f"unknown {what} in {name}() — ")


def test_a_file_that_did_not_load_gives_a_placeholder(tmp_path):
    root = small_curriculum(tmp_path)
    (root / "curriculum" / "references.yml").write_text("references: [", encoding="utf-8")
    (root / "curriculum" / "glossary.yml").write_text("terms: 3\n", encoding="utf-8")
    model = model_of(root)
    ctx = render.Ctx("about.md")
    with pytest.raises(render.Unavailable) as info:
        render.cite(model, ctx, "ref-01")
    assert info.value.placeholder == "(ref-01)"
    with pytest.raises(render.Unavailable) as info:
        render.glossary(model, ctx)
    assert info.value.placeholder.startswith('!!! warning "Not shown"')
    assert "module id 'M01'" not in str(render.module_facts(model, ctx, "M01"))  # the rest still renders


def test_every_macro_named_in_the_plan_is_registered():
    plan = (
        "module_facts outcomes module_competencies assessment_tasks further_reading programme_structure "
        "pathways placement award_rules status_statement competency_framework competency_map "
        "competency_coverage exam_blueprint practice_questions glossary references cite term competency "
        "programme_value downloads chart_employment_support chart_proven_reoffending chart_module_hours "
        "chart_pathway_hours chart_competency_coverage activities reflection_questions assessment_briefs "
        "placement_logbook module_count online_module_count module_link attribution at_a_glance edition_note "
        "practice_answers what_changed print_cover"
    ).split()
    assert sorted(render.MACROS) == sorted(plan)


# --- palette ----------------------------------------------------------------------------

CSS = ROOT / "docs" / "assets" / "stylesheets" / "extra.css"


def _scheme(css: str, selector: str) -> dict[str, str]:
    for m in re.finditer(r"([^{}]+)\{([^{}]*)\}", re.sub(r"/\*.*?\*/", "", css, flags=re.S)):
        if selector in m.group(1):
            return dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", m.group(2)))
    raise AssertionError(f"no rule for {selector} in extra.css")


def _luminance(hex_colour: str) -> float:
    h = hex_colour.strip().lstrip("#")
    assert re.fullmatch(r"[0-9a-fA-F]{6}", h), f"{hex_colour}: use opaque #rrggbb for colours that carry text"
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


TEXT_PAIRS = [  # (foreground, background): text, 4.5:1
    ("--md-default-fg-color", "--md-default-bg-color"),
    ("--md-typeset-color", "--md-default-bg-color"),
    ("--md-default-fg-color--light", "--md-default-bg-color"),
    ("--md-default-fg-color--lighter", "--md-default-bg-color"),
    ("--md-typeset-a-color", "--md-default-bg-color"),
    ("--md-accent-fg-color", "--md-default-bg-color"),
    ("--md-accent-bg-color", "--md-accent-fg-color"),
    ("--md-primary-bg-color", "--md-primary-fg-color"),
    ("--md-primary-bg-color--light", "--md-primary-fg-color"),
    ("--md-primary-bg-color", "--md-primary-fg-color--dark"),
    ("--md-primary-bg-color", "--md-primary-fg-color--light"),
    ("--md-code-fg-color", "--md-code-bg-color"),
    ("--md-code-hl-number-color", "--md-code-bg-color"),
    ("--md-code-hl-special-color", "--md-code-bg-color"),
    ("--md-code-hl-function-color", "--md-code-bg-color"),
    ("--md-code-hl-constant-color", "--md-code-bg-color"),
    ("--md-code-hl-keyword-color", "--md-code-bg-color"),
    ("--md-code-hl-string-color", "--md-code-bg-color"),
    ("--md-code-hl-comment-color", "--md-code-bg-color"),
    ("--md-footer-fg-color", "--md-footer-bg-color"),
    ("--md-footer-fg-color--light", "--md-footer-bg-color"),
    ("--md-footer-fg-color--lighter", "--md-footer-bg-color--dark"),
    ("--md-footer-fg-color--light", "--md-footer-bg-color--dark"),
    ("--cpscp-irm-i-fg", "--cpscp-irm-i-bg"),
    ("--cpscp-irm-r-fg", "--cpscp-irm-r-bg"),
    ("--cpscp-irm-m-fg", "--cpscp-irm-m-bg"),
]
UI_PAIRS = [  # focus rings and borders: 3:1
    ("--cpscp-focus-color", "--md-default-bg-color"),
    ("--cpscp-focus-on-primary", "--md-primary-fg-color"),
    ("--cpscp-border-color", "--md-default-bg-color"),
]


@pytest.mark.parametrize("selector", ['[data-md-color-scheme="default"]', '[data-md-color-scheme="slate"]'])
def test_palette_meets_wcag_aa(selector):
    colours = _scheme(CSS.read_text(encoding="utf-8"), selector)
    failures = []
    for pairs, minimum in ((TEXT_PAIRS, 4.5), (UI_PAIRS, 3.0)):
        for fg, bg in pairs:
            ratio = contrast(colours[fg], colours[bg])
            if ratio < minimum:
                failures.append(f"{fg} {colours[fg]} on {bg} {colours[bg]}: {ratio:.2f} < {minimum}")
    assert not failures, "\n".join(failures)


def test_downloads_links_every_file_relative_to_the_page(model):
    from cpscp_engine.render.downloads import download_targets

    html = render.downloads(model, render.Ctx(page="downloads.md"))
    for path in download_targets(model).values():
        assert f'href="../{path}"' in html
    assert "<caption>" in html and 'scope="col"' in html


def test_downloads_in_the_preview_say_the_files_appear_after_make_build(model):
    from cpscp_engine.render.downloads import download_targets

    html = render.downloads(model, render.Ctx(page="downloads.md", preview=True))
    assert "href=" not in html  # no link that would lead to "404 Not found"
    for path in download_targets(model).values():
        assert path.rsplit("/", 1)[-1] in html
    assert html.count("(after <code>make build</code>)") >= len(download_targets(model))


@pytest.mark.parametrize("macro", ["programme_structure", "competency_coverage"])
def test_wide_tables_scroll_in_a_focusable_named_region(model, macro):
    out = getattr(render, macro)(model, render.Ctx(page="about.md"))
    opening = out.split("\n", 1)[0]
    assert 'class="cpscp-table-scroll"' in opening and 'tabindex="0"' in opening and 'role="region"' in opening
    assert re.search(r'aria-label="[^"]+"', opening)
    assert out.rstrip().endswith("</div>")
