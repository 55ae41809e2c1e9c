"""Saved web pages: the article's main text and what the page says about it."""

from __future__ import annotations

from pathlib import Path

from babelwire.model import PartialDate, RawArticle, Rejection, Skipped
from babelwire.readers import read_paths

PARAGRAPHS = [
    "En ferge med førti passasjerer sank tirsdag morgen i Oslofjorden etter å ha "
    "kollidert med et lasteskip.",
    "Alle passasjerene ble reddet av redningsskøyter og fiskebåter som var i nærheten, "
    "opplyser politiet.",
    "Havarikommisjonen har startet en undersøkelse av ulykken, og fergeselskapet har "
    "innstilt alle avganger resten av uken.",
]


def page(lang: str = "nb", head: str = "", paragraphs: list[str] = PARAGRAPHS) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<title>Fergen sank i Oslofjorden | Eksempelavisa</title>
<link rel="canonical" href="https://example.org/2024/03/05/ferge">
<meta property="og:title" content="Fergen sank i Oslofjorden">
<meta property="article:published_time" content="2024-03-05T14:30:00+01:00">
{head}
</head>
<body>
<nav><a href="/">Forside</a> <a href="/sport">Sport</a> <a href="/kultur">Kultur</a></nav>
<article>
<h1>Fergen sank i Oslofjorden</h1>
{body}
</article>
<footer>Kontakt oss | Personvern | Abonnement</footer>
</body></html>
"""


def test_a_saved_page_gives_its_main_text_title_date_language_and_url(tmp_path: Path) -> None:
    path = tmp_path / "ferge.html"
    path.write_text(page(), encoding="utf-8")
    (article,) = read_paths([str(path)])
    assert isinstance(article, RawArticle), article
    assert article.text.split("\n") == PARAGRAPHS  # no menu, footer or repeated title
    assert article.title == "Fergen sank i Oslofjorden"
    assert article.date == PartialDate(2024, 3, 5)
    assert article.lang == "nb"
    assert article.url == "https://example.org/2024/03/05/ferge"
    assert article.warnings == []


def test_a_page_in_a_legacy_encoding_is_read(tmp_path: Path) -> None:
    russian = [
        "Вчера в городе прошёл сильный снегопад, и движение транспорта было остановлено.",
        "Власти просят жителей оставаться дома до конца недели.",
    ]
    path = tmp_path / "sneg.htm"
    path.write_bytes(page("ru", paragraphs=russian).encode("koi8_r"))
    (article,) = read_paths([str(path)])
    assert isinstance(article, RawArticle), article
    assert article.text.split("\n") == russian
    assert "read as koi8_r" in article.warnings[0]


def test_a_page_lang_that_is_no_language_is_dropped_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "odd.html"
    path.write_text(page(lang="norsk"), encoding="utf-8")
    (article,) = read_paths([str(path)])
    assert isinstance(article, RawArticle)
    assert article.lang is None
    (warning,) = article.warnings
    assert str(path) in warning and "'norsk' is not a language code" in warning


def test_a_page_without_article_text_is_rejected(tmp_path: Path) -> None:
    # A page its scripts fill in: saved as it came, it holds no text.
    path = tmp_path / "app.html"
    path.write_text(
        '<html><head><script>render()</script></head><body><div id="app"></div></body></html>'
    )
    (rejection,) = read_paths([str(path)])
    assert isinstance(rejection, Rejection)
    assert "no article text" in rejection.reason


def test_a_folder_names_the_files_it_does_not_read(tmp_path: Path) -> None:
    (tmp_path / "ferge.html").write_text(page(), encoding="utf-8")
    (tmp_path / "earlier.txt").write_text(" date 2024-03-01 The bridge reopened.")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    (tmp_path / "README").write_text("Notes to myself.")
    (tmp_path / ".hidden.jpg").write_bytes(b"editor backup")
    items = list(read_paths([str(tmp_path)]))
    assert [type(item).__name__ for item in items] == [
        "RawArticle",
        "RawArticle",
        "Skipped",
        "Skipped",
    ]
    assert [item.origin for item in items[2:]] == [
        str(tmp_path / "README"),
        str(tmp_path / "photo.jpg"),
    ]
    skipped = items[3]
    assert isinstance(skipped, Skipped)
    assert ".jpg" in skipped.reason and ".html" in skipped.reason


def test_a_feed_in_a_folder_is_skipped_with_the_command_that_reads_it(tmp_path):
    (tmp_path / "news.rss").write_text("<rss version='2.0'><channel></channel></rss>")
    (skipped,) = read_paths([str(tmp_path)])
    assert isinstance(skipped, Skipped)
    assert f"babelwire watch {tmp_path / 'news.rss'} --once" in skipped.reason
