"""Small helpers the check modules share."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from fractions import Fraction

from ..model import Curriculum


def loaded(model: Curriculum, *kinds: str) -> bool:
    """True when every named part loaded cleanly, so a cross-file check can trust it."""
    return all(k in model.loaded for k in kinds)


def edit_distance(a: str, b: str) -> int:
    """Typing mistakes between two strings: letters added, dropped, changed or swapped (C61 -> C16 is one)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


def closest(key: str, candidates: Iterable[str]) -> str:
    """The known id `key` was most likely meant to be, or "" when none is a plausible typo.

    Fewest typing mistakes first (at most one for short ids, about one in three letters for longer
    ones); among equals, the same characters in another order (a swap) first, then one of the same
    length (a changed character), then the most similar.
    """
    key = str(key)
    limit = max(1, len(key) // 3)
    best: tuple | None = None
    for cand in dict.fromkeys(str(c) for c in candidates):
        if cand == key:
            continue
        d = edit_distance(key, cand)
        if d > limit:
            continue
        rank = (
            d,
            sorted(cand) != sorted(key),
            len(cand) != len(key),
            -difflib.SequenceMatcher(None, key, cand).ratio(),
            cand,
        )
        if best is None or rank < best:
            best = rank
    return best[-1] if best else ""


def suggest(key: str, candidates: Iterable[str], cutoff: float | None = None) -> str:
    """The start of a hint naming the closest known id, when one is close enough to be a typo.

    With `cutoff`, a long name (a heading anchor) that is not a typo away from any candidate may
    still be matched by overall similarity (difflib's ratio, at least `cutoff`).
    """
    candidates = list(candidates)
    close = closest(key, candidates)
    if not close and cutoff is not None:
        close = next(iter(difflib.get_close_matches(str(key), candidates, n=1, cutoff=cutoff)), "")
    return f"did you mean '{close}'? If not, " if close else ""


def meant(unknown: Iterable[str], known: Iterable[str]) -> set[str]:
    """The known ids that unknown ids were probably typed for.

    A check that would report one of these (e.g. "C16 is never introduced" when a module maps
    "C61") stays quiet: the unknown-id error already says what to fix, and fixing the typo
    clears both.
    """
    known = list(known)
    return {close for key in unknown for close in [closest(key, known)] if close}


def a_or_an(word: str) -> str:
    """'an analyse verb', 'a create verb': the article that goes with a word said aloud."""
    return f"{'an' if str(word)[:1].lower() in 'aeiou' else 'a'} {word}"


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 learning outcome', '2 learning outcomes'."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def exact(x) -> Fraction:
    """A YAML number as an exact fraction, so 22.5 + 17.5 ... adds up to exactly 100."""
    return Fraction(str(x))


def fmt(x: Fraction | float | int) -> str:
    x = Fraction(str(x)) if not isinstance(x, Fraction) else x
    return str(x.numerator) if x.denominator == 1 else f"{float(x):g}"


def largest_remainder(weights, total: int) -> list[int]:
    """Whole shares of `total` in proportion to `weights` that add up to `total` (Hamilton's method)."""
    exact_w = [exact(w) for w in weights]
    whole = sum(exact_w)
    if whole <= 0 or total <= 0:
        return [0] * len(exact_w)
    quotas = [w * total / whole for w in exact_w]
    counts = [int(q) for q in quotas]
    # ties go to the earlier entry, so the result is stable
    order = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - counts[i]), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def page_calls(model, kind: str):
    """Every (page, call) pair for the macro calls of one kind found on the docs pages."""
    for page in model.pages:
        for call in page.citations:
            if call.kind == kind:
                yield page, call
