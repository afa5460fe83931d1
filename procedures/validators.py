"""Validation of residents' personal data: ID number (CCCD), mobile phone, names."""

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portal.text import nfc
from procedures.constants import Sex

_ASCII_DIGITS = re.compile(r"[0-9]{12}")
# What a phone number may be written with: ASCII digits and the separators people type
# (spaces, dots, dashes, parentheses), with a "+" only in front. Anything else (letters,
# which `phonenumbers` would turn into keypad digits, ";", "/", "ext", "#") is refused.
_PHONE_CHARS = re.compile(r"[\s(]*\+?[0-9\s.()\-]+")
_PHONE_SEPARATORS = re.compile(r"[\s.()\-]")
# The digits start with the country code (+84, 84) or the trunk prefix 0.
_PHONE_PREFIX = re.compile(r"(?:\+84|84|0)[0-9]+")
# Letters (any script, with Vietnamese marks), spaces, apostrophe and hyphen.
_NAME_OK = re.compile(r"^[^\W\d_]+(?:[ '\-][^\W\d_]+)*$")

# Circular 59/2021/TT-BCA Art. 7 (as Circular 07/2016 before it): the 4th digit encodes
# century and sex — 20th c. male 0 / female 1, 21st 2/3, 22nd 4/5, 23rd 6/7, 24th 8/9.
_CENTURY_BASE = {1900: 0, 2000: 2, 2100: 4, 2200: 6, 2300: 8}


def normalise_id_number(value):
    """Strip spaces/dots around a 12-digit ID number; refuse non-ASCII digits explicitly."""
    raw = nfc(value or "").replace(" ", "").replace(".", "")
    if any(ch.isdigit() and not ("0" <= ch <= "9") for ch in raw):
        raise ValidationError(
            _("Số định danh chỉ gồm chữ số 0–9 thông thường, không dùng chữ số toàn độ rộng."),
            code="unicode_digits",
        )
    if not _ASCII_DIGITS.fullmatch(raw):
        raise ValidationError(
            _("Số định danh cá nhân (số căn cước) gồm đúng 12 chữ số."), code="format"
        )
    return raw


def check_id_number_matches(id_number, birth_date, sex):
    """Raise ValidationError unless the century/sex digit and the year agree with the person."""
    century = birth_date.year // 100 * 100
    base = _CENTURY_BASE.get(century)
    if base is None:
        raise ValidationError(_("Năm sinh không hợp lệ."), code="year")
    expected = base + (1 if sex == Sex.FEMALE else 0)
    if int(id_number[3]) != expected:
        raise ValidationError(
            _("Chữ số thứ 4 của số định danh không khớp với giới tính và năm sinh đã khai."),
            code="century_sex",
        )
    if id_number[4:6] != f"{birth_date.year % 100:02d}":
        raise ValidationError(
            _("Chữ số thứ 5 và 6 của số định danh phải là hai số cuối của năm sinh (%(yy)s)."),
            params={"yy": f"{birth_date.year % 100:02d}"},
            code="year",
        )


def normalise_mobile(value):
    """Return a Vietnamese mobile number in E.164 (+84…), or raise ValidationError.

    E.164 is the one unambiguous form: SMS gateways take it and `phonenumbers` formats it
    back to 0912 345 678 for display. Landlines and foreign numbers are refused.
    """
    raw = nfc(value or "")
    if not raw:
        raise ValidationError(_("Nhập số điện thoại di động."), code="required")
    if any(ch.isdigit() and not ("0" <= ch <= "9") for ch in raw):
        raise ValidationError(_("Số điện thoại chỉ gồm chữ số 0–9 thông thường."), code="unicode")
    if not _PHONE_CHARS.fullmatch(raw):
        raise ValidationError(
            _(
                "Số điện thoại chỉ gồm chữ số, khoảng trắng, dấu chấm, gạch ngang hoặc dấu "
                "ngoặc, có thể bắt đầu bằng +84; không ghi chữ cái, số máy lẻ hay hai số "
                "cùng lúc. Ví dụ: 0912 345 678."
            ),
            code="chars",
        )
    if not _PHONE_PREFIX.fullmatch(_PHONE_SEPARATORS.sub("", raw)):
        raise ValidationError(
            _("Số điện thoại không hợp lệ; nhập số di động Việt Nam, ví dụ 0912 345 678."),
            code="invalid",
        )
    try:
        number = phonenumbers.parse(raw, "VN")
    except phonenumbers.NumberParseException:
        raise ValidationError(_("Số điện thoại không hợp lệ."), code="invalid") from None
    if number.country_code != 84 or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("Số điện thoại không hợp lệ; nhập số di động Việt Nam, ví dụ 0912 345 678."),
            code="invalid",
        )
    if phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.MOBILE:
        raise ValidationError(
            _("Đây là số máy bàn; hãy nhập số điện thoại di động để nhận tin nhắn."),
            code="landline",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_mobile(e164):
    try:
        number = phonenumbers.parse(e164, "VN")
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def mask_phone(e164):
    """0912 *** 678 style: enough for the resident to recognise, useless to anyone else."""
    digits = display_mobile(e164).replace(" ", "")
    return f"{digits[:4]} *** {digits[-3:]}" if len(digits) >= 7 else "***"


def mask_name(name):
    """Nguyễn Văn An -> N*** V*** An: the given name stays readable."""
    parts = nfc(name).split(" ")
    if len(parts) == 1:
        return parts[0][:1] + "***"
    return " ".join([p[:1] + "***" for p in parts[:-1]] + [parts[-1]])


def clean_person_name(value):
    name = nfc(value)
    if len(name) < 2:
        raise ValidationError(_("Nhập đầy đủ họ và tên."), code="short")
    if len(name) > 100:
        raise ValidationError(_("Họ và tên dài tối đa 100 ký tự."), code="long")
    if not _NAME_OK.match(name):
        raise ValidationError(
            _("Họ và tên chỉ gồm chữ cái, khoảng trắng, dấu nháy đơn hoặc gạch nối."), code="chars"
        )
    # Civil-status papers write every word of a name with a capital initial.
    return " ".join(word[:1].upper() + word[1:] for word in name.split(" "))
