"""The Celery app. Tasks sent from a city's request carry that city's schema
(tenant-schemas-celery), so every background job runs in the right city.

Without REDIS_URL tasks run eagerly in-process, and the per-minute city jobs are driven by
tenants.scheduling.CityClockMiddleware instead of Celery beat.
"""

import os

from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innovato.settings")

app = CeleryApp("innovato")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
