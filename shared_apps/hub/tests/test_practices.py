"""Good practices travel between cities through the hub, and nothing else does."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from shared_apps.hub import boundary, services
from shared_apps.hub.models import Adoption, GoodPractice
from tenant_apps.calls.models import Call, Phase
from tenant_apps.implementation.models import Implementation, SavingsEntry
from tenant_apps.proposals.models import CoAuthor, Proposal, PublicationConsent, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluj_admin(cluj, make_user):
    return make_user(cluj, username="cluj.admin", roles=[Role.CITY_ADMIN, Role.EMPLOYEE])


@pytest.fixture
def implemented(cluj, cluj_admin, make_user, make_call, make_proposal):
    """An implemented Cluj proposal with a co-author and realised savings."""
    author = make_user(cluj, username="ioana.author")
    coauthor = make_user(cluj, username="mihai.coauthor")
    with tenant_context(cluj):
        author.first_name, author.last_name = "Ioana", "Pop"
        author.save()
        coauthor.first_name, coauthor.last_name = "Mihai", "Ionescu"
        coauthor.save()
    call = make_call(cluj, phase=Phase.IMPLEMENTATION, admin=cluj_admin)
    proposal = make_proposal(cluj, call, author=author, status=Status.IMPLEMENTED,
                             title="Semnătura digitală pentru aprobări interne")
    with tenant_context(cluj):
        proposal.title_ro = "Semnătura digitală pentru aprobări interne"
        proposal.title_en = "Digital signatures for internal approvals"
        proposal.save()
        CoAuthor.objects.create(proposal=proposal, user=coauthor,
                                state=CoAuthor.State.ACCEPTED)
        implementation = Implementation.objects.create(proposal=proposal, lead=author)
        for month, money in ((1, "1000"), (2, "1500")):
            SavingsEntry.objects.create(implementation=implementation,
                                        period=date(2026, month, 1), projected_money=1000,
                                        realised_money=Decimal(money), projected_hours=10,
                                        realised_hours=12)
    proposal.author_user, proposal.coauthor_user = author, coauthor
    return proposal


def share(city, admin, proposal, **extra):
    with tenant_context(city):
        return boundary.practice_share(proposal=proposal, by=admin,
                                       summary="Approvals signed online in minutes.",
                                       results="40 approvals a week, no paper.",
                                       tags=["paperless", "Signatures"], **extra)


def test_sharing_copies_no_personal_data_without_consent(cluj, cluj_admin, implemented):
    practice = share(cluj, cluj_admin, implemented, contact_role="Head of Digital services")
    assert practice.author_names == []
    assert practice.title_ro == "Semnătura digitală pentru aprobări interne"
    assert practice.title_en == "Digital signatures for internal approvals"
    assert practice.realised_savings_money == Decimal("2500.00")
    assert practice.currency == "RON"
    assert practice.tags == ["paperless", "signatures"]
    stored = GoodPractice.objects.filter(pk=practice.pk).values()[0]
    for value in stored.values():
        assert "Ioana" not in str(value) and "ioana.author" not in str(value)
        assert "Mihai" not in str(value)


def test_consenting_authors_are_named(cluj, cluj_admin, implemented, signed_in):
    author = signed_in(cluj, username="x")  # a bystander cannot consent for others
    assert author.post(f"/proposals/{implemented.pk}/consent/", {"consent": "1"}
                       ).status_code == 403
    with tenant_context(cluj):
        PublicationConsent.objects.create(proposal=implemented, user=implemented.author_user)
    practice = share(cluj, cluj_admin, implemented)
    assert practice.author_names == ["Ioana Pop"]


def test_only_implemented_proposals_are_shared(cluj, cluj_admin, make_call, make_proposal):
    proposal = make_proposal(cluj, make_call(cluj), status=Status.SELECTED)
    with pytest.raises(Exception, match="implemented"):
        share(cluj, cluj_admin, proposal)
    assert not GoodPractice.objects.exists()


def test_review_then_every_city_sees_it(cluj, paris, hub, cluj_admin, implemented, api_for,
                                        make_user):
    practice = share(cluj, cluj_admin, implemented)
    paris_employee = api_for(paris)
    assert paris_employee.get(f"/api/v1/practices/{practice.pk}/").status_code == 404
    coordinator = api_for(hub, roles=[Role.COORDINATOR])
    sent_back = coordinator.post(f"/api/v1/practices/{practice.pk}/review/",
                                 {"action": "changes", "comment": "Add the cost of licences."},
                                 content_type="application/json")
    assert sent_back.json()["status"] == "changes_requested"
    own_admin = api_for(cluj, roles=[Role.CITY_ADMIN])
    assert own_admin.get(f"/api/v1/practices/{practice.pk}/").json()["review_comment"] == (
        "Add the cost of licences.")
    coordinator.post(f"/api/v1/practices/{practice.pk}/review/", {"action": "publish"},
                     content_type="application/json")
    body = paris_employee.get(f"/api/v1/practices/{practice.pk}/").json()
    assert body["source_city"] == "cluj"
    assert body["title"] == "Digital signatures for internal approvals"  # Paris asks for en
    assert api_for(paris).get("/api/v1/practices/").json()["count"] == 1
    employee_of_paris = api_for(paris, roles=[Role.EMPLOYEE])
    assert employee_of_paris.post(f"/api/v1/practices/{practice.pk}/review/",
                                  {"action": "publish"},
                                  content_type="application/json").status_code in (403, 404)


def test_withdrawing_hides_a_practice_everywhere(cluj, paris, hub, cluj_admin, implemented,
                                                  api_for, signed_in):
    practice = share(cluj, cluj_admin, implemented)
    services.practice_publish(practice=practice, by=api_for(hub, roles=[Role.COORDINATOR]).user)
    withdrawn = api_for(cluj, roles=[Role.CITY_ADMIN]).post(
        f"/api/v1/practices/{practice.pk}/withdraw/")
    assert withdrawn.json()["status"] == "withdrawn"
    for city in (cluj, paris):
        assert api_for(city).get(f"/api/v1/practices/{practice.pk}/").status_code == 404
        assert api_for(city).get("/api/v1/practices/").json()["count"] == 0
        assert signed_in(city).get(f"/practices/{practice.pk}/").status_code == 404
    coordinator = api_for(hub, roles=[Role.COORDINATOR])
    assert coordinator.get(f"/api/v1/practices/{practice.pk}/").status_code == 404
    assert signed_in(hub, roles=[Role.COORDINATOR]).get(
        f"/practices/{practice.pk}/").status_code == 404


def test_a_city_admin_cannot_change_another_citys_practice(cluj, paris, hub, cluj_admin,
                                                           implemented, api_for):
    practice = share(cluj, cluj_admin, implemented)
    services.practice_publish(practice=practice, by=api_for(hub, roles=[Role.COORDINATOR]).user)
    paris_admin = api_for(paris, roles=[Role.CITY_ADMIN])
    response = paris_admin.post(f"/api/v1/practices/{practice.pk}/withdraw/")
    assert response.status_code == 403
    assert GoodPractice.objects.get(pk=practice.pk).status == GoodPractice.Status.PUBLISHED
    with tenant_context(paris):
        paris_proposal_ids = list(Proposal.objects.values_list("pk", flat=True))
    refresh = paris_admin.post("/api/v1/practices/share/", {
        "proposal": implemented.pk, "summary": "Hijacked"}, content_type="application/json")
    assert refresh.status_code in (404, 409)  # Paris has no such implemented proposal
    assert GoodPractice.objects.get(pk=practice.pk).summary != "Hijacked"
    assert implemented.pk not in paris_proposal_ids or refresh.status_code == 409


def test_adopting_writes_only_into_the_adopting_city(cluj, paris, hub, cluj_admin, implemented,
                                                     api_for, make_call):
    practice = share(cluj, cluj_admin, implemented)
    services.practice_publish(practice=practice, by=api_for(hub, roles=[Role.COORDINATOR]).user)
    with tenant_context(cluj):
        cluj_calls = Call.objects.count()
    paris_admin = api_for(paris, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    adopted = paris_admin.post(f"/api/v1/practices/{practice.pk}/adopt/",
                               {"target_kind": "call"}, content_type="application/json")
    assert adopted.status_code == 201, adopted.content
    with tenant_context(paris):
        call = Call.objects.get(pk=adopted.json()["target_id"])
        assert call.phase == Phase.DRAFT
        assert call.title_ro == "Semnătura digitală pentru aprobări interne"
        assert call.title_en == "Digital signatures for internal approvals"
    with tenant_context(cluj):
        assert Call.objects.count() == cluj_calls
    assert Adoption.objects.get().city == paris
    again = paris_admin.post(f"/api/v1/practices/{practice.pk}/adopt/",
                             {"target_kind": "call"}, content_type="application/json")
    assert again.status_code == 409
    own = api_for(cluj, roles=[Role.CITY_ADMIN]).post(
        f"/api/v1/practices/{practice.pk}/adopt/", {"target_kind": "call"},
        content_type="application/json")
    assert own.status_code == 409

    outcome = paris_admin.post(f"/api/v1/practices/{practice.pk}/outcome/", {
        "outcome": "implemented", "realised_savings_money": "800", "note": "Adapted to our"
        " intranet."}, content_type="application/json")
    assert outcome.json()["outcome"] == "implemented"
    lineage = api_for(hub, roles=[Role.COORDINATOR]).get(
        f"/api/v1/practices/{practice.pk}/").json()
    assert [(a["city"], a["outcome"]) for a in lineage["adoptions"]] == [
        ("paris", "implemented")]
    assert lineage["adoption_count"] == 1


def test_adopting_as_a_draft_proposal_in_an_open_call(cluj, paris, hub, cluj_admin,
                                                      implemented, api_for, make_call):
    practice = share(cluj, cluj_admin, implemented)
    services.practice_publish(practice=practice, by=api_for(hub, roles=[Role.COORDINATOR]).user)
    open_call = make_call(paris, phase=Phase.SUBMISSION)
    admin = api_for(paris, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    adopted = admin.post(f"/api/v1/practices/{practice.pk}/adopt/",
                         {"target_kind": "proposal", "call": open_call.pk},
                         content_type="application/json")
    assert adopted.status_code == 201
    with tenant_context(paris):
        proposal = Proposal.objects.get(pk=adopted.json()["target_id"])
        assert proposal.status == Status.DRAFT
        assert proposal.author == admin.user


def test_a_coordinator_cannot_read_proposals_that_were_never_shared(cluj, hub, api_for,
                                                                    make_call, make_proposal,
                                                                    client_for):
    make_proposal(cluj, make_call(cluj), title="Confidential internal idea")
    coordinator = api_for(hub, roles=[Role.COORDINATOR])
    assert coordinator.get("/api/v1/proposals/").status_code == 404
    assert "Confidential internal idea" not in coordinator.get("/api/v1/practices/").text
    assert client_for(cluj, HTTP_AUTHORIZATION=f"Token {coordinator.token}").get(
        "/api/v1/proposals/").status_code == 401


@pytest.mark.parametrize(("language", "title", "query"), [
    ("ro", "Digitalizarea semnăturilor electronice", "semnătura"),
    ("fr", "Dématérialisation des factures fournisseurs", "facture"),
    ("hu", "Elektronikus aláírások bevezetése", "aláírás"),
    ("nl", "Digitale handtekeningen voor goedkeuringen", "handtekening"),
])
def test_search_finds_inflected_forms_in_each_language(cluj, hub, api_for, language, title,
                                                       query):
    practice = GoodPractice.objects.create(
        source_city=cluj, source_proposal_id=999, currency="RON", summary="-",
        status=GoodPractice.Status.PUBLISHED, published_at=timezone.now())
    setattr(practice, f"title_{language}", title)
    practice.save()
    found = api_for(hub, roles=[Role.COORDINATOR]).get("/api/v1/practices/", {"q": query})
    assert [p["id"] for p in found.json()["results"]] == [practice.pk]
    missed = api_for(hub, roles=[Role.COORDINATOR]).get("/api/v1/practices/",
                                                        {"q": "parcare"})
    assert missed.json()["count"] == 0


def test_filters_by_savings_and_adoptions(cluj, paris, hub, api_for):
    big = GoodPractice.objects.create(source_city=cluj, source_proposal_id=1, currency="RON",
                                      title="Big", summary="-", realised_savings_money=50000,
                                      status=GoodPractice.Status.PUBLISHED)
    GoodPractice.objects.create(source_city=cluj, source_proposal_id=2, currency="RON",
                                title="Small", summary="-", realised_savings_money=100,
                                status=GoodPractice.Status.PUBLISHED)
    Adoption.objects.create(practice=big, city=paris, target_kind="call", target_id=1)
    api = api_for(hub, roles=[Role.COORDINATOR])
    titles = lambda **params: [p["title"] for p in api.get(  # noqa: E731
        "/api/v1/practices/", params).json()["results"]]
    assert titles(min_savings=1000) == ["Big"]
    assert titles(max_savings=1000) == ["Small"]
    assert titles(min_adoptions=1) == ["Big"]
    assert titles(city="paris") == []


def test_events_reach_every_city(cluj, paris, hub, api_for, signed_in, client_for):
    coordinator = api_for(hub, roles=[Role.COORDINATOR])
    starts = (timezone.now() + timedelta(days=7)).isoformat()
    created = coordinator.post("/api/v1/events/", {
        "title": "Webinar: paperless approvals", "kind": "webinar", "starts_at": starts,
        "language": "en", "link": "https://meet.example/paperless"},
        content_type="application/json")
    assert created.status_code == 201, created.content
    assert api_for(cluj).post("/api/v1/events/", {"title": "x", "starts_at": starts,
                                                  "language": "en"},
                              content_type="application/json").status_code == 403
    for city in (cluj, paris):
        assert "Webinar: paperless approvals" in client_for(city).get("/").text
        assert [e["title"] for e in api_for(city).get("/api/v1/events/").json()["results"]] == [
            "Webinar: paperless approvals"]


def test_pages_for_sharing_and_adopting(cluj, paris, hub, cluj_admin, implemented, signed_in,
                                        api_for):
    admin = signed_in(cluj, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    form = admin.get(f"/practices/share/{implemented.pk}/")
    assert form.status_code == 200
    shared = admin.post(f"/practices/share/{implemented.pk}/", {
        "summary": "Approvals signed online.", "tags": "paperless, signatures",
        "contact_role": "Head of IT"})
    assert shared.status_code == 302
    practice = GoodPractice.objects.get()
    coordinator = signed_in(hub, roles=[Role.COORDINATOR])
    assert "Approvals signed online." in coordinator.get(f"/practices/{practice.pk}/").text
    coordinator.post(f"/practices/{practice.pk}/review/", {"action": "publish"})
    paris_admin = signed_in(paris, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    page = paris_admin.get(f"/practices/{practice.pk}/")
    assert "Adopt" in page.text
    adopted = paris_admin.post(f"/practices/{practice.pk}/adopt/", {"target_kind": "call"})
    assert adopted.status_code == 302
    assert adopted.url.startswith("/calls/")
