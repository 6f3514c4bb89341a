"""Each export validates against its official schema (offline copies in tests/data/standards/)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import uuid
import zipfile
from pathlib import Path

import pytest
import xmlschema
import yaml

import yamlio
from cpscp_engine import synthetic
from cpscp_engine.exports import badge, cartridge, case, curriculum_json, file_names, outcomes_csv, stable_uuid
from cpscp_engine.loader import load
from projectcopy import script

STANDARDS = Path(__file__).parent / "data" / "standards"
STAMP = "2026-11-28T00:00:00Z"


# jsonschema is imported where it is used, not when the tests are collected: with its format
# extras (rfc3987-syntax builds its grammars on import) it takes about two seconds, which every
# test worker paid, whether or not it ran these tests.
def _json_validator(path: Path):
    from jsonschema import Draft201909Validator, FormatChecker

    schema = json.loads(path.read_text(encoding="utf-8"))
    return Draft201909Validator(schema, format_checker=FormatChecker())


def _draft_2020(schema: dict):
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _errors(validator, data) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)][:10]


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


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    root = tmp_path_factory.mktemp("synthetic")
    synthetic.generate(root, modules=3, outcomes=2, criteria=3)
    m, diagnostics = load(root)
    assert not diagnostics
    return m


# --- pure exporters on a synthetic model ---------------------------------------------------


def test_case_package_validates_and_ids_are_stable(model):
    package = case.export(model, STAMP)
    assert not _errors(_json_validator(STANDARDS / "case-1.1" / "case_v1p1_cfpackage-jsonschema1.json"), package)
    again = case.export(model, "2030-01-01T00:00:00Z")
    assert [i["identifier"] for i in package["CFItems"]] == [i["identifier"] for i in again["CFItems"]]
    for item in package["CFItems"]:
        assert uuid.UUID(item["identifier"]).version == 5


def test_case_hierarchy_and_outcome_competency_links(model):
    package = case.export(model, STAMP)
    by_code = {i["humanCodingScheme"]: i["identifier"] for i in package["CFItems"]}
    child_of = {
        (a["originNodeURI"]["identifier"], a["destinationNodeURI"]["identifier"])
        for a in package["CFAssociations"]
        if a["associationType"] == "isChildOf"
    }
    assert (by_code["M01-AC1.2"], by_code["M01-LO1"]) in child_of
    assert (by_code["M01-LO1"], by_code["M01"]) in child_of
    assert (by_code["C1"], by_code["D1"]) in child_of
    assert (by_code["D1"], package["CFDocument"]["identifier"]) in child_of
    # every item hangs somewhere in the tree
    assert {i["identifier"] for i in package["CFItems"]} == {o for o, _ in child_of}
    first_comp = model.modules[0].competencies[0].competency_id
    related = {
        (a["originNodeURI"]["identifier"], a["destinationNodeURI"]["identifier"])
        for a in package["CFAssociations"]
        if a["associationType"] == "isRelatedTo"
    }
    assert (by_code["M01-LO1"], by_code[first_comp]) in related


def test_identifiers_derive_from_programme_uri_and_item_id(model):
    ns = uuid.uuid5(uuid.NAMESPACE_URL, model.programme.uri)
    assert stable_uuid(model, "competency", "C1") == str(uuid.uuid5(ns, "competency:C1"))


def test_badge_template_validates_and_aligns_to_case_items(model):
    credential = badge.export(model, STAMP)
    assert not _errors(
        _json_validator(STANDARDS / "open-badges-3.0" / "ob_v3p0_achievementcredential_schema.json"), credential
    )
    alignment = credential["credentialSubject"]["achievement"]["alignment"]
    assert len(alignment) == len(model.competencies)
    case_ids = {i["identifier"] for i in case.export(model, STAMP)["CFItems"]}
    assert all(a["targetType"] == "CFItem" and a["targetCode"] in case_ids for a in alignment)
    assert "not a regulated" in credential["credentialSubject"]["achievement"]["description"]


def test_case_says_which_module_precedes_which(model):
    package = case.export(model, STAMP)
    code = {i["identifier"]: i["humanCodingScheme"] for i in package["CFItems"]}
    precedes = {
        (code[a["originNodeURI"]["identifier"]], code[a["destinationNodeURI"]["identifier"]])
        for a in package["CFAssociations"]
        if a["associationType"] == "precedes"
    }
    expected = {(pre, m.id) for m in model.modules for pre, _ in m.prerequisites}
    assert expected and precedes == expected


def test_badge_leaves_out_retired_competencies(model):
    domain = model.domains[0]
    gone = domain.competencies[0]
    retired = dataclasses.replace(
        domain, competencies=(dataclasses.replace(gone, retired=True), *domain.competencies[1:])
    )
    credential = badge.export(dataclasses.replace(model, domains=[retired, *model.domains[1:]]), STAMP)
    names = [a["targetName"] for a in credential["credentialSubject"]["achievement"]["alignment"]]
    assert len(names) == len(model.competencies) - 1
    assert not any(n.startswith(gone.id + " ") for n in names)


def test_curriculum_json_matches_its_schema(model):
    data = curriculum_json.export(model)
    assert not _errors(_draft_2020(curriculum_json.schema(model)), data)
    assert len(data["modules"]) == 3
    assert data["modules"][0]["outcomes"][0]["criteria"][0]["id"] == "M01-AC1.1"


def test_curriculum_json_describes_the_optional_fields_it_writes(tmp_path):
    # The schema forbids fields it does not name, so an optional field that is present (a
    # reference's url and note) must be named in it, or the export fails its own schema.
    root = tmp_path / "synthetic"
    synthetic.generate(root, modules=2, outcomes=2, criteria=2)
    path = root / "curriculum" / "references.yml"
    text = path.read_text(encoding="utf-8")
    data = yamlio.load(text)
    data["references"][0].update(url="https://example.org/report", note="Pages not checked against a stored copy.")
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    m, diagnostics = load(root)
    assert not diagnostics, [d.format() for d in diagnostics]
    exported = curriculum_json.export(m)
    first = next(r for r in exported["references"] if r["id"] == data["references"][0]["id"])
    assert first["url"] == "https://example.org/report" and first["note"].startswith("Pages not checked")
    assert not _errors(_draft_2020(curriculum_json.schema(m)), exported)


def test_outcomes_csv_has_a_row_per_criterion_and_defuses_formulas(model):
    rows = list(csv.DictReader(io.StringIO(outcomes_csv.export(model))))
    assert len(rows) == sum(len(m.criteria) for m in model.modules)
    assert rows[0]["criterion_id"] == "M01-AC1.1" and rows[0]["bloom_level"]
    assert rows[0]["competencies"] and rows[0]["assessed_by"] and rows[0]["module_tqt"] == "20"


@pytest.mark.parametrize(
    "value",
    [
        "=HYPERLINK(1)",
        "+1",
        "-1",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        "\n=1",
        " =1",
        "  \t+cmd",
        "\u00a0=1",
        "\u3000=1",
        "＝1+1",
        "＋1",
        "－1",
        "＠SUM(A1)",
        " ＝1",
    ],
)
def test_csv_cells_a_spreadsheet_could_read_as_a_formula_are_text(value):
    assert outcomes_csv.safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Explain the law", "1.5 hours", "M01", "a = b", "", 12])
def test_csv_cells_that_are_no_formula_are_unchanged(value):
    assert outcomes_csv.safe_cell(value) == value


def test_every_text_cell_of_the_csv_is_protected(tmp_path):
    from fixtures import edit_yaml, model_of, module_file, small_curriculum

    root = small_curriculum(tmp_path)

    def hostile(data):
        data["title"] = "＠SUM(1+1)"
        data["outcomes"][0]["criteria"][0]["text"] = " =cmd|' /C calc'!A0"

    edit_yaml(module_file(root, "M01"), hostile)
    rows = list(csv.reader(io.StringIO(outcomes_csv.export(model_of(root)))))[1:]
    assert rows[0][6] == "' =cmd|' /C calc'!A0" and rows[0][1] == "'＠SUM(1+1)"


def test_cartridge_manifest_validates(model, cc_schema):
    html = '<html><body><article class="md-content__inner md-typeset"><h1>T</h1><a href="../x/">x</a></article></body></html>'
    pages = {m.page: html for m in model.modules} | {"about.md": html}
    data = cartridge.export(model, pages)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        manifest = zf.read("imsmanifest.xml").decode()
        names = set(zf.namelist())
        page = zf.read("pages/m01.html").decode()
    cc_schema.validate(manifest)
    assert manifest.count('type="webcontent"') == len(model.modules) + 1
    for href in [part.split('"')[0] for part in manifest.split('<file href="')[1:]]:
        assert href in names
    # links are made absolute so they work inside a learning platform
    assert 'href="https://example.org/handbook/modules/x/"' in page


def _renamed(model, short_code="XYZ", title="Renamed programme", notice="Based on the original. Changes were made."):
    from cpscp_engine.model import Attribution

    programme = dataclasses.replace(
        model.programme, short_code=short_code, title=title, attribution=Attribution(notice, "CC BY-SA 4.0")
    )
    return dataclasses.replace(model, programme=programme)


def test_every_export_takes_its_names_and_attribution_from_the_programme(model):
    renamed = _renamed(model)
    notice = "Based on the original. Changes were made."
    schema = curriculum_json.schema(renamed)
    assert schema["title"] == "XYZ curriculum export" and notice in schema["description"]
    data = curriculum_json.export(renamed)
    assert data["attribution"] == notice and data["title"].startswith("Renamed programme (XYZ)")
    assert not _errors(_draft_2020(schema), data)
    assert notice in case.export(renamed, STAMP)["CFDocument"]["notes"]
    credential = badge.export(renamed, STAMP)
    assert notice in credential["description"] and credential["name"] == "Renamed programme (XYZ)"
    html = '<html><body><article class="md-content__inner md-typeset"><h1>T</h1></article></body></html>'
    archive = cartridge.export(renamed, {m.page: html for m in model.modules} | {"about.md": html})
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        manifest = zf.read("imsmanifest.xml").decode()
        pages = [zf.read(n).decode() for n in zf.namelist() if n.startswith("pages/")]
    assert (
        f'<lomimscc:string language="en">{notice}</lomimscc:string></lomimscc:description></lomimscc:rights>'
        in manifest
    )
    assert all(notice in page for page in pages)
    assert "Renamed programme: programme overview" in manifest
    assert file_names(renamed)["cartridge"] == "xyz-common-cartridge-1.3.imscc"
    for text in (json.dumps(schema), json.dumps(data), manifest):
        assert model.programme.title not in text and model.programme.short_code not in text


def test_attribution_notice_is_escaped_in_the_cartridge(model, cc_schema):
    renamed = _renamed(model, notice="Based on <b>A & B</b>.")
    html = '<html><body><article class="md-content__inner md-typeset"><h1>T</h1></article></body></html>'
    archive = cartridge.export(renamed, {m.page: html for m in model.modules} | {"about.md": html})
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        manifest = zf.read("imsmanifest.xml").decode()
    cc_schema.validate(manifest)
    assert "Based on &lt;b&gt;A &amp; B&lt;/b&gt;." in manifest


def test_cartridge_refuses_without_built_pages(model):
    with pytest.raises(KeyError, match="build the site"):
        cartridge.export(model, {})


# --- the real handbook, built -----------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(exported_site):
    """The model and the exports folder of the session's build, as export.py wrote them."""
    project, site = exported_site
    model, _ = load(project)
    return model, site / "exports"


