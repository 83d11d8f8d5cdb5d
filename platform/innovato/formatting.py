"""Numbers, money, hours, percentages, dates and times as the reader's language writes them.

The one place that turns a value into text for people: pages, e-mails, notifications and
chart labels all call it (templates through `{% load formatting %}`), so an amount reads
the same wherever it is shown. Babel holds each language's separators, where the currency
goes and its month names; Django's own number formatting knows fewer of them.

- The language is the active one; each network language is written as in one country of
  the network (`LOCALES`). English follows Ireland (`en_IE`): a euro country, day before
  month, 24-hour clock, "€12,000".
- Money: with its currency as the language writes it ("12 000 €", "12.000 RON",
  "12 000 Ft", "€12,000"). An amount without cents is written in whole units, an amount with
  cents with them ("1 234,50 €"), in the currency's own number of digits (none for HUF).
  Amounts converted at the configured rates are estimates: whole units, after "≈".
- Hours: up to one decimal, followed by the translated unit ("1 234,5 heures").
- Dates and times: in the active time zone (the city's, set per request and per scheduled
  job) unless one is given.

The API and the CSV/XLSX downloads keep machine values and never call this module except
for `XLSX_*`, the spreadsheet number formats, which Excel shows with the reader's own
separators. This module imports no app of the project: every app may use it.
"""

import copy
import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cached_property, lru_cache

from babel import Locale
from babel.dates import (
    format_date,
    format_skeleton,
    format_time,
    get_datetime_format,
    get_timezone_name,
)
from babel.numbers import (
    format_decimal,
    get_currency_precision,
    get_currency_symbol,
    parse_pattern,
)
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import ngettext

# One country per network language, for its separators, currency placement and dates.
LOCALES = {
    "en": "en_IE", "ro": "ro_RO", "fr": "fr_FR", "es": "es_ES", "pt": "pt_PT",
    "hu": "hu_HU", "nl": "nl_NL", "it": "it_IT",
}
DEFAULT_LOCALE = "en_IE"
NBSP = "\u00a0"

# Number formats of XLSX cells. Excel shows "," and "." in them with the reader's own
# group and decimal separators, so one format serves every language.
XLSX_COUNT = "0"  # counts and ids: small whole numbers, never grouped
XLSX_MONEY = "#,##0.00"
XLSX_HOURS = "#,##0.0"
XLSX_PERCENT = "0.0%"
XLSX_SCORE = "0.00"
XLSX_MONTH = "yyyy-mm"


def locale(language: str | None = None) -> Locale:
    """Babel's locale for `language` (default: the active language)."""
    return _locale(language or translation.get_language() or settings.LANGUAGE_CODE)


@lru_cache(maxsize=64)
def _locale(code: str) -> Locale:
    base = code.lower().replace("_", "-").split("-")[0]
    return Locale.parse(LOCALES.get(base, DEFAULT_LOCALE))


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number.is_finite() else None


def number(value, decimals: int | None = None) -> str:
    """`value` with the language's separators ("1 234,5"); `decimals` fixes the number of
    decimals (rounded half up), else as many as it has, up to three. "" when unknown."""
    amount = _decimal(value)
    if amount is None:
        return ""
    if decimals is None:
        return format_decimal(amount, locale=locale())
    amount = amount.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(amount, format=pattern, locale=locale())


class _MoneyFormat:
    """How `reader` writes amounts in `currency`, worked out once per language and currency
    (Babel looks up the symbol, the currency's digits and the currency's name on every
    call, and parses its pattern: most of the cost of a page of amounts)."""

    def __init__(self, reader: Locale, currency: str) -> None:
        self.digits = get_currency_precision(currency)
        self.symbol = get_currency_symbol(currency, locale=reader)
        standard = reader.currency_formats["standard"]
        self.whole = self._pattern(standard, currency, (0, 0))
        self.cents = self._pattern(standard, currency, (self.digits, self.digits))

    def _pattern(self, standard, currency: str, frac_prec: tuple[int, int]):
        pattern = copy.copy(parse_pattern(standard.pattern))
        pattern.frac_prec = frac_prec
        if "¤¤¤" in standard.pattern:  # the currency's name, which depends on the amount
            return pattern, currency
        # The symbol written in as Babel's `apply` would, which then has nothing to look up.
        pattern.prefix, pattern.suffix = (
            tuple(part.replace("¤¤", currency).replace("¤", self.symbol) for part in parts)
            for parts in (pattern.prefix, pattern.suffix))
        return pattern, None

    def format(self, amount: Decimal, reader: Locale, *, whole: bool) -> str:
        pattern, currency = self.whole if whole else self.cents
        text = pattern.apply(amount, reader, currency=currency, currency_digits=False)
        # CLDR wants a space between a currency written in letters and the digits next to
        # it ("RON 12,000", not "RON12,000"); Babel leaves it out.
        if self.symbol[-1:].isalpha():
            text = self._letters_then_digits.sub(self.symbol + NBSP, text)
        if self.symbol[:1].isalpha():
            text = self._digits_then_letters.sub(NBSP + self.symbol, text)
        return text

    @cached_property
    def _letters_then_digits(self) -> re.Pattern:
        return re.compile(re.escape(self.symbol) + r"(?=[\d])")

    @cached_property
    def _digits_then_letters(self) -> re.Pattern:
        return re.compile(r"(?<=\d)" + re.escape(self.symbol))


