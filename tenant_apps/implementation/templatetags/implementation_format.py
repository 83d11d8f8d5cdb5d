"""Numbers as people of the page's language write them: money in the city's currency,
hours with at most one decimal."""

from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.numbers import format_currency, format_decimal
from django import template
from django.conf import settings
from django.utils import translation

register = template.Library()


def _locale() -> Locale:
    code = (translation.get_language() or settings.LANGUAGE_CODE).replace("-", "_")
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@register.filter
def money(value, currency: str) -> str:
    """`{{ amount|money:city.currency }}`; empty for an unknown amount."""
    if value is None or value == "":
        return ""
    return format_currency(Decimal(value), currency or "EUR", locale=_locale())


@register.filter
def hours(value) -> str:
    if value is None or value == "":
        return ""
    return format_decimal(Decimal(value), format="#,##0.#", locale=_locale())
