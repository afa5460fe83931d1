"""What a demo citizen's data must look like: as the portal accepts it from VNeID.

The portal (procedures/validators.py) takes a 12-digit ID number whose 4th digit encodes
century and sex and whose 5th-6th digits are the year of birth, and a Vietnamese mobile
number. tests/oidc_provider_tests checks the demo citizens against the portal's own
validators as well.
"""

import re

from django.core.exceptions import ValidationError

_CITIZEN_ID = re.compile(r"[0-9]{12}")
# 0 then a mobile network prefix (03x, 05x, 07x, 08x, 09x) and 8 more digits.
_MOBILE = re.compile(r"0[35789][0-9]{8}")
# Circular 59/2021/TT-BCA: the 4th digit is 0/1 for the 20th century (male/female),
# 2/3 for the 21st, and so on.
_CENTURY_FIRST_DIGIT = {1900: 0, 2000: 2, 2100: 4}


def validate_citizen_id(value):
    if not _CITIZEN_ID.fullmatch(value):
        raise ValidationError("Số định danh cá nhân gồm đúng 12 chữ số.", code="format")


def validate_mobile(value):
    if not _MOBILE.fullmatch(value):
        raise ValidationError(
            "Số điện thoại di động Việt Nam gồm 10 chữ số, ví dụ 0912345678.", code="mobile"
        )


def check_citizen_id_matches_birth(citizen_id, birth_date):
    """The 4th digit (century, either sex) and the 5th-6th (year) agree with the birth date."""
    century = birth_date.year // 100 * 100
    first = _CENTURY_FIRST_DIGIT.get(century)
    if first is None or int(citizen_id[3]) not in (first, first + 1):
        raise ValidationError(
            "Chữ số thứ 4 của số định danh không khớp với thế kỷ của năm sinh.", code="century"
        )
    if citizen_id[4:6] != f"{birth_date.year % 100:02d}":
        raise ValidationError(
            "Chữ số thứ 5 và 6 của số định danh phải là hai số cuối của năm sinh.", code="year"
        )
