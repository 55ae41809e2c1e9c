import pytest

from babelwire.dates import days_between, infer_date
from babelwire.model import PartialDate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sox make an offer\nDecember 15th, 2008, 7: 35 am\nThe team said...", "2008-12-15"),
        ("Markets rally\nMonday, Oct. 6, 2020\nStocks rose.", "2020-10-06"),
        ("Fri Aug 2, 2013 6: 50pm EDT\nThe host was named.", "2013-08-02"),
        ("Elections planned\n26 September 2013, 10: 00 (GMT+05: 00)\nVoters...", "2013-09-26"),
        ("UPDATED 3: 09 AM EST Dec 19, 2008\nTeam execs met.", "2008-12-19"),
        ("Red Sox extend offer\n12 / 16 / 08 1: 30 AM EST\nBoston...", "2008-12-16"),
        ("updated 7 / 28 / 2004 3: 02: 00 PM ET\nAide dies.", "2004-07-28"),
        ("Published: 2013-08-02\nText.", "2013-08-02"),
        ("Artikkel\n15. desember 2008\nTeksten.", "2008-12-15"),
        ("Artikel\n15. Dezember 2008\nText.", "2008-12-15"),
        ("Noticia\n15 de diciembre de 2008\nTexto.", "2008-12-15"),
        ("Article\nle 3 mai 2021\nTexte.", "2021-05-03"),
        ("Artikel\n16.12.2008\nText.", "2008-12-16"),
        ("A story\nMarch 2009\nText.", "2009-03"),
    ],
)
def test_datelines_in_the_head(text, expected):
    assert str(infer_date(text)) == expected


def test_numeric_dates_read_day_first_outside_english():
    assert str(infer_date("Titel\n05/03/2021\nText", lang="de")) == "2021-03-05"
    assert str(infer_date("Title\n05/03/2021\nText", lang="en")) == "2021-05-03"
    # Only one reading is a real date, whatever the language.
    assert str(infer_date("Title\n28/07/2004\nText", lang="en")) == "2004-07-28"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.nytimes.com/2004/07/29/politics/obit.html", "2004-07-29"),
        ("http://articles.latimes.com/2005/jun/26/local/me-deputy26", "2005-06-26"),
        ("http://x.com/news/article.jsp?ymd=20081216&content_id=3", "2008-12-16"),
        ("http://blog.example.com/2009/02/arrested.html", "2009-02"),
    ],
)
def test_dates_in_urls(url, expected):
    assert str(infer_date("Some title\nSome text.", url=url)) == expected


def test_a_url_on_the_first_line_counts_even_with_tokeniser_spaces():
    text = "http: / / www. nytimes. com / 2004 / 07 / 29 / politics / x. html\nTitle\nText"
    assert str(infer_date(text)) == "2004-07-29"


def test_dates_deep_in_the_story_are_not_the_publication_date():
    body = "\n".join(["A line of news."] * 10 + ["The vote is planned for December 15, 2013."])
    assert infer_date("Title\n" + body) is None


def test_no_date_and_impossible_dates():
    assert infer_date("Nothing here\nat all") is None
    assert infer_date("Title\nFebruary 30, 2009\nText") is None


def test_days_between_partial_dates():
    assert days_between(PartialDate(2020, 10, 6), PartialDate(2020, 10)) == 0
    assert days_between(PartialDate(2020, 10, 6), PartialDate(2020, 10, 9)) == 3
    assert days_between(PartialDate(2008), PartialDate(2013, 5, 2)) == 1583
