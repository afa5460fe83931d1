"""Kinds of units and shares, as Resolution 1669/NQ-UBTVQH15 Art. 1 words them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

RESOLUTION_NUMBER = "1669/NQ-UBTVQH15"
RESOLUTION_TITLE = _(
    "Nghị quyết số 1669/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội về việc sắp "
    "xếp các đơn vị hành chính cấp xã của thành phố Hải Phòng năm 2025"
)
# The signed text on the Government's document store.
RESOLUTION_URL = "https://datafiles.chinhphu.vn/cpp/files/vbpq/2025/6/1669-nq.signed.pdf"


class NewKind(models.TextChoices):
    WARD = "phường", _("phường")
    COMMUNE = "xã", _("xã")
    SPECIAL_ZONE = "đặc khu", _("đặc khu")


class OldKind(models.TextChoices):
    WARD = "phường", _("phường")
    COMMUNE = "xã", _("xã")
    TOWNSHIP = "thị trấn", _("thị trấn")
    # Bạch Long Vĩ was a district without commune-level units (item 114).
    DISTRICT = "huyện", _("huyện")


class Share(models.TextChoices):
    """How much of the former unit went to the new one, in the resolution's words."""

    WHOLE = "toàn bộ", _("toàn bộ diện tích tự nhiên và dân số")
    PART = "một phần", _("một phần diện tích tự nhiên và dân số")
    AREA_ONLY = "một phần diện tích", _("một phần diện tích tự nhiên (không kèm dân số)")
    REMAINDER = "phần còn lại", _("phần còn lại")
