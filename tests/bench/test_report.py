"""The benchmark's own section of BENCHMARKS.md, and its command line."""

from __future__ import annotations

from bench import report, run

OTHERS = "# Benchmarks\n\nIntro.\n\n## Someone else's\n\nTheir numbers.\n"


def test_the_section_is_appended_once_then_replaced_in_place():
    first = report.replaced(OTHERS, f"{report.HEADING}\n\nold\n\n### sub\n\nold too\n")
    assert first.startswith(OTHERS.rstrip())
    following = first + "\n## Later section\n\nkept\n"
    second = report.replaced(following, f"{report.HEADING}\n\nnew\n")
    assert "old" not in second
    assert second.count(report.HEADING) == 1
    assert "Their numbers." in second and "## Later section\n\nkept" in second
    assert second.index("Someone else's") < second.index("new") < second.index("Later section")


def test_sizes_read_like_people_write_them():
    assert run.parse_sizes("1k, 10000,100k") == [1000, 10000, 100000]
    assert run.parse_sizes("") == []


def test_cold_defaults_to_every_corpus_and_configs_are_checked():
    args = run.arguments(["--corpora", "ecbplus-dev", "--sizes", "1000"])
    assert args.cold == ["ecbplus-dev"]
    assert args.configs == ["embed-everything"]
