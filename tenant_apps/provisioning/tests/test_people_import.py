"""Bulk import of people from a CSV file by the city admin: preview, then all or nothing."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Invitation, Role, User
from tenant_apps.people.models import Profile

GOOD = (
    "name;email;department;roles;language\n"
    "Ana Pop;ana.pop@cluj.example;Digital services;evaluator;hu\n"
    "Ion Rus;ion.rus@cluj.example;;;\n"
)


def csv_file(text: str, *, bom: bool = False, name: str = "people.csv") -> SimpleUploadedFile:
    data = text.encode("utf-8")
    return SimpleUploadedFile(name, (b"\xef\xbb\xbf" if bom else b"") + data,
                              content_type="text/csv")


def admin_of(city, signed_in, **kwargs):
    return signed_in(city, roles=(Role.CITY_ADMIN, Role.EMPLOYEE), **kwargs)


def test_excel_semicolon_file_with_bom_invites_everyone_in_their_language(
        cluj, signed_in, make_department, mailoutbox, django_capture_on_commit_callbacks,
        client_for):
    make_department(cluj, name="Digital services", code="digital")
    admin = admin_of(cluj, signed_in)
    preview = admin.post("/people/provisioning/import/", {"file": csv_file(GOOD, bom=True)})
    assert preview.status_code == 200
    assert "2 people will be invited." in preview.text
    with tenant_context(cluj):
        assert not Invitation.objects.exists()  # the preview writes nothing
    content = preview.text.split('name="content" value="')[1].split('"')[0]
    with django_capture_on_commit_callbacks(execute=True):
        done = admin.post("/people/provisioning/import/confirm/", {"content": content})
    assert done.status_code == 302 and done["Location"] == "/accounts/users/"
    mails = {mail.to[0]: mail for mail in mailoutbox}
    assert set(mails) == {"ana.pop@cluj.example", "ion.rus@cluj.example"}
    # Ana asked for Hungarian; Ion gets the city's own language, Romanian.
    assert mails["ana.pop@cluj.example"].subject.startswith("Meghívó az Innovato-platformra")
    assert mails["ion.rus@cluj.example"].subject.startswith("Invitație în spațiul Cluj-Napoca")
    hungarian = mails["ana.pop@cluj.example"].body
    link = next(word for word in hungarian.split() if "/accounts/invitations/" in word)
    # Ana accepts: her account has the department, roles and language of the file.
    path = link.split("cluj.localhost", 1)[1]
    guest = client_for(cluj)
    accepted = guest.post(path, {"username": "ana", "first_name": "", "last_name": "",
                                 "password1": "Correct-Horse-42", "password2": "Correct-Horse-42"})
    assert accepted.status_code == 302
    with tenant_context(cluj):
        ana = User.objects.get(username="ana")
        assert ana.roles == [Role.EMPLOYEE, Role.EVALUATOR]
        assert (ana.language, ana.first_name, ana.last_name) == ("hu", "Ana", "Pop")
        assert Profile.objects.get(user=ana).department.code == "digital"


def test_any_bad_row_blocks_the_whole_file_with_the_reason_on_its_row(cluj, signed_in,
                                                                      make_user, make_department):
    make_department(cluj, name="Digital services", code="digital")
    make_user(cluj, username="old", email="taken@cluj.example")
    admin = admin_of(cluj, signed_in)
    text = ("name,email,department,roles\n"
            "Ana Pop,ana@cluj.example,Digital services,evaluator\n"
            "Bad Mail,not-an-address,,\n"
            "Lost,lost@cluj.example,Space agency,\n"
            "Boss,boss@cluj.example,,emperor\n"
            "Twice,ANA@cluj.example,,\n"
            "Old,taken@cluj.example,,\n")
    preview = admin.post("/people/provisioning/import/", {"file": csv_file(text)})
    assert preview.status_code == 400
    page = preview.text
    assert "5 rows have errors" in page
    for reason in ("“not-an-address” is not a valid e-mail address.",
                   "There is no department “Space agency”.",
                   "“emperor” is not a role here.",
                   "This e-mail address is also on line 2.",
                   "Someone with this e-mail address already has an account."):
        assert reason in page, reason
    assert 'name="content"' not in page  # no way to confirm
    # Even posted directly, the confirmation refuses the file and changes nothing.
    import base64

    refused = admin.post("/people/provisioning/import/confirm/",
                         {"content": base64.b64encode(text.encode()).decode()})
    assert refused.status_code == 400
    with tenant_context(cluj):
        assert not Invitation.objects.exists()


def test_file_errors_are_clear(cluj, signed_in, settings):
    admin = admin_of(cluj, signed_in)
    latin1 = SimpleUploadedFile("people.csv", "name,email\nȘtefan,ș@x.ro\n".encode("utf-16"))
    assert "not in UTF-8" in admin.post("/people/provisioning/import/",
                                        {"file": latin1}).text
    assert "missing: email" in admin.post("/people/provisioning/import/",
                                          {"file": csv_file("name\nAna\n")}).text
    settings.PEOPLE_IMPORT_MAX_ROWS = 2
    many = "name,email\n" + "".join(f"P{i},p{i}@cluj.example\n" for i in range(3))
    assert "at most 2 rows" in admin.post("/people/provisioning/import/",
                                          {"file": csv_file(many)}).text
    settings.PEOPLE_IMPORT_MAX_BYTES = 100
    big = admin.post("/people/provisioning/import/", {"file": csv_file("x" * 200)})
    assert big.status_code == 400 and "too large" in big.text
    assert signed_in(cluj).get("/people/provisioning/import/").status_code == 403


def test_the_api_previews_then_imports(cluj, api_for, make_department, mailoutbox,
                                       django_capture_on_commit_callbacks, settings):
    make_department(cluj, name="Digital services", code="digital")
    admin = api_for(cluj, roles=(Role.CITY_ADMIN, Role.EMPLOYEE))
    preview = admin.post("/api/v1/people-import/preview/", {"file": csv_file(GOOD)})
    assert preview.status_code == 200
    assert preview.json()["valid"] is True
    assert [row["roles"] for row in preview.json()["rows"]] == [
        ["employee", "evaluator"], ["employee"]]
    assert [row["language"] for row in preview.json()["rows"]] == ["hu", "ro"]
    bad = admin.post("/api/v1/people-import/", {"file": csv_file(GOOD + "X;bad;;;\n")})
    assert bad.status_code == 400 and bad.json()["rows"][2]["errors"]
    with django_capture_on_commit_callbacks(execute=True):
        done = admin.post("/api/v1/people-import/", {"file": csv_file(GOOD)})
    assert done.status_code == 201 and done.json() == {"invited": 2}
    assert len(mailoutbox) == 2
    settings.PEOPLE_IMPORT_MAX_BYTES = 50
    too_large = admin.post("/api/v1/people-import/preview/", {"file": csv_file(GOOD)})
    assert too_large.json()["valid"] is False
    assert too_large.json()["errors"] == ["The file is too large: at most 1 KB."]
    assert api_for(cluj).post("/api/v1/people-import/",
                              {"file": csv_file(GOOD)}).status_code == 403


def test_a_paris_admin_reads_the_rows_errors_in_french(paris, signed_in, client_for):
    admin = signed_in(paris, roles=(Role.CITY_ADMIN, Role.EMPLOYEE),
                      headers={"HTTP_ACCEPT_LANGUAGE": "fr"})
    text = "nom;courriel;département;rôles\nAnne;anne@paris.example;Voirie;juge\n"
    preview = admin.post("/people/provisioning/import/", {"file": csv_file(text)})
    assert preview.status_code == 400
    assert "Il n’y a pas de service « Voirie »." in preview.text
    assert "« juge » n’est pas un rôle ici." in preview.text
    assert "1 ligne contient des erreurs." in preview.text
