"""CSV exports neutralise formula injection and open in Excel as UTF-8."""

import csv
import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from procedures.csv_export import FORMULA_TRIGGERS, csv_response, neutralise, write_csv


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://evil.example","Bấm")',
        "+84912345678",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
        "\n=1+1",
        "＝1+1",
    ],
)
def test_formula_triggers_are_neutralised(text):
    assert neutralise(text) == "'" + text


# Every character that makes a spreadsheet read a cell as a formula, written out here
# rather than read from the module, so that dropping one from the module fails its case.
TRIGGERS = {
    "=": "equals",
    "+": "plus",
    "-": "minus",
    "@": "at",
    "\t": "tab",
    "\r": "carriage return",
    "\n": "line feed",
    "＝": "full-width equals",
    "＋": "full-width plus",
    "－": "full-width minus",
    "＠": "full-width at",
}


@pytest.mark.parametrize("trigger", list(TRIGGERS), ids=list(TRIGGERS.values()))
def test_each_formula_trigger_is_neutralised(trigger):
    text = trigger + 'HYPERLINK("http://evil.example","Bấm")'
    assert neutralise(text) == "'" + text
    assert neutralise(trigger) == "'" + trigger
    buffer = io.StringIO()
    write_csv(buffer, ["Họ tên"], [[text]])
    rows = list(csv.reader(io.StringIO(buffer.getvalue().lstrip("\ufeff"))))
    assert rows == [["Họ tên"], ["'" + text]]


def test_the_module_neutralises_exactly_these_triggers():
    """A trigger added to the module gets a case above."""
    assert set(FORMULA_TRIGGERS) == set(TRIGGERS)


@pytest.mark.parametrize("trigger", list(TRIGGERS), ids=list(TRIGGERS.values()))
def test_a_trigger_inside_the_text_is_harmless(trigger):
    text = f"Nguyễn Văn An {trigger} 0912"
    assert neutralise(text) == text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Nguyễn Văn An", "Nguyễn Văn An"),
        ("a=b", "a=b"),
        ("000.30.01.H23-260302-0001", "000.30.01.H23-260302-0001"),
        (None, ""),
        (True, "Có"),
        (False, "Không"),
        (-5, -5),
        (Decimal("27.92"), Decimal("27.92")),
        (dt.date(2026, 3, 2), "02/03/2026"),
        (dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC), "02/03/2026 09:00"),
    ],
)
def test_safe_values_pass(value, expected):
    assert neutralise(value) == expected


def test_written_file_reads_back_as_text():
    buffer = io.StringIO()
    write_csv(buffer, ["Họ tên", "Ghi chú"], [["=cmd|' /C calc'!A0", "bình thường, có dấu phẩy"]])
    content = buffer.getvalue()
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert rows == [["Họ tên", "Ghi chú"], ["'=cmd|' /C calc'!A0", "bình thường, có dấu phẩy"]]


def test_header_cells_are_neutralised_too():
    buffer = io.StringIO()
    write_csv(buffer, ["=A1"], [])
    assert buffer.getvalue() == "\ufeff'=A1\r\n"


def test_response_streams_an_attachment():
    rows = ([f"-{n}", n] for n in range(3))  # a generator: nothing held in memory
    response = csv_response("sổ theo dõi hồ sơ.csv", ["Mã", "Số"], rows)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''s%E1%BB%95%20theo" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body == "\ufeffMã,Số\r\n'-0,0\r\n'-1,1\r\n'-2,2\r\n"


def test_local_time_zone_is_used():
    moment = dt.datetime(2026, 2, 16, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert neutralise(moment) == "17/02/2026 06:30"
