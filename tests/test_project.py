"""What a newcomer meets first: the test command and the README's set-up notes."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _recipe(target: str) -> str:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    found = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert found, f"no `{target}` target in the Makefile"
    return found.group(1)


def test_make_test_says_why_tests_were_skipped():
    pytest_line = next(line for line in _recipe("test").splitlines() if "pytest" in line)
    assert re.search(r"\s-r\w*s", pytest_line), pytest_line


def test_the_readme_says_what_the_browser_test_needs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "chromium-driver" in readme
    assert "`.ci/run`" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "chromium-driver" in ci  # the README describes what CI really does


def test_the_license_is_an_spdx_string_so_the_install_prints_no_warning():
    # setuptools warns at every install about the old table form and about
    # License classifiers beside an SPDX expression.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert isinstance(project["license"], str)
    assert not [c for c in project.get("classifiers", []) if c.startswith("License ::")]
