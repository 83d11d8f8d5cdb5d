"""Finding code that a Content-Security-Policy without 'unsafe-inline' would block: inline
scripts and styles, style and event-handler attributes, javascript: URLs and htmx's own
evaluated attributes. Shared by the page walk and the template audit."""

import re
from html.parser import HTMLParser

# Script types a browser does not run (data blocks): CSP does not apply to them.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}
HTMX_EVAL_ATTRIBUTES = re.compile(r"^(data-)?hx-(on\b|on:|on-|vars$)")


class _InlineCodeFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script_start: tuple[int, int] | None = None
        self._script_text = ""

    def _where(self) -> str:
        line, column = self.getpos()
        return f"line {line}:{column}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check_attributes(tag, attrs)
        values = dict(attrs)
        if tag == "style":
            self.found.append(f"<style> element at {self._where()}")
        if tag == "script" and not values.get("src"):
            script_type = (values.get("type") or "").strip().lower()
            if script_type not in DATA_SCRIPT_TYPES:
                self.found.append(f"inline <script> at {self._where()}")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check_attributes(tag, attrs)

    def _check_attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name == "style":
                self.found.append(f'<{tag} style="{value}"> at {self._where()}')
            elif name.startswith("on"):
                self.found.append(f"<{tag} {name}=…> at {self._where()}")
            elif HTMX_EVAL_ATTRIBUTES.match(name):
                self.found.append(f"<{tag} {name}=…> (evaluated by htmx) at {self._where()}")
            elif name in ("hx-vals", "data-hx-vals") and re.match(
                    r"\s*(js|javascript):", value):
                self.found.append(f"<{tag} {name}='js:…'> (evaluated by htmx) "
                                  f"at {self._where()}")
            elif name in URL_ATTRIBUTES and re.match(r"\s*javascript:", value, re.I):
                self.found.append(f'<{tag} {name}="{value}"> at {self._where()}')


def inline_code(html: str) -> list[str]:
    """Every piece of inline script or style in `html`, described with its position."""
    finder = _InlineCodeFinder()
    finder.feed(html)
    finder.close()
    return finder.found
