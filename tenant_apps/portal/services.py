"""Writes on the city site's settings: terminology and the home page."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from shared_apps.accounts.models import User
from tenant_apps.audit.services import audit_record
from tenant_apps.calls.guards import require_city_admin
from tenant_apps.portal.models import CityTerm, PortalSettings, Term


def terms_cache_key(language: str) -> str:
    return f"city-terms:{language}"


def city_term_set(*, key: str, language: str, text: str, by: User) -> CityTerm | None:
    """Set what the city calls `key` in `language`; an empty text restores the default."""
    require_city_admin(by)
    if key not in Term.values:
        raise ValidationError({"key": _("Unknown term.")})
    if language not in connection.tenant.enabled_languages:
        raise ValidationError({"language": _("This city does not offer that language.")})
    text = text.strip()
    before = CityTerm.objects.filter(key=key, language=language).first()
    if not text:
        CityTerm.objects.filter(key=key, language=language).delete()
        term = None
    else:
        term, _created = CityTerm.objects.update_or_create(key=key, language=language,
                                                           defaults={"text": text})
        term.full_clean()
    cache.delete(terms_cache_key(language))
    audit_record(actor=by, action="terminology.changed", target=term or before or by,
                 before={"text": before.text if before else ""},
                 after={"key": key, "language": language, "text": text})
    return term


@transaction.atomic
def portal_settings_update(*, by: User, public_teaser: bool) -> PortalSettings:
    """City admins choose whether visitors who are not signed in see the open calls."""
    require_city_admin(by)
    current, _created = PortalSettings.objects.select_for_update().get_or_create(pk=1)
    before = {"public_teaser": current.public_teaser}
    if current.public_teaser != public_teaser:
        current.public_teaser = public_teaser
        current.save(update_fields=["public_teaser"])
        audit_record(actor=by, action="portal.settings_changed", target=current,
                     before=before, after={"public_teaser": public_teaser})
    return current
