from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonnelConfig(AppConfig):
    name = "personnel"
    verbose_name = _("Tổ chức bộ máy và nhân sự")

    def ready(self):
        # Imported here: models load only once the app registry is ready.
        from personnel import search
        from portal import pagecache

        search.register()
        # Everything this app holds is public: any change refreshes cached pages.
        pagecache.watch(*self.get_models())
