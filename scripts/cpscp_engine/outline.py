"""The outline of a docs page as MkDocs will see it: headings and their anchors, ids, links.

The validator checks hand-written links and anchors against it (what `mkdocs build --strict`
would reject), and the content policy against its headings. Code (fenced or inline) and
macro calls are masked first: a link inside code is not a link, and what a macro writes is
the render functions' business (their own anchors are added by the link check).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .diagnostics import Diagnostic, Loc
from .yamlsource import conflict_marker

_FRONT = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.S)
_FENCE_LINE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)[^`\n]+?\1")
_PAIRS = (("{{", "}}"), ("{%", "%}"), ("{#", "#}"))
_HEADING = re.compile(r"^[ \t]*(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)
_ATTR_ID = re.compile(r"\{:?[^{}\n]*?#([A-Za-z0-9_:.-]+)[^{}\n]*\}")
_HTML_ID = re.compile(r"""<[a-zA-Z][^<>]*?\sid=["']([^"']+)["']""")
# [text](destination "title") and ![alt](destination): the text may hold one level of brackets
_LINK = re.compile(
    r"!?\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*(<[^<>\n]*>|[^()\s]+(?:\([^()\s]*\)[^()\s]*)*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
_REF_DEF = re.compile(r"^[ ]{0,3}\[([^\]\n]+)\]:[ \t]*(<[^<>\n]*>|\S+)", re.M)
_INLINE_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<[^>]+>|[*_`]")
_ACCREDITED = re.compile(r"\b(is|are) (an? )?(accredited|regulated|Ofqual-regulated)\b", re.I)
_NEGATED = re.compile(r"\bnot\b|\bunless\b|n't", re.I)
# Counts as words, up to twenty (UK style guides write figures above): what the count check reads
# and what render/identity.py writes.
NUMBER_WORDS = tuple(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split()
)
_NUMBER_WORDS = {w: i for i, w in enumerate(NUMBER_WORDS)}
# "twelve online modules", "13 modules", "Modules 1 to 12", "modules 2, 3, 4, 6 and 7"
COUNTED = r"\b(\d+|" + "|".join(_NUMBER_WORDS) + r")\s+(?:[A-Za-z-]+\s+)?modules\b"
# The same, but a place where no count can start (a digit or a number word's first letter) is
# passed over before the alternatives are tried one by one: a quarter of the time on long pages.
_COUNTED = re.compile(r"\b(?=[\d" + "".join(sorted({w[0] for w in _NUMBER_WORDS})) + "])" + COUNTED[2:], re.I)
_NUMBERED = re.compile(r"\bmodules?\s+(\d+(?:\s*(?:,|and|or|to|-|–)\s*\d+)*)", re.I)
# What every match of _COUNTED, and of _NUMBERED, holds: most pages have neither.
_MODULES, _MODULE = re.compile("modules", re.I), re.compile("module", re.I)


def _number(said: str) -> int:
    """The number a count says: digits, or a number word in any case. Ignoring case, the pattern
    also takes letters that only look alike once folded ("ſix", "sıx"), so the word is looked up
    the way the pattern matched it."""
    if said.isdigit():
        return int(said)
    word = said.lower()
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    return next(n for w, n in _NUMBER_WORDS.items() if re.fullmatch(w, said, re.I))


def module_numbers_said(text: str) -> list[tuple[int, int, str]]:
    """(offset, number, phrase) for each count or number of modules written in prose."""
    found: list[tuple[int, int, str]] = []
    first = _MODULE.search(text)
    if first is None:
        return found
    if _MODULES.search(text, first.start()):
        for m in _COUNTED.finditer(text):
            found.append((m.start(), _number(m.group(1)), m.group(0)))
    # A numbered mention starts with the word: none before the first. (The search still sees
    # the text before where it starts, for the word boundary.)
    for m in _NUMBERED.finditer(text, first.start()):
        found.append((m.start(), max(int(n) for n in re.findall(r"\d+", m.group(1))), m.group(0)))
    return found


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # as written, without an attribute list
    anchor: str  # the id Markdown's toc gives it ("" when a macro writes part of it)
    loc: Loc


@dataclass(frozen=True)
class Link:
    target: str  # the destination as written, e.g. ../glossary.md#desistance
    loc: Loc
    text: str = ""  # what the reader sees (for a reference definition: "")


@dataclass(frozen=True)
class Outline:
    path: str  # relative to docs/
    file: str  # relative to the project, as messages show it
    headings: tuple[Heading, ...]
    anchors: frozenset[str]  # heading anchors and explicit ids written on the page
    links: tuple[Link, ...]
    claims: tuple[tuple[str, Loc], ...]  # lines that say the award is accredited or regulated
    module_numbers: tuple[tuple[int, str, Loc], ...] = ()  # (highest number, phrase, where) in "N modules", "Module N"
    conflict: Diagnostic | None = None


def toc_slug(text: str) -> str:
    """The id Python-Markdown's toc extension gives a heading (its default slugify)."""
    value = _INLINE_MARKUP.sub(lambda m: m.group(1) or "", text)
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


