"""Article addresses as they come in: kept in the normal form `annotations.urls` gives, or
dropped from the article (which is still imported) with one line saying why."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from annotations.importers.readers import Problem, Record
from annotations.urls import InvalidSourceUrl, normalise_url


def checked_urls(items: Iterable[Record | Problem]) -> Iterator[Record | Problem]:
    for item in items:
        if isinstance(item, Record) and item.article.url is not None:
            try:
                item.article.url = normalise_url(item.article.url)
            except InvalidSourceUrl as e:
                item.article.url = None
                yield Problem(item.path, item.line, f"url not kept ({e})", skipped=False)
        yield item
