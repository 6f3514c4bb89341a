"""Practice questions as IMS QTI 1.2.1 question banks in the Common Cartridge 1.3 profile.

One bank (an `objectbank`) per exam domain that has practice questions, each question a
single-response multiple-choice item (cc.multiple_choice.v0p1) with its correct answer scored
100 and feedback: the rationale for every answer, and whether the chosen option was right.
Learning platforms (Canvas, Moodle, Brightspace, Blackboard) import these banks from the
cartridge; exports/cartridge.py lists them in its manifest.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..model import Curriculum, ExamDomain, Question
from ..vocab import answer_letters

NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_qtiasiv1p2p1_v1p0.xsd"
RESOURCE_TYPE = "imsqti_xmlv1p2/imscc_xmlv1p3/question-bank"
PROFILE = "cc.multiple_choice.v0p1"


@dataclass(frozen=True)
class Bank:
    domain: ExamDomain
    questions: tuple[Question, ...]
    href: str  # path inside the cartridge
    xml: bytes

    @property
    def key(self) -> str:
        return f"bank_{self.domain.id.lower()}"

    @property
    def title(self) -> str:
        return f"Practice questions: {self.domain.id} {self.domain.title}"


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _sub(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
    el = ET.SubElement(parent, _q(tag), {k: str(v) for k, v in attrs.items()})
    if text is not None:
        el.text = str(text)
    return el


def _material(parent, text: str) -> None:
    _sub(_sub(parent, "material"), "mattext", text, texttype="text/plain")


def _field(parent, label: str, entry: str) -> None:
    f = _sub(parent, "qtimetadatafield")
    _sub(f, "fieldlabel", label)
    _sub(f, "fieldentry", entry)


def _feedback(item, ident: str, text: str) -> None:
    _material(_sub(_sub(item, "itemfeedback", ident=ident), "flow_mat"), text)


def item(q: Question) -> ET.Element:
    el = ET.Element(_q("item"), {"ident": q.id, "title": q.id})
    meta = _sub(_sub(el, "itemmetadata"), "qtimetadata")
    _field(meta, "cc_profile", PROFILE)
    _field(meta, "cc_weighting", "1")
    presentation = _sub(el, "presentation")
    _material(presentation, q.stem)
    response = f"{q.id}_response"
    choice = _sub(_sub(presentation, "response_lid", ident=response, rcardinality="Single"), "render_choice")
    for letter, option in zip(
        answer_letters(), q.options, strict=False
    ):  # a question may have fewer options than letters
        _material(_sub(choice, "response_label", ident=f"{q.id}_{letter}"), option)
    proc = _sub(el, "resprocessing")
    _sub(_sub(proc, "outcomes"), "decvar", varname="SCORE", vartype="Decimal", minvalue="0", maxvalue="100")
    general = _sub(proc, "respcondition", title="General feedback", **{"continue": "Yes"})
    _sub(_sub(general, "conditionvar"), "other")
    _sub(general, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    right = _sub(proc, "respcondition", title="Correct", **{"continue": "No"})
    _sub(_sub(right, "conditionvar"), "varequal", f"{q.id}_{q.answer}", respident=response)
    _sub(right, "setvar", "100", action="Set", varname="SCORE")
    _sub(right, "displayfeedback", feedbacktype="Response", linkrefid="correct_fb")
    wrong = _sub(proc, "respcondition", title="Incorrect", **{"continue": "Yes"})
    _sub(_sub(wrong, "conditionvar"), "other")
    _sub(wrong, "displayfeedback", feedbacktype="Response", linkrefid="general_incorrect_fb")
    _feedback(el, "general_fb", q.rationale)
    _feedback(el, "correct_fb", f"Correct: {q.answer}.")
    _feedback(el, "general_incorrect_fb", f"Not the best answer. The answer is {q.answer}.")
    return el


def bank_xml(model: Curriculum, domain: ExamDomain, questions) -> bytes:
    ET.register_namespace("", NS)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(_q("questestinterop"), {f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})
    bank = _sub(root, "objectbank", ident=f"{model.require_programme().id}_bank_{domain.id.lower()}")
    _field(_sub(bank, "qtimetadata"), "bank_title", f"{domain.id} {domain.title}")
    for q in questions:
        bank.append(item(q))
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"


def banks(model: Curriculum) -> list[Bank]:
    """One bank per exam domain that has practice questions, in domain order."""
    out = []
    for domain in model.exam.domains if model.exam else ():
        questions = tuple(q for q in model.questions if q.domain == domain.id)
        if questions:
            href = f"question_banks/{domain.id.lower()}/bank.xml"
            out.append(Bank(domain, questions, href, bank_xml(model, domain, questions)))
    return out
