"""Texts of the notifications this app sends for others that are installed in every schema
and so cannot import it: a person's requests about their personal data (tenant_apps.privacy
writes the texts; in a city they arrive here)."""

from tenant_apps.notifications.models import Kind
from tenant_apps.notifications.registry import renderer
from tenant_apps.privacy.messages import personal_data_message

renderer(Kind.PERSONAL_DATA)(personal_data_message)
