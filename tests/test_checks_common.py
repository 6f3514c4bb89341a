"""Every check passes on a valid curriculum, and a crashing check is reported as a bug."""

from __future__ import annotations

import pytest

from cpscp_engine.checks import CHECKS, CheckFailed, run_all
from cpscp_engine.checks._common import largest_remainder
from cpscp_engine.loader import load


@pytest.fixture(scope="module")
def valid_model(template):
    model, diagnostics = load(template)
    assert diagnostics == []
    return model


def test_the_valid_fixture_is_clean(t):
    result = t.validate()
    assert result.diagnostics == []
    assert result.files > 10


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_each_check_passes_on_valid_data(valid_model, check):
    assert list(check(valid_model)) == []


def test_check_names_are_unique():
    names = [c.__name__ for c in CHECKS]
    assert len(names) == len(set(names)) and all(n.startswith("check_") for n in names)


def test_a_crashing_check_names_itself(valid_model):
    def check_broken(model):
        raise KeyError("oops")

    with pytest.raises(CheckFailed, match="check_broken crashed: KeyError"):
        run_all(valid_model, [check_broken])


@pytest.mark.parametrize(
    "weights,total,expected",
    [
        ((22.5, 17.5, 20, 15, 15, 10), 80, [18, 14, 16, 12, 12, 8]),
        ((22.5, 17.5, 20, 15, 15, 10), 12, [3, 2, 2, 2, 2, 1]),
        ((1, 1, 1), 10, [4, 3, 3]),  # a tie goes to the earlier domain
        ((50, 50), 0, [0, 0]),
        ((33.3, 33.3, 33.4), 100, [33, 33, 34]),
    ],
)
def test_largest_remainder(weights, total, expected):
    assert largest_remainder(weights, total) == expected
    assert sum(largest_remainder(weights, total)) == total
