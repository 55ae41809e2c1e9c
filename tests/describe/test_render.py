"""The terminal and Markdown views of a description."""

from __future__ import annotations

from babelwire.describe.render import value_range


def test_figures_read_with_thousands_separators_and_open_ranges():
    assert value_range({"low": 590, "high": 590}) == "590"
    assert value_range({"low": 200, "high": 999}) == "200\u2013999"
    assert value_range({"low": 2301, "high": None}) == "2,301+"
    assert value_range({"low": 4.2, "high": 4.2}) == "4.2"
