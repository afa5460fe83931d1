"""/thong-ke/ at phone, tablet and desktop widths: the page never scrolls sideways, each
table fits or scrolls inside its own focusable frame (its last column reachable, never cut
off by the page), and every chart bar shows its value."""

import datetime as dt

import pytest
from django.utils import timezone

from procedures.constants import Timeliness
from tests.procedures.factories import DossierFactory, ProcedureFactory, ProcedureFieldFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Each table of dossier figures (the Congress's targets below them have their own browser
# test): its own size, its frame's, and where its last heading ends, before and after the
# frame is scrolled to its end.
MEASURE = """() => {
  const frames = [...document.querySelectorAll('table.stats-table')].map((table) => {
    const frame = table.parentElement;
    const last = () => table.querySelector('thead th:last-child').getBoundingClientRect().right;
    const before = last();
    frame.scrollLeft = frame.scrollWidth;
    const scrolled = last();
    const right = frame.getBoundingClientRect().right;
    frame.scrollLeft = 0;
    return {
      overflowX: getComputedStyle(frame).overflowX,
      tabindex: frame.getAttribute('tabindex'),
      role: frame.getAttribute('role'),
      label: frame.getAttribute('aria-label'),
      caption: table.caption ? table.caption.textContent.trim() : '',
      tableWidth: table.getBoundingClientRect().width,
      frameWidth: frame.clientWidth,
      frameScrollWidth: frame.scrollWidth,
      frameRight: right,
      lastBefore: before,
      lastScrolled: scrolled,
    };
  });
  return {
    page: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
    frames,
  };
}"""

FIELDS = ["Hộ tịch", "Chứng thực", "Hộ kinh doanh", "Bảo trợ xã hội", "Đất đai", "Xây dựng"]


def months_back(count):
    """The first day of each of the `count` months before this one, oldest first."""
    first = timezone.localdate().replace(day=1)
    days = []
    for _ in range(count):
        first = (first - dt.timedelta(days=1)).replace(day=1)
        days.append(first)
    return days[::-1]


def make_dossiers():
    """Six fields, each with two dossiers in each of the six months before this one."""
    for n, name in enumerate(FIELDS):
        field = ProcedureFieldFactory(name=name, slug=f"linh-vuc-{n}")
        procedure = ProcedureFactory(
            field=field,
            name="Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền cấp",
        )
        for month, first in enumerate(months_back(6)):
            submitted = timezone.make_aware(dt.datetime.combine(first, dt.time(9 + n)))
            for i in range(2):
                DossierFactory(
                    procedure=procedure,
                    submitted_at=submitted,
                    timeliness=Timeliness.LATE if (month + i) % 3 == 0 else Timeliness.ON_TIME,
                    working_days_used="12.5",
                )


@pytest.mark.parametrize("width", [360, 768, 1366])
def test_tables_are_never_cut_off_by_the_page(ward, browser_page, width, assert_clean):
    make_dossiers()
    page = browser_page(width=width)
    page.goto("/thong-ke/")
    result = page.evaluate(MEASURE)
    assert result["page"] <= result["viewport"], f"the page scrolls sideways at {width}px"
    assert len(result["frames"]) == 2
    for frame in result["frames"]:
        # The frame itself stays within the page...
        assert frame["frameRight"] <= result["viewport"], frame
        fits = frame["frameScrollWidth"] <= frame["frameWidth"]
        if fits:
            assert frame["lastBefore"] <= frame["frameRight"] + 0.5, frame
        else:
            # ...and a wider table scrolls inside it, its last column reachable.
            assert frame["overflowX"] == "auto", frame
            assert frame["lastScrolled"] <= frame["frameRight"] + 0.5, frame
        if width >= 1366:
            # On a desktop page all twelve columns fit without scrolling.
            assert fits and frame["tableWidth"] <= frame["frameWidth"] + 0.5, frame
        # A named region in the tab order, with a caption for the table.
        assert frame["tabindex"] == "0" and frame["role"] == "region" and frame["label"]
        assert frame["caption"] == frame["label"]
    assert_clean(page)


def test_a_table_frame_scrolls_with_the_keyboard(ward, browser_page):
    make_dossiers()
    page = browser_page(width=360)
    page.goto("/thong-ke/")
    frame = page.get_by_role("region", name="Bảng số liệu theo tháng")
    frame.focus()
    assert frame.evaluate("el => el === document.activeElement")
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('[aria-label=\"Bảng số liệu theo tháng\"]').scrollLeft > 0"
    )


@pytest.mark.parametrize("width", [360, 1366])
def test_every_bar_shows_its_value(ward, browser_page, width, axe_check, assert_clean):
    make_dossiers()
    page = browser_page(width=width)
    page.goto("/thong-ke/")
    bars = page.locator("svg g.stats-bar-group")
    assert bars.count() == 12  # six months, two charts
    for i in range(bars.count()):
        bar = bars.nth(i)
        value = bar.locator("text.stats-value")
        assert value.text_content().strip() not in ("", "–")
        box = value.bounding_box()
        assert box and box["width"] > 0 and box["height"] >= 6, f"value too small at {width}px"
    # The monthly figures are in each chart's description, read by screen readers.
    for svg in page.locator(".stats-chart svg[role=img]").all():
        described = svg.get_attribute("aria-describedby")
        text = page.locator(f"#{described}").text_content()
        assert text.count("Tháng ") == 6
    axe_check(page)
    assert_clean(page)
