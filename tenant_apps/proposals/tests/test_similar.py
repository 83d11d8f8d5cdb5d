"""Similar-title hints: a proposal is suggested for what it is about, never for the little
words ("pentru", "pour les") every title shares."""

import pytest

pytestmark = pytest.mark.django_db

CLUJ_TITLES = [
    "Biciclete pentru deplasările de serviciu",
    "Formulare online pentru cetățeni",
    "Panouri solare pentru clădirile primăriei",
    "Instruire pentru folosirea arhivei",
    "Un calendar comun pentru sălile de ședință",
    "Digitalizarea semnăturilor pentru aprobări",
]
PARIS_TITLES = [
    "Des vélos pour les agents",
    "Une formation pour les nouveaux agents",
    "Des panneaux solaires sur les écoles",
    "Un guichet unique pour les habitants",
    "Dématérialisation des factures fournisseurs",
]


def _suggested(api, fragment_client, title: str) -> tuple[list[str], str]:
    found = api.get("/api/v1/proposals/similar/", {"title": title})
    assert found.status_code == 200, found.content
    fragment = fragment_client.get("/proposals/similar/", {"title": title})
    assert fragment.status_code == 200
    return [p["title"] for p in found.json()], fragment.text


@pytest.fixture
def romanian_city(cluj, make_call, make_proposal):
    call = make_call(cluj)
    for title in CLUJ_TITLES:
        make_proposal(cluj, call, title=title, problem="", solution="")
    return cluj


def test_an_unrelated_title_gets_no_suggestion(romanian_city, paris, api_for, signed_in,
                                                make_call, make_proposal):
    api, page = api_for(romanian_city), signed_in(romanian_city)
    for title in ("Grădiniță pentru copiii angajaților", "Gradinita pentru copiii angajatilor"):
        titles, fragment = _suggested(api, page, title)
        assert titles == []
        assert "Similar proposals" not in fragment

    call = make_call(paris)
    for title in PARIS_TITLES:
        make_proposal(paris, call, title=title, problem="", solution="")
    api, page = api_for(paris), signed_in(paris)
    for title in ("Une crèche pour les enfants du personnel",
                  "Une creche pour les enfants du personnel"):
        titles, fragment = _suggested(api, page, title)
        assert titles == []
        assert "Similar proposals" not in fragment


def test_the_near_duplicate_comes_first_with_or_without_diacritics(
        romanian_city, paris, api_for, signed_in, make_call, make_proposal):
    api, page = api_for(romanian_city), signed_in(romanian_city)
    for title in ("Semnături digitale pentru aprobări", "Semnaturi digitale pentru aprobari",
                  "semnatura digitala"):
        titles, fragment = _suggested(api, page, title)
        assert titles[:1] == ["Digitalizarea semnăturilor pentru aprobări"], title
        assert len(titles) == 1, titles  # the others share only "pentru"
        assert "Digitalizarea semnăturilor pentru aprobări" in fragment

    call = make_call(paris)
    for title in PARIS_TITLES:
        make_proposal(paris, call, title=title, problem="", solution="")
    api, page = api_for(paris), signed_in(paris)
    for title in ("Factures dématérialisées pour les fournisseurs",
                  "factures dematerialisees pour les fournisseurs"):
        titles, fragment = _suggested(api, page, title)
        assert titles == ["Dématérialisation des factures fournisseurs"], title
        assert "Dématérialisation des factures fournisseurs" in fragment
    # Sharing a meaningful word is enough to be suggested.
    titles, _fragment = _suggested(api, page, "Covoiturage des agents")
    assert set(titles) == {"Des vélos pour les agents", "Une formation pour les nouveaux agents"}
