"""A small mutation check of the engine's checks, renderers and exports (`make mutation`).

Each mutant is one small change to the body of one function (a comparison flipped, a condition
negated, `and` for `or`, a number moved by one, a statement dropped, a return emptied...). The
tests that mirror the mutated module then run against it; a mutant they notice is "killed", one
they do not "survives" and points at behaviour no test pins down (or, now and then, a change that
makes no difference).

The mutants are made in a throw-away copy of the working tree, so the repository is never edited.
The set is fixed by the source and the seed: the same tree gives the same mutants, in the same order.

    python scripts/mutation.py                # a sample of LIMIT mutants (a few minutes)
    python scripts/mutation.py --all          # every mutant (long)
    python scripts/mutation.py --list         # show the mutants without running anything
    python scripts/mutation.py --only render/text.py --all
"""

from __future__ import annotations

import argparse
import ast
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENGINE = Path("scripts") / "cpscp_engine"
PACKAGES = ("checks", "render", "exports")
DEFAULT_LIMIT = 40
DEFAULT_SEED = 12
# The tests a mutant is tried against: fast ones only (no browser, no whole-site build).
MARKERS = "not browser and not slow and not flow"
# A mutant that makes a test loop for this long is counted as killed.
TIMEOUT_S = 300

# Suites that reach a package without importing from it (the checks run through validate()).
PACKAGE_TESTS = {
    "checks": ("test_validator_corpus.py",),
    "render": ("test_render.py", "test_macros.py"),
    "exports": ("test_exports.py", "test_tutor_exports.py"),
}

_FLIP = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.GtE,
    ast.GtE: ast.Lt,
    ast.Gt: ast.LtE,
    ast.LtE: ast.Gt,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
# A boundary moved by one: `<` becomes `<=` and so on (an off-by-one the flip above would not show).
_EDGE = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt}
_ARITH = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.FloorDiv,
    ast.FloorDiv: ast.Mult,
    ast.Div: ast.Mult,
    ast.Mod: ast.FloorDiv,
}


@dataclass(frozen=True)
class Mutant:
    path: str  # relative to the repository root, with forward slashes
    line: int
    end_line: int
    kind: str
    before: str
    after: str
    start: int  # byte offsets of the replaced source in the file
    end: int
    replacement: str

    def describe(self) -> str:
        return f"{self.path}:{self.line}: {self.kind}: `{_short(self.before)}` -> `{_short(self.after)}`"

    def apply(self, source: bytes) -> bytes:
        return source[: self.start] + self.replacement.encode("utf-8") + source[self.end :]


def _short(code: str, width: int = 70) -> str:
    code = " ".join(code.split())
    return code if len(code) <= width else code[: width - 1] + "…"


def _offsets(source: bytes) -> list[int]:
    """Byte offset of the start of each line (AST columns are UTF-8 byte offsets)."""
    starts, total = [], 0
    for line in source.splitlines(keepends=True):
        starts.append(total)
        total += len(line)
    starts.append(total)
    return starts


def _is_docstring(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}


def _inside(node: ast.AST, parents: dict[ast.AST, ast.AST], kinds: tuple[type, ...]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, kinds):
            return True
    return False


