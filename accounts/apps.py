from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Residents' accounts: log-in with the national e-identity (OpenID Connect) and
    "Hồ sơ của tôi", the dossiers and feedback of the signed-in resident."""

    name = "accounts"
    verbose_name = _("Tài khoản công dân")
    default_auto_field = "django.db.models.BigAutoField"
