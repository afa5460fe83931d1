"""Vietnamese number and date formats (anphong/formats/vi/formats.py), input day-first only."""

from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import Context, Template
from django.utils import formats, translation


@pytest.fixture
def vi():
    with translation.override("vi"):
        yield


@pytest.fixture
def en():
    with translation.override("en"):
        yield


def test_numbers_group_with_dot_and_decimals_with_comma(vi):
    assert formats.number_format(44660, force_grouping=True) == "44.660"
    assert formats.number_format(Decimal("27.92")) == "27,92"
    assert formats.number_format(27.92, decimal_pos=2) == "27,92"
    assert intcomma(44660) == "44.660"
    assert intcomma(Decimal("27.92")) == "27,92"
    assert intcomma(1234567) == "1.234.567"


def test_template_groups_only_when_asked(vi):
    """USE_THOUSAND_SEPARATOR is off so years, codes and document numbers never group."""
    rendered = Template("{% load humanize %}{{ year }}|{{ code }}|{{ people|intcomma }}").render(
        Context({"year": 2025, "code": 1669, "people": 44660})
    )
    assert rendered == "2025|1669|44.660"
    assert "2.025" not in rendered


def test_date_formats(vi):
    day = date(2025, 8, 14)
    assert formats.date_format(day) == "14 tháng 8 năm 2025"
    assert Template("{{ d|date }}").render(Context({"d": day})) == "14 tháng 8 năm 2025"
    assert formats.date_format(day, "SHORT_DATE_FORMAT") == "14/08/2025"
    assert Template('{{ d|date:"d/m/Y" }}').render(Context({"d": day})) == "14/08/2025"
    assert formats.date_format(day, "YEAR_MONTH_FORMAT") == "Tháng 8/2025"


class _DateForm(forms.Form):
    day = forms.DateField()


def _clean(value):
    form = _DateForm({"day": value})
    return form.cleaned_data["day"] if form.is_valid() else form.errors["day"]


def test_vietnamese_date_input_is_day_first(vi):
    assert _clean("03/04/2025") == date(2025, 4, 3)
    assert _clean("3/4/2025") == date(2025, 4, 3)
    assert _clean("03-04-2025") == date(2025, 4, 3)
    assert _clean("2025-04-03") == date(2025, 4, 3)  # ISO is unambiguous


def test_vietnamese_date_input_rejects_month_first(vi):
    assert _clean("12/31/2025") == ["Vui lòng nhập ngày hợp lệ (ngày/tháng/năm, ví dụ 14/08/2025)."]


def test_english_date_input_is_day_first_too(en):
    """English pages (/en/) belong to a Vietnamese portal: 03/04/2025 is 3 April there too."""
    assert _clean("03/04/2025") == date(2025, 4, 3)
    assert _clean("2025-04-03") == date(2025, 4, 3)
    assert _clean("12/31/2025") == ["Enter a valid date."]


def test_english_prefix_activates_english_formats(client, ward):
    """Requests under /en/ run in English, whose input formats are day-first."""
    response = client.get("/en/")
    assert response.status_code == 200
    language = response.wsgi_request.LANGUAGE_CODE
    assert language == "en"
    with translation.override(language):
        assert formats.get_format("DATE_INPUT_FORMATS")[0] == "%d/%m/%Y"
        assert _clean("03/04/2025") == date(2025, 4, 3)
