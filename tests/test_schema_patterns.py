"""Identifier patterns mean what JSON Schema says (anchored, ASCII), not what Python's `re` does.

Python's `$` also matches before a final line break and its `\\d` matches any Unicode digit, so
without care "M13\\n", "M１３" (full-width) and "M٠١" (Arabic-Indic) pass `^M\\d{2,3}$`, and a
short code with a line break ends up in export file names.
"""

from __future__ import annotations

import pytest

import yamlio
from cpscp_engine.schemas import fast_validator, pattern_regex, validator

BAD_IDS = ["M13\n", "M１３", "M٠١", "M13 ", " M13", "M13\r\n", "M1٣"]


@pytest.mark.parametrize("value", BAD_IDS)
def test_pattern_is_anchored_and_ascii(value):
    assert not pattern_regex(r"^M\d{2,3}$").search(value)


@pytest.mark.parametrize("value", ["M13", "M013"])
def test_pattern_still_accepts_good_ids(value):
    assert pattern_regex(r"^M\d{2,3}$").search(value)


def test_dollar_inside_a_class_or_escaped_is_a_character():
    assert pattern_regex(r"^[$a]+$").search("$a$")
    assert pattern_regex(r"^a\$$").search("a$")
    assert not pattern_regex(r"^a\$$").search("a$\n")


@pytest.mark.parametrize("value", BAD_IDS)
def test_jsonschema_and_the_fast_path_agree(t, value):
    data = yamlio.load(t.module_file(0).read_text(encoding="utf-8"))
    assert fast_validator("module")(data) and validator("module").is_valid(data)
    data["id"] = value
    assert not fast_validator("module")(data)
    assert not validator("module").is_valid(data)


@pytest.mark.parametrize(
    "file,change,where,shown,hint",
    [
        ("module", lambda d: d.update(id="M13\n"), "id", "'M13\\n'", "line break at the start or end"),
        ("module", lambda d: d.update(id="M１３"), "id", "'M１３'", "fullwidth digit one"),
        ("module", lambda d: d.update(id="M٠١"), "id", "'M٠١'", "arabic-indic digit zero"),
        (
            "module",
            lambda d: d["outcomes"][0]["criteria"][0].update(id="1.1\n"),
            "outcomes[1].criteria[1].id",
            "'1.1\\n'",
            "line break",
        ),
        ("programme", lambda d: d.update(short_code="CPSCP\n"), "short_code", "'CPSCP\\n'", "line break"),
        ("programme", lambda d: d.update(id="cpscp\n"), "id", "'cpscp\\n'", "line break"),
    ],
)
def test_validator_reports_odd_identifiers_plainly(t, file, change, where, shown, hint):
    path = t.module_file(0) if file == "module" else t.path("curriculum/programme.yml")
    t.edit(path, change)
    found = [d for d in t.find("bad-format") if d.loc.file.endswith(path.name)]
    assert found, [d.format() for d in t.validate().diagnostics]
    message = found[0].format()
    assert f"{where} value {shown}" in message and hint in message.lower()
    assert "\n" not in message and "\\d" not in message  # one line, no regular expression
