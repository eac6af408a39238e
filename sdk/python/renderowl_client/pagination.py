"""Cursor pagination: iterate every item across pages, or fetch one page."""


class Page:
    """One page of a list: `data`, `next_cursor`, `has_more`."""

    def __init__(self, body):
        self.data = body.get("data", [])
        self.next_cursor = body.get("nextCursor")
        self.has_more = bool(body.get("hasMore"))

    def __iter__(self):
        return iter(self.data)

    def __len__(self):
        return len(self.data)


class ListIterator:
    """`for item in client.assets.list(pid, type="video")` walks all pages lazily.

    `.page(cursor=None)` fetches a single page; `.pages()` yields pages.
    """

    def __init__(self, transport, path, params):
        self._transport = transport
        self._path = path
        self._params = {k: v for k, v in params.items() if v is not None}

    def page(self, cursor=None):
        params = dict(self._params)
        if cursor is not None:
            params["cursor"] = cursor
        return Page(self._transport.request("GET", self._path, params=params))

    def pages(self):
        cursor = self._params.get("cursor")
        while True:
            page = self.page(cursor)
            yield page
            if not page.has_more or not page.next_cursor:
                return
            cursor = page.next_cursor

    def __iter__(self):
        for page in self.pages():
            yield from page.data
