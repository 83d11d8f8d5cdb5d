"""Content-Security-Policy: every page of a city and of the hub carries one that allows no
inline script or style, and no page needs one that does: a walk through the pages of a
filled city (as its admin and as an evaluator) and of the hub (as a partner admin and as a
coordinator) finds no inline code, and neither does a read of every template."""

import ast
import base64
import hashlib
import re
from collections import deque
from datetime import timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role, User
from tenants.models import City
from tenants.services import city_create
from tests.inline_code import inline_code

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def policy_of(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, f"{response.request['PATH_INFO']} has no Content-Security-Policy"
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("which", ["city", "hub"])
def test_pages_carry_a_policy_without_inline_code(which, client_for, cluj, hub, signed_in):
    city = cluj if which == "city" else hub
    for client in (client_for(city), signed_in(city, roles=[Role.CITY_ADMIN, Role.EMPLOYEE]
                                                 if which == "city" else [Role.COORDINATOR])):
        response = client.get("/")
        assert response.status_code == 200
        assert policy_of(response) == POLICY
        # The other security headers stay as they were.
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    # Error pages and API answers carry it too.
    assert policy_of(client_for(city).get("/no-such-page/")) == POLICY
    assert policy_of(client_for(city).get("/api/v1/me/")) == POLICY


def test_a_deployment_adds_sources_with_csp_extra(settings, client_for, cluj):
    from innovato.settings import content_security_policy

    # What CSP_EXTRA="img-src https://cdn.example.org; object-src https://x.example" sets.
    settings.CONTENT_SECURITY_POLICY = content_security_policy(
        " img-src https://cdn.example.org ; object-src https://x.example;")
    assert policy_of(client_for(cluj).get("/")) == {
        **POLICY, "img-src": ["'self'", "https://cdn.example.org"],
        "object-src": ["https://x.example"]}  # 'none' cannot stand beside a source


def test_htmx_is_told_not_to_add_styles_or_evaluate_code(client_for, cluj):
    html = client_for(cluj).get("/accounts/login/").content.decode()
    config = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", html).group(1)
    assert '"includeIndicatorStyles": false' in config
    assert '"allowEval": false' in config
    assert '"allowScriptTags": false' in config


def test_api_docs_load_their_code_from_files(client_for, cluj, hub):
    for city in (cluj, hub):
        client = client_for(city)
        page = client.get("/api/v1/docs/")
        assert page.status_code == 200
        html = page.content.decode()
        assert inline_code(html) == []
        # Swagger UI's stylesheet draws its icons as data: images; only this page allows them.
        assert policy_of(page) == {**POLICY, "img-src": ["'self'", "data:"]}
        scripts = re.findall(r'<script src="([^"]+)"', html)
        assert any("swagger-ui-bundle" in src for src in scripts)
        setup = [src for src in scripts if "script" in urlsplit(src).query]
        assert setup, "the page that starts Swagger UI is not a file"
        answer = client.get(setup[0].replace("&amp;", "&"))
        assert answer.status_code == 200
        assert answer["Content-Type"].startswith("application/javascript")
        assert "SwaggerUIBundle(" in answer.content.decode()


# --- Every template and the code that writes HTML -------------------------------------------

ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [ROOT / "platform" / "innovato" / "templates", ROOT / "tenants" / "templates",
                 *ROOT.glob("shared_apps/*/templates"), *ROOT.glob("tenant_apps/*/templates")]
TEMPLATE_PATTERNS = {
    "style attribute": re.compile(r"\sstyle\s*="),
    "<style> element": re.compile(r"<style\b", re.I),
    "inline <script>": re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)"),
    "event-handler attribute": re.compile(r"\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "htmx attribute that runs code": re.compile(r"\shx-(on\b|on:|on-|vars\b)|js:"),
}


def test_no_template_holds_inline_code():
    # E-mail templates style inline on purpose: mail clients ignore stylesheets, and the
    # page's Content-Security-Policy does not apply to an e-mail.
    templates = [path for folder in TEMPLATE_DIRS for path in folder.rglob("*.html")
                 if "email" not in path.relative_to(folder).parts]
    assert len(templates) > 50
    found = [f"{path.relative_to(ROOT)}:{number}: {kind}"
             for path in templates
             for number, line in enumerate(path.read_text().splitlines(), start=1)
             for kind, pattern in TEMPLATE_PATTERNS.items() if pattern.search(line)]
    assert found == []


def test_no_python_code_writes_style_attributes():
    """Strings in the code (not names such as a `style` parameter) hold no style attribute
    and no style element."""
    markup = re.compile(r"""\bstyle\s*=\s*\\?["']|<style[\s>]""")
    sources = [path for folder in ("platform", "tenants", "shared_apps", "tenant_apps")
               for path in (ROOT / folder).rglob("*.py")
               if "tests" not in path.parts and "migrations" not in path.parts]
    found = [f"{path.relative_to(ROOT)}:{node.lineno}"
             for path in sources
             for node in ast.walk(ast.parse(path.read_text()))
             if isinstance(node, ast.Constant) and isinstance(node.value, str)
             and markup.search(node.value)]
    assert found == []


# --- A walk through the pages ---------------------------------------------------------------

SKIPPED = re.compile(r"^/(api|admin|static|media)/|/logout/|\.(csv|xlsx|pdf|json)$"
                     r"|/attachments/\d+/$|/evidence/$")


def _shape(path: str) -> str:
    path = re.sub(r"^/partners/cities/(?!new/|restore/)[^/?]+/", "/partners/cities/S/", path)
    return re.sub(r"\d+", "N", path)


def walk(client: Client, host: str, *, start: tuple[str, ...] = ("/",), limit: int = 160,
         per_shape: int = 2) -> dict:
    """Follow every link of the site from `start`, GET only, at most `per_shape` pages
    whose paths differ only in ids. Returns {path: problems found} for every HTML page."""
    queue, seen, shapes, pages = deque(start), set(start), {}, {}
    while queue and len(pages) < limit:
        path = queue.popleft()
        response = client.get(path)
        assert response.status_code < 500, f"{path} answered {response.status_code}"
        if response.status_code in (301, 302, 303):
            targets = [response["Location"]]
        elif response["Content-Type"].startswith("text/html"):
            html = response.content.decode()
            pages[path] = inline_code(html)
            if "Content-Security-Policy" not in response:
                pages[path].append("no Content-Security-Policy header")
            targets = re.findall(r'<a\b[^>]*\shref="([^"#]*)', html)
        else:
            continue
        for target in targets:
            url = urlsplit(urljoin(f"http://{host}{path}", target.replace("&amp;", "&")))
            if url.netloc != host or url.scheme != "http":
                continue
            query = "&".join(part for part in url.query.split("&")
                             if part and not part.startswith(("lang=", "next=")))
            link = url.path + (f"?{query}" if query else "")
            shape = _shape(link)
            if link in seen or SKIPPED.search(url.path) or shapes.get(shape, 0) >= per_shape:
                continue
            seen.add(link)
            shapes[shape] = shapes.get(shape, 0) + 1
            queue.append(link)
    return pages


@pytest.fixture
def demo_city(db) -> City:
    """A city filled the way the demo fills one: calls in every phase, proposals, scores,
    decisions, implementations, notifications."""
    from tenants.demo import demo_city_fill

    city = city_create(name="Walk City", slug="walk", country="RO", default_language="ro",
                       enabled_languages=["ro", "en"], timezone="Europe/Bucharest",
                       currency="RON")
    with override_settings(DEBUG=True):
        demo_city_fill(city, variant=0)
    return city


def _client(city: City, username: str) -> Client:
    client = Client(HTTP_HOST="localhost" if city.is_hub else f"{city.slug}.localhost",
                    HTTP_ACCEPT_LANGUAGE="en")
    with tenant_context(city):
        client.force_login(User.objects.get(username=username))
    return client


def test_walking_a_city_finds_no_inline_code(demo_city):
    for username, least in (("cityadmin", 30), ("evaluator", 12)):
        pages = walk(_client(demo_city, username), "walk.localhost")
        assert len({_shape(path) for path in pages}) >= least, sorted(pages)
        assert {path: problems for path, problems in pages.items() if problems} == {}


def test_walking_the_hub_finds_no_inline_code(demo_city, hub, make_user):
    from shared_apps.hub import boundary, services
    from tenant_apps.proposals.models import Proposal, Status

    coordinator = make_user(hub, username="nora", roles=[Role.COORDINATOR])
    make_user(hub, username="paul", roles=[Role.PARTNER_ADMIN])
    with tenant_context(demo_city):
        proposal = Proposal.objects.filter(status=Status.IMPLEMENTED).first()
        admin = User.objects.get(username="cityadmin")
        practice = boundary.practice_share(proposal=proposal, by=admin, summary="Shared.",
                                           language="en")
    services.practice_publish(practice=practice, by=coordinator)
    services.event_save(by=coordinator, title="Webinar", language="en",
                        starts_at=timezone.now() + timedelta(days=3))
    for username, least in (("paul", 14), ("nora", 8)):
        pages = walk(_client(hub, username), "localhost", start=("/", "/partners/cities/"))
        assert len({_shape(path) for path in pages}) >= least, sorted(pages)
        assert {path: problems for path, problems in pages.items() if problems} == {}


def test_browsable_api_allows_its_own_style_attributes_only(cluj, signed_in, make_call):
    make_call(cluj)
    client = signed_in(cluj, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    page = client.get("/api/v1/proposals/", HTTP_ACCEPT="text/html")
    assert page.status_code == 200
    html = page.content.decode()
    policy = policy_of(page)
    allowed = policy.pop("style-src-attr")
    assert policy == POLICY
    assert allowed[0] == "'unsafe-hashes'"
    attributes = re.findall(r'\sstyle="([^"]*)"', html)
    assert attributes, "the page has no style attribute left to check"
    for value in attributes:
        digest = base64.b64encode(hashlib.sha256(value.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed, value
    assert [problem for problem in inline_code(html) if "style=" not in problem] == []
