from django import template

from tenants.language import language_name as _language_name

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    """`code`'s language named in the reader's language ("engleză" on a Romanian page)."""
    return _language_name(code)
