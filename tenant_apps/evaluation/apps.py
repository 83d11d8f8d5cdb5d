from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "tenant_apps.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self) -> None:
        from tenant_apps.calls.signals import phase_changed
        from tenant_apps.evaluation.services import results_on_phase_change

        phase_changed.connect(results_on_phase_change, dispatch_uid="evaluation.results")
