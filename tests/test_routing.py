"""Requests reach the schema of the host they name, and only that one."""

import pytest
from django.test import Client
from django_tenants.utils import schema_context

from tenants.models import City, Domain
from tenants.selectors import city_for_hostname

pytestmark = pytest.mark.django_db


def home(host: str, **headers) -> object:
    return Client().get("/", HTTP_HOST=host, **headers)


@pytest.mark.parametrize(
    "host", ["cluj.localhost", "CLUJ.LOCALHOST", "cluj.localhost.", "cluj.localhost:8000",
             "Cluj.Localhost.:443", "www.cluj.localhost", "innovation.cluj.example"],
)
def test_host_variants_reach_the_city(cluj, host):
    response = home(host)
    assert response.status_code == 200
    assert "Cluj-Napoca" in response.text
    assert "Paris" not in response.text


@pytest.mark.parametrize(
    "host", ["nowhere.localhost", "cluj.localhost.evil.test", "cluj-napoca.localhost",
             "localhost.cluj", "paris.localhost@cluj.localhost", "..localhost", "cluj..localhost"],
)
def test_unknown_hosts_get_a_friendly_404(cluj, paris, host):
    response = home(host)
    assert response.status_code == 404
    assert "No city here" in response.text
    assert "Cluj-Napoca" not in response.text
    assert "Traceback" not in response.text
    assert "partner-city network" not in response.text  # never the hub's page


def test_unknown_host_page_speaks_the_browsers_language(cluj):
    response = home("nowhere.localhost", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert response.status_code == 404
    assert response.headers["Content-Language"] == "fr"
    assert '<html lang="fr"' in response.text


def test_forwarded_host_header_is_not_trusted(cluj, paris):
    response = home("cluj.localhost", HTTP_X_FORWARDED_HOST="paris.localhost")
    assert "Cluj-Napoca" in response.text
    response = home("nowhere.localhost", HTTP_X_FORWARDED_HOST="cluj.localhost")
    assert response.status_code == 404


def test_the_hub_answers_at_the_base_domain(cluj, paris):
    response = home("localhost")
    assert response.status_code == 200
    assert "partner-city network" in response.text
    assert 'href="http://cluj.localhost/"' in response.text
    assert 'href="http://paris.localhost/"' in response.text


def test_a_city_being_provisioned_is_not_reachable(cluj):
    City.objects.filter(pk=cluj.pk).update(status=City.Status.PROVISIONING)
    assert home("cluj.localhost").status_code == 404


def test_a_suspended_city_shows_a_notice(cluj):
    cluj.status = City.Status.SUSPENDED
    cluj.save()
    response = home("cluj.localhost")
    assert response.status_code == 503
    assert "suspended" in response.text


def test_warm_routing_costs_no_query(cluj, django_assert_num_queries):
    assert city_for_hostname("cluj.localhost") == cluj  # cold: reads the database
    assert city_for_hostname("nowhere.localhost") is None
    with django_assert_num_queries(0):
        assert city_for_hostname("cluj.localhost") == cluj
        assert city_for_hostname("nowhere.localhost") is None


def test_routing_cache_follows_domain_changes(cluj):
    assert home("innovare.cluj.example").status_code == 404  # now cached as unknown
    with schema_context("public"):
        domain = Domain.objects.create(domain="innovare.cluj.example", tenant=cluj,
                                       is_primary=False)
    assert home("innovare.cluj.example").status_code == 200
    with schema_context("public"):
        domain.domain = "renamed.cluj.example"
        domain.save()
    assert home("innovare.cluj.example").status_code == 404
    assert home("renamed.cluj.example").status_code == 200
    with schema_context("public"):
        domain.delete()
    assert home("renamed.cluj.example").status_code == 404


def test_links_in_emails_use_the_configured_scheme_and_port(cluj, settings, make_user,
                                                           mailoutbox,
                                                           django_capture_on_commit_callbacks):
    from django_tenants.utils import tenant_context

    from tenant_apps.notifications.services import notify

    settings.SITE_PORT = "8000"
    person = make_user(cluj)
    with tenant_context(cluj), django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[person], kind="assignment", params={"count": 1},
               url="/proposals/1/")
    assert "http://cluj.localhost:8000/proposals/1/" in mailoutbox[0].body
    settings.HTTPS_ONLY, settings.SITE_PORT = True, ""
    with tenant_context(cluj), django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[person], kind="assignment", params={"count": 1},
               url="/proposals/1/")
    assert "https://cluj.localhost/proposals/1/" in mailoutbox[1].body