def test_make_exports_writes_the_five_files(exported):
    model, out = exported
    names = file_names(model)
    for key in ("curriculum", "outcomes", "case", "badge", "cartridge"):
        assert (out / names[key]).stat().st_size > 1000, key
    assert names["cartridge"] == f"{model.programme.short_code.lower()}-common-cartridge-1.3.imscc"


def test_real_exports_validate_against_official_schemas(exported, cc_schema):
    model, out = exported
    names = file_names(model)
    package = json.loads((out / names["case"]).read_text())
    assert not _errors(_json_validator(STANDARDS / "case-1.1" / "case_v1p1_cfpackage-jsonschema1.json"), package)
    assert len([i for i in package["CFItems"] if i["CFItemType"] == "Competency"]) == len(model.competencies)
    credential = json.loads((out / names["badge"]).read_text())
    assert not _errors(
        _json_validator(STANDARDS / "open-badges-3.0" / "ob_v3p0_achievementcredential_schema.json"), credential
    )
    data = json.loads((out / names["curriculum"]).read_text())
    schema = json.loads((out / names["curriculum_schema"]).read_text())
    assert not _errors(_draft_2020(schema), data)
    with zipfile.ZipFile(out / names["cartridge"]) as zf:
        cc_schema.validate(zf.read("imsmanifest.xml").decode())
        overview = zf.read("pages/overview.html").decode()
        module_page = zf.read("pages/m04.html").decode()
    assert "<h1" in overview
    assert 'id="lo-1"' in module_page and "md-nav" not in module_page


def test_export_refuses_without_a_built_site(tmp_path):
    root = tmp_path / "p"
    synthetic.generate(root, modules=2)
    result = script("export.py", "--root", str(root), "--site", str(tmp_path / "nosite"))
    assert result.returncode == 1
    assert "make build" in result.stderr and "Traceback" not in result.stderr


def test_export_refuses_a_curriculum_with_errors_and_names_them(tmp_path):
    root = tmp_path / "p"
    synthetic.generate(root, modules=2)
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("<html></html>", encoding="utf-8")
    first = sorted((root / "curriculum" / "modules").glob("*.yml"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "title: [not closed\n", encoding="utf-8")
    result = script("export.py", "--root", str(root))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"curriculum/modules/{first.name}:" in result.stderr and "fix them" in result.stderr
    assert not (root / "site" / "exports").exists()


def test_badge_criteria_are_the_award_rules_in_order(model):
    rules = ["Pass every module.", "Complete the placement."]
    two = dataclasses.replace(model, programme=dataclasses.replace(model.require_programme(), award_rules=rules))
    criteria = badge.export(two, STAMP)["credentialSubject"]["achievement"]["criteria"]
    assert criteria["narrative"] == "Pass every module. Complete the placement."
