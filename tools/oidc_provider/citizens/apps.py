from django.apps import AppConfig
from django.core import checks


class CitizensConfig(AppConfig):
    name = "tools.oidc_provider.citizens"
    label = "citizens"
    verbose_name = "Công dân thử nghiệm"

    def ready(self):
        from tools.oidc_provider.citizens.checks import signing_key_present

        checks.register(signing_key_present)
