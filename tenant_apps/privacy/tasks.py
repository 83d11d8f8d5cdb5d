"""Background work on personal data. A task sent from a city's request carries its schema
(tenant-schemas-celery), so the copy is built inside that city."""

from celery import shared_task
from django.db import transaction


@shared_task(name="tenant_apps.privacy.tasks.data_export_build", ignore_result=True)
def data_export_build(export_id: int) -> str:
    """Build the zip of a person's data, then tell them it is ready."""
    from tenant_apps.privacy.models import DataExport
    from tenant_apps.privacy.services import data_export_build as build

    export = DataExport.objects.filter(pk=export_id).first()
    if export is None:
        return "missing"
    return build(export=export).state


def data_export_build_later(export) -> None:
    """Send the build of `export` once the request that asked for it has committed."""
    transaction.on_commit(lambda: data_export_build.delay(export.pk))
