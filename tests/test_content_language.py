"""A text shown in another language than the page's (a practice of another city, a
proposal written in English) carries its `lang` and a visible label of its language,
named in the reader's language (WCAG 3.1.2)."""

from html.parser import HTMLParser

import pytest
from django.utils import translation
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from shared_apps.hub.models import GoodPractice

pytestmark = pytest.mark.django_db


class LangParts(HTMLParser):
    """Each element with a lang attribute (but <html> and the language switcher): its
    language and text, and the text of the language label that follows it."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[dict] = []
        self.stack: list[dict | None] = []
        self.label: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        part = None
        # The language switcher names each language in itself (options, or the header
        # menu's buttons): not content to label.
        switcher = tag == "option" or (tag == "button" and attrs.get("name") == "language")
        if "lang" in attrs and tag != "html" and not switcher:
            part = {"lang": attrs["lang"], "text": "", "label": None}
            self.parts.append(part)
        elif "content-language" in (attrs.get("class") or "").split():
            part = {"label_of": self.parts[-1]}
        if tag not in ("br", "input", "img", "meta", "link"):
            self.stack.append(part)

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        for part in self.stack:
            if part is None:
                continue
            if "label_of" in part:
                owner = part["label_of"]
                owner["label"] = (owner["label"] or "") + data
            else:
                part["text"] += data


def lang_parts(response) -> dict[str, tuple[str, str]]:
    """{text: (lang, label)} of the page's foreign-language parts."""
    assert response.status_code == 200
    parser = LangParts()
    parser.feed(response.content.decode())
    return {part["text"].strip(): (part["lang"], (part["label"] or "").strip())
            for part in parser.parts}


def test_a_practice_in_another_language_is_marked_and_labelled(cluj, paris, hub, signed_in,
                                                               client_for):
    romanian = GoodPractice.objects.create(
        source_city=cluj, source_proposal_id=1, currency="RON", realised_savings_money=10,
        title_ro="Semnături digitale", summary_ro="Aprobări fără hârtie.",
        status=GoodPractice.Status.PUBLISHED)
    both = GoodPractice.objects.create(
        source_city=cluj, source_proposal_id=2, currency="RON", realised_savings_money=10,
        title_ro="Biciclete", title_fr="Vélos", title_en="Bicycles",
        summary_ro="Pe două roți.", summary_fr="Sur deux roues.", summary_en="On two wheels.",
        status=GoodPractice.Status.PUBLISHED)
    reader = signed_in(paris, headers={"HTTP_ACCEPT_LANGUAGE": "fr"})
    for path in ("/practices/", f"/practices/{romanian.pk}/"):
        parts = lang_parts(reader.get(path))
        assert parts["Semnături digitale"] == ("ro", "(Roumain)"), path
        assert "Vélos" not in parts  # in the reader's own language: nothing to mark
    assert parts["Aprobări fără hârtie."] == ("ro", "(Roumain)")
    assert lang_parts(reader.get(f"/practices/{both.pk}/")) == {}

    # On the hub, in English.
    parts = lang_parts(signed_in(hub, roles=[Role.COORDINATOR]).get(f"/practices/{romanian.pk}/"))
    assert parts["Semnături digitale"] == ("ro", "(Romanian)")


def test_proposals_and_calls_written_in_english_on_a_romanian_page(cluj, signed_in, make_call,
                                                                   make_proposal):
    with translation.override("en"):
        call = make_call(cluj, title="Less paper")
        proposal = make_proposal(cluj, call, title="Digital signatures",
                                 problem="Paper approvals.")
    with tenant_context(cluj), translation.override("ro"):
        native = make_proposal(cluj, call, title="Biciclete pentru deplasări")
    reader = signed_in(cluj, headers={"HTTP_ACCEPT_LANGUAGE": "ro"})
    listed = lang_parts(reader.get("/proposals/"))
    assert listed["Digital signatures"] == ("en", "(Engleză)")
    assert native.title not in listed
    detail = lang_parts(reader.get(f"/proposals/{proposal.pk}/"))
    assert detail["Digital signatures"] == ("en", "(Engleză)")
    assert detail["Paper approvals."] == ("en", "(Engleză)")
    for path in ("/calls/", f"/calls/{call.pk}/"):
        assert lang_parts(reader.get(path))["Less paper"] == ("en", "(Engleză)"), path
    # Read in English, the same texts are in the page's language.
    english = signed_in(cluj, headers={"HTTP_ACCEPT_LANGUAGE": "en"})
    assert "Digital signatures" not in lang_parts(english.get(f"/proposals/{proposal.pk}/"))


@pytest.mark.parametrize("language", ["fr", "en", "hu"])
def test_displayed_each_reads_every_row_as_displayed_does(cluj, language):
    """The fallback order looked up once for a list gives each row what `displayed` gives it:
    the reader's language, the city's, English, any other, else the field's default."""
    from innovato.i18n import displayed, displayed_each

    practices = [
        GoodPractice(title_fr="Vélos", title_ro="Biciclete", theme_ro="Mobilitate"),
        GoodPractice(title_ro="Biciclete", summary_en="Bikes for staff.", theme_hu="Mobilitás"),
        GoodPractice(title_en="Bikes", summary_it="Biciclette."),
        GoodPractice(title_nl="Fietsen"),
        GoodPractice(),
    ]
    with tenant_context(cluj), translation.override(language):
        for field in ("title", "summary", "theme"):
            assert displayed_each(practices, field) == [displayed(p, field) for p in practices]
    with translation.override(language):  # on the hub: no city language in the order
        for field in ("title", "summary", "theme"):
            assert displayed_each(practices, field) == [displayed(p, field) for p in practices]
    assert displayed_each([], "title") == []
