"""The engine's command-line programs, one module each, with ``main(argv, root)``.

They are installed as console commands (pyproject.toml ``[project.scripts]``: cpscp-validate,
cpscp-printpage, cpscp-export, cpscp-check-site, cpscp-curriculum-diff), which work on the
project in the current folder, and wrapped by the files of the same name in scripts/, which work
on the checkout they are in, wherever they are run from (what `make` and CI call).
"""

from __future__ import annotations

from pathlib import Path


def project_folder(root: Path | None) -> Path:
    """The project a command works on when --root is not given: the wrapper's checkout, else here."""
    return root if root is not None else Path.cwd()
