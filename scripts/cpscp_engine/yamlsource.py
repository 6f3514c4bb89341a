"""Read one YAML file safely into plain data plus the line and column of every node.

Authors are not programmers, so every way a file can be wrong must end in a Diagnostic,
never an exception: unreadable bytes, a huge file, an alias bomb, a duplicate key.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from .diagnostics import ERROR, Diagnostic, Loc, declare, error

TOO_LARGE = "file-too-large"  # the code callers adapt the hint of (pages are larger)

CODES = declare(
    __name__,
    (
        "yaml-tag",
        ERROR,
        "A value carries an explicit YAML tag (!!int, !!python/..., !local) curriculum files do not use.",
        "Remove the tag and write the value plainly; put text in quotes.",
    ),
    (
        "yaml-number",
        ERROR,
        "A number no field can use: not-a-number, infinity, or absurdly long.",
        "Write an ordinary number; put it in quotes if it is text.",
    ),
    (
        "merge-conflict",
        ERROR,
        "Git's merge-conflict markers (<<<<<<<, =======, >>>>>>>) were left in a file.",
        "Keep the version you want between the markers, then delete the three marker lines.",
    ),
    (
        TOO_LARGE,
        ERROR,
        "A curriculum file or page is larger than any real one could be.",
        "Split it, or check that it is not generated or binary content.",
    ),
    ("unreadable", ERROR, "A file could not be read.", "Check that it exists and that you may read it."),
    (
        "outside-repository",
        ERROR,
        "A curriculum file or page is a link to a place outside the repository.",
        "Replace the link with the file itself.",
    ),
    (
        "not-a-file",
        ERROR,
        "A curriculum file or page is not an ordinary file (a folder, a device, a pipe ...).",
        "Replace it with an ordinary text file, or remove it.",
    ),
    ("not-utf8", ERROR, "A file is not UTF-8 text.", "Save it as UTF-8 in your editor."),
    ("empty-file", ERROR, "A curriculum file holds no data.", "Fill it in, or delete it if it is not needed."),
    (
        "yaml-syntax",
        ERROR,
        "A curriculum file is not valid YAML.",
        "Check the indentation (spaces, not tabs), the colons after keys and the quotes.",
    ),
    ("yaml-documents", ERROR, "A curriculum file holds more than one YAML document.", "Remove the extra --- line."),
    (
        "not-a-mapping",
        ERROR,
        "A curriculum file does not hold keys and values at its top level.",
        "Start it with keys, as the other files of its kind do.",
    ),
    (
        "yaml-alias",
        ERROR,
        "A curriculum file uses YAML anchors, aliases or merge keys.",
        "Write the values out in full.",
    ),
    (
        "yaml-key",
        ERROR,
        "A YAML key is a list or a mapping, not a word.",
        "Check the indentation and the colons on that line.",
    ),
    ("duplicate-key", ERROR, "A key appears twice in the same YAML block.", "Delete or rename one of them."),
    (
        "yaml-node",
        ERROR,
        "A curriculum file holds YAML content the handbook does not support.",
        "Write plain keys, values and lists.",
    ),
    (
        "yaml-depth",
        ERROR,
        "A curriculum file is nested more deeply than any curriculum file is.",
        "Check the indentation and the brackets.",
    ),
)

try:  # the C parser is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_Resolver = yaml.resolver.Resolver  # the safe loaders' resolver (C and pure Python alike)
assert issubclass(_Loader, _Resolver) and not _Resolver.yaml_path_resolvers, "see _FastLoader"


class _FastLoader(_Loader):
    """The safe loader, with the resolution of untagged values left to the walk below.

    The composer calls back into Python for every node: resolve() for its tag, and
    descend_resolver()/ascend_resolver() for path resolvers, which the safe loader has none of.
    Those calls were half the time of composing a file. Here they are built-in callables that
    run no Python: `slice` keeps resolve's arguments (kind, value, implicit) as the node's
    provisional tag, for the walk to resolve with the loader's own rules (_resolve); the
    other two ignore their arguments. An explicit tag (!!int, !ENV) still arrives as text.
    """

    resolve = slice  # (kind, value, implicit) -> slice(kind, value, implicit)
    descend_resolver = slice  # type: ignore[assignment]  # (parent, index), ignored
    ascend_resolver = tuple  # type: ignore[assignment]  # (), ignored


_RESOLVER = _Resolver()
# After a letter only the words of bool (yes, false ...) and null can follow, none longer than
# five letters, so a longer word is text ("title", "outcomes", "Describe ...").
_FIRSTS = frozenset(k for k in _Resolver.yaml_implicit_resolvers if k)
_LETTERS_SHORT = all(
    tag.endswith((":bool", ":null"))
    for first, resolvers in _Resolver.yaml_implicit_resolvers.items()
    if first and first.isalpha()
    for tag, _ in resolvers
)
_plain_tags: dict[str, str] = {}  # short plain scalars (keys such as 'title', numbers) resolved before
_PLAIN_CACHED = 12  # longest value kept there: keys, numbers, dates; not prose
_PLAIN_CACHE_SIZE = 10_000


def _resolve(provisional: slice) -> str:
    """The tag the safe loader would have given an untagged node (see _FastLoader)."""
    kind, value, implicit = provisional.start, provisional.stop, provisional.step
    if kind is not yaml.ScalarNode:
        return _RESOLVER.resolve(kind, value, implicit)
    if not implicit[0] or (
        value and (value[0] not in _FIRSTS or (len(value) > 5 and _LETTERS_SHORT and value[0].isalpha()))
    ):
        return _STR  # quoted or block text, or plain text no implicit type can match
    tag = _plain_tags.get(value)
    if tag is None:
        tag = _RESOLVER.resolve(kind, value, implicit)
        if len(value) <= _PLAIN_CACHED and len(_plain_tags) < _PLAIN_CACHE_SIZE:
            _plain_tags[value] = tag
    return tag


MAX_BYTES = 1_000_000  # a curriculum file is a few KB; anything near this is a mistake
_constructor = SafeConstructor()
Path_ = tuple  # a path into the document: keys and list indexes


@dataclass
class YamlDoc:
    """A parsed file: the data, and where each value (and each mapping key) stands.

    A position is the parser's mark (0-based .line and .column), kept as it is: turning each
    into numbers as the file is read cost more than the few that messages ask for.
    """

    file: str
    data: object
    positions: dict[tuple, Any] = field(default_factory=dict)
    key_positions: dict[tuple, Any] = field(default_factory=dict)
    source: str = field(default="", repr=False)  # the text it was parsed from

    def loc(self, path: tuple = ()) -> Loc:
        """The nearest known position for a path (falls back to a parent's)."""
        path = tuple(path)
        mark = self.positions.get(path)
        if mark is not None:  # nearly always: the builders ask for values that are there
            return Loc(self.file, mark.line + 1, mark.column + 1)
        while True:
            if path in self.positions:
                mark = self.positions[path]
                return Loc(self.file, mark.line + 1, mark.column + 1)
            if not path:
                return Loc(self.file, 1, 1)
            path = path[:-1]

    def key_loc(self, path: tuple) -> Loc:
        path = tuple(path)
        mark = self.key_positions.get(path)
        if mark is not None:
            return Loc(self.file, mark.line + 1, mark.column + 1)
        return self.loc(path)


class _Problem(Exception):
    """Internal: stops the walk with a diagnostic; never escapes this module."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _mark(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


_STR, _INT, _FLOAT, _BOOL, _NULL, _TIME, _MERGE = (
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp", "merge")
)


_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
# What an untagged value of each type looks like: a tagged value must look the same (e.g. '!!int ten'
# does not), so every value the walk accepts is one the safe loader could have read without a tag.
_LOOKS = {tag: rx for resolvers in _Loader.yaml_implicit_resolvers.values() for tag, rx in resolvers}
_IMPLICIT_TEXT = frozenset(_LOOKS) - {_INT, _FLOAT, _BOOL, _NULL, _TIME, _MERGE}
MAX_NUMBER_CHARS = 30  # far beyond any hour, weight or year; Python refuses ints over 4,300 digits


def _scalar(node, file: str = ""):
    tag = node.tag
    if tag == _STR or tag == _TIME:
        # dates stay text: the schemas describe them as strings, as authors wrote them
        return node.value
    if tag in (_INT, _FLOAT, _BOOL, _NULL):
        value = node.value
        looks = _LOOKS.get(tag)
        if value and looks is not None and not looks.match(value):
            raise _Problem(
                error(
                    Loc(file, *_mark(node)),
                    "yaml-tag",
                    f"the value '{_short(value)}' is tagged {_tag_name(tag)}, but it is not one",
                    "remove the tag (the '!!' word) and write the value plainly; put text in quotes",
                )
            )
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return _constructor.construct_yaml_bool(node)
        if len(value) > MAX_NUMBER_CHARS:
            raise _Problem(
                error(
                    Loc(file, *_mark(node)),
                    "yaml-number",
                    f"the number {_short(value)} has {len(value):,} characters, far more than any "
                    "hours, weight or year needs",
                    "check for a paste or a typo; put it in quotes if it is meant as text",
                )
            )
        number = _constructor.construct_yaml_int(node) if tag == _INT else _constructor.construct_yaml_float(node)
        if number != number or number in (float("inf"), float("-inf")):
            raise _Problem(
                error(
                    Loc(file, *_mark(node)),
                    "yaml-number",
                    f"'{value}' is not a number the curriculum can use (YAML reads it as "
                    f"{'not-a-number' if number != number else 'infinity'})",
                    "write an ordinary number such as 12 or 2.5",
                )
            )
        return number
    if tag in _IMPLICIT_TEXT:  # e.g. a lone '=' (YAML's "value" type): text as written
        return node.value
    raise _Problem(_tag_problem(file, node))


def _tag_name(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


def _short(value: str) -> str:
    return value if len(value) <= 40 else value[:20] + "…" + value[-10:]


def _tag_problem(file: str, node) -> Diagnostic:
    return error(
        Loc(file, *_mark(node)),
        "yaml-tag",
        f"the YAML tag {_tag_name(node.tag)} is not allowed in curriculum files",
        "remove the tag (the word starting with '!') and write the value plainly; put text in quotes",
    )


_CONFLICT = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?: .*)?$", re.M)


def conflict_marker(text: str, file: str, first_line: int = 1) -> Diagnostic | None:
    """A merge-conflict marker line left in the text (git's <<<<<<<, =======, >>>>>>>), if any."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text:  # a lone ======= line is a Markdown heading underline
        return None
    m = _CONFLICT.search(text)
    if m is None:
        return None
    line = text.count("\n", 0, m.start()) + first_line
    return error(
        Loc(file, line, 1),
        "merge-conflict",
        f"a merge conflict was left in the file (the line '{_short(m.group(0))}')",
        "keep the version you want of the lines between <<<<<<<, ======= and >>>>>>>, "
        "then delete the three marker lines",
    )


def _alias_problem(file: str, node) -> _Problem:
    # Composed aliases are shared node objects. Curriculum files never need anchors,
    # and refusing them here is what makes an alias bomb cost nothing.
    return _Problem(
        error(
            Loc(file, *_mark(node)),
            "yaml-alias",
            "YAML anchors and aliases (& and *) are not supported in curriculum files",
            "write the value out in full where it is needed",
        )
    )


def _kind_of(value) -> str:
    if value is None:
        return "empty (null)"
    return "true/false" if isinstance(value, bool) else "a number"


def _walk(doc: YamlDoc, root, allow_tags: bool = False, shared: bool = True) -> object:
    """Turn the node tree into plain data, recording positions. Hot path: kept lean.

    shared: whether nodes may be shared (aliases); without an anchor in the text none can be,
    and the walk need not remember every node it has seen.
    """
    file, positions, key_positions = doc.file, doc.positions, doc.key_positions
    seen: set[int] = set()
    scalar_cls, seq_cls, map_cls = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
    firsts, letters_short, plain_tags = _FIRSTS, _LETTERS_SHORT, _plain_tags

    def walk(node, path: tuple):
        if shared:
            if id(node) in seen:
                raise _alias_problem(file, node)
            seen.add(id(node))
        positions[path] = node.start_mark
        cls = node.__class__
        tag = node.tag
        if cls is scalar_cls:
            if tag.__class__ is slice:  # untagged (see _FastLoader); _resolve's commonest cases inline
                value = tag.stop
                if not tag.step[0] or (
                    value and (value[0] not in firsts or (len(value) > 5 and letters_short and value[0].isalpha()))
                ):
                    return value
                tag = node.tag = plain_tags.get(value) or _resolve(tag)
            if tag == _STR:
                return node.value
            return node.value if allow_tags and tag not in _LOOKS else _scalar(node, file)
        if tag.__class__ is slice:  # what the resolver says of an untagged collection without path resolvers
            tag = node.tag = _SEQ if cls is seq_cls else _MAP
        if tag != _SEQ and tag != _MAP and not allow_tags:
            raise _Problem(_tag_problem(file, node))
        if cls is seq_cls:
            return [walk(item, path + (i,)) for i, item in enumerate(node.value)]  # noqa: F821 - see `del walk`
        if cls is map_cls:
            result: dict = {}
            for key_node, value_node in node.value:
                if key_node.__class__ is not scalar_cls:
                    raise _Problem(
                        error(
                            Loc(file, *_mark(key_node)),
                            "yaml-key",
                            "a mapping key must be a plain word, not a list or mapping",
                            "check the indentation and the colons on this line",
                        )
                    )
                key_tag: Any = key_node.tag  # a slice until resolved (see _FastLoader)
                if key_tag.__class__ is slice:
                    key = key_tag.stop
                    if not key_tag.step[0] or (key and key[0] not in firsts):
                        key_tag = key_node.tag = _STR
                    else:
                        key_tag = key_node.tag = plain_tags.get(key) or _resolve(key_tag)
                if key_tag == _MERGE:
                    raise _Problem(
                        error(
                            Loc(file, *_mark(key_node)),
                            "yaml-alias",
                            "YAML merge keys (<<) are not supported in curriculum files",
                            "write the keys out in full",
                        )
                    )
                if shared:
                    if id(key_node) in seen:
                        raise _alias_problem(file, key_node)
                    seen.add(id(key_node))
                key = key_node.value if key_tag == _STR else _scalar(key_node, file)
                if key.__class__ is not str:
                    raise _Problem(
                        error(
                            Loc(file, *_mark(key_node)),
                            "yaml-key",
                            f"the key '{key_node.value}' is read as {_kind_of(key)}, not as text",
                            f"put it in quotes ('{key_node.value}':) or use the id or name meant here",
                        )
                    )
                if key in result:
                    first = key_positions[path + (key,)].line + 1
                    raise _Problem(
                        error(
                            Loc(file, *_mark(key_node)),
                            "duplicate-key",
                            f"the key '{key}' appears twice in the same block (first on line {first})",
                            "delete or rename one of them; YAML would silently keep only the last",
                        )
                    )
                value_path = path + (key,)
                key_positions[value_path] = key_node.start_mark
                # walk()'s commonest case inline (a call per value is a fifth of the walk): plain text
                value_tag = value_node.tag
                if value_tag.__class__ is slice and value_node.__class__ is scalar_cls and not shared:
                    value = value_tag.stop
                    if not value_tag.step[0] or (
                        value and (value[0] not in firsts or (len(value) > 5 and letters_short and value[0].isalpha()))
                    ):
                        positions[value_path] = value_node.start_mark
                        result[key] = value
                        continue
                result[key] = walk(value_node, value_path)  # noqa: F821 - see `del walk`
            return result
        raise _Problem(error(Loc(file, *_mark(node)), "yaml-node", "unsupported YAML content", ""))

    try:
        return walk(root, ())
    finally:
        # walk refers to itself through its closure: break that cycle, or every document's
        # positions would wait for the cyclic garbage collector to be freed. (Ruff takes the calls
        # above for uses after this `del`; they run before it.)
        del walk


def parse_text(text: str, file: str, allow_tags: bool = False) -> tuple[YamlDoc | None, Diagnostic | None]:
    """Parse YAML text that is already decoded. Returns the document or one diagnostic.

    allow_tags: keep explicitly tagged values as their text (mkdocs.yml uses !ENV and !!python/name:);
    curriculum files refuse them.
    """
    conflict = conflict_marker(text, file)
    if conflict:
        return None, conflict
    doc = YamlDoc(file, None, source=text)
    try:
        nodes = list(yaml.compose_all(text, Loader=_FastLoader))
    except RecursionError:  # only the pure-Python parser recurses; libyaml stops at depth 1000
        return None, _too_deep(file)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        if "nesting depth" in problem:  # libyaml's own limit (1000 levels)
            return None, _too_deep(file)
        context = f" ({exc.context})" if exc.context else ""
        return None, error(
            Loc(file, line, col),
            "yaml-syntax",
            f"YAML syntax error: {problem}{context}",
            "check indentation (spaces, not tabs), colons after keys, and quotes around text that contains ': ' or starts with a special character",
        )
    except yaml.YAMLError as exc:  # e.g. a reader error on control characters
        return None, error(
            Loc(file, 1, 1),
            "yaml-syntax",
            f"YAML could not be read: {exc}",
            "remove control characters and save the file as plain UTF-8 text",
        )
    if len(nodes) > 1:
        return None, error(
            Loc(file, *_mark(nodes[1])),
            "yaml-documents",
            "the file holds more than one YAML document (a line '---' splits it)",
            "keep one document per file: remove the extra '---'",
        )
    if not nodes or nodes[0] is None:
        return None, error(
            Loc(file, 1, 1), "empty-file", "the file is empty", "fill it in, or delete it if it is not needed"
        )
    try:
        doc.data = _walk(doc, nodes[0], allow_tags, shared="&" in text)
    except _Problem as problem:
        return None, problem.diagnostic
    except RecursionError:
        return None, _too_deep(file)
    if doc.data is None:  # e.g. a lone '---'
        return None, error(
            Loc(file, 1, 1), "empty-file", "the file holds no data", "fill it in, or delete it if it is not needed"
        )
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        return None, error(
            Loc(file, 1, 1),
            "not-a-mapping",
            f"the file holds {kind}, but a curriculum file must be a mapping of keys to values",
            "start the file with keys such as 'id:' or 'references:' (see the other files of the same kind)",
        )
    return doc, None


def find_in_strings(doc: YamlDoc, pattern: re.Pattern) -> list[tuple[tuple, str]]:
    """(path, value) of every string value that matches pattern, in document order."""
    found: list[tuple[tuple, str]] = []
    stack: list[tuple[tuple, object]] = [((), doc.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if pattern.search(value):
                found.append((path, value))
        elif isinstance(value, dict):
            stack.extend((path + (k,), v) for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend((path + (i,), v) for i, v in reversed(list(enumerate(value))))
    return found


def where(path: tuple) -> str:
    """A path as authors read it: outcomes[2].criteria[1].text (1-based list positions)."""
    parts: list[str] = []
    for p in path:
        parts.append(f"[{p + 1}]" if isinstance(p, int) else (("." if parts else "") + str(p)))
    return "".join(parts) or "the top level"


def _too_deep(file: str) -> Diagnostic:
    return error(
        Loc(file, 1, 1),
        "yaml-depth",
        "the YAML is nested too deeply to be a curriculum file",
        "check the indentation and the brackets: curriculum files are only a few levels deep",
    )


class UnsafeFile(Exception):
    """A file the validator will not read; code, message and hint of the diagnostic to report."""

    def __init__(self, code: str, message: str, hint: str):
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint

    def diagnostic(self, file: str) -> Diagnostic:
        return error(Loc(file, 1, 1), self.code, self.message, self.hint)


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_repo_file(path: Path, root: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of an ordinary file inside the repository, at most `limit` of them.

    A pull request can add a symbolic link to any file on the machine that runs the checks (and
    the messages are public in CI logs), or to a device or pipe that never ends. So the file must
    resolve to a place inside `root`, be a regular file when opened, and is read only up to the
    limit. Nothing of the file's content or of a link's target is put in the message.
    """
    return RepoReader(root).read(path, limit, what)


class RepoReader:
    """read_repo_file for many files of one repository: each folder's real place is found once.

    Resolving every part of every path (and the root's, for each file) was a tenth of
    validating a large curriculum. A file that is itself a link is still resolved in full.
    """

    def __init__(self, root: Path):
        self.root = root
        real_root = os.path.realpath(root)
        self._inside = real_root.rstrip(os.sep) + os.sep  # what the real path of a file inside starts with
        self._real_folders: dict[str, str] = {}

    def real_path(self, path: Path | str) -> str:
        folder, name = os.path.split(path)
        if name in ("", ".", ".."):
            return os.path.realpath(path)
        real_folder = self._real_folders.get(folder)
        if real_folder is None:
            real_folder = self._real_folders[folder] = os.path.realpath(folder or ".")
        try:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                return os.path.realpath(path)
        except OSError:
            pass  # missing or unreadable: opening it says which
        return os.path.join(real_folder, name)

    def read(self, path: Path, limit: int, what: str = "file") -> bytes:
        """See read_repo_file."""
        real = self.real_path(path)
        if not (real + os.sep).startswith(self._inside):
            raise UnsafeFile(
                "outside-repository",
                f"the {what} is a link to a place outside the repository",
                "replace the link with the file itself: the handbook reads only ordinary files inside the repository",
            )
        return _read_opened(real, limit, what)


def _read_opened(real: str, limit: int, what: str) -> bytes:
    """The bytes of the file at a resolved path, if it is an ordinary file within the limit."""
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; fstat below refuses it
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise UnsafeFile(
            "unreadable",
            f"the {what} could not be read: {exc.strerror or exc}",
            "check that it exists and that you have permission to read it",
        ) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = next((name for test, name in _KINDS if test(mode)), "something other than a file")
        raise UnsafeFile(
            "not-a-file",
            f"the {what} is {kind}, not an ordinary file",
            "replace it with an ordinary text file (or remove it)",
        )
    with os.fdopen(fd, "rb") as handle:
        size = os.fstat(fd).st_size
        raw = handle.read(limit + 1) if size <= limit else b""
        if size > limit or len(raw) > limit:
            shown = f"{size:,} bytes" if size > limit else f"over {limit:,} bytes"
            raise UnsafeFile(
                TOO_LARGE,
                f"the {what} is {shown}; {what}s are limited to {limit:,}",
                "split it, or check that it is not generated or binary content saved by mistake",
            )
    return raw


# What str.splitlines() ends a line at, and a line with something on it other than a comment:
# found without copying or splitting the whole text, as stripping it and then its lines did.
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_CONTENT_LINE = re.compile(rf"(?:\A|(?<=[{_LINE_BREAKS}]))[^\S{_LINE_BREAKS}]*[^\s#]")


def decode_utf8(raw: bytes, file: str, what: str = "file") -> tuple[str | None, Diagnostic | None]:
    """The text of a file's bytes, or the not-utf8 diagnostic at the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, error(
            Loc(file, line, col),
            "not-utf8",
            f"the {what} is not valid UTF-8 text (byte 0x{raw[exc.start]:02x} at this position)",
            "save it as UTF-8 in your editor (for example 'Save with encoding: UTF-8')",
        )


def read_yaml(
    path: Path, root: Path, allow_tags: bool = False, reader: RepoReader | None = None
) -> tuple[YamlDoc | None, Diagnostic | None]:
    """Read and parse a file on disk, checking where it is, its kind, size and encoding first.

    reader: the RepoReader of root, when many files are read.
    """
    file = _relative(path, root)
    try:
        raw = (reader or RepoReader(root)).read(path, MAX_BYTES)
    except UnsafeFile as problem:
        if problem.code == TOO_LARGE:
            problem.message = problem.message.replace("files are", "curriculum files are")
        return None, problem.diagnostic(file)
    text, not_utf8 = decode_utf8(raw, file)
    if text is None:
        return None, not_utf8
    if text.startswith("\ufeff"):
        text = text[1:]
    if _CONTENT_LINE.search(text) is None:
        return None, error(
            Loc(file, 1, 1),
            "empty-file",
            "the file is empty (only comments or blank lines)",
            "fill it in, or delete it if it is not needed",
        )
    return parse_text(text, file, allow_tags)


def _relative(path: Path, root: Path) -> str:
    text, base = path.as_posix(), root.as_posix().rstrip("/") + "/"
    if text.startswith(base):  # the common case, without a system call per file
        return text[len(base) :]
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
