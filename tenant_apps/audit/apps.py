from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "tenant_apps.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from tenant_apps.audit.sign_ins import signed_in

        # Each sign-in on the web is kept in the audit trail: the person's sign-in history.
        user_logged_in.connect(signed_in, dispatch_uid="audit.sign_in")
