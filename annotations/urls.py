"""Source and article addresses: which URLs factmark accepts, and in what form it keeps them."""

from urllib.parse import urlparse

from annotations.errors import FactmarkError


class InvalidSourceUrl(FactmarkError):
    """An address factmark will not store or open."""


def validate_url(url: str) -> str:
    url = (url or "").strip()
    parsed = urlparse(url)
    if parsed.scheme.lower() not in ("http", "https") or not parsed.netloc:
        raise InvalidSourceUrl(f"{url or '(empty)'}: a source needs an http:// or https:// address")
    return url
