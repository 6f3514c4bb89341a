"""<code>-practice-questions-moodle.xml: the practice questions in Moodle XML.

Moodle imports this format into its question bank (Question bank > Import > Moodle XML): one
category per exam domain, each question single-answer multiple choice with the rationale as
general feedback and feedback on every option. Built with ElementTree; question text is
written as plain text (format="plain_text"), so nothing in it is run as HTML.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..model import Curriculum
from ..vocab import answer_letters


def _text(parent, tag: str, value: str, **attrs) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    ET.SubElement(el, "text").text = value
    return el


def export(model: Curriculum) -> bytes:
    quiz = ET.Element("quiz")
    prog = model.require_programme()
    for domain in model.exam.domains if model.exam else ():
        questions = [q for q in model.questions if q.domain == domain.id]
        if not questions:
            continue
        cat = ET.SubElement(quiz, "question", type="category")
        _text(cat, "category", f"$course$/{prog.short_code} practice questions/{domain.id} {domain.title}")
        for q in questions:
            el = ET.SubElement(quiz, "question", type="multichoice")
            _text(el, "name", q.id)
            _text(el, "questiontext", q.stem, format="plain_text")
            _text(el, "generalfeedback", q.rationale, format="plain_text")
            ET.SubElement(el, "defaultgrade").text = "1"
            ET.SubElement(el, "penalty").text = "0"
            ET.SubElement(el, "hidden").text = "0"
            ET.SubElement(el, "idnumber").text = q.id
            ET.SubElement(el, "single").text = "true"
            ET.SubElement(el, "shuffleanswers").text = "false"  # rationales may refer to options by letter
            ET.SubElement(el, "answernumbering").text = "ABCD"
            _text(el, "correctfeedback", "Correct.", format="plain_text")
            _text(el, "partiallycorrectfeedback", "Partly correct.", format="plain_text")
            _text(el, "incorrectfeedback", f"Not the best answer. The answer is {q.answer}.", format="plain_text")
            for letter, option in zip(
                answer_letters(), q.options, strict=False
            ):  # a question may have fewer options than letters
                right = letter == q.answer
                ans = _text(el, "answer", option, fraction="100" if right else "0", format="plain_text")
                _text(
                    ans,
                    "feedback",
                    "Correct." if right else f"Not the best answer. The answer is {q.answer}.",
                    format="plain_text",
                )
    ET.indent(quiz)
    return ET.tostring(quiz, encoding="UTF-8", xml_declaration=True) + b"\n"
