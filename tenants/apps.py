from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Cities")

    def ready(self) -> None:
        from tenants import checks, signals  # noqa: F401  (registers checks and signal handlers)
