"""Numbers, money, percentages and months written the way the reader's language writes them.

Babel knows each language's separators and where the currency sign goes, which Django's
number formatting does not.
"""

from datetime import date
from decimal import Decimal

from babel.dates import format_skeleton
from babel.numbers import format_currency, format_decimal, format_percent
from django.conf import settings
from django.utils.translation import get_language, to_locale

EMPTY = "–"


def current_locale() -> str:
    return to_locale(get_language() or settings.LANGUAGE_CODE)


def count(value: int | None) -> str:
    if value is None:
        return EMPTY
    return format_decimal(value, locale=current_locale())


def hours(value: Decimal | None) -> str:
    if value is None:
        return EMPTY
    return format_decimal(value, format="#,##0.#", locale=current_locale())


def money(value: Decimal | None, currency: str) -> str:
    if value is None:
        return EMPTY
    return format_currency(value, currency, locale=current_locale())


def percent(value: Decimal | None) -> str:
    if value is None:
        return EMPTY
    return format_percent(value, format="#,##0.#%", locale=current_locale())


def month(value: date) -> str:
    return format_skeleton("yMMMM", value, locale=current_locale())


def short_month(value: date) -> str:
    return format_skeleton("yMMM", value, locale=current_locale())
