"""RSS, Atom and OPML parsing, and HTML to text, on documents written here."""

from __future__ import annotations

import pytest

from babelwire.errors import InputError
from babelwire.model import PartialDate
from babelwire.readers.feeds import FULL_TEXT_WORDS, feed_urls, is_opml, parse_feed
from babelwire.readers.html import html_to_text, main_text

LONG = " ".join(["The ferry service across the fjord resumed after the storm."] * 12)


def rss(items: str, title: str = "Fjord News") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>http://127.0.0.1/</link>{items}</channel></rss>"
    ).encode()


def item(guid: str, *, summary: str = "", content: str = "", date: str = "") -> str:
    parts = [
        f"<guid>{guid}</guid>",
        f"<title>Story {guid}</title>",
        f"<link>http://127.0.0.1/{guid}.html</link>",
    ]
    if summary:
        parts.append(f"<description><![CDATA[{summary}]]></description>")
    if content:
        parts.append(f"<content:encoded><![CDATA[{content}]]></content:encoded>")
    if date:
        parts.append(f"<pubDate>{date}</pubDate>")
    return "<item>" + "".join(parts) + "</item>"


def test_rss_entries_with_summary_content_and_date():
    feed = parse_feed(
        rss(
            item("a", summary="<p>Short teaser.</p>", date="Tue, 06 Oct 2020 10:00:00 GMT")
            + item("b", content=f"<p>{LONG}</p>")
        ),
        "http://127.0.0.1/feed.xml",
    )
    assert feed.title == "Fjord News"
    first, second = feed.entries
    assert first.summary == "Short teaser." and not first.has_full_text
    assert first.date == PartialDate(2020, 10, 6)
    assert first.link == "http://127.0.0.1/a.html"
    assert second.has_full_text and second.content.startswith("The ferry service")
    assert first.key != second.key
    assert first.key == parse_feed(rss(item("a")), "elsewhere").entries[0].key


def test_atom_feed():
    atom = (
        b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        b"<title>Atom Wire</title><id>urn:wire</id><updated>2021-02-03T00:00:00Z</updated>"
        b"<entry><id>urn:wire:1</id><title>Bridge reopens</title>"
        b'<link href="http://127.0.0.1/bridge.html"/><updated>2021-02-03T08:00:00Z</updated>'
        b"<summary>The old bridge reopened.</summary></entry></feed>"
    )
    feed = parse_feed(atom, "http://127.0.0.1/atom.xml")
    (entry,) = feed.entries
    assert (feed.title, entry.key, entry.title) == ("Atom Wire", "urn:wire:1", "Bridge reopens")
    assert entry.date == PartialDate(2021, 2, 3)


@pytest.mark.parametrize("data", [b"", b"<html><body>not a feed</body></html>", b"\x00\x01"])
def test_not_a_feed(data: bytes):
    with pytest.raises(InputError, match="not a readable feed"):
        parse_feed(data, "http://127.0.0.1/x")


def test_opml_lists_feeds_in_nested_groups():
    opml = (
        '<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>'
        '<outline text="news"><outline text="a" type="rss" xmlUrl="http://127.0.0.1/a.xml"/>'
        '<outline text="b" xmlUrl=" http://127.0.0.1/b.xml "/></outline>'
        '<outline text="a again" xmlUrl="http://127.0.0.1/a.xml"/></body></opml>'
    )
    assert is_opml(opml) and is_opml(opml.encode())
    assert feed_urls(opml) == ["http://127.0.0.1/a.xml", "http://127.0.0.1/b.xml"]
    with pytest.raises(InputError):
        feed_urls("<opml><body>")


def test_html_to_text():
    fragment = "<p>One &amp; two</p><script>bad()</script><p>Three<br>four</p>"
    assert html_to_text(fragment) == "One & two\n\nThree\n\nfour"


def test_main_text_skips_the_page_furniture():
    body = "".join(f"<p>{LONG} Paragraph {n}.</p>" for n in range(3))
    page = (
        "<html><head><title>Ferry</title></head><body><nav><a href='/'>Home</a> "
        "<a href='/sport'>Sport</a></nav><article><h1>Ferry resumes</h1>"
        f"{body}</article><footer>Copyright Fjord News. Subscribe now!</footer></body></html>"
    )
    text = main_text(page, "http://127.0.0.1/ferry.html")
    assert text and "ferry service across the fjord" in text
    assert "Subscribe now" not in text and "Sport" not in text
    assert main_text("<html><body></body></html>") is None
    assert len(LONG.split()) >= FULL_TEXT_WORDS


def test_entry_dates_and_languages_are_checked_as_files_are():
    channel = (
        "<language>nb-NO</language>"
        + item("ahead", summary="Teaser.", date="Tue, 05 Mar 2999 14:30:00 GMT")
        + item("garbled", summary="Teaser.", date="the day after tomorrow")
        + item("fine", summary="Teaser.", date="Tue, 06 Oct 2020 10:00:00 GMT")
    )
    ahead, garbled, fine = parse_feed(rss(channel), "http://127.0.0.1/feed.xml").entries
    assert ahead.date is None and "is in the future" in ahead.warnings[0]
    assert "http://127.0.0.1/feed.xml entry 'ahead'" in ahead.warnings[0]
    assert garbled.date is None and "not a real date" in garbled.warnings[0]
    assert fine.date == PartialDate(2020, 10, 6) and fine.warnings == []
    assert fine.lang == "nb"  # the feed's <language>, region dropped
    bad = parse_feed(rss("<language>klingon-ish</language>" + item("x")), "f").entries[0]
    assert bad.lang is None and "not a language code" in bad.warnings[0]


def test_an_entry_declares_its_own_language():
    atom = (
        b'<?xml version="1.0" encoding="utf-8"?>'
        b'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de"><title>Wire</title>'
        b'<entry xml:lang="fr"><id>1</id><title>Pont</title><summary>Le pont.</summary></entry>'
        b"<entry><id>2</id><title>Br\xc3\xbccke</title><summary>Die Br\xc3\xbccke.</summary>"
        b"</entry></feed>"
    )
    french, german = parse_feed(atom, "http://127.0.0.1/atom.xml").entries
    assert (french.lang, german.lang) == ("fr", "de")
