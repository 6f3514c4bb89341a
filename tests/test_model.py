"""The model's own helpers (the records are exercised through the loader's tests)."""

import pytest

from cpscp_engine.model import Curriculum
from fixtures import model_of, small_curriculum


def test_require_programme_returns_the_loaded_programme(tmp_path):
    model = model_of(small_curriculum(tmp_path))
    assert model.programme is not None and model.require_programme() is model.programme


def test_require_programme_refuses_a_model_without_one(tmp_path):
    with pytest.raises(ValueError, match=r"programme\.yml did not load"):
        Curriculum(root=tmp_path).require_programme()
