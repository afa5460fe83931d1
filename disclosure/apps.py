from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = _("Công khai thông tin")

    def ready(self):
        # Imported here: models load only once the app registry is ready.
        from disclosure import search, selectors
        from portal import pagecache

        search.register()
        # Posting periods, due periods and scheduled posting days turn at midnight.
        pagecache.register_schedule(selectors.next_day_boundary)
        # Everything this app holds is public (drafts change only the admin's pages, but
        # a publish or withdraw is a save as well).
        pagecache.watch(*self.get_models())
