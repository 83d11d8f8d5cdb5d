"""City-wide settings of the city's own site."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Term(models.TextChoices):
    """Key words a city may rename in its interface, per language."""

    CALL = "call", _("call")
    CALLS = "calls", _("Calls")
    PROPOSAL = "proposal", _("proposal")
    PROPOSALS = "proposals", _("Proposals")


class CityTerm(models.Model):
    """What this city calls a key term in one language, e.g. "Concurs" for "call"."""

    key = models.CharField(_("term"), max_length=20, choices=Term.choices)
    language = models.CharField(_("language"), max_length=8)
    text = models.CharField(_("this city's word"), max_length=60)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terminology")
        constraints = [models.UniqueConstraint(fields=["key", "language"],
                                               name="city_term_once_per_language")]

    def __str__(self) -> str:
        return f"{self.key} ({self.language}): {self.text}"


class PortalSettings(models.Model):
    """Settings of the city's home page; one row per city (absent means the defaults)."""

    public_teaser = models.BooleanField(
        _("show open calls to visitors who are not signed in"), default=False,
        help_text=_("Off: visitors see only the city's name, a welcome and the sign-in "
                    "link. On: they also see open calls, their deadlines and proposal "
                    "counts, and featured good practices of the network."),
    )

    class Meta:
        verbose_name = _("home page settings")
        verbose_name_plural = _("home page settings")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1),
                                              name="portal_settings_single_row")]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
