from django import forms

from tenant_apps.portal.models import PortalSettings


class PortalSettingsForm(forms.Form):
    public_teaser = PortalSettings._meta.get_field("public_teaser").formfield()