def _blank(match: re.Match) -> str:
    return _spaces(match.group(0))


def _spaces(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _mask_fences(text: str) -> str:
    """Blank fenced code blocks, line by line (an unclosed fence runs to the end, as in Markdown)."""
    out, fence = [], ""
    for line in text.splitlines(keepends=True):
        m = _FENCE_LINE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = ""
            out.append(_spaces(line))
        elif m:
            fence = m.group(1)
            out.append(_spaces(line))
        else:
            out.append(line)
    return "".join(out)


def _mask_pairs(text: str, opener: str, closer: str) -> str:
    """Blank every opener...closer span in one pass; an unclosed opener leaves the rest as it is."""
    out, pos = [], 0
    while True:
        start = text.find(opener, pos)
        end = text.find(closer, start + len(opener)) if start >= 0 else -1
        if end < 0:
            break
        out.append(text[pos:start])
        out.append(_spaces(text[start : end + len(closer)]))
        pos = end + len(closer)
    out.append(text[pos:])
    return "".join(out)


def outline(text: str, path: str, file: str) -> Outline:
    """The outline of page text (docs/<path>, shown to authors as `file`)."""
    conflict = conflict_marker(text, file)
    front = _FRONT.match(text)
    body = _blank(front) + text[front.end() :] if front else text
    masked = _INLINE_CODE.sub(_blank, _mask_fences(body))
    for opener, closer in _PAIRS:
        masked = _mask_pairs(masked, opener, closer)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def loc(offset: int) -> Loc:
        lo, hi = 0, len(starts) - 1
        while lo < hi:  # the last line start at or before offset
            mid = (lo + hi + 1) // 2
            if starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return Loc(file, lo + 1, offset - starts[lo] + 1)

    headings, anchors, used = [], set(), set()
    for m in _HEADING.finditer(masked):
        written = body[m.end(1) : m.end()].strip().rstrip("#").strip()  # with any macro the mask hid
        explicit = _ATTR_ID.search(written)
        shown = _ATTR_ID.sub("", written).strip()
        if explicit:
            anchor = explicit.group(1)
        elif "{{" in written or "{%" in written:
            anchor = ""  # a macro writes part of it: its id is known only after rendering
        else:
            base = anchor = toc_slug(shown)
            n = 0
            while anchor in used:  # toc's rule for repeated headings: name_1, name_2 ...
                n += 1
                anchor = f"{base}_{n}"
        if anchor:
            used.add(anchor)
        headings.append(Heading(len(m.group(1)), shown, anchor, loc(m.start(1))))
    anchors.update(used)
    anchors.update(_ATTR_ID.findall(masked))
    anchors.update(_HTML_ID.findall(masked))
    links = [Link(m.group(2).strip("<>"), loc(m.start()), m.group(1)) for m in _LINK.finditer(masked)]
    links += [Link(m.group(2).strip("<>"), loc(m.start(2))) for m in _REF_DEF.finditer(masked)]
    links.sort(key=lambda link: (link.loc.line, link.loc.col))
    claims = []
    for m in _ACCREDITED.finditer(masked):
        line_start = masked.rfind("\n", 0, m.start()) + 1
        line_end = masked.find("\n", m.end())
        line = masked[line_start : line_end if line_end >= 0 else len(masked)]
        if not _NEGATED.search(line):
            claims.append((line.strip(), loc(m.start())))
    said = tuple((n, phrase, loc(offset)) for offset, n, phrase in module_numbers_said(masked))
    return Outline(path, file, tuple(headings), frozenset(anchors), tuple(links), tuple(claims), said, conflict)
