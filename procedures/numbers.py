"""Numbers as residents write them: a dot groups thousands, a comma starts the decimals.

"500.000.000" is five hundred million, "2,5" two and a half, "1.000" one thousand, in
every language of the interface (the amounts are Vietnamese amounts). What cannot be read
one way only ("2.5", "1.00", "1,2,3") is refused with a message saying how to write it,
never guessed. Numbers are shown back the same way (`format_number`).
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.numberformat import format as _django_number_format
from django.utils.translation import gettext_lazy as _

# Minus sign, en dash and hyphen-minus all read as minus.
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-"})
_SPACES = re.compile(r"\s+")
# ASCII digits only: other scripts' digits are refused, not silently read.
_PLAIN = re.compile(r"[+-]?[0-9]+(,[0-9]+)?")
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?")
_NUMBER_LIKE = re.compile(r"[+-]?[0-9.,]*[0-9][0-9.,]*")

INVALID = _("Nhập một số, ví dụ 1.500.000 hoặc 2,5.")
GROUPING = _(
    "Số viết chưa đúng: dấu chấm tách hàng nghìn theo nhóm 3 chữ số (ví dụ 1.500.000), "
    "dấu phẩy đứng trước phần thập phân (ví dụ 2,5)."
)


def parse_number(text):
    """The Decimal `text` writes the Vietnamese way; ValidationError if it is not one.

    The Decimal keeps the decimals as written ("2,50" has two), so callers can count them.
    Spaces between digit groups ("500 000 000") group thousands like dots.
    """
    value = _SPACES.sub(".", str(text).strip().translate(_MINUS))
    value = re.sub(r"^([+-])\.", r"\1", value)  # "- 3": the space after the sign
    if _PLAIN.fullmatch(value) or _GROUPED.fullmatch(value):
        try:
            return Decimal(value.replace(".", "").replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the patterns admit only numbers
            pass
    if _NUMBER_LIKE.fullmatch(value):
        raise ValidationError(GROUPING, code="grouping")
    raise ValidationError(INVALID, code="invalid")


def format_number(value):
    """`value` written the Vietnamese way: 500.000.000, 2,5, -1.000,25; no trailing zeros."""
    value = Decimal(value)
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    else:
        value = value.normalize()
    return _django_number_format(
        value, ",", grouping=3, thousand_sep=".", force_grouping=True, use_l10n=False
    )


class VietnameseNumberField(forms.Field):
    """A number typed the Vietnamese way, checked against what the question allows.

    `whole` refuses decimals; `min_value`/`max_value` bound it (messages quote the bounds
    the Vietnamese way); at most `decimal_places` decimals and `max_digits` digits in all.
    The cleaned value is a Decimal; what the user typed is shown back untouched.
    """

    default_error_messages = {
        "invalid": INVALID,
        "grouping": GROUPING,
        "whole": _(
            "Nhập số nguyên, không có phần thập phân; dấu chấm chỉ dùng để tách hàng nghìn, "
            "ví dụ 2 hoặc 1.000."
        ),
        "decimals": _(
            "Phần thập phân (sau dấu phẩy) có tối đa %(places)s chữ số; dấu chấm dùng để "
            "tách hàng nghìn, ví dụ 1.000 hoặc 2,5."
        ),
        "too_large": _("Số quá lớn: phần nguyên có tối đa %(digits)s chữ số."),
        "range": _("Nhập số từ %(min)s đến %(max)s."),
        "min_value": _("Nhập số từ %(min)s trở lên."),
        "max_value": _("Nhập số không lớn hơn %(max)s."),
    }

    def __init__(
        self,
        *,
        whole=False,
        min_value=None,
        max_value=None,
        decimal_places=2,
        max_digits=15,
        **kwargs,
    ):
        self.whole = whole
        self.min_value = None if min_value is None else Decimal(min_value)
        self.max_value = None if max_value is None else Decimal(max_value)
        self.decimal_places = 0 if whole else decimal_places
        self.max_digits = max_digits
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"inputmode": "numeric" if whole else "decimal", "autocomplete": "off"}
            ),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return format_number(value)
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return Decimal(value)
        try:
            return parse_number(value)
        except ValidationError as exc:
            raise ValidationError(self.error_messages[exc.code], code=exc.code) from None

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        exponent = value.as_tuple().exponent
        if self.whole and exponent < 0:
            raise ValidationError(self.error_messages["whole"], code="whole")
        if -exponent > self.decimal_places:
            raise ValidationError(
                self.error_messages["decimals"],
                code="decimals",
                params={"places": self.decimal_places},
            )
        integer_digits = self.max_digits - self.decimal_places
        if abs(value) >= Decimal(10) ** integer_digits:
            raise ValidationError(
                self.error_messages["too_large"],
                code="too_large",
                params={"digits": integer_digits},
            )
        low, high = self.min_value, self.max_value
        if (low is not None and value < low) or (high is not None and value > high):
            code = (
                "range"
                if low is not None and high is not None
                else ("min_value" if low is not None else "max_value")
            )
            params = {
                "min": "" if low is None else format_number(low),
                "max": "" if high is None else format_number(high),
            }
            raise ValidationError(self.error_messages[code], code=code, params=params)
