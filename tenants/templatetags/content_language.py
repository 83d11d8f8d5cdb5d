"""Texts shown in another language than the page's carry their `lang` and a visible label of
their language (WCAG 3.1.2)."""

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import conditional_escape, format_html
from django.utils.text import capfirst
from django.utils.translation import get_language_info

from innovato.i18n import displayed, foreign, foreign_language

register = template.Library()


@register.simple_tag
def in_its_language(instance, field: str, text=None, block: bool = False) -> str:
    """`instance.<field>` as the reader sees it (or `text`, a formatted form of it, such as
    `p.summary|truncatewords:25`). When it comes from another language than the page's,
    it is wrapped in an element with its `lang` and followed by "(English)" named in the
    reader's language. `block=True`: a multi-line text, shown in paragraphs."""
    if text is None:
        value, language = displayed(instance, field)
        language = foreign(language)
    else:
        value, language = text, foreign_language(instance, field)
    if block and text is None:
        value = linebreaks_filter(value, autoescape=True)
    return in_language(value, language, block=block)


def in_language(value, language: str | None, block: bool = False) -> str:
    """`value` as `in_its_language` shows a text in `language`, the language it was found in
    when not the page's (None: the page's own, shown as it is), for code that has already
    looked the text and its language up (`innovato.i18n.displayed`)."""
    value = conditional_escape(value)
    if not language:
        return value
    label = capfirst(get_language_info(language)["name_translated"])
    if block:
        return format_html('<div lang="{}">{}</div><p class="content-language">({})</p>',
                           language, value, label)
    return format_html('<span lang="{}">{}</span> <span class="content-language">({})</span>',
                       language, value, label)
