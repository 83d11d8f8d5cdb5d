"""A city is restored only from a real zip archive: anything else under a .zip name (a web
page, a program) is refused with the file's name and the reason, and no city is made."""

import io

import pytest

from shared_apps.accounts.models import Role
from tenants.models import City
from tests import upload_samples as samples

pytestmark = pytest.mark.django_db


def _file(name: str, content: bytes) -> io.BytesIO:
    upload = io.BytesIO(content)
    upload.name = name
    return upload


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("export.zip", samples.HTML, "holds HTML, SVG, XML or script code"),
    ("export.zip", samples.EXE, "is named as a file of type ZIP but holds a file of type EXE"),
    ("export.zip", b"not a zip", "is not a valid file of type ZIP"),
    ("export.html", samples.HTML, "is not accepted"),
])
def test_restore_refuses_what_is_no_zip_archive(api_for, signed_in, hub, name, content,
                                                reason):
    partner = api_for(hub, roles=[Role.PARTNER_ADMIN])
    response = partner.post("/api/v1/cities/restore/", {
        "archive": _file(name, content), "name": "Ghent 2", "slug": "ghent-2"})
    assert response.status_code == 400, response.content
    [message] = response.json()["errors"]["archive"]
    assert message.startswith(f"“{name}” {reason}"), message

    page = signed_in(hub, roles=[Role.PARTNER_ADMIN]).post("/partners/cities/restore/", {
        "archive": _file(name, content), "name": "Ghent 2", "slug": "ghent-2"})
    assert page.status_code == 400
    assert f"“{name}” {reason}" in page.text
    assert not City.objects.filter(slug="ghent-2").exists()
