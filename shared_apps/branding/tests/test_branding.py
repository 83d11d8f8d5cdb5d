"""A city admin (or the hub's staff) gives the site its logo and colour; visitors see them on
every page and in e-mails; colours too light to read are refused in the admin's language."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from shared_apps.accounts.models import Role
from shared_apps.branding.contrast import contrast_ratio, relative_luminance
from tests.upload_samples import PNG, SVG

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png(name: str = "logo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def put_multipart(client, data: dict):
    return client.put("/api/v1/branding/", encode_multipart(BOUNDARY, data),
                      content_type=MULTIPART_CONTENT)


def stylesheet_of(client) -> str:
    page = client.get("/")
    href = re.search(r'<link rel="stylesheet" href="(/brand\.css\?v=[^"]+)"', page.text)
    assert href, "the page links no brand stylesheet"
    answer = client.get(href.group(1))
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/css")
    return answer.content.decode()


def test_contrast_follows_wcag_relative_luminance():
    assert relative_luminance("#ffffff") == pytest.approx(1.0)
    assert relative_luminance("#000000") == 0
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#777777") == pytest.approx(4.48, abs=0.005)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.005)
    assert contrast_ratio("#ffff00", "#ffffff") == pytest.approx(1.07, abs=0.005)


def test_city_admin_sets_logo_and_colour_seen_on_the_home_page(signed_in, client_for, paris,
                                                               tmp_path):
    admin = signed_in(paris, roles=[Role.CITY_ADMIN])
    form = admin.get("/branding/")
    assert form.status_code == 200
    assert 'type="color"' in form.text
    answer = admin.post("/branding/", {"primary_colour": "#7a1f5c", "logo": png()})
    assert answer.status_code == 302

    visitor = client_for(paris)
    home = visitor.get("/")
    assert re.search(r'<img class="brand-logo" src="/brand/logo\?v=\w+" alt="">', home.text)
    assert "Paris" in home.text
    assert "--brand:#7a1f5c" in stylesheet_of(visitor)
    logo = visitor.get("/brand/logo")
    assert logo.status_code == 200
    assert logo["Content-Type"] == "image/png"
    assert logo["X-Content-Type-Options"] == "nosniff"
    assert b"".join(logo.streaming_content) == PNG
    # Kept with the city's own files.
    [stored] = tmp_path.glob("*/branding/logo*.png")
    assert stored.parent.parent.name == paris.schema_name

    # The audit trail records who changed it.
    trail = admin.get("/api/v1/audit/").json()["results"]
    assert any(entry["action"] == "branding.changed" for entry in trail)


def test_the_stylesheet_is_cacheable_and_revalidates_by_etag(client_for, cluj):
    visitor = client_for(cluj)
    first = visitor.get("/brand.css")
    etag = first["ETag"]
    assert etag
    assert visitor.get("/brand.css", HTTP_IF_NONE_MATCH=etag).status_code == 304
    versioned = visitor.get(f"/brand.css?v={etag.strip(chr(34))}")
    assert "immutable" in versioned["Cache-Control"]


def test_an_svg_logo_is_refused(signed_in, paris):
    admin = signed_in(paris, roles=[Role.CITY_ADMIN])
    answer = admin.post("/branding/", {
        "primary_colour": "#0b5cad",
        "logo": SimpleUploadedFile("logo.svg", SVG, content_type="image/svg+xml")})
    assert answer.status_code == 400
    assert "logo.svg" in answer.text
    assert admin.get("/brand/logo").status_code == 404
    api = put_multipart(admin, {"logo": SimpleUploadedFile("logo.png", SVG,
                                                            content_type="image/png")})
    assert api.status_code == 400
    assert "logo.png" in api.json()["errors"]["logo"][0]


def test_a_colour_too_light_is_refused_in_the_admins_language(signed_in, paris):
    admin = signed_in(paris, roles=[Role.CITY_ADMIN], headers={"HTTP_ACCEPT_LANGUAGE": "fr"})
    answer = admin.post("/branding/", {"primary_colour": "#ffff00"})
    assert answer.status_code == 400
    assert "1,07:1" in answer.text
    assert "4,5:1" in answer.text
    assert "contraste" in answer.text
    api = admin.put("/api/v1/branding/", {"primary_colour": "#ffff00"},
                    content_type="application/json")
    assert api.status_code == 400
    [message] = api.json()["errors"]["primary_colour"]
    assert "1,07:1" in message and "contraste" in message
    assert "--brand:#0b5cad" in stylesheet_of(admin)  # nothing changed


def test_an_employee_may_not_change_the_branding(signed_in, api_for, paris):
    employee = signed_in(paris, roles=[Role.EMPLOYEE])
    assert employee.get("/branding/").status_code == 403
    assert employee.post("/branding/", {"primary_colour": "#000000"}).status_code == 403
    api = api_for(paris, roles=[Role.EMPLOYEE])
    assert api.get("/api/v1/branding/").status_code == 200
    assert api.put("/api/v1/branding/", {"primary_colour": "#000000"},
                   content_type="application/json").status_code == 403


def test_each_city_and_the_hub_keep_their_own_branding(api_for, client_for, paris, cluj,
                                                       hub):
    paris_admin = api_for(paris, roles=[Role.CITY_ADMIN])
    answer = put_multipart(paris_admin, {"primary_colour": "#7A1F5C", "logo": png()})
    assert answer.status_code == 200, answer.content
    assert answer.json()["primary_colour"] == "#7a1f5c"
    assert answer.json()["logo_url"].startswith("http://paris.localhost/brand/logo?v=")

    assert "#7a1f5c" not in stylesheet_of(client_for(cluj))
    assert client_for(cluj).get("/brand/logo").status_code == 404
    assert 'class="brand-logo"' not in client_for(cluj).get("/").text

    partner = api_for(hub, roles=[Role.PARTNER_ADMIN])
    assert partner.put("/api/v1/branding/", {"primary_colour": "#1d6b32"},
                       content_type="application/json").status_code == 200
    assert "--brand:#1d6b32" in stylesheet_of(client_for(hub))
    assert "--brand:#7a1f5c" in stylesheet_of(client_for(paris))
    assert "--brand:#0b5cad" in stylesheet_of(client_for(cluj))
    # A city admin's token means nothing on the hub.
    assert client_for(hub, HTTP_AUTHORIZATION=f"Token {paris_admin.token}").put(
        "/api/v1/branding/", {"primary_colour": "#000000"},
        content_type="application/json").status_code == 401


def test_hub_staff_set_the_hubs_branding_on_its_page(signed_in, hub):
    coordinator = signed_in(hub, roles=[Role.COORDINATOR])
    assert coordinator.post("/branding/", {"primary_colour": "#5c2d91"}).status_code == 302
    assert "--brand:#5c2d91" in coordinator.get("/brand.css").text


def test_emails_carry_the_citys_logo_and_colour(api_for, paris,
                                                django_capture_on_commit_callbacks):
    admin = api_for(paris, roles=[Role.CITY_ADMIN])
    put_multipart(admin, {"primary_colour": "#7a1f5c", "logo": png()})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = admin.post("/api/v1/invitations/", {"email": "new.colleague@paris.test",
                                                     "roles": [Role.EMPLOYEE]},
                            content_type="application/json")
    assert answer.status_code == 201, answer.content
    [message] = [m for m in mail.outbox if m.to == ["new.colleague@paris.test"]]
    assert message.body  # the plain-text part stays
    [(html, kind)] = message.alternatives
    assert kind == "text/html"
    assert re.search(r'<img src="http://paris\.localhost(:\d+)?/brand/logo\?v=\w+" '
                     r'alt="Paris"', html)
    assert "#7a1f5c" in html


def test_a_password_reset_email_carries_the_citys_logo(api_for, client_for, make_user, paris,
                                                       mailoutbox):
    put_multipart(api_for(paris, roles=[Role.CITY_ADMIN]), {"logo": png()})
    make_user(paris, username="amelie", email="amelie@paris.test")
    answer = client_for(paris).post("/accounts/password-reset/", {"email": "amelie@paris.test"})
    assert answer.status_code == 302
    [message] = [m for m in mailoutbox if m.to == ["amelie@paris.test"]]
    [link] = re.findall(r"http://paris\.localhost/\S+", message.body)
    [(html, _kind)] = message.alternatives
    assert 'src="http://paris.localhost/brand/logo?v=' in html
    assert f'href="{link}"' in html


def test_a_notice_from_the_hub_carries_the_citys_branding_not_the_hubs(
        api_for, make_user, paris, hub, django_capture_on_commit_callbacks):
    put_multipart(api_for(paris, roles=[Role.CITY_ADMIN]),
                  {"primary_colour": "#7a1f5c", "logo": png()})
    api_for(hub, roles=[Role.PARTNER_ADMIN]).put(
        "/api/v1/branding/", {"primary_colour": "#1d6b32"}, content_type="application/json")
    make_user(paris, username="claire", email="claire@paris.test", roles=[Role.CITY_ADMIN])
    partner = api_for(hub, roles=[Role.PARTNER_ADMIN])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = partner.post("/api/v1/cities/paris/suspend/",
                              {"confirm": "paris", "reason": "Contrat non renouvelé"},
                              content_type="application/json")
    assert answer.status_code == 200, answer.content
    [message] = [m for m in mail.outbox if "claire@paris.test" in m.to]
    [(html, _kind)] = message.alternatives
    assert re.search(r'src="http://paris\.localhost(:\d+)?/brand/logo\?v=\w+" alt="Paris"', html)
    assert "#7a1f5c" in html and "#1d6b32" not in html


WEBP = (b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88"
        b"\x88\xfe\x07\x00")


def test_a_webp_logo_is_served_as_webp(api_for, client_for, cluj):
    admin = api_for(cluj, roles=[Role.CITY_ADMIN])
    answer = put_multipart(admin, {"logo": SimpleUploadedFile("sigla.webp", WEBP,
                                                              content_type="image/webp")})
    assert answer.status_code == 200, answer.content
    logo = client_for(cluj).get("/brand/logo")
    assert logo["Content-Type"] == "image/webp"
    assert logo["X-Content-Type-Options"] == "nosniff"
    # Removing it brings the city's name back in the header.
    assert put_multipart(admin, {"logo_remove": "true"}).json()["logo_url"] is None
    assert client_for(cluj).get("/brand/logo").status_code == 404
    assert 'class="brand-logo"' not in client_for(cluj).get("/").text
