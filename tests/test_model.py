import datetime as dt

import pytest

from babelwire.model import PartialDate, Precision


@pytest.mark.parametrize(
    ("text", "precision", "start", "end"),
    [
        ("2020", Precision.YEAR, dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
        ("2020-02", Precision.MONTH, dt.date(2020, 2, 1), dt.date(2020, 2, 29)),
        ("2020-12", Precision.MONTH, dt.date(2020, 12, 1), dt.date(2020, 12, 31)),
        ("2020-10-06", Precision.DAY, dt.date(2020, 10, 6), dt.date(2020, 10, 6)),
        ("2021-04-22T10:00:00Z", Precision.DAY, dt.date(2021, 4, 22), dt.date(2021, 4, 22)),
    ],
)
def test_partial_dates_keep_their_precision(text, precision, start, end):
    date = PartialDate.parse(text)
    assert (date.precision, date.start, date.end) == (precision, start, end)


def test_partial_date_prints_as_it_was_given():
    assert [str(PartialDate.parse(t)) for t in ["2020", "2020-10", "2020-10-06"]] == [
        "2020",
        "2020-10",
        "2020-10-06",
    ]


@pytest.mark.parametrize("text", ["2020-13-45", "2020-02-30", "20-10", "yesterday", ""])
def test_impossible_or_malformed_dates_raise(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)
