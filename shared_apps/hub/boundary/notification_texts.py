"""Texts of the notifications cities get from the network hub, written in the reader's
language when read. Practices are named by their title in that language. Registered when
the boundary is loaded (HubConfig.ready): a city's notification names a hub's practice."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from shared_apps.hub.models import GoodPractice
from tenant_apps.notifications.models import Kind
from tenant_apps.notifications.registry import renderer, resolver


@resolver("hub.goodpractice")
def practice_titles(ids: set) -> dict:
    return {practice.pk: practice.title for practice in GoodPractice.objects.filter(pk__in=ids)}


@renderer(Kind.PRACTICE_REVIEW)
def practice_review(params: dict) -> tuple[str, str]:
    if params["outcome"] == "published":
        return (_("Your practice “%(practice)s” is published") % params,
                _("Every city of the network can now read and adopt it."))
    return (_("Changes are asked for your practice “%(practice)s”") % params,
            _("The network coordinator writes: %(comment)s") % params)


@renderer(Kind.PRACTICE_ADOPTED_CHANGED)
def practice_adopted_changed(params: dict) -> tuple[str, str]:
    if params["change"] == "withdrawn":
        return (_("%(city)s withdrew “%(practice)s”") % params,
                _("Your city adopted this practice; it is no longer shared in the network."))
    return (_("%(city)s updated “%(practice)s”") % params,
            _("Your city adopted this practice; see what changed."))


@renderer(Kind.PRACTICES_DIGEST)
def practices_digest(params: dict) -> tuple[str, str]:
    count = len(params["practices"])
    lines = [_("%(practice)s (%(city)s)") % {"practice": practice, "city": city}
             for practice, city in zip(params["practices"], params["cities"], strict=True)]
    return (ngettext("%(count)d new practice in the network",
                     "%(count)d new practices in the network", count) % {"count": count},
            "\n".join(lines))


@renderer(Kind.PRACTICE_DISCUSSION)
def practice_discussion(params: dict) -> tuple[str, str]:
    values = {**params, "author": params["name"],
              "city": params["city"] or _("network coordinator")}
    if params.get("answer"):
        title = _("%(author)s (%(city)s) answered you about “%(practice)s”") % values
    else:
        title = _("%(author)s (%(city)s) asks about “%(practice)s”") % values
    return title, params["body"]
