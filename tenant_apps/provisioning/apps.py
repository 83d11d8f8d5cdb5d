from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvisioningConfig(AppConfig):
    """People arriving from outside: the city's directory (SCIM) and CSV files."""

    name = "tenant_apps.provisioning"
    label = "provisioning"
    verbose_name = _("Provisioning")

    def ready(self):
        from shared_apps.accounts.signals import invitation_accepted
        from tenant_apps.provisioning import services

        invitation_accepted.connect(services.imported_invitation_apply,
                                    dispatch_uid="provisioning.imported_invitation_apply")