@lru_cache(maxsize=256)
def _money_format(reader: Locale, currency: str) -> _MoneyFormat:
    return _MoneyFormat(reader, currency)


def money(value, currency: str, *, whole: bool = False) -> str:
    """`value` in `currency` ("12 000 €", "1 234,50 €"): whole units when it has no cents or
    when `whole` (estimates), else with the currency's digits. "" when unknown."""
    amount = _decimal(value)
    if amount is None:
        return ""
    reader = locale()
    form = _money_format(reader, (currency or "EUR").upper())
    amount = amount.quantize(Decimal(1).scaleb(-form.digits), rounding=ROUND_HALF_UP)
    whole = whole or amount == amount.to_integral_value()
    if whole:
        amount = amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return form.format(amount, reader, whole=whole)


def euros(value, currency: str) -> Decimal | None:
    """`value` in `currency` converted to euros at the configured rates; None if the rate is
    unknown."""
    amount = _decimal(value)
    rate = settings.EXCHANGE_RATES_TO_EUR.get((currency or "").upper())
    if amount is None or rate is None:
        return None
    return amount * Decimal(str(rate))


def money_and_euros(value, currency: str) -> str:
    """`value` in `currency` followed, for another currency than the euro, by its estimate in
    euros at the configured rates: "12 000 RON (≈ 2 400 €)"."""
    shown = money(value if value is not None else 0, currency)
    if (currency or "EUR").upper() == "EUR":
        return shown
    estimate = euros(value or 0, currency)
    if estimate is None:
        return shown
    return f"{shown} (≈{NBSP}{money(estimate, 'EUR', whole=True)})"


def _plural_count(amount: Decimal, reader: Locale) -> int:
    # gettext chooses plural forms for whole numbers only. For a fraction, take CLDR's
    # category of the real number ("1,5 heure" in French, "1,5 ore" in Romanian) and hand
    # gettext the smallest whole number of that category.
    if amount == amount.to_integral_value():
        return int(amount)
    category = reader.plural_form(amount)
    for candidate in range(200):
        if reader.plural_form(candidate) == category:
            return candidate
    return int(amount)


def hours_number(value) -> str:
    """Hours as a number with at most one decimal ("1 234,5"); "" when unknown."""
    amount = _decimal(value)
    if amount is None:
        return ""
    amount = amount.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return format_decimal(amount, format="#,##0.#", locale=locale())


def hours(value) -> str:
    """Hours with their unit in the reader's language ("1 234,5 heures"); "" when unknown."""
    amount = _decimal(value)
    if amount is None:
        return ""
    amount = amount.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    count = _plural_count(amount.normalize(), locale())
    return ngettext("%(hours)s hour", "%(hours)s hours", count) % {
        "hours": hours_number(amount)}


def percent(value, whole=1) -> str:
    """`value` as a share of `whole` (a fraction by default; `whole=100` for percentage
    points), with at most one decimal: "66,7 %". "" when unknown."""
    amount, total = _decimal(value), _decimal(whole)
    if amount is None or not total:
        return ""
    reader = locale()
    pattern = copy.copy(parse_pattern(reader.percent_formats[None].pattern))
    pattern.frac_prec = (0, 1)
    share = (amount / total).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    return pattern.apply(share, reader)


def _local(value: dt.datetime, tz) -> dt.datetime:
    if timezone.is_naive(value):
        return value
    return timezone.localtime(value, tz)


def date(value, style: str = "long") -> str:
    """A day ("24 novembre 2026"; `style` "short": "24/11/2026"). A datetime is first
    put in the active time zone. "" when unknown."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = _local(value, None).date()
    return format_date(value, style, locale=locale())


def datetime(value, style: str = "long", tz=None) -> str:
    """A moment in the active time zone, or `tz` ("24 novembre 2026, 14:05"; `style`
    "short": "24/11/2026 14:05"; "zone": the long form followed by the zone's name, for
    readers in other time zones). "" when unknown."""
    if not value:
        return ""
    with_zone = style == "zone"
    if with_zone:
        style = "long"
    if not isinstance(value, dt.datetime):
        return date(value, style)
    value = _local(value, tz)
    reader = locale()
    glue = get_datetime_format(style, locale=reader).replace("'", "")
    shown = (glue.replace("{0}", format_time(value, "short", locale=reader))
             .replace("{1}", format_date(value, style, locale=reader)))
    if with_zone and timezone.is_aware(value):
        shown += f" ({get_timezone_name(value, 'long', locale=reader)})"
    return shown


def time(value, tz=None) -> str:
    """The time of day of a moment in the active time zone, or `tz` ("14:05")."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = _local(value, tz)
    return format_time(value, "short", locale=locale())


def month(value, style: str = "long") -> str:
    """A month ("novembre 2026"; `style` "short": "nov. 2026"). "" when unknown."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = _local(value, None).date()
    return format_skeleton("yMMMM" if style == "long" else "yMMM", value, locale=locale())
