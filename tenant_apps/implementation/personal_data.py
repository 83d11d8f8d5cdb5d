"""The personal data of implementation (see innovato.personal_data): the updates a person
posted and the implementations they lead. Found at start-up by the privacy app."""

from django.utils.translation import gettext_lazy as _

from innovato.personal_data import PersonalDataSource, personal_data_source_add
from tenant_apps.implementation.models import Implementation, Update


def implementation_export(user) -> dict:
    return {
        "leads": [{"proposal": implementation.proposal_id}
                  for implementation in Implementation.objects.filter(lead=user)],
        "updates": [{"proposal": update.implementation.proposal_id, "body": update.body,
                     "created": update.created_at.isoformat()}
                    for update in Update.objects.filter(author=user)
                    .select_related("implementation").order_by("created_at", "pk")],
    }


personal_data_source_add(PersonalDataSource(
    key="implementation.updates", label=_("Implementation updates and leads"),
    purpose=_("To follow how selected proposals are carried out and what they save."),
    retention=_("Kept with the implementation; after an erasure, under the pseudonym."),
    fields=("update text", "lead"), export=implementation_export))
