"""Read the article in a saved web page (.html, .htm) or at an address, with trafilatura.

The page's title, author, date, site name (the outlet) and body text become one record checked by
`validate.to_record`, like every other reader's; the page's own address (canonical link or
og:url) is kept. trafilatura has left the page's furniture out, so the whole text is the body
(importers/body.py reads the body of texts that are whole pages). A page with no article, or an address that cannot be fetched, is one line.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from annotations.importers.files import Problem, os_reason, sniff_encoding
from annotations.importers.validate import BadRecord, Record, to_record

MAX_PAGE_BYTES = 20_000_000  # a saved page bigger than this is not read
FETCH_TIMEOUT = 20.0  # seconds to wait for a page at an address
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEAD = 4096


def is_address(path: object) -> bool:
    return isinstance(path, str) and path.lower().startswith(("http://", "https://"))


def page_file_records(path: Path) -> Iterator[Record | Problem]:
    p = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            yield Problem(p, 1, f"the page is {size:,} bytes, more than factmark reads "
                          f"({MAX_PAGE_BYTES:,}); not read", size=size)  # fmt: skip
            return
        raw = path.read_bytes()
    except OSError as e:
        yield Problem(p, 1, f"cannot read: {os_reason(e, path)}")
        return
    yield from _page_records(raw, p, path.stem, None)


def page_address_records(address: str) -> Iterator[Record | Problem]:
    """The article at an address; when offline or refused, one line saying so."""
    request = urllib.request.Request(address, headers={"User-Agent": "factmark"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            raw = response.read(MAX_PAGE_BYTES + 1)
            final = response.geturl()
            header_charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as e:
        yield Problem(address, 1, f"cannot fetch the page: the server answered {e.code} {e.reason}")
        return
    except (urllib.error.URLError, OSError, ValueError) as e:
        reason = getattr(e, "reason", e)
        yield Problem(address, 1, f"cannot fetch the page ({reason}); are you online? Save the "
                      "page from a browser and import the .html file instead")  # fmt: skip
        return
    if len(raw) > MAX_PAGE_BYTES:
        yield Problem(address, 1, f"the page is more than {MAX_PAGE_BYTES:,} bytes; not read")
        return
    yield from _page_records(raw, address, _id_of(final), final, header_charset)


def _id_of(address: str) -> str:
    tail = address.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return re.sub(r"\.html?$", "", tail, flags=re.I) or address


def decode_page(raw: bytes, header_charset: str | None = None) -> tuple[str, str | None]:
    """The page's text: by its byte-order mark, the charset it names (HTTP header or meta), or
    UTF-8; with a warning when none of those read it and it was read as cp1252."""
    encoding, bom = sniff_encoding(raw[:_HEAD])
    if not bom:
        m = _CHARSET.search(raw[:_HEAD])
        named = header_charset or (m.group(1).decode("ascii") if m else None)
        if named:
            try:
                return raw.decode(named), None
            except (LookupError, UnicodeDecodeError):
                pass
    try:
        return raw[bom:].decode(encoding), None
    except UnicodeDecodeError:
        return raw[bom:].decode("cp1252", errors="replace"), "not UTF-8; read as cp1252"


def _page_records(raw: bytes, where: str, default_id: str, address: str | None,
                  header_charset: str | None = None) -> Iterator[Record | Problem]:  # fmt: skip
    size = len(raw)
    if raw[:_HEAD].count(b"\x00") * 100 >= max(len(raw[:_HEAD]), 1) and not raw.startswith(
        (b"\xff\xfe", b"\xfe\xff")
    ):
        yield Problem(where, 1, "binary file (contains NUL bytes)", size=size)
        return
    html, warning = decode_page(raw, header_charset)
    if warning:
        yield Problem(where, 1, warning, skipped=False)
    obj = read_article(html, address)
    if obj is None:
        yield Problem(where, 1, "no article found in the page (only navigation or other page "
                      "furniture); save the article's own page, or paste its text into a .txt "
                      "file", size=size)  # fmt: skip
        return
    try:
        yield to_record(obj, where, 1, default_id, size=size, strip=True)
    except BadRecord as e:
        yield Problem(where, 1, str(e), size=size)


def read_article(html: str, address: str | None = None) -> dict | None:
    """The article trafilatura finds in `html` as a record (text, title, date, outlet, url and
    the author in meta), or None when the page has none."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=address, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True, deduplicate=True,
    )  # fmt: skip
    if doc is None:
        return None
    found = doc if isinstance(doc, dict) else doc.as_dict()
    text = (found.get("text") or "").strip()
    if not text:
        return None
    # trafilatura's text is the article alone: all of it is the body
    obj: dict = {"text": text, "body": {"start": 0, "end": len(text)}}
    for ours, theirs in (("title", "title"), ("date", "date"), ("outlet", "sitename")):
        if found.get(theirs):
            obj[ours] = found[theirs]
    url = found.get("url") or address
    if url and url.lower().startswith(("http://", "https://")):
        obj["url"] = url
    if found.get("author"):
        obj["meta"] = {"author": found["author"]}
    return obj
