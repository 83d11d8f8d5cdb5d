from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    name = "shared_apps.hub"
    label = "hub"
    verbose_name = _("Network hub")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from innovato.personal_data import HUB
        from shared_apps.hub import boundary
        from shared_apps.hub.models import Collection, GoodPractice
        from shared_apps.hub.personal_data import staff_email
        from shared_apps.hub.selectors import practices_changed
        from tenant_apps.privacy.messages import messenger_set

        # The practices page's filter choices are kept until a practice or a collection
        # changes.
        post_save.connect(practices_changed, sender=GoodPractice, dispatch_uid="hub.saved")
        post_delete.connect(practices_changed, sender=GoodPractice, dispatch_uid="hub.deleted")
        post_save.connect(practices_changed, sender=Collection,
                          dispatch_uid="hub.collection-saved")
        post_delete.connect(practices_changed, sender=Collection,
                            dispatch_uid="hub.collection-deleted")

        # The crossing to the cities listens to both sides and runs its jobs in each city.
        boundary.connect()
        # Hub staff hear of their personal data requests by e-mail.
        messenger_set(HUB, staff_email)
