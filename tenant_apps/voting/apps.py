from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotingConfig(AppConfig):
    name = "tenant_apps.voting"
    label = "voting"
    verbose_name = _("Budgeted voting")

    def ready(self) -> None:
        from tenant_apps.calls.signals import phase_changed
        from tenant_apps.voting.services import outcome_on_phase_change

        phase_changed.connect(outcome_on_phase_change, dispatch_uid="voting.outcome")