def _changes(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> Iterator[tuple[str, ast.expr | ast.stmt, str]]:
    """(kind, node replaced, replacement code) for each mutation of `node`."""
    if isinstance(node, ast.Compare):
        first = type(node.ops[0])
        for kind, table in (("flip comparison", _FLIP), ("move boundary", _EDGE)):
            if first in table:
                new = ast.Compare(node.left, [table[first](), *node.ops[1:]], node.comparators)
                yield kind, node, f"({ast.unparse(new)})"
    elif isinstance(node, ast.BoolOp):
        other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        yield "swap and/or", node, f"({ast.unparse(ast.BoolOp(other, node.values))})"
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield "drop not", node, f"({ast.unparse(node.operand)})"
    elif isinstance(node, ast.BinOp) and type(node.op) in _ARITH and not _text_operand(node):
        arith = ast.BinOp(node.left, _ARITH[type(node.op)](), node.right)
        yield "change arithmetic", node, f"({ast.unparse(arith)})"
    elif isinstance(node, ast.Constant) and not isinstance(parents.get(node), ast.Expr):
        value = node.value
        if isinstance(value, bool):
            yield "flip constant", node, repr(not value)
        elif isinstance(value, int):
            yield "change number", node, repr(value + 1)
        elif isinstance(value, str) and 0 < len(value) <= 3:
            # Short strings are separators, markers and escapes ("|", "\\|", ", "): dropping one
            # changes the output's structure; long strings are messages, pinned elsewhere.
            yield "empty string", node, '""'
    elif isinstance(node, (ast.If, ast.While)) and not isinstance(node.test, (ast.Compare, ast.UnaryOp, ast.BoolOp)):
        yield "negate condition", node.test, f"(not {ast.unparse(node.test)})"
    elif (
        isinstance(node, ast.Return)
        and node.value is not None
        and not (isinstance(node.value, ast.Constant) and node.value.value is None)
    ):
        yield "return None", node, "return None"
    elif isinstance(node, (ast.Expr, ast.AugAssign, ast.Continue, ast.Break)) and not _is_docstring(node):
        yield "drop statement", node, "pass"


def _text_operand(node: ast.BinOp) -> bool:
    """`"a" + b` or `"%s" % x`: text joined or formatted, where `-` or `//` would only raise."""

    def text(side: ast.expr) -> bool:
        return (
            isinstance(side, ast.JoinedStr)
            or (isinstance(side, ast.Constant) and isinstance(side.value, str))
            or (isinstance(side, ast.BinOp) and _text_operand(side))
        )

    return text(node.left) or text(node.right)


def mutants_of(path: str, source: bytes) -> list[Mutant]:
    """Every mutant of the function bodies in one file, in source order."""
    tree = ast.parse(source)
    parents = _parents(tree)
    starts = _offsets(source)
    found = []
    for node in ast.walk(tree):
        if not _inside(node, parents, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        # Positions inside f-strings are not reliable before Python 3.12; annotations and
        # decorators are not behaviour.
        if _inside(node, parents, (ast.JoinedStr,)) or isinstance(node, ast.JoinedStr):
            continue
        if isinstance(parents.get(node), (ast.arg, ast.AnnAssign)) and node is not getattr(
            parents[node], "value", None
        ):
            continue
        for kind, target, replacement in _changes(node, parents):
            assert target.end_lineno is not None and target.end_col_offset is not None
            start = starts[target.lineno - 1] + target.col_offset
            end = starts[target.end_lineno - 1] + target.end_col_offset
            before = source[start:end].decode("utf-8")
            mutant = Mutant(path, target.lineno, target.end_lineno, kind, before, replacement, start, end, replacement)
            try:
                compile(mutant.apply(source), path, "exec")
            except SyntaxError:
                continue  # e.g. `pass` where an expression is needed: not a mutant worth running
            found.append(mutant)
    return sorted(found, key=lambda m: (m.start, m.end, m.kind))


def engine_files(root: Path, only: str | None = None) -> list[Path]:
    files = sorted(p for package in PACKAGES for p in (root / ENGINE / package).glob("*.py"))
    if only:
        files = [p for p in files if only in p.relative_to(root / ENGINE).as_posix()]
    return files


def all_mutants(root: Path, only: str | None = None) -> list[Mutant]:
    found = []
    for file in engine_files(root, only):
        found += mutants_of(file.relative_to(root).as_posix(), file.read_bytes())
    return found


def sample(mutants: list[Mutant], limit: int | None, seed: int) -> list[Mutant]:
    """`limit` mutants drawn with a fixed seed (all when limit is None), in file order."""
    if limit is not None and limit < len(mutants):
        mutants = random.Random(seed).sample(mutants, limit)  # noqa: S311 (a reproducible sample, not a secret)
    return sorted(mutants, key=lambda m: (m.path, m.start, m.kind))


def tests_for(root: Path, path: str) -> list[str]:
    """The fast test files that may reach an engine module: its package's own (test_<package>_*.py
    and the suites in PACKAGE_TESTS) and every test file that imports from the package. The
    coverage run then finds, line by line, the tests that really do."""
    package = Path(path).parent.name
    names = {p.name for p in (root / "tests").glob(f"test_{package}_*.py")} | set(PACKAGE_TESTS.get(package, ()))
    imports = re.compile(
        rf"^(from cpscp_engine\.{package}[ .]|from cpscp_engine import .*\b{package}\b"
        rf"|import cpscp_engine\.{package}\b)",
        re.M,
    )
    for test in (root / "tests").glob("test_*.py"):
        if imports.search(test.read_text(encoding="utf-8")):
            names.add(test.name)
    return sorted(f"tests/{name}" for name in names if (root / "tests" / name).exists())


def copy_tree(dest: Path) -> Path:
    """The working tree as it is (tracked and new files, not ignored ones) copied into dest."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for rel in filter(None, listed.split("\0")):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


def _env(copy: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE_")}
    # The copy's engine, not the editable install, in the tests and every process they start.
    env.update(PYTHONPATH=str(copy / "scripts"), PYTHONDONTWRITEBYTECODE="1", NO_MKDOCS_2_WARNING="1")
    return env


def coverage_map(copy: Path, tests: list[str]) -> dict[str, dict[int, set[str]]]:
    """Run the fast tests once under coverage.py, recording which test ran each engine line:
    {engine file relative to the copy: {line: {pytest node id, or "" outside a test}}}. A mutant then
    runs only the tests that reach it (how mutmut picks tests), so most mutants take seconds."""
    rc = copy / ".mutation-coveragerc"
    data = copy / ".mutation-coverage"
    rc.write_text(
        f"[run]\ndata_file = {data}\nsource = {copy / ENGINE}\ndynamic_context = test_function\n"
        "disable_warnings = no-data-collected, module-not-measured\n",
        encoding="utf-8",
    )
    args = [
        sys.executable,
        "-m",
        "coverage",
        "run",
        f"--rcfile={rc}",
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-m",
        MARKERS,
        *tests,
    ]
    done = subprocess.run(args, cwd=copy, env=_env(copy), capture_output=True, text=True, timeout=3600)
    if done.returncode not in (0, 5):
        sys.exit(
            "mutation: the tests fail before any mutation, so no mutant can be judged; fix them first:\n"
            + done.stdout[-3000:]
        )
    from coverage import CoverageData  # only `make mutation` needs coverage.py

    measured = CoverageData(basename=str(data))
    measured.read()
    found: dict[str, dict[int, set[str]]] = {}
    for filename in measured.measured_files():
        rel = Path(filename).resolve().relative_to(copy.resolve()).as_posix()
        lines = found.setdefault(rel, {})
        for line, contexts in measured.contexts_by_lineno(filename).items():
            # "" stands for a line run outside any test function (a fixture, a collection-time import)
            lines.setdefault(line, set()).update(_node_id(c) or "" for c in contexts)
    return found


def _node_id(context: str) -> str | None:
    """coverage's test_function context (`test_exports.TestX.test_y`) as a pytest node id."""
    parts = context.split(".")
    for i in range(len(parts)):
        if parts[i].startswith("test_"):
            return f"tests/{parts[i]}.py::" + "::".join(parts[i + 1 :]) if i + 1 < len(parts) else None
    return None


def run_tests(copy: Path, tests: list[str], timeout: float) -> str:
    """'passed', 'failed' or 'timeout'."""
    args = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-m", MARKERS, *tests]
    try:
        done = subprocess.run(args, cwd=copy, env=_env(copy), capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout"
    # 0: all passed; 5: nothing collected (counts as passing: no test looked)
    return "passed" if done.returncode in (0, 5) else "failed"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help=f"mutants to run (default {DEFAULT_LIMIT})")
    parser.add_argument("--all", action="store_true", help="run every mutant")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="which sample (default %(default)s)")
    parser.add_argument("--only", help="only files whose path under cpscp_engine/ contains this, e.g. render/text.py")
    parser.add_argument("--list", action="store_true", help="list the chosen mutants and stop")
    args = parser.parse_args(argv)

    every = all_mutants(ROOT, args.only)
    chosen = sample(every, None if args.all else args.limit, args.seed)
    print(f"{len(chosen)} of {len(every)} mutants in {', '.join(PACKAGES)} (seed {args.seed})")
    if args.list:
        for mutant in chosen:
            print("  " + mutant.describe())
        return 0

    began = time.monotonic()
    survivors: list[tuple[Mutant, str]] = []
    killed = 0
    with tempfile.TemporaryDirectory(prefix="cpscp-mutation-") as tmp:
        copy = copy_tree(Path(tmp))
        mirrored = {m.path: tests_for(copy, m.path) for m in chosen}
        print(
            f"Recording which fast tests reach which lines ({len(set().union(*mirrored.values()))} test files)...",
            flush=True,
        )
        reached = coverage_map(copy, sorted(set().union(*mirrored.values())))
        for number, mutant in enumerate(chosen, 1):
            files = {f.split("::")[0] for f in mirrored[mutant.path]}
            lines = reached.get(mutant.path, {})
            touched = {node for line in range(mutant.line, mutant.end_line + 1) for node in lines.get(line, ())}
            ids = sorted(node for node in touched if node)
            if not touched:
                outcome = "not reached"
            else:
                target = copy / mutant.path
                original = target.read_bytes()
                target.write_bytes(mutant.apply(original))
                try:
                    outcome = run_tests(copy, ids, timeout=TIMEOUT_S) if ids else "passed"
                    if outcome == "passed":
                        # coverage credits a line a fixture runs to the test before it: before calling
                        # a mutant a survivor, run those tests' whole files (and all the package's
                        # test files when a line ran outside any test function)
                        wider = {i.split("::")[0] for i in ids} | (files if "" in touched or not ids else set())
                        outcome = run_tests(copy, sorted(wider), timeout=TIMEOUT_S)
                finally:
                    target.write_bytes(original)
            if outcome in ("passed", "not reached"):
                survivors.append((mutant, outcome))
            else:
                killed += 1
            label = {"passed": "SURVIVED", "not reached": "NOT RUN ", "failed": "killed  ", "timeout": "killed  "}
            print(
                f"[{number}/{len(chosen)}] {label[outcome]} {mutant.describe()}"
                + (f" ({len(ids)} tests)" if ids else ""),
                flush=True,
            )

    total = len(chosen)
    score = 100.0 * killed / total if total else 100.0
    print(f"\nMutation score: {killed}/{total} killed ({score:.0f} %) in {time.monotonic() - began:.0f} s")
    if survivors:
        print("Survivors (behaviour no fast test pins down, or a change that makes no difference):")
        for mutant, outcome in survivors:
            print("  " + mutant.describe() + (" (no fast test runs this line)" if outcome == "not reached" else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
