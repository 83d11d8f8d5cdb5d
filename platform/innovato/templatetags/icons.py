"""{% icon "name" %}: a Lucide icon (static/vendor/lucide) inlined as SVG, so it takes the
text colour and needs no extra request; decorative, so hidden from assistive technology."""

import re
from functools import cache
from pathlib import Path

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

ICON_DIR = Path(settings.BASE_DIR) / "platform" / "innovato" / "static" / "vendor" / "lucide"
_NAME = re.compile(r"^[a-z0-9-]+$")
_SVG_OPEN = re.compile(r"<svg\b[^>]*>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


@cache
def icon_body(name: str) -> str:
    """The inner markup of the vendored icon `name` (read once per process)."""
    if not _NAME.match(name):
        raise ValueError(f"bad icon name {name!r}")
    path = ICON_DIR / f"{name}.svg"
    if not path.is_file():
        raise ValueError(f"icon {name!r} is not vendored in {ICON_DIR}")
    text = _COMMENT.sub("", path.read_text(encoding="utf-8"))
    text = _SVG_OPEN.sub("", text, count=1).replace("</svg>", "")
    return " ".join(text.split())


@register.simple_tag
def icon(name: str, extra_class: str = ""):
    """An inline SVG icon; put visible text or an aria-label on the control beside it."""
    css = f"icon icon-{name} {extra_class}".strip()
    return format_html(
        '<svg class="{}" xmlns="http://www.w3.org/2000/svg" width="24" height="24" '
        'viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" '
        'stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">'
        "{}</svg>", css, mark_safe(icon_body(name)))
