"""Small helpers the check modules share."""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from fractions import Fraction

from ..model import Curriculum


def loaded(model: Curriculum, *kinds: str) -> bool:
    """True when every named part loaded cleanly, so a cross-file check can trust it."""
    return all(k in model.loaded for k in kinds)


def suggest(key: str, candidates: Iterable[str], cutoff: float = 0.6) -> str:
    """The start of a hint naming the closest known id, when one is close enough to be a typo."""
    close = difflib.get_close_matches(key, list(candidates), n=1, cutoff=cutoff)
    return f"did you mean '{close[0]}'? If not, " if close else ""


def plural(n: int, word: str, many: str | None = None) -> str:
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
