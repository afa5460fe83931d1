from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "results"
    verbose_name = _("Kết quả điện tử")

    def ready(self):
        from results import receivers  # noqa: F401 - connects the desk's handover
