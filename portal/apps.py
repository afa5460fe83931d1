from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, using="default", **kwargs):
    if sender.label not in ("portal", "congress"):
        return
    from portal.roles import sync_roles

    sync_roles(using=using)


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Cổng thông tin và thủ tục hành chính")

    def ready(self):
        from anphong import pagecache

        from portal import models, search

        search.register()
        # After every migrate: the congress app's permissions may come later.
        post_migrate.connect(_sync_roles, dispatch_uid="portal.sync_roles")
        # Public content shown on cached pages (home, catalogue, search): the ward and the
        # catalogue. Dossiers, sessions, history, audit and notifications are private and
        # never flush the cache.

        pagecache.watch(
            models.WardProfile,
            models.PredecessorWard,
            models.Procedure,
            models.ProcedureField,
            models.ProcedureQuestion,
            models.ProcedureFormTemplate,
            models.RequiredDocument,
        )
