from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """The current URL's query with another page number, so filters survive paging."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()
