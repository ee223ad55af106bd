"""Source and article addresses: which URLs factmark accepts, and in what form it keeps them.

An accepted URL is http or https, names a host, carries no user name or password, holds no
white space or control character, and is at most `MAX_URL` characters. It is kept in one
normal form: scheme and host in lower case, a non-ASCII (IDN) host as punycode (`аpple.com`
with a Cyrillic а is `xn--pple-43d.com`), the default port dropped, and any other non-ASCII
character percent-encoded. So every stored address is plain ASCII, fits on one line of any
export, and two spellings of one address are one source. `display_url` gives the form a
person should see: the punycode, with the Unicode host beside it.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import quote, urlsplit, urlunsplit

import idna

from annotations.errors import FactmarkError

MAX_URL = 2048
MAX_HOST = 253
SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
# What RFC 3986 allows unescaped in a path, query or fragment; `%` keeps existing escapes.
_SAFE = "/?#[]@!$&'()*+,;=:-._~%"
_ASCII_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")


class InvalidSourceUrl(FactmarkError):
    """An address factmark will not store or open."""


def normalise_url(url: str) -> str:
    """The stored form of an http(s) address, or InvalidSourceUrl saying what is wrong with it."""
    raw = url if isinstance(url, str) else ""
    url = raw.strip()

    def refuse(reason: str) -> InvalidSourceUrl:
        shown = _visible(url[:80]) + ("…" if len(url) > 80 else "")
        return InvalidSourceUrl(f"{shown or '(empty)'}: {reason}")

    if not url:
        raise refuse("a source needs an http:// or https:// address")
    if len(url) > MAX_URL:
        raise refuse(f"longer than {MAX_URL} characters")
    bad = next((ch for ch in url if _is_hidden(ch)), None)
    if bad is not None:
        raise refuse(f"contains {_name(bad)}; an address has no spaces or control characters")
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:  # an unclosed [ in the host
        raise refuse("the host is not a name or an IP address") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise refuse("a source needs an http:// or https:// address")
    if not hostname:
        raise refuse("the address has no host name")
    if "@" in parts.netloc:
        raise refuse("an address with a user name or password (user:secret@) is not accepted")
    if "\\" in parts.netloc:
        raise refuse("a backslash is not allowed in the host")
    try:
        port = parts.port
    except ValueError:
        raise refuse("the port is not a number from 1 to 65535") from None
    if port == 0:
        raise refuse("the port is not a number from 1 to 65535")
    host = _host(hostname, refuse)
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    rest = [quote(p, safe=_SAFE) for p in (parts.path, parts.query, parts.fragment)]
    out = urlunsplit((scheme, netloc, *rest))
    if len(out) > MAX_URL:
        raise refuse(f"longer than {MAX_URL} characters once written out")
    return out


# The name existing callers use: validating is normalising.
validate_url = normalise_url


def safe_url(url: str | None) -> str | None:
    """The normal form of `url`, or None when it is not an address factmark accepts
    (for exporters reading a project written before these rules)."""
    try:
        return normalise_url(url or "")
    except InvalidSourceUrl:
        return None


_HAS_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(?!\d)")


def with_https(url: str | None) -> str | None:
    """The stored form of `https://` + `url` for an address typed without a scheme
    (`www.unrwa.org/…`), when that is an address factmark accepts; else None."""
    text = (url or "").strip()
    if not text or "://" in text or _HAS_SCHEME.match(text):
        return None
    return safe_url("https://" + text.lstrip("/"))


def display_url(url: str) -> str:
    """The address for a person to read: an IDN host shows its Unicode beside the punycode,
    so a look-alike (`xn--pple-43d.com` for `аpple.com`) is never mistaken for the real one."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return url
    if not any(label.startswith("xn--") for label in host.split(".")):
        return url
    try:
        unicode_host = idna.decode(host)
    except idna.IDNAError:
        return url
    return f"{url} [{unicode_host}]"


def _host(host: str, refuse) -> str:
    if host.startswith("[") or ":" in host:  # IPv6, bracketed in the URL
        try:
            return f"[{ipaddress.IPv6Address(host.strip('[]')).compressed}]"
        except ValueError:
            raise refuse(f"{host!r} is not a valid IPv6 address") from None
    host = host.rstrip(".").lower()
    labels = host.split(".")
    out = []
    for label in labels:
        if label.isascii():
            if not _ASCII_LABEL.fullmatch(label):
                raise refuse(f"{host!r} is not a valid host name")
            if label.startswith("xn--"):
                try:
                    idna.decode(label)
                except idna.IDNAError:
                    raise refuse(f"{label!r} is not valid punycode") from None
            out.append(label)
        else:
            try:
                out.append(idna.encode(label, uts46=True).decode("ascii"))
            except idna.IDNAError as e:
                raise refuse(f"{host!r} is not a valid international host name ({e})") from None
    host = ".".join(out)
    if len(host) > MAX_HOST:
        raise refuse(f"the host name is longer than {MAX_HOST} characters")
    return host


def _is_hidden(ch: str) -> bool:
    """White space, control, format (bidi, zero-width) and unassigned or private characters."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def _visible(text: str) -> str:
    """`text` with every hidden character written as an escape, for messages."""
    return "".join(ch if not _is_hidden(ch) or ch == " " else ascii(ch)[1:-1] for ch in text)


_NAMES = {"\t": "a tab", "\n": "a line break", "\r": "a carriage return", " ": "a space"}


def _name(ch: str) -> str:
    name = _NAMES.get(ch) or unicodedata.name(ch, "a control character").lower()
    return f"U+{ord(ch):04X} ({name})"
