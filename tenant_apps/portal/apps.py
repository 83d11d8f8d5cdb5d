from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "tenant_apps.portal"
    label = "portal"
    verbose_name = _("City site")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from tenant_apps.calls.models import Call
        from tenant_apps.portal.selectors import open_calls_forget

        # A call opened, moved, renamed or deleted shows on the home page at once.
        post_save.connect(open_calls_forget, sender=Call, dispatch_uid="portal.call_saved")
        post_delete.connect(open_calls_forget, sender=Call, dispatch_uid="portal.call_deleted")
