"""Onboarding can never give a city an address or a name that passes for another city's:
look-alike slugs, duplicate names, extra domains that take another city's host, and two
partner admins onboarding the same slug at the same moment."""


import pytest
from django.conf import settings

from shared_apps.accounts.models import Role
from tenants.models import City, Domain

pytestmark = pytest.mark.django_db


def spec(**overrides) -> dict:
    return {"name": "Ghent", "slug": "ghent", "country": "BE", "enabled_languages": ["nl", "en"],
            "default_language": "nl", "timezone": "Europe/Brussels", "currency": "EUR",
            **overrides}


@pytest.fixture
def partner(api_for, hub):
    return api_for(hub, roles=[Role.PARTNER_ADMIN])


@pytest.mark.parametrize(("slug", "looks_like"), [
    ("c1uj", "cluj"),        # digit one for a small L
    ("pari5", None),         # not in Unicode's confusables: a different name
    ("rotterdarn", "rotterdam"),  # "rn" for "m"
    ("veszprern", "veszprem"),
])
def test_a_slug_that_looks_like_an_existing_city_is_refused(partner, slug, looks_like):
    response = partner.post("/api/v1/cities/", spec(slug=slug, name=f"City {slug}"),
                            content_type="application/json")
    if looks_like is None:
        assert response.status_code == 202, response.content
        return
    assert response.status_code == 400
    message = " ".join(response.json()["errors"]["slug"])
    assert looks_like in message
    assert not City.objects.filter(slug=slug).exists()


def test_a_look_alike_of_a_city_made_later_is_refused_too(partner):
    assert partner.post("/api/v1/cities/", spec(slug="porto2", name="Porto Two"),
                        content_type="application/json").status_code == 202
    refused = partner.post("/api/v1/cities/", spec(slug="p0rto2", name="Other"),
                           content_type="application/json")
    assert refused.status_code == 400
    assert "porto2" in " ".join(refused.json()["errors"]["slug"])


@pytest.mark.parametrize("name", ["Paris", "PARIS", "  paris ", "Veszprem", "veszprém",
                                  "CLUJ-NAPOCA"])
def test_a_second_city_with_the_same_name_is_refused(partner, name):
    response = partner.post("/api/v1/cities/", spec(name=name, slug="another"),
                            content_type="application/json")
    assert response.status_code == 400
    assert "already" in " ".join(response.json()["errors"]["name"])


def test_a_name_refusal_is_in_the_partner_admins_language(partner):
    response = partner.post("/api/v1/cities/", spec(name="Paris", slug="another"),
                            content_type="application/json", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    message = " ".join(response.json()["errors"]["name"])
    assert message == "Le réseau a déjà une ville nommée « Paris »."


@pytest.mark.parametrize("domain", [
    "nowy-targ.{base}",          # a future city's own address
    "cluj.{base}",               # an existing city's address
    "{base}",                    # the hub
    "deep.inside.{base}",
    "innovation.paris.example",  # another city's extra domain
])
def test_an_extra_domain_that_is_or_may_become_another_citys_is_refused(partner, domain):
    domain = domain.format(base=settings.BASE_DOMAIN)
    response = partner.post("/api/v1/cities/", spec(extra_domains=[domain]),
                            content_type="application/json")
    assert response.status_code == 400, response.content
    assert domain in " ".join(response.json()["errors"]["extra_domains"])
    assert not City.objects.filter(slug="ghent").exists()


def test_a_city_whose_address_another_city_holds_is_never_reported_active(partner,
                                                                          client_for):
    # An older city got `nowy-targ.<base>` as an extra domain before the rule above existed.
    zakopane = City.objects.get(slug="paris")
    Domain.objects.create(domain=f"nowy-targ.{settings.BASE_DOMAIN}", tenant=zakopane,
                          is_primary=False)
    response = partner.post("/api/v1/cities/", spec(slug="nowy-targ", name="Nowy Targ"),
                            content_type="application/json")
    assert response.status_code == 400
    assert "nowy-targ" in " ".join(response.json()["errors"]["slug"])
    assert not City.objects.filter(slug="nowy-targ").exists()


def test_an_address_taken_between_onboarding_and_provisioning_stops_the_city(partner,
                                                                             client_for):
    """The provisioning job checks again: a city never opens at an address that serves
    another city, and the partner admin sees why."""
    from tenants.models import ProvisioningJob
    from tenants.services import city_onboard, provisioning_run

    job = city_onboard(**spec(slug="ghent", extra_domains=["innovatie.gent.example"]))
    Domain.objects.create(domain="innovatie.gent.example",
                          tenant=City.objects.get(slug="paris"), is_primary=False)
    with pytest.raises(Exception, match="already taken by Paris"):
        provisioning_run(job=job)
    job = ProvisioningJob.objects.get(pk=job.pk)
    assert job.state == ProvisioningJob.State.FAILED
    assert City.objects.get(slug="ghent").status == City.Status.PROVISIONING
    progress = partner.get("/api/v1/cities/ghent/provisioning/").json()
    assert progress["status"] != "active"
    assert "already taken by Paris" in progress["error"]
