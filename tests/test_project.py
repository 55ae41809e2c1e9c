"""What a newcomer meets first: the test command and the README's set-up notes."""

import re
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
