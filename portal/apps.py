from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, using="default", **kwargs):
    if sender.label not in ("portal", "congress"):
        return
    from .roles import sync_roles

    sync_roles(using=using)


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Cổng thông tin và thủ tục hành chính")

    def ready(self):
        from anphong import pagecache

        from . import search

        search.register()
        # Dossiers and what hangs off them appear on no cached page (the public
        # statistics keep their own cache): a submission must not empty the page cache.
        pagecache.ignore(
            "portal.AuditEntry",
            "portal.DossierCodeCounter",
            "portal.Dossier",
            "portal.DossierEvent",
            "portal.SupplementRequest",
            "portal.DossierDocument",
            "portal.DossierRating",
            "portal.Notification",
            "portal.Apology",
            "portal.DueDateChange",
        )
        # After every migrate: the congress app's permissions may come later.
        post_migrate.connect(_sync_roles, dispatch_uid="portal.sync_roles")
        # Public content shown on cached pages (home, search): the ward, the catalogue.
        # Dossiers, history, audit and notifications are private and never flush the cache.
        from anphong import pagecache

        from . import models

        pagecache.watch(
            models.WardProfile,
            models.PredecessorWard,
            models.Procedure,
            models.ProcedureField,
            models.ProcedureQuestion,
            models.ProcedureFormTemplate,
            models.RequiredDocument,
        )
