"""Small template helpers of the design system: initials for avatars, the city's logo slot,
links to the rows of a list."""

from django import template
from django.template.loader import select_template

from innovato import links

register = template.Library()

BRAND_LOGO_TEMPLATES = ["portal/brand_logo.html", "components/brand_logo_fallback.html"]


@register.filter
def initials(name) -> str:
    """Up to two initials of a name ("Ana Maria Pop" -> "AP"), "?" for an empty one."""
    words = [word for word in str(name or "").replace("-", " ").split() if word[:1].isalpha()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


@register.simple_tag(takes_context=True)
def brand_logo(context):
    """The city's logo block (portal/brand_logo.html) or, while none exists, a fallback."""
    return select_template(BRAND_LOGO_TEMPLATES).render(context.flatten())


@register.simple_tag
def url_with_id(viewname: str, *args) -> str:
    """`{% url %}` for a row of a list, whose last argument is the row's id
    (innovato.links.url_with_id): `{% url_with_id "evaluation:eligibility" call.pk p.pk %}`."""
    return links.url_with_id(viewname, args[-1], *args[:-1])
