from django.core.cache import cache
from django.utils import translation

from innovato.i18n import in_every_language
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


OPEN_CALLS_KEY = "portal:open-calls"
OPEN_CALLS_SECONDS = 60


def open_calls_shown() -> list:
    """The open calls as the home page's cards show them (title, dates, proposal count), the
    same for everyone in the city: kept a minute, and forgotten as soon as a call changes
    (`PortalConfig.ready`), so only the counts of proposals can lag behind."""
    from tenant_apps.calls.selectors import calls_open

    return cache.get_or_set(OPEN_CALLS_KEY, lambda: list(
        calls_open().prefetch_related(None)
        .only("title", "submission_starts", "evaluation_starts")[:12]), OPEN_CALLS_SECONDS)


def open_calls_forget(**_signal) -> None:
    cache.delete(OPEN_CALLS_KEY)


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

    # Each list takes only the columns the page shows: the page runs all of them on every
    # visit, and the full rows (every language of every text, every joined table) cost
    # more to plan, send and read than everything else on it.
    tasks = {
        "scorecards": list(
            scorecards_to_fill(user).select_related(None).select_related("proposal__call")
            .only("proposal", "proposal__call",
                  *in_every_language("proposal__title", "proposal__call__title"))[:10]),
        "invitations": list(coauthor_invitations_for(user).only(
            "proposal", *in_every_language("proposal__title"), "invited_by",
            "invited_by__username", "invited_by__first_name", "invited_by__last_name")[:10]),
        "milestones": list(milestones_due_for(user).only(
            "title", "due_on", "state", "implementation", "implementation__proposal",
            *in_every_language("implementation__proposal__title"))[:10]),
    }
    return {"drafts": list(drafts_of(user).only("title", "updated_at", "call",
                                                *in_every_language("call__title"))[:10]),
            "tasks": tasks, "has_tasks": any(tasks.values()),
            "voting": list(calls_voting_for(user).only("title", "results_on")[:10])}
