"""Savings as shared and in euros, written the way the page's language writes numbers:
"12 000 RON (≈ 2 400 EUR)"."""

from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal
from django import template
from django.conf import settings
from django.utils import translation

register = template.Library()

NBSP = "\u00a0"


def _locale() -> Locale:
    code = (translation.get_language() or settings.LANGUAGE_CODE).replace("-", "_")
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def _amount(value: Decimal, currency: str) -> str:
    return f"{format_decimal(value, format='#,##0', locale=_locale())}{NBSP}{currency}"


@register.filter
def savings(practice) -> str:
    """`{{ practice|savings }}`: the amount in the source city's currency and, for another
    currency, its value in euros at the configured rates."""
    money = practice.realised_savings_money or Decimal(0)
    shown = _amount(money, practice.currency)
    if practice.currency == "EUR":
        return shown
    euros = getattr(practice, "savings_eur", None)
    if euros is None and practice.currency in settings.EXCHANGE_RATES_TO_EUR:
        euros = money * Decimal(str(settings.EXCHANGE_RATES_TO_EUR[practice.currency]))
    if euros is None:
        return shown
    return f"{shown} (≈{NBSP}{_amount(euros, 'EUR')})"
