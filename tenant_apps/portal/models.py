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
