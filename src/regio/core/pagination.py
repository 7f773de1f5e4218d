"""Every list shows one page at a time: 50 rows, page links and the total count.

`paginate` wraps Django's Paginator (one COUNT and one slice, whatever the size of the list); an
unreadable or too high page number shows the first or last page instead of an error. A page may
hold several lists, each with its own page parameter; the links keep the other parameters (filters).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator

PAGE_SIZE = 50
PAGE_PARAM = "pagina"


@dataclass(frozen=True)
class Pager:
    page: Page
    param: str
    query: str  # the request's other parameters, urlencoded, to keep in the page links

    @property
    def items(self) -> list:
        return list(self.page.object_list)

    @property
    def total(self) -> int:
        return self.page.paginator.count

    def url(self, number: int) -> str:
        params = f"{self.param}={number}"
        return f"?{self.query}&{params}" if self.query else f"?{params}"

    @property
    def previous_url(self) -> str:
        return self.url(self.page.previous_page_number()) if self.page.has_previous() else ""

    @property
    def next_url(self) -> str:
        return self.url(self.page.next_page_number()) if self.page.has_next() else ""

    @property
    def first_url(self) -> str:
        return self.url(1)

    @property
    def last_url(self) -> str:
        return self.url(self.page.paginator.num_pages)


def paginate(request, items, *, param: str = PAGE_PARAM, per_page: int = PAGE_SIZE) -> Pager:
    """The page of `items` (a QuerySet or a list) the request asks for with `?<param>=N`."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get(param))
    others = [(key, value) for key, values in request.GET.lists() if key != param for value in values if value != ""]
    return Pager(page=page, param=param, query=urlencode(others))
