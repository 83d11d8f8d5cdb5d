"""How a site looks: the city's (or the hub's) logo and primary colour, in its own schema."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from shared_apps.branding.contrast import HEX_COLOUR

DEFAULT_COLOUR = "#0b5cad"


class Branding(models.Model):
    """The site's branding; one row per schema (absent means the defaults)."""

    primary_colour = models.CharField(
        _("primary colour"), max_length=7, default=DEFAULT_COLOUR,
        validators=[RegexValidator(HEX_COLOUR, _("Enter a colour as #rrggbb."))],
        help_text=_("Used for buttons (with white text) and links on the white page, so it "
                    "must reach a contrast of 4.5:1 with white."),
    )
    logo = models.FileField(_("logo"), upload_to="branding/", blank=True)
    logo_content_type = models.CharField(max_length=40, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("branding")
        verbose_name_plural = _("branding")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1),
                                              name="branding_single_row")]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @property
    def version(self) -> str:
        """Changes whenever the branding does: part of the stylesheet's and logo's URLs."""
        return format(int(self.updated_at.timestamp() * 1000), "x") if self.updated_at else "0"
