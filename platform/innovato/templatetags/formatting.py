"""`{% load formatting %}`: the filters of `innovato.formatting` for templates.

    {{ amount|money:city.currency }}         12 000 €  ·  12.000 RON  ·  1 234,50 €
    {{ amount|money_whole:"EUR" }}           whole units, for estimates and totals in euros
    {{ amount|money_and_euros:currency }}    12 000 RON (≈ 2 400 €)
    {{ value|number }}  {{ score|number:2 }} 1 234,5  ·  6,83
    {{ value|hours }}                        1 234,5 heures
    {{ share|percent }}  {{ points|percent:100 }}   66,7 %
    {{ day|local_date }}  {{ day|local_date:"short" }}            24 novembre 2026
    {{ moment|local_datetime }}  {{ moment|local_datetime:"short" }} 24 novembre 2026, 14:05
    {{ moment|local_datetime:"zone" }}  24 novembre 2026, 14:05 (heure normale d’Europe centrale)
    {{ moment|local_time }}  {{ day|local_month }}                14:05  ·  novembre 2026
    {{ moment|time_element:"short" }}
        <time datetime="2026-11-24T14:05:00+01:00">24/11/2026, 14:05</time>

Every filter writes "" for an unknown value, so `|default:"—"` can follow it.
"""

from django import template
from django.utils.html import format_html
from django.utils.timezone import template_localtime

from innovato import formatting

register = template.Library()


@register.filter
def money(value, currency="EUR") -> str:
    return formatting.money(value, currency)


@register.filter
def money_whole(value, currency="EUR") -> str:
    return formatting.money(value, currency, whole=True)


@register.filter
def money_and_euros(value, currency="EUR") -> str:
    return formatting.money_and_euros(value, currency)


@register.filter
def number(value, decimals=None) -> str:
    return formatting.number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def hours(value) -> str:
    return formatting.hours(value)


@register.filter
def percent(value, whole=1) -> str:
    return formatting.percent(value, whole)


@register.filter
def local_date(value, style="long") -> str:
    return formatting.date(value, style)


@register.filter
def local_datetime(value, style="long") -> str:
    return formatting.datetime(value, style)


@register.filter
def time_element(value, style="long") -> str:
    """`value|local_datetime:style` in a <time> element with the moment in ISO 8601 (as
    `|date:'c'` writes it), for a list of many: one filter instead of two."""
    if not value:
        return ""
    local = template_localtime(value)
    return format_html('<time datetime="{}">{}</time>', local.isoformat(),
                       formatting.datetime(local, style))


@register.filter
def local_time(value) -> str:
    return formatting.time(value)


@register.filter
def local_month(value, style="long") -> str:
    return formatting.month(value, style)
