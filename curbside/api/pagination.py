"""Page-number pagination shared by every list in the API.

``?page=2&page_size=50`` — ``page`` starts at 1, ``page_size`` is 1 to 100
(20 when not given). The answer is ``{"count", "page", "page_size", "items"}``;
a page past the end has no items.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
#: Keeps the offset within what every database accepts as an integer.
MAX_PAGE = 1_000_000


class PageInput(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE,
        ge=1,
        le=MAX_PAGE_SIZE,
        description=f"Items per page, at most {MAX_PAGE_SIZE}.",
    )

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


class PagePagination(PaginationBase):
    Input = PageInput

    class Output(Schema):
        count: int
        page: int
        page_size: int
        items: list[Any]

    def paginate_queryset(
        self, queryset, pagination: PageInput, request: HttpRequest, **params: Any
    ) -> dict:
        start = pagination.offset
        return {
            "count": self._items_count(queryset),
            "page": pagination.page,
            "page_size": pagination.page_size,
            "items": list(queryset[start : start + pagination.page_size]),
        }
