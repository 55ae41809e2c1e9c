"""Fetching what the user and their feeds point at, and nothing else.

    resolve_link(link, found_in, allow_local)  -> the address a link leads to,
                                                  or LinkRefused
    Fetcher().get(address, PAGE_TYPES)         -> the document's bytes

A feed decides nothing about the local disk. Only the user names local files
(the feeds and OPML lists given on the command line). A link found inside a
document fetched over http(s) is resolved against that document's address
(RFC 3986) and followed only when it is http(s): an absolute path, a `file:`
URL or a bare guid in a remote feed becomes a URL on the feed's own server,
or is refused. A local document may name local files only when the user
allows it (`watch --allow-local-links`). Redirects are followed one by one and
must stay http(s); every download has a timeout, a size cap and a
content-type check.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import httpx

from babelwire import config
from babelwire.errors import FetchError, LinkRefused

USER_AGENT = "babelwire/0.1 (feed watcher)"
WEB_SCHEMES = ("http", "https")
MAX_REDIRECTS = 10

# Content types worth reading. A server that sends none is given the benefit
# of the doubt; one that says image, PDF or binary is not read.
PAGE_TYPES = ("text/html", "application/xhtml+xml")
# Feeds and OPML lists are served under many names (text/xml,
# application/rss+xml, text/plain, and application/octet-stream from many a
# file host): anything textual, XML or unnamed; the parser then tells.
FEED_TYPES = ("text/", "xml", "rss", "atom", "opml", "application/octet-stream")


def is_web(address: str) -> bool:
    return urlsplit(address).scheme.lower() in WEB_SCHEMES


def resolve_link(link: str, found_in: str, allow_local: bool = False) -> str:
    """The address `link` leads to, read inside the document at `found_in`."""
    if is_web(found_in):
        address = urljoin(found_in, link.strip())
        if not is_web(address):
            raise LinkRefused(
                f"{link!r} in {found_in} is not an http(s) link",
                hint="a web feed may only point at web pages",
            )
        return address
    return _local_link(link.strip(), found_in, allow_local)


def _local_link(link: str, found_in: str, allow_local: bool) -> str:
    scheme = urlsplit(link).scheme.lower()
    if scheme in WEB_SCHEMES:
        return link
    if scheme not in ("", "file"):
        raise LinkRefused(f"{link!r} in {found_in} is neither http(s) nor a local file")
    if not allow_local:
        raise LinkRefused(
            f"{link!r} in the local file {found_in} names a local file",
            hint="pass --allow-local-links to let your own feed files name local files",
        )
    path = _file_url_path(link) if scheme == "file" else link
    return str(Path(found_in).parent / path)  # an absolute path stays as it is


def _file_url_path(link: str) -> str:
    parts = urlsplit(link)
    # feedparser writes file:///tmp/x as file://tmp/x: the "host" is the
    # path's first folder (no feed can name a file on another host anyway).
    host = "" if parts.netloc in ("", "localhost") else "/" + parts.netloc
    return url2pathname(host + parts.path)


class Fetcher:
    """GET over http(s) with a timeout, a size cap, checked redirects and
    content types; a local path is read as a file (callers resolve links first)."""

    def __init__(self, timeout: float = 20.0, max_bytes: int | None = None) -> None:
        self.max_bytes = max_bytes or config.max_file_bytes()
        self.client = httpx.Client(
            timeout=timeout, follow_redirects=False, headers={"User-Agent": USER_AGENT}
        )

    def get(self, address: str, accept: tuple[str, ...] = FEED_TYPES) -> bytes:
        if is_web(address):
            return self._download(address, accept)
        return self._read_file(address)

    def _download(self, url: str, accept: tuple[str, ...]) -> bytes:
        try:
            for _ in range(MAX_REDIRECTS + 1):
                with self.client.stream("GET", url) as response:
                    if response.is_redirect:
                        url = self._redirect_target(url, response)
                        continue
                    response.raise_for_status()
                    self._check(url, response, accept)
                    return self._limited(url, response.iter_bytes())
        except httpx.HTTPError as error:
            raise FetchError(f"cannot fetch {url}: {error}") from error
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")

    @staticmethod
    def _redirect_target(url: str, response: httpx.Response) -> str:
        target = urljoin(url, response.headers.get("location", ""))
        if not is_web(target):
            raise FetchError(f"{url} redirects to {target!r}, which is not http(s)")
        return target

    def _check(self, url: str, response: httpx.Response, accept: tuple[str, ...]) -> None:
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind and not any(wanted in kind for wanted in accept):
            raise FetchError(f"{url} is {kind}, not a feed or web page")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"{url} is over {self.max_bytes} bytes")

    def _limited(self, location: str, chunks: Iterator[bytes]) -> bytes:
        data = bytearray()
        for chunk in chunks:
            data += chunk
            if len(data) > self.max_bytes:
                raise FetchError(f"{location} is over {self.max_bytes} bytes")
        return bytes(data)

    def _read_file(self, location: str) -> bytes:
        path = Path(location)
        try:
            if path.stat().st_size > self.max_bytes:
                raise FetchError(f"{location} is over {self.max_bytes} bytes")
            return path.read_bytes()
        except OSError as error:
            raise FetchError(f"cannot read {location}: {error.strerror}") from error

    def close(self) -> None:
        self.client.close()
