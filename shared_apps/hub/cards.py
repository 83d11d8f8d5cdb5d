"""What a card of the good-practices page shows, as the reader reads it.

The cards' texts are worked out here in one pass rather than by the template's tags and
filters card by card: with 25 cards, two `{% blocktranslate %}`, two `{% in_its_language %}`
(each looking its field up twice), a money filter and `truncatewords` per card cost a
third of the page. The text is the same: the sentences come from the same catalog entries
and the values are escaped as the template escaped them."""

from typing import TypedDict

from django.db.models import F, QuerySet
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext

from innovato import formatting
from innovato.i18n import displayed_each, foreign
from shared_apps.hub.models import GoodPractice
from tenants.templatetags.content_language import in_language

SUMMARY_WORDS = 25


class PracticeCard(TypedDict):
    """A dict rather than an object: the template reads ten keys of each of 25 cards, and
    reads a dict's key at once where it first tries, and fails, to index an object."""

    url: str
    title: SafeString  # in its language, labelled when not the page's
    city: str
    theme: str
    featured: bool
    status: str
    status_label: str
    summary: SafeString  # its first words, in its language as the title
    savings: SafeString  # "12 000 RON (≈ 2 400 €) saved"
    adoptions: SafeString  # "adopted by 2 cities"


# What a card shows (each translated field with its every language); the source city's
# name is read as `city_name`, a column rather than a city per card.
CARD_FIELDS = ("title", "summary", "theme", "status", "featured", "realised_savings_money",
               "currency")


def for_cards(practices: QuerySet[GoodPractice]) -> QuerySet[GoodPractice]:
    """`practices` (with `adoption_count`) reading only what `practice_cards` shows."""
    return (practices.select_related(None).only(*CARD_FIELDS)
            .annotate(city_name=F("source_city__name")))


def practice_cards(practices) -> list[PracticeCard]:
    """A card for each of `practices`, as `for_cards` reads them."""
    practices = list(practices)
    saved = gettext("%(amount)s saved")
    shown = zip(practices, displayed_each(practices, "title"),
                displayed_each(practices, "summary"), displayed_each(practices, "theme"),
                strict=True)
    return [_card(practice, title, summary, theme, saved)
            for practice, title, summary, (theme, _language) in shown]


def _card(practice: GoodPractice, title: tuple[str, str | None],
          summary: tuple[str, str | None], theme: str, saved: str) -> PracticeCard:
    """`title` and `summary`: the text shown and its language (`displayed_each`)."""
    title, title_language = title
    summary, summary_language = summary
    shortened = Truncator(str(summary)).words(SUMMARY_WORDS, truncate=" …")  # |truncatewords
    amount = formatting.money_and_euros(practice.realised_savings_money, practice.currency)
    count = practice.adoption_count
    adopted = ngettext("adopted by %(counter)s city", "adopted by %(counter)s cities", count)
    return PracticeCard(
        url=practice.get_absolute_url(),
        title=in_language(title, foreign(title_language)),
        city=practice.city_name,
        theme=theme,
        featured=practice.featured,
        status=practice.status,
        status_label=practice.get_status_display(),
        summary=in_language(shortened, foreign(summary_language)),
        # As `{% blocktranslate %}` writes them: the catalog's sentence, which is trusted,
        # around the escaped values.
        savings=mark_safe(saved % {"amount": conditional_escape(amount)}),
        adoptions=mark_safe(adopted % {"counter": conditional_escape(localize(count))}),
    )
