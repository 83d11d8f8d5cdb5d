"""API tokens: several per person, named, hashed, expiring and revocable."""

from datetime import timedelta

from django.utils import timezone
from django_tenants.utils import tenant_context

from conftest import TEST_PASSWORD
from shared_apps.accounts.models import ApiToken, Role


def test_each_sign_in_gets_its_own_named_token(cluj, make_user, client_for):
    make_user(cluj, username="ana")
    api = client_for(cluj, HTTP_USER_AGENT="curl/8.5")
    first = api.post("/api/v1/auth/token/", {"username": "ana", "password": TEST_PASSWORD})
    second = api.post("/api/v1/auth/token/", {"username": "ana", "password": TEST_PASSWORD,
                                              "name": "Nightly export"})
    assert first.status_code == second.status_code == 200
    assert first.json()["token"] != second.json()["token"]
    mine = client_for(cluj, HTTP_AUTHORIZATION=f"Token {first.json()['token']}")
    listed = mine.get("/api/v1/me/tokens/").json()["results"]
    assert sorted(t["name"] for t in listed) == ["Nightly export", "Sign-in from curl/8.5"]
    assert all("token" not in t and t["expires_at"] for t in listed)
    with tenant_context(cluj):  # only digests are stored
        assert not ApiToken.objects.filter(key_digest=first.json()["token"]).exists()


def test_people_create_and_revoke_their_own_tokens_by_api(cluj, paris, api_for):
    api = api_for(cluj)
    other = api_for(cluj)
    created = api.post("/api/v1/me/tokens/", {"name": "Reports"}, content_type="application/json")
    assert created.status_code == 201
    secret = created.json()["token"]
    tokens = api.get("/api/v1/me/tokens/").json()["results"]
    assert len(tokens) == 2
    assert other.get("/api/v1/me/tokens/").json()["count"] == 1
    # Nobody revokes another person's token, and another city knows nothing of it.
    assert other.delete(f"/api/v1/me/tokens/{created.json()['id']}/").status_code == 404
    assert api_for(paris).delete(f"/api/v1/me/tokens/{created.json()['id']}/").status_code == 404
    paris_api = api.__class__(HTTP_HOST="paris.localhost", HTTP_AUTHORIZATION=f"Token {secret}")
    assert paris_api.get("/api/v1/me/").status_code == 401
    assert api.delete(f"/api/v1/me/tokens/{created.json()['id']}/").status_code == 204
    revoked = api.__class__(HTTP_HOST="cluj.localhost", HTTP_AUTHORIZATION=f"Token {secret}")
    assert revoked.get("/api/v1/me/").status_code == 401
    assert api.post("/api/v1/me/tokens/", {"name": ""},
                    content_type="application/json").status_code == 400


def test_expired_token_is_refused_in_the_users_language(paris, api_for, client_for, settings):
    api = api_for(paris)
    with tenant_context(paris):
        token = ApiToken.objects.get(user=api.user)
        assert token.expires_at > timezone.now() + timedelta(days=settings.API_TOKEN_VALID_DAYS - 1)
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(days=1))
    refused = client_for(paris, HTTP_AUTHORIZATION=f"Token {api.token}",
                         HTTP_ACCEPT_LANGUAGE="fr").get("/api/v1/me/")
    assert refused.status_code == 401
    assert "expiré" in refused.json()["detail"]


def test_tokens_page_lists_creates_shows_once_and_revokes(cluj, signed_in):
    browser = signed_in(cluj, roles=(Role.EVALUATOR,))
    page = browser.get("/accounts/tokens/")
    assert page.status_code == 200
    created = browser.post("/accounts/tokens/", {"name": "Spreadsheet"}, follow=True)
    assert created.status_code == 200
    with tenant_context(cluj):
        token = ApiToken.objects.get(user=browser.user)
    assert "Spreadsheet" in created.text
    secret = created.context["new_token"]
    assert secret in created.text
    assert secret not in browser.get("/accounts/tokens/").text  # shown once
    assert browser.__class__(HTTP_HOST="cluj.localhost", HTTP_AUTHORIZATION=f"Token {secret}").get(
        "/api/v1/me/").status_code == 200
    browser.post(f"/accounts/tokens/{token.pk}/revoke/")
    with tenant_context(cluj):
        assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert browser.__class__(HTTP_HOST="cluj.localhost", HTTP_AUTHORIZATION=f"Token {secret}").get(
        "/api/v1/me/").status_code == 401
