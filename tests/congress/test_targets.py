"""The eleven targets of the term 2025–2030 (FACTS.md), their status, the fully-online share
measured from the portal's own dossiers, and the geometry of their charts."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from congress import charts, progress, services
from congress.constants import TargetDirection, TargetStatus, TargetUnit
from congress.models import Target, TargetValue
from procedures.constants import Channel, DossierStatus
from procedures.workflow import dossier_transition
from results import services as results
from results.constants import DeliveryChannel, Downloader
from tests.congress.factories import TargetValueFactory
from tests.procedures.factories import DossierFactory
from tests.results.signing import plain_pdf

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")

# (code, target as printed in Vietnamese, baseline or None): FACTS.md, "Targets of the term".
FACTS = [
    ("to-chuc-dang-thuc-hien-nghi-quyet", "100%", None),
    ("ket-nap-dang-vien-moi", "3,5%/năm", None),
    ("thanh-lap-to-chuc-dang-moi", "3", None),
    ("ho-so-truc-tuyen-toan-trinh", "95%", None),
    ("can-bo-dat-chuan-ky-nang-so", "100%", None),
    ("bao-hiem-y-te", "97,5%", None),
    ("bao-hiem-xa-hoi", "98%", None),
    ("truong-hoc-da-nang-thong-minh", "100%", None),
    ("gia-dinh-van-hoa", "98%", None),
    ("to-dan-pho-van-hoa", "97,4%", "94%"),
    ("ho-ngheo", "0", "0"),
]


def test_the_eleven_targets_exist_with_the_facts_values():
    targets = list(Target.objects.of_term("2025–2030"))
    with translation.override("vi"):
        shown = [(t.code, t.display_value(), t.display_baseline() or None) for t in targets]
    assert shown == FACTS
    poor = Target.objects.get(code="ho-ngheo")
    assert poor.direction == TargetDirection.AT_MOST and poor.note == "giảm nghèo bền vững"
    # Only the fully-online share is measured by the portal; the others are entered.
    computed = [t.code for t in targets if t.is_computed]
    assert computed == ["ho-so-truc-tuyen-toan-trinh"]
    cultured = Target.objects.get(code="to-dan-pho-van-hoa")
    assert cultured.baseline_on == dt.date(2025, 8, 14) and "2020–2025" in cultured.baseline_label


def test_a_value_is_never_changed_or_deleted():
    value = TargetValueFactory()
    value.value = Decimal("1")
    with pytest.raises(ValueError):
        value.save()
    with pytest.raises(ValueError):
        value.delete()
    assert TargetValue.objects.get().value == Decimal("95.5")


def test_a_correction_is_a_new_row_that_replaces_the_old_one_in_the_count():
    wrong = TargetValueFactory(value=Decimal("59.5"))
    with pytest.raises(ValidationError):  # a correction says why
        services.target_value_add(
            target=wrong.target,
            value=Decimal("95.9"),
            measured_on=wrong.measured_on,
            source=wrong.source,
            corrects=wrong,
        )
    services.target_value_add(
        target=wrong.target,
        value=Decimal("95.9"),
        measured_on=wrong.measured_on,
        source=wrong.source,
        corrects=wrong,
        note="Nhập nhầm thứ tự chữ số.",
    )
    item = progress.target_progress("bao-hiem-y-te")
    assert item.latest.value == Decimal("95.9")
    assert [(r.value, r.corrected) for r in item.history] == [
        (Decimal("59.5"), True),
        (Decimal("95.9"), False),
    ]
    assert [p.value for p in item.chart.points] == [Decimal("95.9")]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"value": Decimal("101")}, "value"),
        ({"value": Decimal("-1")}, "value"),
        ({"measured_on": dt.date(2999, 1, 1)}, "measured_on"),
    ],
)
def test_values_out_of_range_are_refused(kwargs, field):
    with pytest.raises(ValidationError) as error:
        TargetValueFactory(**kwargs)
    assert field in error.value.message_dict


def test_the_fully_online_share_is_never_typed_in():
    with pytest.raises(ValidationError):
        TargetValueFactory(target=Target.objects.get(code="ho-so-truc-tuyen-toan-trinh"))


START = (Decimal("94"), dt.date(2025, 8, 14))
DUE = dt.date(2030, 12, 31)


@pytest.mark.parametrize(
    ("direction", "unit", "latest", "start", "expected"),
    [
        ("at_least", "percent", None, START, TargetStatus.NO_DATA),
        ("at_least", "percent", ("97.4", "2026-06-30"), START, TargetStatus.ACHIEVED),
        ("at_least", "percent", ("99", "2026-06-30"), START, TargetStatus.ACHIEVED),
        # A year in: 1/5 of the gap (3.4) closed at least → on track.
        ("at_least", "percent", ("95", "2026-08-14"), START, TargetStatus.ON_TRACK),
        ("at_least", "percent", ("94.2", "2026-08-14"), START, TargetStatus.BEHIND),
        ("at_least", "percent", ("93", "2026-08-14"), START, TargetStatus.BEHIND),
        # One value and no baseline: nothing to judge progress from.
        ("at_least", "percent", ("96", "2026-08-14"), None, TargetStatus.BEHIND),
        # A yearly rate is met or not, whatever the path.
        ("at_least", "percent_year", ("3.4", "2026-08-14"), START, TargetStatus.BEHIND),
        ("at_least", "percent_year", ("3.5", "2026-08-14"), START, TargetStatus.ACHIEVED),
        # At most: no poor household.
        ("at_most", "count", ("0", "2026-08-14"), ("0", dt.date(2025, 8, 14)), "achieved"),
        ("at_most", "count", ("2", "2026-08-14"), ("0", dt.date(2025, 8, 14)), "behind"),
        ("at_most", "count", ("4", "2026-08-14"), ("10", dt.date(2025, 8, 14)), "on_track"),
        ("at_most", "count", ("9", "2026-08-14"), ("10", dt.date(2025, 8, 14)), "behind"),
        ("exactly", "count", ("3", "2026-08-14"), START, TargetStatus.ACHIEVED),
        ("exactly", "count", ("4", "2026-08-14"), ("6", dt.date(2025, 8, 14)), "on_track"),
    ],
)
def test_status_follows_the_direction(direction, unit, latest, start, expected):
    target = {"at_least": "97.4", "at_most": "0", "exactly": "3"}[direction]
    if unit == TargetUnit.PERCENT_PER_YEAR:
        target = "3.5"
    if latest is not None:
        latest = (Decimal(latest[0]), dt.date.fromisoformat(latest[1]))
    if start is not None:
        start = (Decimal(start[0]), start[1])
    status = progress.status_of(
        target_value=Decimal(target),
        direction=direction,
        unit=unit,
        due_on=DUE,
        latest=latest,
        start=start,
    )
    assert status == expected


def test_status_of_an_entered_target_uses_its_baseline_and_latest_value(clock):
    clock.now = dt.datetime(2026, 9, 1, 9, tzinfo=VN)
    target = Target.objects.get(code="to-dan-pho-van-hoa")
    assert progress.target_progress(target.code).status == TargetStatus.NO_DATA
    TargetValueFactory(target=target, value=Decimal("93"), measured_on=dt.date(2026, 1, 31))
    TargetValueFactory(target=target, value=Decimal("95.2"), measured_on=dt.date(2026, 8, 31))
    item = progress.target_progress(target.code)
    assert (item.latest.value, item.status) == (Decimal("95.2"), TargetStatus.ON_TRACK)
    assert item.chart.baseline.value == Decimal("94")


# --- the fully-online share, from the dossiers -------------------------------------------


@pytest.fixture
def handled(procedure_a, officer, leader):
    """A dossier submitted at `submitted_at` whose result was handed over, through the
    services of the apps that hold the facts (as tests/procedures/test_fully_online.py)."""

    def make(submitted_at, *, online=True, electronic=True):
        dossier = DossierFactory(
            procedure=procedure_a,
            submitted_at=submitted_at,
            channel=Channel.ONLINE if online else Channel.IN_PERSON,
            status_path=[DossierStatus.ACCEPTED, DossierStatus.PROCESSING],
        )
        channel = DeliveryChannel.ONLINE if electronic else DeliveryChannel.DESK
        results.choose_channel(dossier=dossier, channel=channel)
        upload = SimpleUploadedFile("ket-qua.pdf", plain_pdf(), content_type="application/pdf")
        results.attach_result(dossier=dossier, upload=upload, actor=officer)
        dossier.refresh_from_db()
        if electronic:
            results.record_download(dossier=dossier, by=Downloader.TRACKING)
        else:
            dossier_transition(dossier=dossier, to_status=DossierStatus.RETURNED, actor=leader)
        return dossier

    return make


def test_fully_online_share_is_counted_from_the_dossiers(clock, handled):
    clock.now = dt.datetime(2027, 2, 11, 7, 45, tzinfo=VN)
    december = dt.datetime(2026, 12, 10, 9, tzinfo=VN)
    january = dt.datetime(2027, 1, 5, 9, tzinfo=VN)
    handled(december)
    handled(december, electronic=False)
    for _ in range(3):
        handled(january)
    handled(january, online=False)
    DossierFactory(submitted_at=january)  # not handed over yet: not counted
    months, latest = progress.fully_online_readings()
    assert [(m.period_start, m.value, m.handled) for m in months] == [
        (dt.date(2026, 12, 1), Decimal("50.0"), 2),
        (dt.date(2027, 1, 1), Decimal("75.0"), 4),
    ]
    assert months[0].measured_on == dt.date(2026, 12, 31)
    # The year so far: January's dossiers only.
    assert (latest.period, latest.value, latest.measured_on) == (
        "year_to_date",
        Decimal("75.0"),
        dt.date(2027, 2, 11),
    )
    item = progress.target_progress("ho-so-truc-tuyen-toan-trinh")
    # From 50 % in December to 75 %: the gap to 95 % shrank faster than an even path.
    assert item.latest == latest and item.status == TargetStatus.ON_TRACK
    assert len(item.chart.points) == 2


def test_fully_online_in_early_january_shows_the_whole_previous_year(clock, handled):
    clock.now = dt.datetime(2026, 12, 31, 23, 59, tzinfo=VN)
    handled(dt.datetime(2026, 12, 31, 23, 0, tzinfo=VN))
    clock.now = dt.datetime(2027, 1, 2, 8, tzinfo=VN)
    _months, latest = progress.fully_online_readings()
    assert (latest.period, latest.value, latest.measured_on) == (
        "year",
        Decimal("100.0"),
        dt.date(2026, 12, 31),
    )


def test_no_dossier_handled_means_no_data():
    months, latest = progress.fully_online_readings()
    assert (months, latest) == ([], None)
    item = progress.target_progress("ho-so-truc-tuyen-toan-trinh")
    assert item.status == TargetStatus.NO_DATA and item.chart.is_empty


# --- chart geometry ------------------------------------------------------------------------


class R:
    def __init__(self, value, day, is_demo=False):
        self.value, self.measured_on, self.is_demo = Decimal(value), day, is_demo


def test_chart_without_values_still_draws_the_target():
    chart = charts.build(target_value=Decimal("95"), unit=TargetUnit.PERCENT, readings=[])
    assert chart.is_empty and chart.polyline == "" and chart.first_on is None
    assert (chart.low, chart.high) == (Decimal(90), Decimal(100))
    assert charts.TOP <= chart.target_y <= charts.BOTTOM


def test_chart_with_one_value_centres_it():
    day = dt.date(2026, 6, 30)
    chart = charts.build(target_value=Decimal("3"), unit=TargetUnit.COUNT, readings=[R("1", day)])
    (point,) = chart.points
    assert point.x == chart.middle_x
    assert chart.first_on == chart.last_on == day
    assert chart.low == 0 and chart.high == Decimal(5)  # 3 × 1,2 → 5
    assert point.y > chart.target_y  # below the target line


def test_chart_keeps_a_value_above_the_target_inside_the_frame():
    days = [dt.date(2025, 12, 31), dt.date(2026, 6, 30)]
    chart = charts.build(
        target_value=Decimal("3.5"),
        unit=TargetUnit.PERCENT_PER_YEAR,
        readings=[R("3.1", days[0]), R("6.2", days[1], is_demo=True)],
    )
    first, last = chart.points
    assert (first.x, last.x) == (charts.LEFT, charts.RIGHT)
    assert chart.high >= Decimal("6.2")
    assert charts.TOP <= last.y < chart.target_y < first.y <= charts.BOTTOM
    assert last.is_demo and chart.polyline == f"{first.x},{first.y} {last.x},{last.y}"
    with translation.override("vi"):
        assert (chart.low_label, chart.high_label) == ("0%", "10%")  # "/năm" would not fit


def test_chart_of_a_zero_target_has_a_non_empty_scale():
    day = dt.date(2026, 6, 30)
    chart = charts.build(
        target_value=Decimal("0"),
        unit=TargetUnit.COUNT,
        readings=[R("0", day)],
        baseline=(Decimal("0"), dt.date(2025, 8, 14)),
    )
    assert chart.high > chart.low
    assert chart.target_y == charts.BOTTOM == chart.points[0].y
    assert chart.baseline.x == charts.LEFT and chart.points[0].x == charts.RIGHT


def test_percentages_above_100_widen_the_scale():
    assert charts.scale([Decimal("100"), Decimal("120")], TargetUnit.PERCENT)[1] == Decimal(200)
    assert charts.scale([Decimal("95"), Decimal("40")], TargetUnit.PERCENT) == (0, 100)
