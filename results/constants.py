"""Choices of the results app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from procedures.constants import DossierStatus

# After these the resident has nothing left to choose about the result.
CLOSED_STATUSES = (DossierStatus.REFUSED, DossierStatus.STOPPED, DossierStatus.RETURNED)


class DeliveryChannel(models.TextChoices):
    """How the resident wants the result (he may change it until it is handed over)."""

    ONLINE = "online", _("Tải về trực tuyến")
    DESK = "desk", _("Nhận tại Bộ phận Một cửa")
    POST = "post", _("Nhận qua dịch vụ bưu chính")


class DeliveryMethod(models.TextChoices):
    """How the result actually reached the resident."""

    ELECTRONIC = "electronic", _("Công dân tải về trực tuyến")
    DESK = "desk", _("Trao tại Bộ phận Một cửa")
    POST = "post", _("Gửi qua dịch vụ bưu chính")


class Downloader(models.TextChoices):
    """Who downloaded a result, and with which proof."""

    TRACKING = "tracking", _("Công dân (mã hồ sơ và số điện thoại, hoặc đường dẫn riêng)")
    ACCOUNT = "account", _("Công dân đăng nhập (Hồ sơ của tôi)")
    STAFF = "staff", _("Cán bộ")
