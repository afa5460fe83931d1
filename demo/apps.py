from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo content and benchmark data: installed by the development settings only."""

    name = "demo"
    verbose_name = _("Dữ liệu mẫu")
