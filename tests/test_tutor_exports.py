"""Files for tutors and assessors: briefs (DOCX), placement logbook (XLSX, CSV, page), quizzes (QTI, Moodle XML).

Each file is opened with the library that reads it and its rows are counted against the
model. The CC 1.3 QTI profile XSD could not be obtained offline, so the question banks are
checked against the profile's rules as its specification states them (its Schematron rule
sets for multiple-choice items), and the cartridge manifest against the official manifest XSD.
"""

from __future__ import annotations

import csv
import io
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
import xmlschema

import yamlio
from cpscp_engine import logbook, render, vocab
from cpscp_engine.exports import cartridge, moodle_xml, qti, tutor_file_names, tutor_files
from cpscp_engine.exports.logbook import COMPETENCY_HEADER
from cpscp_engine.loader import load
from delivery_fixture import dump, write_deliveries
from fixtures import HOSTILE, small_curriculum

STAMP = "2026-11-28T12:00:00Z"
FORMULA = '=HYPERLINK("https://example.org","x") '  # a spreadsheet must show this as text
STANDARDS = Path(__file__).resolve().parent / "data" / "standards"
Q = f"{{{qti.NS}}}"


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    root = small_curriculum(tmp_path_factory.mktemp("tutor-exports"), modules=3)
    write_deliveries(root)
    cur = root / "curriculum"
    placement = sorted((cur / "delivery").glob("*.yml"))[-1]
    module = yamlio.load(sorted((cur / "modules").glob("*.yml"))[-1].read_text(encoding="utf-8"))
    data = yamlio.load(placement.read_text(encoding="utf-8"))
    data["logbook"] = {
        "evidence": [{"competency": c, "evidence": f"EVIDENCE-{c} {HOSTILE}"} for c in module["competencies"]]
    }
    data["logbook"]["evidence"][0]["evidence"] = FORMULA + data["logbook"]["evidence"][0]["evidence"]
    data["briefs"][0]["scenario"] = '=HYPERLINK("x") ' + HOSTILE
    placement.write_text(dump(data), encoding="utf-8")
    comps = yamlio.load((cur / "competencies.yml").read_text(encoding="utf-8"))
    for d in comps["domains"]:
        for c in d["competencies"]:
            c["proficiency"] = {k: f"{k.upper()}-{c['id']} does it." for k in ("introduced", "reinforced", "mastered")}
    (cur / "competencies.yml").write_text(dump(comps), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def model(root):
    m, diagnostics = load(root)
    assert not diagnostics, [d.format() for d in diagnostics]
    return m


@pytest.fixture(scope="module")
def files(model):
    return tutor_files(model, STAMP)


def test_one_briefs_file_per_module_with_a_delivery_file(model, tmp_path):
    names = tutor_file_names(model)
    assert sorted(k for k in names if k.startswith("briefs_")) == [f"briefs_{m.id}" for m in model.modules]
    assert names["briefs_M01"] == "syn-briefs-m01.docx"
    shutil.copytree(model.root, tmp_path / "p")
    (tmp_path / "p" / "curriculum" / "delivery" / "01-synthetic-1.yml").unlink()
    fewer, _ = load(tmp_path / "p")
    assert "briefs_M01" not in tutor_file_names(fewer) and "briefs_M02" in tutor_file_names(fewer)


def test_briefs_docx_opens_and_holds_each_task_and_rubric_row(model, files):
    for m in model.modules:
        document = docx.Document(io.BytesIO(files[f"briefs_{m.id}"]))
        text = "\n".join(p.text for p in document.paragraphs)
        d = model.delivery(m.id)
        assert len(document.tables) == len(m.assessment) + 1  # the rubrics, then the competency levels
        levels = document.tables[-1]
        assert [r.cells[0].text.split()[0] for r in levels.rows[1:]] == [e.competency_id for e in m.competencies]
        assert levels.rows[1].cells[2].text.endswith("does it.")
        for table, task in zip(document.tables, m.assessment, strict=False):  # the levels table comes last
            assert [c.text for c in table.rows[0].cells] == ["Criterion", "Met", "Not yet met"]
            assert len(table.rows) == 1 + len(task.criteria)
            assert [r.cells[1].text for r in table.rows[1:]] == [r.met for r in d.brief(task.id).rubric]
            assert task.title in text and d.brief(task.id).scenario in text
        assert document.core_properties.title.startswith(m.id)
        xml = zipfile.ZipFile(io.BytesIO(files[f"briefs_{m.id}"])).read("word/document.xml").decode()
        assert "MODELANSWER" not in xml and "TUTORNOTE" not in xml  # learner-facing only
    last = docx.Document(io.BytesIO(files[f"briefs_{model.modules[-1].id}"]))
    assert any(HOSTILE in p.text for p in last.paragraphs)  # stored as text, not markup


def test_briefs_show_grade_columns_when_the_programme_grades(model, tmp_path):
    shutil.copytree(model.root, tmp_path / "p")
    prog = tmp_path / "p" / "curriculum" / "programme.yml"
    data = yamlio.load(prog.read_text(encoding="utf-8"))
    data["grading"] = {"merit_distinction": True}
    prog.write_text(dump(data), encoding="utf-8")
    graded, _ = load(tmp_path / "p")
    document = docx.Document(io.BytesIO(tutor_files(graded, STAMP)["briefs_M01"]))
    assert [c.text for c in document.tables[0].rows[0].cells] == [
        "Criterion",
        "Met",
        "Not yet met",
        "Merit",
        "Distinction",
    ]


def test_files_are_reproducible(model, files):
    assert tutor_files(model, STAMP) == files


def test_logbook_xlsx_rows_match_the_placement_map(model, files):
    wb = openpyxl.load_workbook(io.BytesIO(files["logbook_xlsx"]))
    assert wb.sheetnames == ["Competencies", "Hours log", "Sign-off"]
    placement = logbook.placement_module(model)
    rows = list(wb["Competencies"].iter_rows(values_only=True))
    assert rows[0] == COMPETENCY_HEADER
    assert [r[0] for r in rows[1:]] == [e.competency_id for e in placement.competencies]
    first = rows[1]
    assert first[2] == "mastered" and first[3] == f"MASTERED-{first[0]} does it." and first[4].startswith(FORMULA)
    assert wb["Competencies"]["E2"].data_type == "s"  # text, not a formula
    assert rows[2][4].startswith("EVIDENCE-")
    hours = list(wb["Hours log"].iter_rows(values_only=True))
    assert len(hours) == 1 + logbook.hours_rows(model) + 1
    assert hours[-1][1] == f"=SUM(B2:B{logbook.hours_rows(model) + 1})"
    assert [r[0] for r in wb["Sign-off"].iter_rows(min_row=2, values_only=True)] == list(logbook.SIGN_OFF_FIELDS)


def test_logbook_csv_rows_match_and_cannot_run_formulas(model, files):
    rows = list(csv.reader(io.StringIO(files["logbook_csv"].decode("utf-8"))))
    assert rows[0] == list(COMPETENCY_HEADER)
    assert len(rows) - 1 == len(logbook.placement_module(model).competencies)
    assert all(HOSTILE in r[4] for r in rows[1:])
    assert rows[1][4] == "'" + FORMULA + rows[2][4].replace(rows[2][0], rows[1][0])


def test_briefs_page_shows_the_module_competencies_at_their_level(model):
    m = model.modules[0]
    out = render.assessment_briefs(model, render.Ctx(m.page), m.id)
    for e in m.competencies:
        level = vocab.PROFICIENCY_KEYS[e.value]
        assert f"{level.upper()}-{e.competency_id} does it." in out


def test_printable_logbook_page(model):
    out = render.placement_logbook(model, render.Ctx("placement-logbook.md"))
    for e in logbook.placement_module(model).competencies:
        assert f"EVIDENCE-{e.competency_id}" in out
    assert "<script>" not in out and "&lt;script&gt;" in out
    hours_table = out.split("### Hours log")[1].split("### Sign-off")[0]
    assert hours_table.count("\n|") == 2 + logbook.hours_rows(model) + 1  # header, rule, blank rows, total


# --- quizzes -------------------------------------------------------------------------------


def test_one_question_bank_per_exam_domain_with_questions(model):
    banks = qti.banks(model)
    with_questions = [d.id for d in model.exam.domains if any(q.domain == d.id for q in model.questions)]
    assert [b.domain.id for b in banks] == with_questions
    assert sum(len(b.questions) for b in banks) == len(model.questions)


def _profile_problems(xml: bytes) -> list[str]:
    """The CC QTI profile's rules for a bank of single-response multiple-choice items."""
    problems = []
    root = ET.fromstring(xml)
    if root.tag != f"{Q}questestinterop" or [c.tag for c in root] != [f"{Q}objectbank"]:
        problems.append("root must hold exactly one objectbank")
    idents = [i.get("ident") for i in root.iter(f"{Q}item")]
    if len(set(idents)) != len(idents):
        problems.append("item idents must be unique")
    for item in root.iter(f"{Q}item"):
        fields = {
            f.findtext(f"{Q}fieldlabel"): f.findtext(f"{Q}fieldentry")
            for f in item.findall(f"{Q}itemmetadata/{Q}qtimetadata/{Q}qtimetadatafield")
        }
        labels = [f.findtext(f"{Q}fieldlabel") for f in item.iter(f"{Q}qtimetadatafield")]
        if fields.get("cc_profile") != qti.PROFILE or labels.count("cc_profile") != 1:
            problems.append(f"{item.get('ident')}: one cc_profile of {qti.PROFILE}")
        if not set(labels) <= {"cc_profile", "cc_weighting", "qmd_scoringpermitted", "qmd_computerscored"}:
            problems.append(f"{item.get('ident')}: unknown item metadata")
        lids = item.findall(f"{Q}presentation/{Q}response_lid")
        if len(lids) != 1 or lids[0].get("rcardinality") != "Single":
            problems.append(f"{item.get('ident')}: one response_lid with rcardinality Single")
            continue
        if item.find(f".//{Q}response_str") is not None or item.find(f".//{Q}render_fib") is not None:
            problems.append(f"{item.get('ident')}: no response_str or render_fib")
        answers = {lab.get("ident") for lab in lids[0].iter(f"{Q}response_label")}
        if len(answers) < 3:
            problems.append(f"{item.get('ident')}: at least three response labels")
        for eq in item.iter(f"{Q}varequal"):
            if eq.get("respident") != lids[0].get("ident") or eq.text not in answers:
                problems.append(f"{item.get('ident')}: varequal names the response and one of its labels")
        decvars = item.findall(f"{Q}resprocessing/{Q}outcomes/{Q}decvar")
        if [d.get("varname") for d in decvars] != ["SCORE"]:
            problems.append(f"{item.get('ident')}: a single decvar SCORE")
        if any(s.get("action") != "Set" for s in item.iter(f"{Q}setvar")):
            problems.append(f"{item.get('ident')}: setvar action Set")
        shown = {d.get("linkrefid") for d in item.iter(f"{Q}displayfeedback") if d.get("feedbacktype") == "Response"}
        given = {f.get("ident") for f in item.findall(f"{Q}itemfeedback")}
        if any(not d.get("feedbacktype") for d in item.iter(f"{Q}displayfeedback")) or shown != given:
            problems.append(f"{item.get('ident')}: each displayfeedback has a type and an itemfeedback, and back")
        materials = {c.tag for m in item.iter(f"{Q}material") for c in m}
        if not materials <= {f"{Q}mattext", f"{Q}matref", f"{Q}matbreak"}:
            problems.append(f"{item.get('ident')}: only mattext, matref and matbreak as material")
    return problems


def test_question_banks_follow_the_cc_qti_profile(model):
    for bank in qti.banks(model):
        assert _profile_problems(bank.xml) == []
        root = ET.fromstring(bank.xml)
        items = list(root.iter(f"{Q}item"))
        assert [i.get("ident") for i in items] == [q.id for q in bank.questions]
        for item, q in zip(items, bank.questions, strict=True):
            right = item.find(f".//{Q}varequal").text
            label = next(lab for lab in item.iter(f"{Q}response_label") if lab.get("ident") == right)
            assert label.findtext(f".//{Q}mattext") == q.options[q.answer_index]
            assert item.find(f"{Q}itemfeedback[@ident='general_fb']").findtext(f".//{Q}mattext") == q.rationale


def test_the_profile_checks_catch_broken_items(model):
    bank = qti.banks(model)[0]
    broken = bank.xml.replace(b'rcardinality="Single"', b'rcardinality="Multiple"', 1)
    assert _profile_problems(broken)
    broken = bank.xml.replace(b'linkrefid="correct_fb"', b'linkrefid="nowhere"', 1)
    assert _profile_problems(broken)


@pytest.fixture(scope="module")
def cc_schema():
    d = (STANDARDS / "common-cartridge-1.3").resolve()
    imports = [
        "ccv1p3_imsccauth_v1p3.xsd",
        "LOM/ccv1p3_lommanifest_v1p0.xsd",
        "LOM/ccv1p3_lomresource_v1p0.xsd",
        "ccv1p3_imscsmd_v1p0.xsd",
    ]
    mapping = {f"http://www.imsglobal.org/profile/cc/ccv1p3/{p}": (d / p.split("/")[-1]).as_uri() for p in imports}
    return xmlschema.XMLSchema(str(d / "ccv1p3_imscp_v1p2_v1p0.xsd"), uri_mapper=mapping)


def test_cartridge_carries_the_banks_as_valid_question_bank_resources(model, cc_schema):
    html = '<html><body><article class="md-content__inner md-typeset"><h1>T</h1></article></body></html>'
    data = cartridge.export(model, {m.page: html for m in model.modules} | {"about.md": html})
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        manifest = zf.read("imsmanifest.xml").decode()
        names = set(zf.namelist())
        stored = {b.href: zf.read(b.href) for b in qti.banks(model)}
    cc_schema.validate(manifest)
    root = ET.fromstring(manifest)
    ns = "{http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1}"
    resources = [r for r in root.iter(f"{ns}resource") if r.get("type") == qti.RESOURCE_TYPE]
    assert len(resources) == len(qti.banks(model))
    referenced = {i.get("identifierref") for i in root.iter(f"{ns}item")}
    for r in resources:  # the manifest profile's rule set 4 and rule 8a
        files = r.findall(f"{ns}file")
        assert r.get("href") is None and len(files) == 1 and files[0].get("href") in names
        assert r.get("identifier") not in referenced
    assert stored == {b.href: b.xml for b in qti.banks(model)}


def test_moodle_xml_has_a_category_per_domain_and_every_question(model, files):
    root = ET.fromstring(files["moodle_xml"])
    questions = root.findall("question")
    categories = [q for q in questions if q.get("type") == "category"]
    choices = [q for q in questions if q.get("type") == "multichoice"]
    assert len(categories) == len(qti.banks(model))
    assert [q.findtext("name/text") for q in choices] == [q.id for b in qti.banks(model) for q in b.questions]
    by_id = {q.id: q for q in model.questions}
    for el in choices:
        q = by_id[el.findtext("name/text")]
        answers = el.findall("answer")
        assert [a.findtext("text") for a in answers] == list(q.options)
        assert [a.get("fraction") for a in answers].count("100") == 1
        assert answers[q.answer_index].get("fraction") == "100"
        assert el.findtext("generalfeedback/text") == q.rationale
        assert all(a.findtext("feedback/text") for a in answers)
        assert el.findtext("single") == "true"
    assert moodle_xml.export(model) == files["moodle_xml"]


def test_downloads_list_every_tutor_file_and_the_build_writes_its_size(model, tmp_path):
    from cpscp_engine.render.downloads import size_label
    from sitesizes import fill_sizes

    page = tmp_path / "downloads" / "index.html"
    page.parent.mkdir()
    page.write_text(render.downloads(model, render.Ctx("downloads.md")), encoding="utf-8")
    names = tutor_file_names(model)
    data = tutor_files(model, STAMP)
    for key, name in names.items():  # the files as `make build` writes them into the site
        (tmp_path / "exports").mkdir(exist_ok=True)
        (tmp_path / "exports" / name).write_bytes(data[key])
    assert fill_sizes(tmp_path) >= len(names)
    out = page.read_text(encoding="utf-8")
    for key, name in names.items():
        assert f'href="../exports/{name}" download>{name}</a>' in out
        row = out.split(f">{name}</a>")[1].split("</tr>")[0]
        assert f'data-cpscp-size="exports/{name}">{size_label(len(data[key]))}</td>' in row


def test_size_labels():
    from cpscp_engine.render.downloads import size_label

    assert [size_label(n) for n in (940, 41_111, 1_234_567)] == ["940 bytes", "41 KB", "1.2 MB"]


def test_briefs_document_properties_fit_the_docx_limit(model, tmp_path):
    # A DOCX core property holds 255 characters: a longer one is cut there and marked, one at
    # the limit is kept whole.
    shutil.copytree(model.root, tmp_path / "p")
    suffix = ": assessment briefs"
    titles = {
        "M01": "Working with families " + "and close relationships " * 12,
        "M02": "y" * (256 - len("M02 " + suffix)),
        "M03": "x" * (255 - len("M03 " + suffix)),
    }
    for path in (tmp_path / "p" / "curriculum" / "modules").glob("*.yml"):
        data = yamlio.load(path.read_text(encoding="utf-8"))
        if data["id"] in titles:
            data["title"] = titles[data["id"]]
            path.write_text(dump(data), encoding="utf-8")
    changed, _ = load(tmp_path / "p")
    made = tutor_files(changed, STAMP)
    props = {mid: docx.Document(io.BytesIO(made[f"briefs_{mid}"])).core_properties for mid in titles}
    assert len(props["M01"].title) == 255 and props["M01"].title.startswith("M01 Working with families and")
    assert props["M02"].title == f"M02 {titles['M02']}{suffix}"[:254] + "…"
    assert props["M03"].title == f"M03 {titles['M03']}{suffix}"
    assert props["M03"].author == changed.require_programme().provider.name
