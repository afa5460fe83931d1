from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CongressConfig(AppConfig):
    name = "congress"
    verbose_name = _("Tin tức, văn bản và Đại hội")

    def ready(self):
        # Imported here: models load only once the app registry is ready.
        from congress import search, selectors
        from portal import pagecache

        search.register()
        pagecache.register_schedule(selectors.next_scheduled_publication)
        # Everything this app holds is public: any change refreshes cached pages.
        pagecache.watch(*self.get_models())
