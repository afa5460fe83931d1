from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

# The apps whose permissions the roles hand out.
ROLE_APPS = {
    "staff",
    "procedures",
    "notifications",
    "congress",
    "personnel",
    "portal",
    "feedback",
    "payments",
    "reception",
    "disclosure",
    "appointments",
}


def _sync_roles(sender, using="default", **kwargs):
    if sender.label in ROLE_APPS:
        # Imported here: staff.roles imports the auth models, not loadable before the app
        # registry is ready (this module is).
        from staff.roles import sync_roles

        sync_roles(using=using)


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = _("Cán bộ, phân quyền và nhật ký truy cập")

    def ready(self):
        # After every migrate, once per app: each adds the permissions it has by then.
        post_migrate.connect(_sync_roles, dispatch_uid="staff.sync_roles")
