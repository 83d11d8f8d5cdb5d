"""Writes on a site's branding: its logo and primary colour (a city's, or the hub's)."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name

from innovato.errors import NotAllowed
from innovato.uploads import upload_check
from shared_apps.accounts.models import Role, User
from shared_apps.branding.contrast import AA_RATIO, HEX_COLOUR, WHITE, contrast_ratio
from shared_apps.branding.models import Branding
from tenant_apps.audit.services import audit_record

CACHE_KEY = "branding"
# Raster images only: an SVG can carry script, and a logo is shown on every page.
LOGO_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
              "webp": "image/webp"}
LOGO_MAX_BYTES = 1024 * 1024


def branding_admin_roles() -> tuple[str, ...]:
    """Who sets the branding here: the city's admins, or the hub's network staff."""
    if connection.schema_name == get_public_schema_name():
        return (Role.PARTNER_ADMIN, Role.COORDINATOR)
    return (Role.CITY_ADMIN,)


def require_branding_admin(user: User) -> None:
    if not user.has_role(*branding_admin_roles()):
        raise NotAllowed(_("Only an admin of this site can change its branding."))


def colour_check(colour: str) -> str:
    """`colour` as `#rrggbb`, refused unless white text on it, and it as text on the white
    page, reach the WCAG AA contrast of 4.5:1 (one ratio: contrast is symmetric)."""
    colour = (colour or "").strip().lower()
    if not HEX_COLOUR.match(colour):
        raise ValidationError({"primary_colour": ValidationError(
            _("Enter a colour as # followed by six hexadecimal digits, for example #0b5cad."),
            code="colour_format")})
    ratio = contrast_ratio(colour, WHITE)
    if ratio < AA_RATIO:
        # Rounded down, so a colour just short of 4.5:1 never reads as 4.50:1.
        found = formats.number_format(int(ratio * 100) / 100, 2)
        raise ValidationError({"primary_colour": ValidationError(
            _("%(colour)s has a contrast of only %(found)s:1 with white text, and as a link on "
              "the white page; at least %(needed)s:1 is needed (WCAG AA). Choose a darker "
              "colour.") % {"colour": colour, "found": found,
                            "needed": formats.number_format(AA_RATIO, 1)},
            code="colour_contrast")})
    return colour


@transaction.atomic
def branding_update(*, by: User, primary_colour: str | None = None,
                    logo: UploadedFile | None = None, logo_remove: bool = False) -> Branding:
    """Change the site's primary colour and/or logo; checked, audited, and nothing changes
    when any part is refused."""
    require_branding_admin(by)
    colour = colour_check(primary_colour) if primary_colour is not None else None
    checked = (upload_check(logo, field="logo", accepted=LOGO_TYPES,
                            max_bytes=LOGO_MAX_BYTES) if logo is not None else None)
    current, _created = Branding.objects.select_for_update().get_or_create(pk=1)
    before = {"primary_colour": current.primary_colour, "logo": current.logo.name}
    old_logo = current.logo.name
    if colour is not None:
        current.primary_colour = colour
    if checked is not None:
        current.logo.save(f"logo.{checked.extension}", logo, save=False)
        current.logo_content_type = checked.content_type
    elif logo_remove:
        current.logo = ""
        current.logo_content_type = ""
    after = {"primary_colour": current.primary_colour, "logo": current.logo.name}
    if after != before:
        current.save()
        audit_record(actor=by, action="branding.changed", target=current, before=before,
                     after=after)
        if old_logo and old_logo != current.logo.name:
            storage = current.logo.storage
            transaction.on_commit(lambda: storage.delete(old_logo))
    # Now for this transaction's own reads, and again at commit for anyone who cached the
    # old branding in between.
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
    return current
