"""Cursor pagination: iterate every item across pages, or fetch one page."""
from typing import Generic, Iterator, List, Optional, TypeVar

T = TypeVar("T")


class Page(Generic[T]):
    """One page of a list: `data`, `next_cursor`, `has_more`."""

    def __init__(self, body: dict) -> None:
        self.data: List[T] = body.get("data", [])
        self.next_cursor: Optional[str] = body.get("nextCursor")
        self.has_more = bool(body.get("hasMore"))

    def __iter__(self) -> Iterator[T]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


class ListIterator(Generic[T]):
    """`for item in client.assets.list(pid, type="video")` walks all pages lazily.

    `.page(cursor=None)` fetches a single page; `.pages()` yields pages.
    """

    def __init__(self, transport, path, params):
        self._transport = transport
        self._path = path
        self._params = {k: v for k, v in params.items() if v is not None}

    def page(self, cursor: Optional[str] = None) -> "Page[T]":
        params = dict(self._params)
        if cursor is not None:
            params["cursor"] = cursor
        return Page(self._transport.request("GET", self._path, params=params))

    def pages(self) -> Iterator["Page[T]"]:
        cursor = self._params.get("cursor")
        while True:
            page = self.page(cursor)
            yield page
            if not page.has_more or not page.next_cursor:
                return
            cursor = page.next_cursor

    def __iter__(self) -> Iterator[T]:
        for page in self.pages():
            yield from page.data
