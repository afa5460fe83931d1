from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Cổng thông tin")

    def ready(self):
        # Imported here: models load only once the app registry is ready.
        from portal import checks, models, pagecache  # noqa: F401 - checks registers itself

        # The ward's profile is shown on every cached page.
        pagecache.watch(models.WardProfile, models.PredecessorWard)
