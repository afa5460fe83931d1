from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CongressConfig(AppConfig):
    name = "congress"
    verbose_name = _("Tin tức, Đại hội và tổ chức bộ máy")

    def ready(self):
        from anphong import pagecache

        from congress import search, search_org, selectors

        search.register()
        search_org.register()
        pagecache.register_schedule(selectors.next_scheduled_publication)
        # Everything this app holds is public: any change refreshes cached pages.
        pagecache.watch(*self.get_models())
