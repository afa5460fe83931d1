from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "procedures"
    verbose_name = _("Thủ tục hành chính và hồ sơ")

    def ready(self):
        # Imported here: models load only once the app registry is ready.
        from portal import pagecache
        from procedures import models, search

        search.register()
        # The catalogue is public (catalogue pages, start pages, search). Dossiers, their
        # history and deadlines are private and never flush the cache.
        pagecache.watch(
            models.Procedure,
            models.ProcedureField,
            models.ProcedureQuestion,
            models.ProcedureFormTemplate,
            models.RequiredDocument,
            # The online form's list of provinces and wards (procedures.resident.forms).
            models.Province,
            models.Ward,
        )
