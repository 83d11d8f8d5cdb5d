"""What the practices page shows, word for word: each card (its title in its language, the
source city, theme and badges, the summary cut at 25 words, the savings as shared and in
euros, the adoptions) and the filter form, which keeps the values chosen."""

import re
from decimal import Decimal

import pytest

from shared_apps.accounts.models import Role
from shared_apps.hub.models import Adoption, Collection, GoodPractice
from tenants.models import City

pytestmark = pytest.mark.django_db

NBSP, NNBSP = "\u00a0", "\u202f"
WORDS = " ".join(f"word{i}" for i in range(30))


def _squeezed(html: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", html).strip()  # not the no-break spaces


def _cards(page) -> dict[str, str]:
    """The page's cards by practice title, whitespace squeezed."""
    cards = re.findall(r'<li class="card">.*?</li>', _squeezed(page.content.decode()))
    return {re.search(r'<a href="[^"]*">(?:<span lang="\w+">)?([^<]*)<', card).group(1): card
            for card in cards}


def _field(page, name: str) -> str:
    """The filter form's field `name` (its label and its control), whitespace squeezed."""
    fields = re.findall(r'<div class="field">.*?</div>', _squeezed(page.content.decode()))
    return next(field for field in fields if f' name="{name}"' in field)


@pytest.fixture
def practices(cluj, paris, settings):
    settings.EXCHANGE_RATES_TO_EUR = {**settings.EXCHANGE_RATES_TO_EUR, "RON": 0.2}
    veszprem = City.objects.get(slug="veszprem")
    bikes = GoodPractice.objects.create(
        source_city=cluj, source_proposal_id=1, currency="RON", title_en="Shared bikes",
        title_ro="Biciclete partajate", summary_en=WORDS, theme_en="Mobility",
        tags=["bikes"], featured=True, realised_savings_money=Decimal("12000"),
        status=GoodPractice.Status.PUBLISHED)
    payroll = GoodPractice.objects.create(
        source_city=paris, source_proposal_id=2, currency="EUR", title_fr="Paie sans papier",
        summary_fr="La paie <sans> papier.", realised_savings_money=Decimal("3000.50"),
        status=GoodPractice.Status.SUBMITTED)
    for practice, city in ((bikes, paris), (bikes, veszprem), (payroll, cluj)):
        Adoption.objects.create(practice=practice, city=city, target_kind="call", target_id=1)
    Collection.objects.create(name="Green <ideas>").practices.add(bikes)
    return bikes, payroll


def test_a_coordinator_reads_each_card_in_english(practices, hub, signed_in):
    bikes, payroll = practices
    coordinator = signed_in(hub, roles=[Role.COORDINATOR])
    cards = _cards(coordinator.get("/practices/"))
    assert cards["Shared bikes"] == (
        f'<li class="card"> <h2 class="card-title"><a href="/practices/{bikes.pk}/">'
        'Shared bikes</a></h2> <p>Cluj-Napoca · Mobility · <span class="badge">Featured</span>'
        '</p> <p><span class="badge">Published</span></p> <p>'
        + " ".join(f"word{i}" for i in range(25)) + " …</p> "
        f'<p class="help">RON{NBSP}12,000 (≈{NBSP}€2,400) saved · adopted by 2 cities</p> '
        "</li>")
    assert cards["Paie sans papier"] == (
        f'<li class="card"> <h2 class="card-title"><a href="/practices/{payroll.pk}/">'
        '<span lang="fr">Paie sans papier</span> <span class="content-language">(French)'
        '</span></a></h2> <p>Paris</p> <p><span class="badge">Waiting for review</span></p> '
        '<p><span lang="fr">La paie &lt;sans&gt; papier.</span> '
        '<span class="content-language">(French)</span></p> '
        '<p class="help">€3,000.50 saved · adopted by 1 city</p> </li>')


def test_a_coordinator_reads_each_card_in_french(practices, hub, signed_in):
    bikes, payroll = practices
    coordinator = signed_in(hub, roles=[Role.COORDINATOR],
                            headers={"HTTP_ACCEPT_LANGUAGE": "fr"})
    cards = _cards(coordinator.get("/practices/"))
    assert cards["Shared bikes"] == (
        f'<li class="card"> <h2 class="card-title"><a href="/practices/{bikes.pk}/">'
        '<span lang="en">Shared bikes</span> <span class="content-language">(Anglais)</span>'
        '</a></h2> <p>Cluj-Napoca · Mobility · <span class="badge">À la une</span></p> '
        '<p><span class="badge">Publiée</span></p> <p><span lang="en">'
        + " ".join(f"word{i}" for i in range(25)) + " …</span> "
        '<span class="content-language">(Anglais)</span></p> '
        f'<p class="help">12{NNBSP}000{NBSP}RON (≈{NBSP}2{NNBSP}400{NBSP}€) économisés · '
        "adoptée par 2 villes</p> </li>")
    assert cards["Paie sans papier"] == (
        f'<li class="card"> <h2 class="card-title"><a href="/practices/{payroll.pk}/">'
        'Paie sans papier</a></h2> <p>Paris</p> '
        "<p><span class=\"badge\">En attente d&#x27;examen</span></p> "
        "<p>La paie &lt;sans&gt; papier.</p> "
        f'<p class="help">3{NNBSP}000,50{NBSP}€ économisés · adoptée par 1 ville</p> </li>')


def test_a_city_reader_sees_no_status_on_published_cards(practices, cluj, signed_in):
    reader = signed_in(cluj, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    cards = _cards(reader.get("/practices/"))
    assert list(cards) == ["Shared bikes"]  # only the published one
    assert '<span class="badge">Published</span>' not in cards["Shared bikes"]
    assert '· <span class="badge">Featured</span></p>' in cards["Shared bikes"]


def test_the_filters_keep_the_values_chosen(practices, hub, signed_in):
    green = Collection.objects.get()
    coordinator = signed_in(hub, roles=[Role.COORDINATOR])
    page = coordinator.get("/practices/", {
        "q": "bikes", "theme": "Mobility", "city": "cluj", "min_savings": "100",
        "max_savings": "5000", "min_adoptions": "1", "tag": "bikes", "ordering": "-savings",
        "status": "published", "collection": str(green.pk)})
    assert list(_cards(page)) == ["Shared bikes"]
    assert _field(page, "q") == (
        '<div class="field"><label for="id_q">Search</label>'
        '<input type="text" name="q" value="bikes" id="id_q"></div>')
    assert _field(page, "theme") == (
        '<div class="field"><label for="id_theme">Theme</label>'
        '<select name="theme" id="id_theme"> <option value="">All themes</option> '
        '<option value="Mobility" selected>Mobility</option> </select></div>')
    assert _field(page, "city") == (
        '<div class="field"><label for="id_city">City</label>'
        '<select name="city" id="id_city"> <option value="">All cities</option> '
        '<option value="cluj" selected>Cluj-Napoca</option> '
        '<option value="paris">Paris</option> </select></div>')
    assert _field(page, "min_savings") == (
        '<div class="field"><label for="id_min_savings">Savings at least (EUR)</label>'
        '<input type="number" name="min_savings" value="100" min="0" step="any" '
        'id="id_min_savings"></div>')
    assert _field(page, "max_savings") == (
        '<div class="field"><label for="id_max_savings">Savings at most (EUR)</label>'
        '<input type="number" name="max_savings" value="5000" min="0" step="any" '
        'id="id_max_savings"></div>')
    assert _field(page, "min_adoptions") == (
        '<div class="field"><label for="id_min_adoptions">Adopted by at least</label>'
        '<input type="number" name="min_adoptions" value="1" min="0" id="id_min_adoptions">'
        "</div>")
    assert _field(page, "tag") == (
        '<div class="field"><label for="id_tag">Tag</label>'
        '<select name="tag" id="id_tag"> <option value="">All tags</option> '
        '<option value="bikes" selected>bikes</option> </select></div>')
    assert _field(page, "ordering") == (
        '<div class="field"><label for="id_ordering">Sort</label>'
        '<select name="ordering" id="id_ordering"> <option value="">Newest first</option> '
        '<option value="-savings" selected>Highest savings first</option> '
        '<option value="savings">Lowest savings first</option> </select></div>')
    assert _field(page, "status") == (
        '<div class="field"><label for="f-status">Status</label> '
        '<select id="f-status" name="status"><option value="">All statuses</option> '
        '<option value="submitted">Waiting for review</option>'
        '<option value="published" selected>Published</option>'
        '<option value="changes_requested">Changes requested</option>'
        '<option value="withdrawn">Withdrawn</option></select></div>')
    assert _field(page, "collection") == (
        '<div class="field"><label for="f-collection">Collection</label> '
        '<select id="f-collection" name="collection"><option value="">All collections</option> '
        f'<option value="{green.pk}" selected>Green &lt;ideas&gt;</option></select></div>')


def test_the_filters_mark_the_values_refused(practices, hub, signed_in):
    coordinator = signed_in(hub, roles=[Role.COORDINATOR],
                            headers={"HTTP_ACCEPT_LANGUAGE": "fr"})
    page = coordinator.get("/practices/", {"min_savings": "abc", "ordering": "bogus",
                                           "theme": "Parking"})
    assert _field(page, "min_savings") == (
        '<div class="field"><label for="id_min_savings">Économies d&#x27;au moins (EUR)'
        '</label><input type="number" name="min_savings" value="abc" min="0" step="any" '
        'aria-invalid="true" aria-describedby="id_min_savings_error" id="id_min_savings">'
        "</div>")
    assert _field(page, "ordering") == (
        '<div class="field"><label for="id_ordering">Trier</label>'
        '<select name="ordering" aria-invalid="true" aria-describedby="id_ordering_error" '
        'id="id_ordering"> <option value="">Plus récentes d&#x27;abord</option> '
        '<option value="-savings">Plus fortes économies d&#x27;abord</option> '
        '<option value="savings">Plus faibles économies d&#x27;abord</option> </select></div>')
    assert _field(page, "theme") == (  # an old link's value stays visible, chosen
        '<div class="field"><label for="id_theme">Thème</label>'
        '<select name="theme" id="id_theme"> <option value="">Tous les thèmes</option> '
        '<option value="Mobility">Mobility</option> '
        '<option value="Parking" selected>Parking</option> </select></div>')
    assert _field(page, "q") == (
        '<div class="field"><label for="id_q">Rechercher</label>'
        '<input type="text" name="q" id="id_q"></div>')


@pytest.mark.parametrize(("plain", "django_widget", "value", "attrs"), [
    ("PlainTextInput", "TextInput", 'a "quoted" <b>', {"id": "id_q", "required": True}),
    ("PlainTextInput", "TextInput", None, {"id": "id_q", "disabled": False}),
    ("PlainNumberInput", "NumberInput", "12.5", {"min": 0, "step": "any",
                                                 "aria-invalid": "true"}),
    ("PlainSelect", "Select", "b&c", {"id": "id_theme"}),
    ("PlainSelect", "Select", "", {"aria-describedby": "id_theme_error"}),
])
def test_the_filter_widgets_write_what_djangos_templates_write(plain, django_widget, value,
                                                               attrs):
    from django import forms

    from shared_apps.hub import forms as hub_forms

    choices = [("", "All <themes>"), ("b&c", "B & C"), (3, 3),
               ("Group", [("g1", "One"), ("g2", "Two")])]
    ours, theirs = getattr(hub_forms, plain)(), getattr(forms, django_widget)()
    if django_widget == "Select":
        ours.choices = theirs.choices = choices
    assert (ours.render("field", value, attrs=attrs)
            == theirs.render("field", value, attrs=attrs))
