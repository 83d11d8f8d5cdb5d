"""The header's navigation: every page a role may use is one of its links (menus included),
the language menu switches in one click, the style page is for staff only, icons and avatars
render."""

import re

import pytest
from django.urls import reverse

from shared_apps.accounts.models import Role

NAV = re.compile(r'<nav id="site-nav".*?</nav>', re.S)
HREF = re.compile(r'href="([^"#?]+)"')

# The pages each role may use, by URL name (the city's for city roles, the hub's for others).
CITY_PAGES = ["calls:list", "proposals:list", "practices:list", "events:list",
              "implementation:overview", "people:department_list", "notifications:list",
              "notifications:preferences", "accounts:api_tokens"]
PAGES = {
    Role.EMPLOYEE: CITY_PAGES,
    Role.EVALUATOR: [*CITY_PAGES, "evaluation:mine"],
    Role.CITY_ADMIN: [*CITY_PAGES, "reports:city", "audit:list", "accounts:user_list",
                      "accounts:sign_in_settings", "calls:themes", "portal:terminology",
                      "portal:settings", "branding:settings", "city_billing", "style_guide"],
    Role.COORDINATOR: ["practices:list", "events:list", "hub:dashboard", "accounts:api_tokens",
                       "branding:settings", "style_guide"],
    Role.PARTNER_ADMIN: ["practices:list", "events:list", "hub:dashboard",
                         "accounts:api_tokens", "partners:city_list", "partners:city_onboard",
                         "partners:city_restore", "accounts:user_list",
                         "accounts:sign_in_settings", "branding:settings", "style_guide"],
}
HUB_ROLES = {Role.COORDINATOR, Role.PARTNER_ADMIN}


def nav_links(client) -> set[str]:
    html = client.get("/").content.decode()
    nav = NAV.search(html)
    assert nav, "the home page has the main navigation"
    return set(HREF.findall(nav.group(0)))


@pytest.mark.parametrize("role", list(PAGES))
def test_every_page_a_role_may_use_is_in_its_navigation(role, signed_in, cluj, hub):
    site = hub if role in HUB_ROLES else cluj
    roles = (role,) if role in HUB_ROLES else (Role.EMPLOYEE, role)
    client = signed_in(site, roles=roles)
    links = nav_links(client)
    urlconf = "innovato.urls_public" if site.is_hub else "innovato.urls_tenant"
    expected = {reverse(name, urlconf=urlconf) for name in PAGES[role]}
    assert expected - links == set()
    for path in expected:  # and each opens for this role
        assert client.get(path).status_code == 200, path


def test_employees_see_no_administration(signed_in, cluj):
    links = nav_links(signed_in(cluj, roles=(Role.EMPLOYEE,)))
    assert reverse("audit:list", urlconf="innovato.urls_tenant") not in links
    assert "/style/" not in links


def test_language_menu_switches_in_one_click(signed_in, cluj):
    client = signed_in(cluj, roles=(Role.EMPLOYEE,))
    html = client.get("/").content.decode()
    assert ">Change<" not in html
    buttons = re.findall(r'<button type="submit" name="language" value="([a-z-]+)"', html)
    assert len(buttons) > 1
    other = next(code for code in buttons if code != "en")
    response = client.post("/i18n/setlang/", {"language": other, "next": "/"}, follow=True)
    assert f'<html lang="{other}">' in response.content.decode()


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.EVALUATOR])
def test_style_page_refuses_people_who_are_not_staff(role, signed_in, cluj):
    assert signed_in(cluj, roles=(role,)).get("/style/").status_code == 403


def test_style_page_shows_every_component(signed_in, hub):
    client = signed_in(hub, roles=(Role.COORDINATOR,))
    type(client.user).objects.filter(pk=client.user.pk).update(first_name="Ana", last_name="Pop")
    html = client.get("/style/").content.decode()
    for css in ("btn--primary", "btn--danger", "field-help", "field-error", 'class="card"',
                "badge--selected", "timeline-step", '<progress class="progress"', "table-scroll",
                'class="empty"', "message success", "data-confirm=", 'class="avatar',
                'class="icon icon-'):
        assert css in html, css
    assert '<span class="avatar" aria-hidden="true">AP</span>' in html


def test_confirmed_example_action_leaves_a_message(signed_in, cluj):
    client = signed_in(cluj, roles=(Role.CITY_ADMIN,))
    response = client.post("/style/", follow=True)
    assert "The example action was confirmed." in response.content.decode()


def test_icons_are_inline_and_hidden_from_screen_readers(signed_in, cluj):
    html = signed_in(cluj, roles=(Role.EMPLOYEE,)).get("/").content.decode()
    assert re.search(r'<svg class="icon icon-bell"[^>]*aria-hidden="true"', html)
