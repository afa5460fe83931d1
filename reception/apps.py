from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReceptionConfig(AppConfig):
    name = "reception"
    verbose_name = _("Tiếp công dân")

    def ready(self):
        # Imported here: models load only once the app registry is ready.
        from portal import pagecache
        from reception import checks, models  # noqa: F401 - registers the system check

        # The schedule is public: an edit shows at once on the page and in the feed.
        pagecache.watch(models.ReceptionSession, models.ReceptionChange)
