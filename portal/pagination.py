"""Pagination without COUNT or OFFSET per request (see congress.selectors)."""

from dataclasses import dataclass, field

from django.http import Http404


@dataclass
class FastPage:
    """The parts of Django's Page that templates use, without COUNT or OFFSET per view."""

    object_list: list
    number: int
    num_pages: int
    count: int
    paginator: object = field(default=None)

    def __post_init__(self):
        self.paginator = self

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self):
        return self.number < self.num_pages

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.num_pages > 1

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1

    def start_index(self):
        return 0 if not self.count else (self.number - 1) * self.per_page + 1


def parse_page_number(raw):
    try:
        number = int(raw or 1)
    except (TypeError, ValueError):
        raise Http404("Bad page number") from None
    if number < 1:
        raise Http404("Bad page number")
    return number
