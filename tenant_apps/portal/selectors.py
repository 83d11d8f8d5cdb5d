from django.core.cache import cache
from django.utils import translation

from tenant_apps.portal.models import CityTerm, PortalSettings, Term
from tenant_apps.portal.services import terms_cache_key


def city_terms(language: str | None = None) -> dict[str, str]:
    """The city's words for the key terms in `language` (the active one by default): its
    own where it set them, the translated defaults otherwise. Cached per city and language.
    """
    language = language or translation.get_language()
    key = terms_cache_key(language)
    overrides = cache.get(key)
    if overrides is None:
        overrides = dict(CityTerm.objects.filter(language=language).values_list("key", "text"))
        cache.set(key, overrides, 3600)
    with translation.override(language):
        return {term.value: overrides.get(term.value) or str(term.label) for term in Term}


def portal_settings() -> PortalSettings:
    """The city's home page settings (the defaults while the admin has changed nothing)."""
    return PortalSettings.objects.filter(pk=1).first() or PortalSettings(pk=1)


def home_for(user) -> dict:
    """What a signed-in employee's home page shows of their own work: drafts to finish,
    tasks waiting for them and the calls they can vote in now (each from the app that owns
    it)."""
    from tenant_apps.evaluation.selectors import scorecards_to_fill
    from tenant_apps.implementation.selectors import milestones_due_for
    from tenant_apps.proposals.selectors import coauthor_invitations_for, drafts_of
    from tenant_apps.voting.selectors import calls_voting_for

    tasks = {
        "scorecards": list(scorecards_to_fill(user)[:10]),
        "invitations": list(coauthor_invitations_for(user)[:10]),
        "milestones": list(milestones_due_for(user)[:10]),
    }
    return {"drafts": list(drafts_of(user)[:10]), "tasks": tasks,
            "has_tasks": any(tasks.values()), "voting": list(calls_voting_for(user)[:10])}
